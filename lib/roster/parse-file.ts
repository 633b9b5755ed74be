/**
 * Reads a roster file as a union sends it (CSV from any Excel or Google Sheets, or XLSX) into rows of
 * cell text plus the validated entry or the Spanish errors of each row. Pure: no database, no framework.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  columnLetter,
  matchRosterHeader,
  ROSTER_COLUMN_BY_KEY,
  ROSTER_COLUMN_KEYS,
  ROSTER_COLUMNS,
  type LastNamePart,
  type RosterColumnKey,
} from '@/lib/roster/columns';
import { ZRosterEntryInput, type TRosterEntryInput } from '@/lib/roster/schema';
import {
  cleanCellText,
  excelSerialToIsoDate,
  formatIsoDateCl,
  formatInteger,
  isCheckMark,
  isExplicitNo,
  joinSpanish,
  numberToCellText,
} from '@/lib/roster/values';

export const MAX_ROSTER_ROWS = 2000;
/** A 2.000-row roster is well under 1 MB in either format; the cap keeps a stray upload from costing memory. */
export const MAX_ROSTER_FILE_BYTES = 5 * 1024 * 1024;
/** How far down the header row may be (titles and notes above it are skipped). */
const HEADER_SEARCH_ROWS = 20;

export interface RosterRowError {
  column: RosterColumnKey;
  message: string;
}

export interface RosterRow {
  /** The row number the person sees in their spreadsheet (the header is usually row 1). */
  rowNumber: number;
  /** Cell text by column, as read ('' for an absent optional column). */
  values: Record<RosterColumnKey, string>;
  /** The validated entry, when the row's own cells are valid. */
  entry?: TRosterEntryInput;
  errors: RosterRowError[];
}

export interface ParsedRosterFile {
  rows: RosterRow[];
  /** Problems with the file as a whole; when present, nothing should be imported. */
  fileErrors: string[];
  format: 'csv' | 'xlsx' | null;
  /** Headers of the file that are not roster columns and were left out, for the preview page. */
  ignoredColumns: string[];
}

interface GridRow {
  rowNumber: number;
  cells: string[];
}

const megabytes = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toString().replace('.', ',');

function fileError(message: string, format: ParsedRosterFile['format'] = null): ParsedRosterFile {
  return { rows: [], fileErrors: [message], format, ignoredColumns: [] };
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/**
 * Reads a roster file. The format is decided by the content, not the name: an XLSX is a ZIP archive.
 * A row is importable when it has an `entry` and no `errors`; run `validateRosterRows` for the checks
 * across rows (duplicates, other applications, band requirements).
 */
export async function parseRosterFile(buffer: Uint8Array, fileName: string): Promise<ParsedRosterFile> {
  const name = fileName.trim() || 'sin nombre';
  if (buffer.byteLength === 0) return fileError(`El archivo «${name}» está vacío.`);
  if (buffer.byteLength > MAX_ROSTER_FILE_BYTES)
    return fileError(
      `El archivo «${name}» pesa ${megabytes(buffer.byteLength)} MB; el máximo es ${megabytes(MAX_ROSTER_FILE_BYTES)} MB. Una nómina de ${formatInteger(MAX_ROSTER_ROWS)} trabajadores pesa mucho menos: revise que sea el archivo correcto.`,
    );
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return parseXlsx(buffer, name);
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0]))
    return fileError(
      `El archivo «${name}» está en el formato antiguo de Excel (.xls) o protegido con contraseña. Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)» sin contraseña, o como CSV.`,
    );
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46]))
    return fileError(`El archivo «${name}» es un PDF. Suba la nómina como planilla Excel (.xlsx) o CSV.`);
  return parseCsv(buffer, name);
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────────────

// Node's 'windows-1252' decoder maps 0x80–0x9F to C1 controls (as latin1 does) instead of the
// characters Windows puts there; Excel-made files use them for ’ “ ” – and €.
const WINDOWS_1252_C1: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Decodes CSV bytes: UTF-16 and UTF-8 by their BOM, UTF-8 when valid, otherwise Windows-1252 (Latin-1). */
export function decodeCsvText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252')
      .decode(body)
      .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0)] ?? char);
  }
}

const CSV_DELIMITERS = [';', ',', '\t'] as const;

function parseCsv(buffer: Uint8Array, name: string): ParsedRosterFile {
  const text = decodeCsvText(buffer);
  if (text.includes('\u0000'))
    return fileError(`El archivo «${name}» no parece ser una planilla CSV ni un Excel (.xlsx).`, 'csv');

  // The delimiter is the one under which a header row shows up: decimal commas in the data make
  // counting separators unreliable, the header row has none.
  let best: { delimiter: string; score: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const preview = Papa.parse<string[]>(text, { delimiter, preview: HEADER_SEARCH_ROWS, skipEmptyLines: false });
    const grid = preview.data.map((cells, index) => ({ rowNumber: index + 1, cells }));
    const score = findHeader(grid)?.score ?? 0;
    if (!best || score > best.score) best = { delimiter, score };
  }

  const parsed = Papa.parse<string[]>(text, { delimiter: best?.delimiter ?? ',', skipEmptyLines: false });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  const grid: GridRow[] = parsed.data.map((cells, index) => ({ rowNumber: index + 1, cells: cells.map(cleanCellText) }));
  const result = buildRows(grid, 'csv', name);
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    result.fileErrors.push(`Hay comillas sin cerrar cerca de la fila ${formatInteger(row)}; revise esa celda.`);
  }
  return result;
}

// ── XLSX ───────────────────────────────────────────────────────────────────────────────────────────

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function dateCellText(date: Date): string {
  // exceljs maps serial n to 30-12-1899 + n days, which is right from 01-03-1900 on; before that Excel
  // counts its phantom 29-02-1900, so those few serials go through our own conversion.
  const minutes = Math.round(date.getTime() / 60_000);
  const serial = Math.floor(minutes / 1440) + 25_569;
  if (serial === 60) return '29-02-1900';
  const iso = serial < 60 ? excelSerialToIsoDate(serial) : new Date(minutes * 60_000).toISOString().slice(0, 10);
  return iso ? formatIsoDateCl(iso) : '';
}

/** The text a person sees in an exceljs cell value: numbers with decimal comma, dates as dd-mm-aaaa. */
function excelValueText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanCellText(value);
  if (typeof value === 'number') {
    // "40%" in Excel is the number 0.4 shown with a percent format.
    if (numFmt?.includes('%')) return `${numberToCellText(value * 100)}%`;
    return numberToCellText(value);
  }
  if (typeof value === 'boolean') return value ? 'Sí' : 'No';
  if (value instanceof Date) return dateCellText(value);
  if (!isRecord(value)) return '';
  if (Array.isArray(value.richText)) {
    return cleanCellText(value.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join(''));
  }
  if ('formula' in value || 'sharedFormula' in value) return excelValueText(value.result, numFmt);
  if ('hyperlink' in value) return excelValueText(value.text, numFmt);
  if (typeof value.error === 'string') return value.error;
  return '';
}

function worksheetGrid(worksheet: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      const cell = row.getCell(column);
      cells.push(excelValueText(cell.value, cell.numFmt));
    }
    grid.push({ rowNumber, cells });
  });
  return grid;
}

async function parseXlsx(buffer: Uint8Array, name: string): Promise<ParsedRosterFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer.slice().buffer, {
      // Validations and conditional formats over whole columns expand to a million cells in exceljs.
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
    });
  } catch {
    return fileError(
      `No se pudo leer el archivo «${name}» como Excel (.xlsx): puede estar dañado o ser de otro programa. Ábralo y guárdelo como «Libro de Excel (.xlsx)» o como CSV.`,
      'xlsx',
    );
  }
  const worksheets = workbook.worksheets;
  if (worksheets.length === 0) return fileError(`El archivo «${name}» no tiene hojas.`, 'xlsx');
  // The first sheet with the roster's headers: some workbooks keep instructions or a cover sheet first.
  for (const worksheet of worksheets) {
    const grid = worksheetGrid(worksheet);
    if (findHeader(grid)) return buildRows(grid, 'xlsx', name);
  }
  return buildRows(worksheetGrid(worksheets[0]!), 'xlsx', name);
}

// ── Shared: header, mapping, rows ──────────────────────────────────────────────────────────────────

interface HeaderMatch {
  index: number;
  score: number;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** The first of the top rows that names the most roster columns (at least two). */
function findHeader(grid: readonly GridRow[]): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  let seen = 0;
  for (let index = 0; index < grid.length && seen < HEADER_SEARCH_ROWS; index++) {
    const cells = grid[index]!.cells;
    if (isBlank(cells)) continue;
    seen++;
    const keys = new Set<string>();
    for (const cell of cells) {
      const target = matchRosterHeader(cell);
      if (target) keys.add(target.kind === 'column' ? target.key : `lastNames.${target.part}`);
    }
    if (keys.size >= 2 && (!best || keys.size > best.score)) best = { index, score: keys.size };
  }
  return best;
}

interface ColumnMapping {
  columns: Partial<Record<RosterColumnKey, number>>;
  lastNameParts: Partial<Record<LastNamePart, number>>;
  errors: string[];
  ignored: string[];
}

function mapHeader(cells: readonly string[]): ColumnMapping {
  const seen = new Map<string, number[]>();
  const mapping: ColumnMapping = { columns: {}, lastNameParts: {}, errors: [], ignored: [] };
  cells.forEach((cell, index) => {
    const target = matchRosterHeader(cell);
    if (!target) {
      if (cell.trim()) mapping.ignored.push(cell.trim());
      return;
    }
    const id = target.kind === 'column' ? target.key : `lastNames.${target.part}`;
    seen.set(id, [...(seen.get(id) ?? []), index]);
    if (target.kind === 'column') mapping.columns[target.key] ??= index;
    else mapping.lastNameParts[target.part] ??= index;
  });
  for (const [id, indexes] of seen) {
    if (indexes.length < 2) continue;
    const header = id.startsWith('lastNames.') ? cells[indexes[0]!]!.trim() : ROSTER_COLUMN_BY_KEY[id as RosterColumnKey].header;
    mapping.errors.push(
      `La columna «${header}» aparece más de una vez (columnas ${joinSpanish(indexes.map(columnLetter))}); deje solo una.`,
    );
  }
  return mapping;
}

function missingHeaderMessage(missing: readonly string[]): string {
  const names = missing.map((header) => `«${header}»`);
  return missing.length === 1
    ? `Falta la columna obligatoria ${names[0]}. Agréguela con ese título en la fila de títulos.`
    : `Faltan las columnas obligatorias ${joinSpanish(names)}. Agréguelas con esos títulos en la fila de títulos.`;
}

function buildRows(grid: readonly GridRow[], format: 'csv' | 'xlsx', name: string): ParsedRosterFile {
  const header = findHeader(grid);
  if (!header) {
    const expected = ROSTER_COLUMNS.filter((column) => column.required).map((column) => `«${column.header}»`);
    return fileError(
      isBlank(grid.flatMap((row) => row.cells))
        ? `El archivo «${name}» no tiene datos.`
        : `No se encontró la fila de títulos en «${name}». La primera fila debe tener los títulos de las columnas: ${joinSpanish(expected)}. Puede descargar la plantilla como ejemplo.`,
      format,
    );
  }
  const headerRow = grid[header.index]!;
  const mapping = mapHeader(headerRow.cells);
  const { columns, lastNameParts } = mapping;
  const fileErrors = [...mapping.errors];

  const hasSplitLastNames = columns.lastNames === undefined && lastNameParts.paternal !== undefined;
  const missing = ROSTER_COLUMNS.filter(
    (column) => column.required && columns[column.key] === undefined && !(column.key === 'lastNames' && hasSplitLastNames),
  ).map((column) => column.header);
  if (missing.length > 0) fileErrors.push(missingHeaderMessage(missing));
  if (fileErrors.length > 0) return { rows: [], fileErrors, format, ignoredColumns: mapping.ignored };

  const dataRows = grid.slice(header.index + 1).filter((row) => !isBlank(row.cells));
  if (dataRows.length > MAX_ROSTER_ROWS)
    return {
      rows: [],
      fileErrors: [
        `La nómina tiene ${formatInteger(dataRows.length)} filas con datos; el máximo es ${formatInteger(MAX_ROSTER_ROWS)}. Revise que no haya filas de más o divida la nómina.`,
      ],
      format,
      ignoredColumns: mapping.ignored,
    };
  if (dataRows.length === 0)
    return { rows: [], fileErrors: ['La nómina no tiene trabajadores: debajo de la fila de títulos no hay datos.'], format, ignoredColumns: mapping.ignored };

  const valuesOf = (cells: readonly string[]): Record<RosterColumnKey, string> => {
    const values = {} as Record<RosterColumnKey, string>;
    for (const key of ROSTER_COLUMN_KEYS) {
      const index = columns[key];
      values[key] = index === undefined ? '' : (cells[index] ?? '');
    }
    if (hasSplitLastNames) {
      values.lastNames = [lastNameParts.paternal, lastNameParts.maternal]
        .map((index) => (index === undefined ? '' : (cells[index] ?? '')))
        .filter(Boolean)
        .join(' ');
    }
    return values;
  };

  const rowValues = dataRows.map((row) => ({ rowNumber: row.rowNumber, values: valuesOf(row.cells) }));

  // Files that tick members with an «x» leave non-members blank; read blanks as «No» only then, so a
  // forgotten answer in a Sí/No column is still reported.
  const unionCells = rowValues.map((row) => row.values.unionMember);
  const blankMeansNo = unionCells.some(isCheckMark) && !unionCells.some(isExplicitNo);

  const rows = rowValues.map(({ rowNumber, values }): RosterRow => {
    const input = blankMeansNo && !values.unionMember ? { ...values, unionMember: 'No' } : values;
    const parsed = ZRosterEntryInput.safeParse(input);
    if (parsed.success) return { rowNumber, values, entry: parsed.data, errors: [] };
    const errors = parsed.error.issues.map((issue) => ({
      column: (issue.path[0] as RosterColumnKey | undefined) ?? 'rut',
      message: issue.message,
    }));
    return { rowNumber, values, errors };
  });
  return { rows, fileErrors: [], format, ignoredColumns: mapping.ignored };
}
