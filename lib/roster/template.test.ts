import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROSTER_FIXTURE_ENTRIES } from '@/e2e/fixtures/roster/make-fixtures';
import { ROSTER_COLUMNS } from '@/lib/roster/columns';
import { ROSTER_EXAMPLE_ENTRY } from '@/lib/roster/example';
import { parseRosterFile } from '@/lib/roster/parse-file';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import {
  buildRosterTemplateCsv,
  buildRosterTemplateXlsx,
  exportRosterCsv,
  exportRosterXlsx,
  rosterEntryToCells,
} from '@/lib/roster/template';
import { validateRosterRows } from '@/lib/roster/validate-rows';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

describe('ROSTER_EXAMPLE_ENTRY', () => {
  it('is the column examples, with a RUT whose check digit is computed', () => {
    expect(ROSTER_EXAMPLE_ENTRY).toEqual({
      rut: '12345678-5',
      firstNames: 'Juan Andrés',
      lastNames: 'Pérez Soto',
      unionMember: true,
      rshPercentile: 40,
      householdSize: 3,
      monthlyIncomeClp: 1_404_569,
      savingsUf: '50.5',
      savingsDepositedUf: '25.25',
      band: 1,
      birthDate: '1985-04-12',
      email: 'juan.perez@ejemplo.cl',
      memberAges: [38, 35, 9],
      headOfHousehold: 'con_pareja',
      membersWithDisability: 0,
      overcrowding: 'medio',
      dwellingType: 'pieza',
      waterSource: 'red_publica',
      bathroom: 'compartido',
      earlierApplications: 1,
    });
  });
});

describe('buildRosterTemplateCsv', () => {
  const template = buildRosterTemplateCsv();

  it('is semicolon-separated with a BOM, the Spanish headers and one example row', () => {
    const lines = template.split('\r\n');
    expect(template.startsWith('\uFEFFRUT;Nombres;Apellidos;Socio del sindicato;Tramo RSH;')).toBe(true);
    expect(lines[1]).toBe(
      '12.345.678-5;Juan Andrés;Pérez Soto;Sí;40;3;1.404.569;50,5;25,25;1;12-04-1985;juan.perez@ejemplo.cl;"38; 35; 9";Con pareja;0;Medio;Pieza;Red pública dentro;Compartido;1',
    );
    expect(lines.slice(2)).toEqual(['']);
  });

  it('parses back with zero errors', async () => {
    const result = await parseRosterFile(utf8(template), 'plantilla-nomina.csv');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows).toEqual([expect.objectContaining({ rowNumber: 2, entry: ROSTER_EXAMPLE_ENTRY, errors: [] })]);
  });
});

describe('buildRosterTemplateXlsx', () => {
  it('has the «Nómina» sheet with headers and example, and «Instrucciones» describing every column', async () => {
    const workbook = await loadWorkbook(await buildRosterTemplateXlsx());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Nómina', 'Instrucciones']);
    const roster = workbook.getWorksheet('Nómina')!;
    expect(roster.getRow(1).values).toEqual([undefined, ...ROSTER_COLUMNS.map((column) => column.header)]);
    expect(roster.getCell('A2').value).toBe('12.345.678-5');
    expect(roster.getCell('K2').value).toEqual(new Date('1985-04-12T00:00:00Z'));
    const instructions = workbook.getWorksheet('Instrucciones')!;
    const described = new Map<string, string>();
    instructions.eachRow((row) => {
      const [name, , hint] = [row.getCell(1).text, row.getCell(2).text, row.getCell(3).text];
      if (hint) described.set(name, hint);
    });
    for (const column of ROSTER_COLUMNS) expect(described.get(column.header), column.header).toBe(column.hint);
  });

  it('parses back with zero errors', async () => {
    const result = await parseRosterFile(await buildRosterTemplateXlsx(), 'plantilla-nomina.xlsx');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows).toEqual([expect.objectContaining({ rowNumber: 2, entry: ROSTER_EXAMPLE_ENTRY, errors: [] })]);
    expect(validateRosterRows(result.rows)[0]?.errors[0]?.message).toContain('es el ejemplo de la plantilla');
  });
});

describe('export', () => {
  const entries: TRosterEntryInput[] = [
    ...ROSTER_FIXTURE_ENTRIES,
    { ...ROSTER_EXAMPLE_ENTRY, rut: '5126663-3', rshPercentile: null, savingsUf: '1250.12', birthDate: null, email: null },
    {
      ...ROSTER_EXAMPLE_ENTRY,
      rut: '6543210-2',
      householdSize: 1,
      memberAges: [67],
      headOfHousehold: 'unipersonal',
      membersWithDisability: 1,
      overcrowding: 'sin',
      dwellingType: 'mediagua',
      waterSource: 'otra',
      bathroom: 'sin_bano',
      earlierApplications: 12,
    },
  ];

  it('writes RUTs with dots and es-CL amounts', () => {
    expect(rosterEntryToCells(entries[20]!)).toMatchObject({
      rut: '5.126.663-3',
      rshPercentile: '',
      monthlyIncomeClp: '1.404.569',
      savingsUf: '1.250,12',
      birthDate: '',
    });
  });

  it('CSV round-trips', async () => {
    const csv = exportRosterCsv(entries);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const result = await parseRosterFile(utf8(csv), 'nomina.csv');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.map((row) => row.entry)).toEqual(entries);
  });

  it('XLSX round-trips', async () => {
    const result = await parseRosterFile(await exportRosterXlsx(entries), 'nomina.xlsx');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows.flatMap((row) => row.errors)).toEqual([]);
    expect(result.rows.map((row) => row.entry)).toEqual(entries);
  });

  it('escapes a cell that Excel would run as a formula', () => {
    const csv = exportRosterCsv([{ ...ROSTER_EXAMPLE_ENTRY, email: '-2+3@correo.cl' }]);
    expect(csv).toContain(`"'-2+3@correo.cl"`);
  });

  it('writes an empty roster as the header alone', async () => {
    expect(exportRosterCsv([]).split('\r\n')).toEqual([`\uFEFF${ROSTER_COLUMNS.map((column) => column.header).join(';')}`, '']);
    const workbook = await loadWorkbook(await exportRosterXlsx([]));
    expect(workbook.worksheets[0]!.actualRowCount).toBe(1);
  });
});
