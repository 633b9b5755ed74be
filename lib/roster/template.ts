/**
 * The roster template a union downloads and the export of a saved roster, in CSV and XLSX. Both use the
 * canonical Spanish headers and es-CL formats, so anything written here parses back unchanged.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { formatRut } from '@/lib/domain/rut';
import { EARLIER_APPLICATIONS_MAX } from '@/lib/domain/household-facts';
import { columnLetter, ROSTER_COLUMN_BY_KEY, ROSTER_COLUMNS, type RosterColumnKey } from '@/lib/roster/columns';
import { ROSTER_EXAMPLE_ENTRY } from '@/lib/roster/example';
import { MAX_ROSTER_ROWS } from '@/lib/roster/parse-file';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { choiceFactOptions, SCORE_FACTS_HEADING, scoreFactCells } from '@/lib/roster/score-facts';
import {
  formatInteger,
  formatIsoDateCl,
  formatPesosNumber,
  formatUf,
  HOUSEHOLD_SIZE_MAX,
  HOUSEHOLD_SIZE_MIN,
  RSH_PERCENTILES,
} from '@/lib/roster/values';

/** An entry as the cells of a Chilean spreadsheet: RUT with dots, 1.404.569, 50,5, 12-04-1985. */
export function rosterEntryToCells(entry: TRosterEntryInput): Record<RosterColumnKey, string> {
  return {
    rut: formatRut(entry.rut),
    firstNames: entry.firstNames,
    lastNames: entry.lastNames,
    unionMember: entry.unionMember ? 'Sí' : 'No',
    rshPercentile: entry.rshPercentile === null ? '' : String(entry.rshPercentile),
    householdSize: String(entry.householdSize),
    monthlyIncomeClp: formatPesosNumber(entry.monthlyIncomeClp),
    savingsUf: formatUf(entry.savingsUf),
    savingsDepositedUf: formatUf(entry.savingsDepositedUf),
    band: String(entry.band),
    birthDate: entry.birthDate === null ? '' : formatIsoDateCl(entry.birthDate),
    email: entry.email ?? '',
    ...scoreFactCells(entry),
  };
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Semicolon-separated with a UTF-8 BOM and CRLF: what Excel in es-CL opens directly, with accents
 * intact and the decimal comma not taken for a separator. Encode the string as UTF-8 to serve it.
 */
export function exportRosterCsv(entries: readonly TRosterEntryInput[]): string {
  const csv = Papa.unparse(
    {
      fields: ROSTER_COLUMNS.map((column) => column.header),
      data: entries.map((entry) => {
        const cells = rosterEntryToCells(entry);
        return ROSTER_COLUMNS.map((column) => cells[column.key]);
      }),
    },
    // A cell starting with = + - @ would run as a formula in Excel; names and e-mails are user input.
    { delimiter: ';', newline: '\r\n', escapeFormulae: true },
  );
  // unparse ends an empty roster with a line break of its own; end every file with exactly one.
  return `\uFEFF${csv.replace(/(?:\r\n)+$/, '')}\r\n`;
}

export function buildRosterTemplateCsv(): string {
  return exportRosterCsv([ROSTER_EXAMPLE_ENTRY]);
}

// ── XLSX ───────────────────────────────────────────────────────────────────────────────────────────

const COLUMN_LAYOUT: Record<RosterColumnKey, { width: number; numFmt?: string }> = {
  rut: { width: 15, numFmt: '@' },
  firstNames: { width: 24, numFmt: '@' },
  lastNames: { width: 24, numFmt: '@' },
  unionMember: { width: 20 },
  rshPercentile: { width: 11 },
  householdSize: { width: 21 },
  monthlyIncomeClp: { width: 26, numFmt: '"$"#,##0' },
  savingsUf: { width: 12 },
  savingsDepositedUf: { width: 22 },
  band: { width: 18 },
  birthDate: { width: 20, numFmt: 'dd-mm-yyyy' },
  email: { width: 30, numFmt: '@' },
  // Text, so Excel in es-CL does not turn "38,35" into the number 38,35.
  memberAges: { width: 26, numFmt: '@' },
  headOfHousehold: { width: 18 },
  membersWithDisability: { width: 16 },
  overcrowding: { width: 14 },
  dwellingType: { width: 20 },
  waterSource: { width: 22 },
  bathroom: { width: 12 },
  earlierApplications: { width: 16 },
};

function entryToXlsxRow(entry: TRosterEntryInput): Record<RosterColumnKey, ExcelJS.CellValue> {
  return {
    rut: formatRut(entry.rut),
    firstNames: entry.firstNames,
    lastNames: entry.lastNames,
    unionMember: entry.unionMember ? 'Sí' : 'No',
    rshPercentile: entry.rshPercentile,
    householdSize: entry.householdSize,
    monthlyIncomeClp: entry.monthlyIncomeClp,
    savingsUf: Number(entry.savingsUf),
    savingsDepositedUf: Number(entry.savingsDepositedUf),
    band: entry.band,
    birthDate: entry.birthDate === null ? null : new Date(`${entry.birthDate}T00:00:00Z`),
    email: entry.email,
    ...scoreFactCells(entry),
    membersWithDisability: entry.membersWithDisability ?? null,
    earlierApplications: entry.earlierApplications ?? null,
  };
}

interface WorksheetWithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

// exceljs supports range validations but does not declare them; per-cell ones would create 2.000 rows.
function hasRangeValidations(worksheet: object): worksheet is WorksheetWithValidations {
  return 'dataValidations' in worksheet;
}

function addDropDowns(worksheet: ExcelJS.Worksheet): void {
  if (!hasRangeValidations(worksheet)) return;
  const lastRow = MAX_ROSTER_ROWS + 1;
  const columnOf = (key: RosterColumnKey) => columnLetter(ROSTER_COLUMNS.findIndex((column) => column.key === key));
  const range = (key: RosterColumnKey) => `${columnOf(key)}2:${columnOf(key)}${lastRow}`;
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: 'Valor no válido' } as const;
  worksheet.dataValidations.add(range('unionMember'), { ...common, type: 'list', formulae: ['"Sí,No"'], error: 'Escriba Sí o No.' });
  worksheet.dataValidations.add(range('rshPercentile'), {
    ...common,
    type: 'list',
    formulae: [`"${RSH_PERCENTILES.join(',')}"`],
    error: 'El tramo RSH debe ser 40, 50, 60, 70, 80, 90 o 100, o quedar vacío si el hogar no tiene registro.',
  });
  worksheet.dataValidations.add(range('householdSize'), {
    ...common,
    type: 'whole',
    operator: 'between',
    formulae: [HOUSEHOLD_SIZE_MIN, HOUSEHOLD_SIZE_MAX],
    error: `Los integrantes del hogar deben ser un número entero entre ${HOUSEHOLD_SIZE_MIN} y ${HOUSEHOLD_SIZE_MAX}.`,
  });
  worksheet.dataValidations.add(range('band'), { ...common, type: 'list', formulae: ['"1,2,3"'], error: 'El tramo de vivienda debe ser 1, 2 o 3.' });
  for (const fact of ['headOfHousehold', 'overcrowding', 'dwellingType', 'waterSource', 'bathroom'] as const) {
    const cells = choiceFactOptions(fact).map((option) => option.value);
    worksheet.dataValidations.add(range(fact), {
      ...common,
      type: 'list',
      formulae: [`"${cells.join(',')}"`],
      error: `Elija ${cells.slice(0, -1).join(', ')} o ${cells[cells.length - 1]}, o deje la celda vacía.`,
    });
  }
  for (const key of ['membersWithDisability', 'earlierApplications'] as const) {
    worksheet.dataValidations.add(range(key), {
      ...common,
      type: 'whole',
      operator: 'between',
      formulae: [0, key === 'earlierApplications' ? EARLIER_APPLICATIONS_MAX : HOUSEHOLD_SIZE_MAX],
      error: 'Escriba un número entero (0 si no hay), o deje la celda vacía.',
    });
  }
}

// Per cell, not per row: a row style would paint the whole row out to column XFD.
function styleHeaderRow(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF2' } };
  });
}

function addRosterSheet(workbook: ExcelJS.Workbook, entries: readonly TRosterEntryInput[]): void {
  const worksheet = workbook.addWorksheet('Nómina', { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = ROSTER_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: COLUMN_LAYOUT[column.key].width,
    style: COLUMN_LAYOUT[column.key].numFmt ? { numFmt: COLUMN_LAYOUT[column.key].numFmt } : {},
  }));
  styleHeaderRow(worksheet.getRow(1));
  for (const entry of entries) worksheet.addRow(entryToXlsxRow(entry));
  addDropDowns(worksheet);
}

function addInstructionsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('Instrucciones');
  sheet.columns = [{ width: 26 }, { width: 14 }, { width: 80 }, { width: 24 }];
  const title = sheet.addRow(['Cómo completar la nómina de trabajadores postulantes']);
  title.font = { bold: true, size: 14 };
  const notes = [
    'Escriba un trabajador por fila en la hoja «Nómina», desde la fila 2. No cambie los títulos de la fila 1.',
    `Reemplace o borre la fila de ejemplo (${ROSTER_EXAMPLE_ENTRY.firstNames} ${ROSTER_EXAMPLE_ENTRY.lastNames}) antes de subir el archivo.`,
    `Puede incluir hasta ${formatInteger(MAX_ROSTER_ROWS)} trabajadores. Cada RUT puede aparecer una sola vez en la nómina y en una sola postulación del llamado.`,
    'Guarde el archivo como Excel (.xlsx) o como CSV (separado por punto y coma o por comas).',
    'Las columnas «Fecha de nacimiento» y «Correo» son opcionales, igual que las de puntaje; todas las demás son obligatorias.',
    `Columnas de puntaje (${SCORE_FACTS_HEADING}), de «${ROSTER_COLUMN_BY_KEY.memberAges.header}» a «${ROSTER_COLUMN_BY_KEY.earlierApplications.header}»: son antecedentes del hogar, como los muestra el Registro Social de Hogares. Los puntos de cada uno los fija el llamado; una celda vacía no suma puntos.`,
  ];
  for (const note of notes) sheet.addRow([note]);
  sheet.addRow([]);
  styleHeaderRow(sheet.addRow(['Columna', '¿Obligatoria?', 'Qué escribir', 'Ejemplo']));
  for (const column of ROSTER_COLUMNS) {
    const row = sheet.addRow([column.header, column.required ? 'Sí' : 'No', column.hint, column.example]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
}

async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Portal de Vivienda para Organizaciones de Trabajadores';
  return workbook;
}

/** XLSX template: sheet «Nómina» with the headers, one example row and drop-downs; sheet «Instrucciones». */
export async function buildRosterTemplateXlsx(): Promise<Uint8Array> {
  const workbook = newWorkbook();
  addRosterSheet(workbook, [ROSTER_EXAMPLE_ENTRY]);
  addInstructionsSheet(workbook);
  return workbookBytes(workbook);
}

/** XLSX of a saved roster: real numbers and date cells, RUT with dots, same headers as the template. */
export async function exportRosterXlsx(entries: readonly TRosterEntryInput[]): Promise<Uint8Array> {
  const workbook = newWorkbook();
  addRosterSheet(workbook, entries);
  return workbookBytes(workbook);
}
