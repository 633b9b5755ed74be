import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { PDFFont } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitOneLine, wrapText } from './layout';
import { toEncodable } from './winansi';

let helvetica: PDFFont;
let courier: PDFFont;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  helvetica = await doc.embedFont(StandardFonts.Helvetica);
  courier = await doc.embedFont(StandardFonts.Courier);
});

describe('toEncodable', () => {
  it('keeps all of Spanish and the typographic marks WinAnsi has', () => {
    const spanish = 'ÁÉÍÓÚÜÑ áéíóúüñ ¿¡ º ª ° « » “ ” ‘ ’ – — … • € N.º';
    expect(toEncodable(spanish, helvetica)).toBe(spanish);
  });

  it('replaces look-alikes, strips accents it cannot draw and marks the rest with ?', () => {
    expect(toEncodable('a\tb\u00a0c\u202fd\u200be', helvetica)).toBe('a b\u00a0c de');
    expect(toEncodable('≤ ≥ → − ‑ №', helvetica)).toBe('<= >= -> - - Nº');
    expect(toEncodable('Gdańsk Ōsaka Łódź', helvetica)).toBe('Gdansk Osaka ?ódz');
    expect(toEncodable('😀 中文 Ω', helvetica)).toBe('? ?? ?');
    expect(toEncodable('line\u0007bell\u0085', helvetica)).toBe('line bell ');
    // Decomposed input (as macOS file names arrive) is composed first, so ñ stays ñ.
    expect(toEncodable('n\u0303', helvetica)).toBe('ñ');
  });

  it('produces text pdf-lib can measure', () => {
    expect(() => helvetica.widthOfTextAtSize(toEncodable('🏠 ≠ Ω', helvetica), 10)).not.toThrow();
  });
});

describe('wrapText', () => {
  it('wraps on spaces within the width', () => {
    const text = 'Por medio de la presente, el Gobierno Regional se compromete a cofinanciar el proyecto habitacional.';
    const lines = wrapText(text, helvetica, 10, 150);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(helvetica.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe(text);
  });

  it('breaks a hash too wide for the line between characters, losing none', () => {
    const hash = '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b';
    const lines = wrapText(`SHA-256: ${hash}`, courier, 9, 200);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(courier.widthOfTextAtSize(line, 9)).toBeLessThanOrEqual(200);
    expect(lines[0]).toMatch(/^SHA-256: [0-9a-f]+$/);
    expect(lines.join('')).toBe(`SHA-256: ${hash}`);
  });

  it('keeps explicit line breaks and empty lines', () => {
    expect(wrapText('Uno\n\nDos', helvetica, 10, 300)).toEqual(['Uno', '', 'Dos']);
  });
});

describe('fitOneLine', () => {
  it('cuts with an ellipsis only when needed', () => {
    expect(fitOneLine('Corto', helvetica, 8, 200)).toBe('Corto');
    const cut = fitOneLine('CARTA DE COMPROMISO DE FINANCIAMIENTO GOBIERNO REGIONAL DE MAGALLANES', helvetica, 8, 120);
    expect(cut.endsWith('…')).toBe(true);
    expect(helvetica.widthOfTextAtSize(cut, 8)).toBeLessThanOrEqual(120);
  });
});
