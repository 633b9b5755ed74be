import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderGoreCommitmentLetter } from './gore-letter';
import type { GoreCommitmentLetterContent } from './gore-letter';
import { readPdfText } from './test-pdf-text';

function letter(overrides: Partial<GoreCommitmentLetterContent> = {}): GoreCommitmentLetterContent {
  return {
    title: 'Carta de Compromiso de Financiamiento GORE Magallanes',
    place: 'Punta Arenas',
    date: new Date('2026-11-22T17:05:00Z'),
    paragraphs: [
      'Por medio de la presente, el Gobierno Regional de Magallanes y de la Antártica Chilena se compromete a cofinanciar el proyecto habitacional «Villa Austral», presentado por el Comité de Vivienda Esperanza del Sur, en el marco del D.S. N°49.',
      'El aporte comprometido no podrá exceder el aporte máximo establecido para cada comuna.',
    ],
    table: {
      headers: ['Comuna', 'Viviendas', 'Aporte GORE por vivienda (UF)', 'Aporte total (UF)'],
      rows: [
        ['Punta Arenas', '24', '550', '13.200'],
        ['Natales', '12', '550', '6.600'],
      ],
    },
    closingParagraphs: ['La presente carta tiene una vigencia de 180 días.'],
    signatures: ['Juan Pérez Soto\nGobernador Regional', 'María Ñancupil Águila\nPresidenta del Comité', 'Pedro González\nEntidad Patrocinante'],
    ...overrides,
  };
}

describe('renderGoreCommitmentLetter', () => {
  it('renders place and date, title, paragraphs, table and signatures in order', async () => {
    const bytes = await renderGoreCommitmentLetter(letter());
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Carta de Compromiso de Financiamiento GORE Magallanes');

    const [text = ''] = await readPdfText(bytes);
    const order = [
      'Punta Arenas, 22 de noviembre de 2026',
      'Carta de Compromiso de Financiamiento GORE Magallanes',
      'Por medio de la presente',
      'Comuna',
      'Punta Arenas\n24\n550\n13.200',
      'Natales\n12\n550\n6.600',
      'La presente carta tiene una vigencia de 180 días.',
      'Juan Pérez Soto\nGobernador Regional',
      'María Ñancupil Águila\nPresidenta del Comité',
      'Pedro González\nEntidad Patrocinante',
    ].map((fragment) => {
      const index = text.indexOf(fragment);
      expect(index, fragment).toBeGreaterThanOrEqual(0);
      return index;
    });
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('prints a date given as text as it is, and works without a table', async () => {
    const [text = ''] = await readPdfText(
      await renderGoreCommitmentLetter(letter({ date: '22 de noviembre de 2026', table: undefined, closingParagraphs: undefined })),
    );
    expect(text).toContain('Punta Arenas, 22 de noviembre de 2026');
    expect(text).not.toContain('Comuna');
  });

  it('repeats the table header on every page a long table spans', async () => {
    const rows = Array.from({ length: 90 }, (_, i) => [`Comuna ${i + 1}`, String(i + 1), '550', '1.100']);
    const pages = await readPdfText(
      await renderGoreCommitmentLetter(letter({ table: { headers: ['Comuna', 'Viviendas', 'Aporte (UF)', 'Total (UF)'], rows } })),
    );
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const tablePages = pages.filter((page) => /Comuna \d+/.test(page));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(page).toContain('Comuna\nViviendas\nAporte (UF)\nTotal (UF)');
    expect(pages.join('\n')).toContain('Comuna 90');
    pages.forEach((page, index) => expect(page).toContain(`Página ${index + 1} de ${pages.length}`));
  });

  it('refuses a table row that does not match its headers', async () => {
    await expect(
      renderGoreCommitmentLetter(letter({ table: { headers: ['A', 'B'], rows: [['1', '2', '3']] } })),
    ).rejects.toThrow(/row 1 has 3 cells; expected 2/);
  });

  it('survives text outside the standard fonts’ characters', async () => {
    const [text = ''] = await readPdfText(
      await renderGoreCommitmentLetter(letter({ paragraphs: ['Aporte ≥ 550 UF → sí ✓ 🏠'], signatures: ['Ōsaka Ñandú'] })),
    );
    expect(text).toContain('Aporte >= 550 UF -> sí v ?');
    expect(text).toContain('Osaka Ñandú');
  });
});
