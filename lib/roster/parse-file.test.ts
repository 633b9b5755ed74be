import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  buildRosterFixtures,
  ROSTER_ERROR_FIXTURE_ROWS,
  ROSTER_FIXTURE_ENTRIES,
  ROSTER_FIXTURE_FILES,
} from '@/e2e/fixtures/roster/make-fixtures';
import { ROSTER_COLUMNS } from '@/lib/roster/columns';
import { decodeCsvText, MAX_ROSTER_FILE_BYTES, MAX_ROSTER_ROWS, parseRosterFile, type ParsedRosterFile } from '@/lib/roster/parse-file';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { rosterEntryToCells } from '@/lib/roster/template';
import { validateRosterRows, type RosterEligibilityChecker } from '@/lib/roster/validate-rows';

const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../e2e/fixtures/roster');
const HEADERS = ROSTER_COLUMNS.map((column) => column.header);

const utf8 = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES_DIR, name)));

function cellsOf(entry: TRosterEntryInput): string[] {
  const cells = rosterEntryToCells(entry);
  return ROSTER_COLUMNS.map((column) => cells[column.key]);
}

function csv(rows: readonly (readonly string[])[], delimiter = ';'): Uint8Array {
  return utf8(rows.map((row) => row.join(delimiter)).join('\r\n'));
}

async function xlsx(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function entriesOf(result: ParsedRosterFile): (TRosterEntryInput | undefined)[] {
  return result.rows.map((row) => row.entry);
}

function errorsByRow(result: ParsedRosterFile | ParsedRosterFile['rows']): Record<number, string[]> {
  const rows = Array.isArray(result) ? result : result.rows;
  return Object.fromEntries(
    rows.filter((row) => row.errors.length > 0).map((row) => [row.rowNumber, row.errors.map((error) => `${error.column}: ${error.message}`)]),
  );
}

const [first, second, third] = ROSTER_FIXTURE_ENTRIES as [TRosterEntryInput, TRosterEntryInput, TRosterEntryInput];

/** Band requirements of the 2022 call, enough for the fixtures; the real rules live in lib/domain. */
const stubEligibility: RosterEligibilityChecker = (entry) => {
  const rules = { 1: { maxRsh: 50, minUf: 50 }, 2: { maxRsh: 90, minUf: 70 }, 3: { maxRsh: 100, minUf: 120 } }[entry.band];
  const errors = [];
  if (entry.rshPercentile === null || entry.rshPercentile > rules.maxRsh)
    errors.push({ column: 'rshPercentile' as const, message: `El tramo ${entry.band} exige RSH hasta ${rules.maxRsh}%.` });
  if (Number(entry.savingsUf) < rules.minUf)
    errors.push({ column: 'savingsUf' as const, message: `El tramo ${entry.band} exige ${rules.minUf} UF de ahorro.` });
  if (Number(entry.savingsDepositedUf) < rules.minUf / 2)
    errors.push({ column: 'savingsDepositedUf' as const, message: `Debe tener depositado al menos ${rules.minUf / 2} UF.` });
  return errors;
};

describe('parseRosterFile: sample files in e2e/fixtures/roster', () => {
  it.each([
    ['nomina-valida.csv', 'csv'],
    ['nomina-excel-bom-puntoycoma.csv', 'csv'],
    ['nomina-latin1.csv', 'csv'],
    ['nomina.xlsx', 'xlsx'],
  ] as const)('reads %s as the same 20 workers, without errors', async (name, format) => {
    const result = await parseRosterFile(fixture(name), name);
    expect(result.fileErrors).toEqual([]);
    expect(result.format).toBe(format);
    expect(result.rows.map((row) => row.rowNumber)).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));
    expect(errorsByRow(result)).toEqual({});
    expect(entriesOf(result)).toEqual(ROSTER_FIXTURE_ENTRIES);
    expect(errorsByRow(validateRosterRows(result.rows, { checkEligibility: stubEligibility }))).toEqual({});
  });

  it('describes a project of 20 dwellings that meets the 2022 composition', () => {
    const count = (band: number) => ROSTER_FIXTURE_ENTRIES.filter((entry) => entry.band === band).length;
    expect([count(1), count(2), count(3)]).toEqual([5, 13, 2]);
    expect(ROSTER_FIXTURE_ENTRIES.filter((entry) => !entry.unionMember).length / 20).toBeLessThanOrEqual(0.2);
    expect(ROSTER_FIXTURE_ENTRIES.some((entry) => entry.rut.endsWith('-K'))).toBe(true);
  });

  it('flags exactly the three planted errors of nomina-con-errores.csv', async () => {
    const result = await parseRosterFile(fixture('nomina-con-errores.csv'), 'nomina-con-errores.csv');
    expect(result.fileErrors).toEqual([]);
    const validated = validateRosterRows(result.rows, { checkEligibility: stubEligibility });
    const { band1WithRsh70, badCheckDigit, duplicateOriginal, duplicateCopy } = ROSTER_ERROR_FIXTURE_ROWS;
    const errors = errorsByRow(validated);
    expect(Object.keys(errors).map(Number).sort((a, b) => a - b)).toEqual(
      [band1WithRsh70, badCheckDigit, duplicateOriginal, duplicateCopy].sort((a, b) => a - b),
    );
    expect(errors[band1WithRsh70]).toEqual(['rshPercentile: El tramo 1 exige RSH hasta 50%.']);
    expect(errors[badCheckDigit]?.[0]).toMatch(/^rut: El RUT [\d.]+-\w no es válido: el dígito verificador debería ser /);
    expect(errors[duplicateOriginal]?.[0]).toContain(`repetido en la fila ${duplicateCopy}`);
    expect(errors[duplicateCopy]?.[0]).toContain(`repetido en la fila ${duplicateOriginal}`);
  });

  it('are what make-fixtures.ts generates (CSV byte for byte)', async () => {
    const generated = await buildRosterFixtures();
    for (const name of ROSTER_FIXTURE_FILES.filter((file) => file.endsWith('.csv'))) {
      expect(Buffer.from(generated[name]).equals(Buffer.from(fixture(name))), name).toBe(true);
    }
  });

  it('nomina.xlsx stores birth dates as real Excel date cells', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fixture('nomina.xlsx').slice().buffer);
    const cell = workbook.worksheets[0]!.getCell('K2');
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.value).toEqual(new Date('1984-03-15T00:00:00Z'));
  });
});

describe('parseRosterFile: CSV', () => {
  it('strips a UTF-8 BOM so the first header still reads as RUT', async () => {
    const result = await parseRosterFile(utf8(`\uFEFF${HEADERS.join(';')}\r\n${cellsOf(first).join(';')}\r\n`), 'a.csv');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows[0]?.values.rut).toBe('7.654.321-6');
    expect(result.rows[0]?.entry).toEqual(first);
  });

  it('finds the delimiter even when decimal commas fill the data rows', async () => {
    const result = await parseRosterFile(csv([HEADERS, cellsOf(third)], ';'), 'a.csv');
    expect(result.rows[0]?.values.savingsUf).toBe('55,5');
    expect(result.rows[0]?.entry).toEqual(third);
  });

  it('reads comma- and tab-separated files', async () => {
    const comma = await parseRosterFile(
      csv([HEADERS, cellsOf(first).map((cell) => (cell.includes(',') ? `"${cell}"` : cell))], ','),
      'a.csv',
    );
    expect(entriesOf(comma)).toEqual([first]);
    const tab = await parseRosterFile(csv([HEADERS, cellsOf(first)], '\t'), 'a.txt');
    expect(entriesOf(tab)).toEqual([first]);
  });

  it('reads Excel\'s «Texto Unicode» (UTF-16 LE, tabs)', async () => {
    const text = [HEADERS, cellsOf(second)].map((row) => row.join('\t')).join('\r\n');
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      bytes[2 + index * 2] = code & 0xff;
      bytes[3 + index * 2] = code >> 8;
    }
    const result = await parseRosterFile(bytes, 'nomina.txt');
    expect(entriesOf(result)).toEqual([second]);
  });

  it('decodes invalid UTF-8 as Windows-1252, including its typographic quotes', () => {
    // "Núñez O’Ryan" in Windows-1252.
    const bytes = Uint8Array.from([0x4e, 0xfa, 0xf1, 0x65, 0x7a, 0x20, 0x4f, 0x92, 0x52, 0x79, 0x61, 0x6e]);
    expect(decodeCsvText(bytes)).toBe('Núñez O’Ryan');
    expect(decodeCsvText(utf8('Núñez O’Ryan'))).toBe('Núñez O’Ryan');
  });

  it('accepts RUTs with dots and a lower-case k', async () => {
    const rut = ROSTER_FIXTURE_ENTRIES.find((entry) => entry.rut.endsWith('-K'))!;
    const cells = cellsOf(rut);
    cells[0] = cells[0]!.toLowerCase();
    expect(cells[0]).toMatch(/^\d{1,2}\.\d{3}\.\d{3}-k$/);
    const result = await parseRosterFile(csv([HEADERS, cells]), 'a.csv');
    expect(result.rows[0]?.entry?.rut).toBe(rut.rut);
  });

  it('reads an Excel serial number in the birth date column', async () => {
    const cells = cellsOf(first);
    cells[10] = '31149';
    const result = await parseRosterFile(csv([HEADERS, cells]), 'a.csv');
    expect(result.rows[0]?.entry?.birthDate).toBe('1985-04-12');
  });

  it('numbers rows as the spreadsheet shows them, skipping title, blank and trailing rows', async () => {
    const blank = HEADERS.map(() => '');
    const result = await parseRosterFile(
      csv([['Nómina Sindicato N°1 — Llamado 2022'], [], HEADERS, cellsOf(first), blank, cellsOf(second), [], blank, blank]),
      'a.csv',
    );
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.map((row) => row.rowNumber)).toEqual([4, 6]);
    expect(entriesOf(result)).toEqual([first, second]);
  });

  it('counts a quoted line break as one spreadsheet row', async () => {
    const cells = cellsOf(first).map((cell, index) => (index === 2 ? `"${cell}"` : cell));
    const withBreak = cellsOf(second).map((cell, index) => (index === 11 ? '"nota\nen dos líneas"' : cell));
    const result = await parseRosterFile(csv([HEADERS, withBreak, cells]), 'a.csv');
    expect(result.rows.map((row) => row.rowNumber)).toEqual([2, 3]);
    expect(result.rows[0]?.errors[0]?.column).toBe('email');
    expect(result.rows[1]?.entry).toEqual(first);
  });

  it('reports an unclosed quote', async () => {
    const cells = cellsOf(first);
    cells[1] = '"Juan';
    const result = await parseRosterFile(csv([HEADERS, cells, cellsOf(second)]), 'a.csv');
    expect(result.fileErrors.join(' ')).toContain('comillas sin cerrar');
  });

  it('joins «Apellido paterno» and «Apellido materno» when there is no «Apellidos»', async () => {
    const headers = ['RUT', 'Nombres', 'Apellido paterno', 'Apellido materno', ...HEADERS.slice(3)];
    const cells = cellsOf(first);
    const row = [cells[0]!, cells[1]!, 'Muñoz', 'Ñancupil', ...cells.slice(3)];
    const result = await parseRosterFile(csv([headers, row]), 'a.csv');
    expect(result.rows[0]?.values.lastNames).toBe('Muñoz Ñancupil');
    expect(result.rows[0]?.entry).toEqual(first);
  });

  it('reads blanks as «No» in a column that ticks members with x', async () => {
    const ticked = [HEADERS, { ...cellsOf(first), 3: 'x' }, { ...cellsOf(second), 3: '' }].map((row) => Array.from({ length: 12 }, (_, i) => row[i] ?? ''));
    const result = await parseRosterFile(csv(ticked), 'a.csv');
    expect(result.rows.map((row) => row.entry?.unionMember)).toEqual([true, false]);
    expect(result.rows[1]?.values.unionMember).toBe('');

    const yesNo = [HEADERS, cellsOf(first), { ...cellsOf(second), 3: '' }, { ...cellsOf(third), 3: 'No' }].map((row) =>
      Array.from({ length: 12 }, (_, i) => row[i] ?? ''),
    );
    const strict = await parseRosterFile(csv(yesNo), 'a.csv');
    expect(errorsByRow(strict)).toEqual({ 3: ['unionMember: Falta indicar si es socio del sindicato (Sí o No).'] });
  });

  it('lists extra columns it ignores', async () => {
    const result = await parseRosterFile(csv([[...HEADERS, 'Comuna'], [...cellsOf(first), 'Castro']]), 'a.csv');
    expect(result.ignoredColumns).toEqual(['Comuna']);
    expect(entriesOf(result)).toEqual([first]);
  });

  it('accepts a file without the optional columns', async () => {
    const result = await parseRosterFile(csv([HEADERS.slice(0, 10), cellsOf(first).slice(0, 10)]), 'a.csv');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows[0]?.entry).toEqual({ ...first, birthDate: null, email: null });
  });

  it('gives each row its own errors, by column', async () => {
    const cells = cellsOf(first);
    cells[4] = '35';
    cells[9] = '4';
    const result = await parseRosterFile(csv([HEADERS, cells, cellsOf(second)]), 'a.csv');
    expect(errorsByRow(result)).toEqual({
      2: [
        'rshPercentile: El tramo RSH debe ser 40, 50, 60, 70, 80, 90 o 100 (se indicó «35»). Déjelo vacío si el hogar no tiene Registro Social de Hogares.',
        'band: El tramo de vivienda debe ser 1, 2 o 3 (se indicó «4»).',
      ],
    });
    expect(result.rows[0]?.entry).toBeUndefined();
    expect(result.rows[1]?.entry).toEqual(second);
  });
});

describe('parseRosterFile: file errors', () => {
  it('names the missing required columns in Spanish', async () => {
    const headers = HEADERS.filter((header) => header !== 'Tramo RSH' && header !== 'Ahorro UF');
    const result = await parseRosterFile(csv([headers]), 'nomina.csv');
    expect(result.fileErrors).toEqual([
      'Faltan las columnas obligatorias «Tramo RSH» y «Ahorro UF». Agréguelas con esos títulos en la fila de títulos.',
    ]);
    expect(result.rows).toEqual([]);

    const one = await parseRosterFile(csv([HEADERS.filter((header) => header !== 'RUT')]), 'nomina.csv');
    expect(one.fileErrors).toEqual(['Falta la columna obligatoria «RUT». Agréguela con ese título en la fila de títulos.']);
  });

  it('refuses a column given twice', async () => {
    const result = await parseRosterFile(csv([[...HEADERS, 'RUN'], [...cellsOf(first), '1-9']]), 'a.csv');
    expect(result.fileErrors).toEqual(['La columna «RUT» aparece más de una vez (columnas A y U); deje solo una.']);
  });

  it('explains a file without the header row', async () => {
    const result = await parseRosterFile(csv([cellsOf(first), cellsOf(second)]), 'nomina.csv');
    expect(result.fileErrors[0]).toMatch(/^No se encontró la fila de títulos en «nomina\.csv»\. La primera fila debe tener/);
  });

  it('refuses more than 2.000 workers', async () => {
    const rows = [HEADERS, ...Array.from({ length: MAX_ROSTER_ROWS + 1 }, () => cellsOf(first))];
    const result = await parseRosterFile(csv(rows), 'a.csv');
    expect(result.fileErrors).toEqual([
      'La nómina tiene 2.001 filas con datos; el máximo es 2.000. Revise que no haya filas de más o divida la nómina.',
    ]);
    expect(result.rows).toEqual([]);
    const atLimit = await parseRosterFile(csv(rows.slice(0, MAX_ROSTER_ROWS + 1)), 'a.csv');
    expect(atLimit.fileErrors).toEqual([]);
    expect(atLimit.rows).toHaveLength(MAX_ROSTER_ROWS);
  });

  it('refuses empty, header-only, oversized, .xls, PDF and broken files', async () => {
    const errorOf = async (bytes: Uint8Array, name = 'x.csv') => (await parseRosterFile(bytes, name)).fileErrors[0];
    expect(await errorOf(new Uint8Array())).toBe('El archivo «x.csv» está vacío.');
    expect(await errorOf(utf8('\r\n;;;\r\n'))).toBe('El archivo «x.csv» no tiene datos.');
    expect(await errorOf(csv([HEADERS]))).toBe('La nómina no tiene trabajadores: debajo de la fila de títulos no hay datos.');
    expect(await errorOf(new Uint8Array(MAX_ROSTER_FILE_BYTES + 1))).toBe('El archivo «x.csv» pesa 5,1 MB; el máximo es 5 MB. Una nómina de 2.000 trabajadores pesa mucho menos: revise que sea el archivo correcto.');
    expect(await errorOf(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'n.xls')).toContain('formato antiguo de Excel (.xls)');
    expect(await errorOf(utf8('%PDF-1.7\n'), 'n.pdf')).toContain('es un PDF');
    expect(await errorOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'n.xlsx')).toMatch(/^No se pudo leer el archivo «n\.xlsx» como Excel/);
    expect(await errorOf(Uint8Array.from([0x00, 0x01, 0x02, 0x03]), 'n.bin')).toContain('no parece ser una planilla');
  });
});

describe('parseRosterFile: XLSX', () => {
  it('reads dates, numbers, percentages, formulas, rich text and hyperlinks as a person sees them', async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('Hoja1');
      sheet.addRow(HEADERS);
      const row = sheet.addRow([
        '12.345.678-5',
        { richText: [{ text: 'Juan ', font: { bold: true } }, { text: 'Andrés' }] },
        'Pérez Soto',
        true,
        0.4,
        3,
        1_404_569,
        50.5,
        { formula: 'H2/2', result: 25.25 },
        1,
        new Date('1985-04-12T00:00:00Z'),
        { text: 'juan@ejemplo.cl', hyperlink: 'mailto:juan@ejemplo.cl' },
      ]);
      row.getCell(5).numFmt = '0%';
      row.getCell(11).numFmt = 'dd-mm-yyyy';
      const copy = sheet.addRow(cellsOf(first));
      copy.getCell(8).value = 50.5;
      copy.getCell(9).value = { sharedFormula: 'I2', result: 25.25 };
    });
    const result = await parseRosterFile(bytes, 'a.xlsx');
    expect(result.rows[1]?.values.savingsDepositedUf).toBe('25,25');
    expect(result.rows[0]?.values).toMatchObject({
      firstNames: 'Juan Andrés',
      unionMember: 'Sí',
      rshPercentile: '40%',
      monthlyIncomeClp: '1404569',
      savingsUf: '50,5',
      savingsDepositedUf: '25,25',
      birthDate: '12-04-1985',
      email: 'juan@ejemplo.cl',
    });
    expect(result.rows[0]?.entry).toMatchObject({ rshPercentile: 40, savingsUf: '50.5', savingsDepositedUf: '25.25', birthDate: '1985-04-12' });
  });

  it('applies Excel\'s 1900 leap-year offset to date cells and plain serials', async () => {
    const serials = [15, 59, 60, 61, 31_149];
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('Nómina');
      sheet.addRow(HEADERS);
      for (const serial of serials) {
        const cells: ExcelJS.CellValue[] = cellsOf(first);
        cells[10] = serial;
        sheet.addRow(cells).getCell(11).numFmt = 'dd/mm/yyyy';
      }
      const plain: ExcelJS.CellValue[] = cellsOf(second);
      plain[10] = 31_149;
      sheet.addRow(plain);
    });
    const result = await parseRosterFile(bytes, 'a.xlsx');
    expect(result.rows.map((row) => row.values.birthDate)).toEqual(['15-01-1900', '28-02-1900', '29-02-1900', '01-03-1900', '12-04-1985', '31149']);
    expect(result.rows.map((row) => row.entry?.birthDate ?? null)).toEqual(['1900-01-15', '1900-02-28', null, '1900-03-01', '1985-04-12', '1985-04-12']);
    expect(result.rows[2]?.errors).toEqual([{ column: 'birthDate', message: 'La fecha de nacimiento «29-02-1900» no existe.' }]);
  });

  it('reads a workbook in the 1904 date system', async () => {
    const bytes = await xlsx((workbook) => {
      workbook.properties.date1904 = true;
      const sheet = workbook.addWorksheet('Nómina');
      sheet.addRow(HEADERS);
      const cells: ExcelJS.CellValue[] = cellsOf(first);
      cells[10] = new Date('1985-04-12T00:00:00Z');
      sheet.addRow(cells).getCell(11).numFmt = 'dd-mm-yyyy';
    });
    const result = await parseRosterFile(bytes, 'mac.xlsx');
    expect(result.rows[0]?.entry?.birthDate).toBe('1985-04-12');
  });

  it('takes the first sheet that has the roster headers', async () => {
    const bytes = await xlsx((workbook) => {
      workbook.addWorksheet('Portada').addRow(['Postulación Sindicato N°1']);
      const sheet = workbook.addWorksheet('Nómina');
      sheet.addRow([]);
      sheet.addRow(['Nómina de trabajadores']);
      sheet.addRow(HEADERS);
      sheet.addRow(cellsOf(first));
      sheet.addRow([]);
      sheet.addRow(cellsOf(second));
    });
    const result = await parseRosterFile(bytes, 'a.xlsx');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.map((row) => row.rowNumber)).toEqual([4, 6]);
    expect(entriesOf(result)).toEqual([first, second]);
  });

  it('names the missing columns of a workbook', async () => {
    const bytes = await xlsx((workbook) => workbook.addWorksheet('Hoja1').addRow(HEADERS.slice(0, 5)));
    const result = await parseRosterFile(bytes, 'a.xlsx');
    expect(result.format).toBe('xlsx');
    expect(result.fileErrors[0]).toContain('«Integrantes del hogar», «Ingreso mensual del hogar», «Ahorro UF», «Ahorro depositado UF» y «Tramo de vivienda»');
  });
});
