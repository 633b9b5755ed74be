import type { PDFFont } from 'pdf-lib';

// pdf-lib's standard fonts can only draw WinAnsi (Windows-1252), which covers Spanish fully
// (á é í ó ú ñ ü ¿ ¡ º ª °) but not every character a person pastes into a form; an unencodable
// character makes pdf-lib throw, so it is replaced here instead.
const REPLACEMENTS: Record<string, string> = {
  '\t': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2192': '->',
  '\u2190': '<-',
  '\u21d2': '=>',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2717': 'x',
  '\u2718': 'x',
  '\u25cf': '\u2022',
  '\u25aa': '\u2022',
  '\u2023': '\u2022',
  '\u2116': 'N\u00ba',
};

const characterSets = new WeakMap<PDFFont, Set<number>>();

function characterSet(font: PDFFont): Set<number> {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set;
}

/**
 * The text with every character the font cannot draw replaced: typographic look-alikes by their
 * plain form, accented letters outside the encoding by their base letter (ő → o), the rest by `?`.
 * Line breaks are not expected here; layout splits lines first.
 */
export function toEncodable(text: string, font: PDFFont): string {
  const supported = characterSet(font);
  let result = '';
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint >= 0x20 && supported.has(codePoint)) {
      result += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      result += replacement;
      continue;
    }
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
      result += ' ';
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (base !== '' && [...base].every((c) => supported.has(c.codePointAt(0) ?? 0))) {
      result += base;
      continue;
    }
    result += '?';
  }
  return result;
}
