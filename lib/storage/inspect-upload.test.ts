import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_RULES, inspectUpload } from './inspect-upload';

// A real 4×4 JPEG (baseline, quality 50), small enough to keep inline.
const JPEG = Uint8Array.from(
  Buffer.from(
    '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCQAIqH/9k=',
    'base64',
  ),
);

let pdf: Uint8Array;
let png: Uint8Array;
let executable: Uint8Array;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  page.drawText('Certificado de dominio vigente', { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  pdf = await doc.save();
  png = Uint8Array.from(await QRCode.toBuffer('https://portal.example.cl/verificar/abc', { type: 'png' }));
  // The first bytes of the Node binary running this test: a real executable.
  const handle = await open(process.execPath, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    await handle.read(buffer, 0, buffer.length, 0);
    executable = Uint8Array.from(buffer);
  } finally {
    await handle.close();
  }
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('inspectUpload', () => {
  it('accepts a real PDF and reports its size and SHA-256', async () => {
    const result = await inspectUpload(pdf, 'certificado-dominio.pdf', DEFAULT_UPLOAD_RULES);
    expect(result).toEqual({ ok: true, mime: 'application/pdf', ext: 'pdf', sha256: sha256(pdf), size: pdf.byteLength });
    expect(result.ok && result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a real JPEG, whether named .jpg, .JPEG or without extension', async () => {
    // The fixture is a well-formed JPEG: pdf-lib parses its frame header.
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(JPEG);
    expect([image.width, image.height]).toEqual([4, 4]);

    for (const name of ['foto-terreno.jpg', 'FOTO.JPEG', 'foto']) {
      expect(await inspectUpload(JPEG, name, DEFAULT_UPLOAD_RULES)).toMatchObject({ ok: true, mime: 'image/jpeg', ext: 'jpg' });
    }
  });

  it('accepts a real PNG', async () => {
    expect(await inspectUpload(png, 'plano.png', DEFAULT_UPLOAD_RULES)).toMatchObject({
      ok: true,
      mime: 'image/png',
      ext: 'png',
      size: png.byteLength,
    });
  });

  it('refuses a .pdf that is really a PNG, naming what it is', async () => {
    const result = await inspectUpload(png, 'convenio.pdf', DEFAULT_UPLOAD_RULES);
    expect(result).toEqual({
      ok: false,
      message:
        'El archivo «convenio.pdf» no es un PDF: su contenido corresponde a una imagen PNG. Cambie el nombre del archivo o suba el documento correcto.',
    });
  });

  it('refuses a .pdf that is really an executable', async () => {
    const result = await inspectUpload(executable, 'C:\\fakepath\\convenio.pdf', DEFAULT_UPLOAD_RULES);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^El archivo «convenio\.pdf» no es un PDF: su contenido corresponde a un programa ejecutable.*\. Solo se aceptan archivos PDF, JPG o PNG\.$/,
    );
  });

  it('refuses a .png that is really a JPEG', async () => {
    const result = await inspectUpload(JPEG, 'foto.png', DEFAULT_UPLOAD_RULES);
    expect(!result.ok && result.message).toBe(
      'El archivo «foto.png» no es una imagen PNG: su contenido corresponde a una imagen JPG. Cambie el nombre del archivo o suba el documento correcto.',
    );
  });

  it('refuses text dressed as a PDF', async () => {
    const text = new TextEncoder().encode('Nómina de trabajadores\nRUT;Nombre\n');
    const result = await inspectUpload(text, 'nomina.pdf', DEFAULT_UPLOAD_RULES);
    expect(!result.ok && result.message).toMatch(/^El archivo «nomina\.pdf» no es un PDF: su contenido corresponde a un formato que no se pudo reconocer/);
  });

  it('refuses an allowed file whose type this slot does not accept', async () => {
    const result = await inspectUpload(JPEG, 'foto.jpg', { maxBytes: 1_000_000, allowed: ['application/pdf'] });
    expect(!result.ok && result.message).toBe(
      'El archivo «foto.jpg» no es de un tipo permitido: su contenido corresponde a una imagen JPG. Solo se aceptan archivos PDF.',
    );
  });

  it('refuses an empty file', async () => {
    expect(await inspectUpload(new Uint8Array(0), 'vacio.pdf', DEFAULT_UPLOAD_RULES)).toEqual({
      ok: false,
      message: 'El archivo «vacio.pdf» está vacío (0 bytes). Revise el archivo y vuelva a subirlo.',
    });
  });

  it('refuses a file over the limit, giving both sizes in MB', async () => {
    const big = new Uint8Array(Math.round(2.5 * 1024 * 1024));
    big.set(pdf.subarray(0, 8));
    const result = await inspectUpload(big, 'escritura.pdf', { ...DEFAULT_UPLOAD_RULES, maxBytes: 2 * 1024 * 1024 });
    expect(result).toEqual({
      ok: false,
      message: 'El archivo «escritura.pdf» pesa 2,5 MB y supera el máximo permitido de 2 MB.',
    });
  });

  it('accepts a file of exactly the limit', async () => {
    expect(await inspectUpload(pdf, 'a.pdf', { ...DEFAULT_UPLOAD_RULES, maxBytes: pdf.byteLength })).toMatchObject({ ok: true });
  });
});
