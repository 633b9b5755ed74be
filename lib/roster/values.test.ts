import { describe, expect, it } from 'vitest';
import {
  cleanCellText,
  excelSerialToIsoDate,
  formatIsoDateCl,
  formatPesos,
  formatUf,
  isoDateToExcelSerial,
  joinSpanish,
  numberToCellText,
  parseBandCell,
  parseBirthDateCell,
  parseEmailCell,
  parseHouseholdSizeCell,
  parseNameCell,
  parsePesosCell,
  parseRshCell,
  parseRutCell,
  parseUfCell,
  parseUnionMemberCell,
  todayInChile,
  type CellParse,
} from '@/lib/roster/values';

function value<T>(result: CellParse<T>): T {
  if (!result.ok) throw new Error(`expected ok, got «${result.message}»`);
  return result.value;
}

function message<T>(result: CellParse<T>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.message;
}

describe('parseRutCell', () => {
  it('normalises RUTs with dots, spaces and a lower-case k', () => {
    expect(value(parseRutCell('12.345.678-5'))).toBe('12345678-5');
    expect(value(parseRutCell('12345678-5'))).toBe('12345678-5');
    expect(value(parseRutCell('123456785'))).toBe('12345678-5');
    expect(value(parseRutCell('9.234.567-k'))).toBe('9234567-K');
    expect(value(parseRutCell('9 234 567-K'))).toBe('9234567-K');
  });

  it('names the expected check digit, showing the RUT with dots', () => {
    expect(message(parseRutCell('12.345.678-9'))).toBe('El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5.');
    expect(message(parseRutCell('123456789'))).toBe('El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5.');
  });

  it('explains a missing or malformed RUT', () => {
    expect(message(parseRutCell(''))).toBe('Falta el RUT del trabajador.');
    expect(message(parseRutCell('abc'))).toMatch(/^El RUT abc no tiene un formato válido/);
  });
});

describe('parseNameCell', () => {
  it('keeps accents, ñ, apostrophes and hyphens and collapses spaces', () => {
    expect(value(parseNameCell('  María   Inés ', 'firstNames'))).toBe('María Inés');
    expect(value(parseNameCell('O’Ryan Pérez-Cotapos', 'lastNames'))).toBe('O’Ryan Pérez-Cotapos');
    expect(value(parseNameCell('Muñoz Güell', 'lastNames'))).toBe('Muñoz Güell');
  });

  it('rejects empty names, digits and formula-like text', () => {
    expect(message(parseNameCell('', 'firstNames'))).toBe('Faltan los nombres del trabajador.');
    expect(message(parseNameCell('', 'lastNames'))).toBe('Faltan los apellidos del trabajador.');
    expect(message(parseNameCell('Juan2', 'firstNames'))).toContain('«Juan2»');
    expect(message(parseNameCell('=HYPERLINK("x")', 'lastNames'))).toContain('caracteres no permitidos');
    expect(message(parseNameCell('a'.repeat(101), 'firstNames'))).toContain('100 caracteres');
  });
});

describe('parseUnionMemberCell', () => {
  it.each(['Sí', 'si', 'SI', 'S', 's', '1', 'true', 'TRUE', 'Verdadero', 'x', 'X', '✓'])('reads «%s» as a member', (text) => {
    expect(value(parseUnionMemberCell(text))).toBe(true);
  });

  it.each(['No', 'no', 'N', '0', 'false', 'FALSO'])('reads «%s» as not a member', (text) => {
    expect(value(parseUnionMemberCell(text))).toBe(false);
  });

  it('asks for Sí or No otherwise', () => {
    expect(message(parseUnionMemberCell(''))).toBe('Falta indicar si es socio del sindicato (Sí o No).');
    expect(message(parseUnionMemberCell('quizás'))).toBe('Indique si es socio del sindicato con Sí o No (se indicó «quizás»).');
  });
});

describe('parseRshCell', () => {
  it.each([
    ['40', 40],
    ['40%', 40],
    ['40 %', 40],
    ['Tramo 40%', 40],
    ['tramo del 50%', 50],
    ['0-40%', 40],
    ['41-50', 50],
    ['81 - 90 %', 90],
    ['100', 100],
  ] as const)('reads «%s» as %i', (text, expected) => {
    expect(value(parseRshCell(text))).toBe(expected);
  });

  it.each(['', 'Sin registro', 'sin RSH', '-'])('reads «%s» as no record', (text) => {
    expect(value(parseRshCell(text))).toBeNull();
  });

  it('names the allowed brackets', () => {
    expect(message(parseRshCell('35'))).toBe(
      'El tramo RSH debe ser 40, 50, 60, 70, 80, 90 o 100 (se indicó «35»). Déjelo vacío si el hogar no tiene Registro Social de Hogares.',
    );
    expect(message(parseRshCell('0-45'))).toContain('«0-45»');
    expect(message(parseRshCell('alto'))).toContain('«alto»');
  });
});

describe('parseHouseholdSizeCell', () => {
  it('accepts whole numbers from 1 to 20', () => {
    expect(value(parseHouseholdSizeCell('1'))).toBe(1);
    expect(value(parseHouseholdSizeCell('20'))).toBe(20);
    expect(value(parseHouseholdSizeCell('04'))).toBe(4);
    expect(value(parseHouseholdSizeCell('3,0'))).toBe(3);
  });

  it.each(['0', '21', '2,5', 'tres', '-1'])('rejects «%s»', (text) => {
    expect(message(parseHouseholdSizeCell(text))).toBe(
      `Los integrantes del hogar deben ser un número entero entre 1 y 20 (se indicó «${text}»).`,
    );
  });
});

describe('parsePesosCell', () => {
  it.each([
    ['1404569', 1_404_569],
    ['1.404.569', 1_404_569],
    ['$ 1.404.569', 1_404_569],
    ['$1.404.569', 1_404_569],
    ['$1.404.569.-', 1_404_569],
    ['CLP 1.404.569', 1_404_569],
    ['1,404,569', 1_404_569],
    ['1404569,00', 1_404_569],
    ['1404569.00', 1_404_569],
    ['0', 0],
  ] as const)('reads «%s»', (text, expected) => {
    expect(value(parsePesosCell(text))).toBe(expected);
  });

  it('rejects decimals, negatives, text and implausible amounts', () => {
    expect(message(parsePesosCell('1.404.569,50'))).toContain('sin decimales');
    expect(message(parsePesosCell('-5000'))).toContain('no puede ser negativo');
    expect(message(parsePesosCell('un millón'))).toBe(
      'El ingreso mensual del hogar «un millón» no es un monto en pesos válido (por ejemplo, 1.404.569).',
    );
    expect(message(parsePesosCell('140456900000'))).toContain('$140.456.900.000 parece un error de digitación');
    expect(message(parsePesosCell(''))).toContain('Falta el ingreso mensual del hogar');
  });
});

describe('parseUfCell', () => {
  it.each([
    ['50', '50'],
    ['50,5', '50.5'],
    ['50.5', '50.5'],
    ['50,50', '50.5'],
    ['0,01', '0.01'],
    ['1.250,75', '1250.75'],
    ['1.500', '1500'],
    ['1,250.75', '1250.75'],
    ['UF 50,5', '50.5'],
    ['50,5 UF', '50.5'],
  ] as const)('reads «%s» as %s', (text, expected) => {
    expect(value(parseUfCell(text, 'savingsUf'))).toBe(expected);
  });

  it('rejects negatives, too many decimals, text and an amount that reads as thousands', () => {
    expect(message(parseUfCell('-5', 'savingsUf'))).toBe('El ahorro no puede ser negativo (se indicó «-5»).');
    expect(message(parseUfCell('50,125', 'savingsUf'))).toBe('El ahorro admite hasta 2 decimales (se indicó «50,125»).');
    expect(message(parseUfCell('cincuenta', 'savingsDepositedUf'))).toContain('El ahorro depositado «cincuenta» no es un monto en UF válido');
    expect(message(parseUfCell('50.125', 'savingsUf'))).toBe(
      'El ahorro de 50.125 UF supera 10.000 UF; revise el separador decimal (use coma: 50,5).',
    );
    expect(message(parseUfCell('', 'savingsDepositedUf'))).toBe('Falta el ahorro depositado en UF (por ejemplo, 50,5).');
  });
});

describe('parseBandCell', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['Tramo 1', 1],
    ['tramo 2', 2],
    ['T3', 3],
    ['Tramo II', 2],
    ['III', 3],
  ] as const)('reads «%s» as %i', (text, expected) => {
    expect(value(parseBandCell(text))).toBe(expected);
  });

  it('rejects other values', () => {
    expect(message(parseBandCell('4'))).toBe('El tramo de vivienda debe ser 1, 2 o 3 (se indicó «4»).');
    expect(message(parseBandCell(''))).toBe('Falta el tramo de vivienda (1, 2 o 3).');
  });
});

describe('excelSerialToIsoDate', () => {
  it('counts from 01-01-1900 = 1', () => {
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
  });

  it('skips the 29-02-1900 that Excel counts but never existed', () => {
    expect(excelSerialToIsoDate(60)).toBeNull();
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(25_569)).toBe('1970-01-01');
    expect(excelSerialToIsoDate(31_149)).toBe('1985-04-12');
    expect(excelSerialToIsoDate(44_895)).toBe('2022-11-30');
  });

  it('ignores the time of day and rejects out-of-range serials', () => {
    expect(excelSerialToIsoDate(31_149.75)).toBe('1985-04-12');
    expect(excelSerialToIsoDate(0)).toBeNull();
    expect(excelSerialToIsoDate(3_000_000)).toBeNull();
  });

  it('is the inverse of isoDateToExcelSerial on both sides of the phantom day', () => {
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '1985-04-12', '2022-11-30']) {
      expect(excelSerialToIsoDate(isoDateToExcelSerial(iso))).toBe(iso);
    }
  });
});

describe('parseBirthDateCell', () => {
  const today = '2025-06-01';

  it.each([
    ['12-04-1985', '1985-04-12'],
    ['12/04/1985', '1985-04-12'],
    ['2-4-1985', '1985-04-02'],
    ['12.04.1985', '1985-04-12'],
    ['1985-04-12', '1985-04-12'],
    ['1985-04-12T00:00:00.000Z', '1985-04-12'],
    ['31149', '1985-04-12'],
    ['31149,5', '1985-04-12'],
  ] as const)('reads «%s»', (text, expected) => {
    expect(value(parseBirthDateCell(text, today))).toBe(expected);
  });

  it('is optional', () => {
    expect(value(parseBirthDateCell('', today))).toBeNull();
  });

  it('explains impossible and implausible dates', () => {
    expect(message(parseBirthDateCell('31-02-1985', today))).toBe('La fecha de nacimiento «31-02-1985» no existe.');
    expect(message(parseBirthDateCell('04-25-1985', today))).toContain('¿Están invertidos el día y el mes?');
    expect(message(parseBirthDateCell('60', today))).toContain('no es válida');
    expect(message(parseBirthDateCell('1985', today))).toContain('parece ser solo un año');
    expect(message(parseBirthDateCell('01-01-1899', today))).toContain('anterior a 1900');
    expect(message(parseBirthDateCell('02-06-2025', today))).toBe('La fecha de nacimiento «02-06-2025» es posterior a hoy.');
    expect(message(parseBirthDateCell('ayer', today))).toBe(
      'La fecha de nacimiento «ayer» no es válida: use día-mes-año (dd-mm-aaaa), por ejemplo 12-04-1985.',
    );
  });

  it('takes today in Chile, not in UTC', () => {
    // 02:00 UTC on 1 June is still 31 May in Santiago (UTC-4).
    expect(todayInChile(new Date('2025-06-01T02:00:00Z'))).toBe('2025-05-31');
  });
});

describe('parseEmailCell', () => {
  it('is optional, lower-cases and drops a mailto: prefix', () => {
    expect(value(parseEmailCell(''))).toBeNull();
    expect(value(parseEmailCell('Juan.Perez@Correo.CL'))).toBe('juan.perez@correo.cl');
    expect(value(parseEmailCell('mailto:juan@correo.cl'))).toBe('juan@correo.cl');
  });

  it('rejects malformed addresses', () => {
    expect(message(parseEmailCell('juan@'))).toBe('El correo «juan@» no es válido (por ejemplo, nombre@dominio.cl).');
  });
});

describe('cell text and es-CL formatting', () => {
  it('cleans non-breaking and zero-width spaces', () => {
    expect(cleanCellText('\u00a0$\u00a01.404.569\u200b ')).toBe('$ 1.404.569');
  });

  it('writes numbers with a decimal comma and without float noise', () => {
    expect(numberToCellText(1_404_569)).toBe('1404569');
    expect(numberToCellText(50.5)).toBe('50,5');
    expect(numberToCellText(50.125)).toBe('50,125');
    expect(numberToCellText(0.1 + 0.2)).toBe('0,3');
  });

  it('formats pesos, UF, dates and lists', () => {
    expect(formatPesos(1_404_569)).toBe('$1.404.569');
    expect(formatUf('1250.75')).toBe('1.250,75');
    expect(formatUf('50.50')).toBe('50,5');
    expect(formatUf('70')).toBe('70');
    expect(formatIsoDateCl('1985-04-12')).toBe('12-04-1985');
    expect(joinSpanish(['A'])).toBe('A');
    expect(joinSpanish(['A', 'B', 'C'])).toBe('A, B y C');
  });
});
