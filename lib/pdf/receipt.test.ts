import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderApplicationReceipt } from './receipt';
import type { ApplicationReceiptData } from './receipt';
import { pageImages, readPdfText } from './test-pdf-text';

const hashes = [
  '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
];

function sample(overrides: Partial<ApplicationReceiptData> = {}): ApplicationReceiptData {
  return {
    applicationNumber: 'PVT-2026-000123',
    projectName: 'Condominio Los Ñires',
    callName: 'Llamado especial 2026 para Organizaciones de Trabajadores',
    organization: { name: 'Sindicato N°1 de Trabajadores Pingüino ¿Unidos? ¡Sí!', rut: '76543210-3' },
    submittedAt: new Date('2026-11-22T17:05:00Z'),
    documents: [
      { typeLabel: 'Certificado de dominio vigente', fileName: 'certificado-dominio.pdf', sha256: hashes[0] ?? '' },
      { typeLabel: 'Convenio de Trabajo', fileName: 'convenio.pdf', sha256: hashes[1] ?? '' },
      { typeLabel: 'Carta Gantt', fileName: 'gantt.png', sha256: hashes[2] ?? '' },
    ],
    roster: { total: 120, byBand: { 1: 30, 2: 78, 3: 12 }, unionMembers: 100, nonUnionMembers: 20 },
    verificationUrl: 'https://portal.example.cl/verificar/PVT-2026-000123?c=8f3a9c2e',
    ...overrides,
  };
}

describe('renderApplicationReceipt', () => {
  it('renders a PDF that pdf-lib reads back, with its metadata', async () => {
    const bytes = await renderApplicationReceipt(sample());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Comprobante de postulación PVT-2026-000123');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-22T17:05:00.000Z');
  });

  it('states the number, organisation, RUT, Chile time, roster and every full hash, accents intact', async () => {
    const [text = ''] = await readPdfText(await renderApplicationReceipt(sample()));
    const flowing = text.replace(/\n/g, ' ');
    expect(text).toContain('Comprobante de postulación');
    expect(text).toContain('PVT-2026-000123');
    expect(flowing).toContain('Sindicato N°1 de Trabajadores Pingüino ¿Unidos? ¡Sí!');
    expect(text).toContain('76.543.210-3');
    expect(text).toContain('Condominio Los Ñires');
    expect(text).toContain('22 de noviembre de 2026, 14:05 (hora de Chile)');
    expect(text).toMatch(/Tramo 1\nTramo 2\nTramo 3\nSindicalizados\nNo sindicalizados\nTotal de trabajadores\n30\n78\n12\n100\n20 \(16,7 %\)\n120/);
    for (const hash of hashes) expect(text).toContain(`SHA-256: ${hash}`);
    expect(text).toContain('Archivo: certificado-dominio.pdf');
    expect(text).toContain('https://portal.example.cl/verificar/PVT-2026-000123?c=8f3a9c2e');
  });

  it('lists every dwelling line, several in one band at different prices, with the total', async () => {
    const dwellings = [
      { band: 1, count: 30, priceUf: '1200' },
      { band: 2, count: 78, priceUf: '1600' },
      { band: 3, count: 6, priceUf: '1800' },
      { band: 3, count: 6, priceUf: '2000.5' },
    ];
    const [text = ''] = await readPdfText(await renderApplicationReceipt(sample({ dwellings })));
    expect(text).toMatch(/Viviendas del proyecto\nTramo\nViviendas\nPrecio por vivienda\nTramo 1\n30\n1\.200 UF\nTramo 2\n78\n1\.600 UF\nTramo 3\n6\n1\.800 UF\nTramo 3\n6\n2\.000,5 UF\nTotal\n120/);
    const [without = ''] = await readPdfText(await renderApplicationReceipt(sample()));
    expect(without).not.toContain('Viviendas del proyecto');
  });

  it('uses the winter offset of Chile (UTC-4) in July', async () => {
    const [text = ''] = await readPdfText(await renderApplicationReceipt(sample({ submittedAt: new Date('2026-07-01T18:00:00Z') })));
    expect(text).toContain('1 de julio de 2026, 14:00 (hora de Chile)');
  });

  it('embeds the QR code as an image on the first page', async () => {
    const doc = await PDFDocument.load(await renderApplicationReceipt(sample()));
    const [image] = pageImages(doc.getPage(0));
    expect(image).toBeDefined();
    expect(image?.width).toBe(image?.height);
    expect(image?.width).toBeGreaterThan(100);
  });

  it('replaces characters the standard fonts cannot draw instead of failing', async () => {
    const bytes = await renderApplicationReceipt(
      sample({
        organization: { name: 'Sindicato Łódź “Ωmega” 😀 中文', rut: '76543210-3' },
        documents: [{ typeLabel: 'Plazo ≤ 24 meses → inicio', fileName: 'plan\u200b.pdf', sha256: hashes[0] ?? '' }],
      }),
    );
    const [text = ''] = await readPdfText(bytes);
    // Ł has no decomposition, so it cannot fall back to a base letter; ź can.
    expect(text).toContain('Sindicato ?ódz “?mega” ? ??');
    expect(text).toContain('Plazo <= 24 meses -> inicio');
    expect(text).toContain('Archivo: plan.pdf');
  });

  it('flows a long list of documents onto further pages, numbering every page', async () => {
    const documents = Array.from({ length: 40 }, (_, i) => ({
      typeLabel: `Formulario de incorporación ${i + 1}`,
      fileName: `formulario-${i + 1}.pdf`,
      sha256: hashes[i % 3] ?? '',
    }));
    const pages = await readPdfText(await renderApplicationReceipt(sample({ documents })));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => expect(page).toContain(`Página ${index + 1} de ${pages.length}`));
    expect(pages.join('\n')).toContain('Formulario de incorporación 40');
    expect(pages.at(-1)).toContain('Verificación');
  });

  it('wraps a file name too long for one line without losing a character', async () => {
    const fileName = `${'convenio_firmado_notaria_'.repeat(8)}final.pdf`;
    const [text = ''] = await readPdfText(
      await renderApplicationReceipt(sample({ documents: [{ typeLabel: 'Convenio', fileName, sha256: hashes[0] ?? '' }] })),
    );
    const start = text.indexOf('Archivo:');
    const end = text.indexOf('SHA-256:');
    const shown = text.slice(start, end).trim().split('\n');
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.join('')).toBe(`Archivo: ${fileName}`);
  });

  it('renders the same bytes for the same data', async () => {
    const first = await renderApplicationReceipt(sample());
    const second = await renderApplicationReceipt(sample());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('refuses figures that do not add up, a bad link or a bad hash', async () => {
    await expect(
      renderApplicationReceipt(sample({ roster: { total: 120, byBand: { 1: 30, 2: 78, 3: 11 }, unionMembers: 100, nonUnionMembers: 20 } })),
    ).rejects.toThrow(/does not add up/);
    await expect(renderApplicationReceipt(sample({ verificationUrl: 'javascript:alert(1)' }))).rejects.toThrow(/http/);
    await expect(
      renderApplicationReceipt(sample({ documents: [{ typeLabel: 'x', fileName: 'x.pdf', sha256: 'abc' }] })),
    ).rejects.toThrow(/SHA-256/);
  });

  it('states when no document was attached', async () => {
    const [text = ''] = await readPdfText(await renderApplicationReceipt(sample({ documents: [] })));
    expect(text).toContain('Documentos presentados (0)');
    expect(text).toContain('No se adjuntaron documentos.');
  });
});
