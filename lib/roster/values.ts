/**
 * Readers for the values of one roster cell, as a person types them in a Chilean spreadsheet, and the
 * matching es-CL formatters used by the template and the export. Each reader returns the normalised
 * value or a Spanish message that quotes what was written.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { now } from '@/lib/clock';
import { formatRut, parseRut, rutErrorMessage } from '@/lib/domain/rut';

export type CellParse<T> = { ok: true; value: T } | { ok: false; message: string };

export const RSH_PERCENTILES = [40, 50, 60, 70, 80, 90, 100] as const;
export type RshPercentile = (typeof RSH_PERCENTILES)[number];

export const ROSTER_BANDS = [1, 2, 3] as const;
export type RosterBand = (typeof ROSTER_BANDS)[number];

export const HOUSEHOLD_SIZE_MIN = 1;
export const HOUSEHOLD_SIZE_MAX = 20;
/** Far above any worker household; catches amounts typed with extra zeros or in cents. */
export const MONTHLY_INCOME_MAX = 50_000_000;
/** Above the price of any dwelling of the programme; catches a decimal point read as thousands. */
export const SAVINGS_UF_MAX = 10_000;
/** UF to the hundredth, as roster_entries.savings_uf stores it (numeric(12, 2)); more would be rounded silently. */
export const SAVINGS_UF_DECIMALS = 2;

const ok = <T>(value: T): CellParse<T> => ({ ok: true, value });
const fail = <T>(message: string): CellParse<T> => ({ ok: false, message });

/** Spanish list: «a», «a y b», «a, b y c». */
export function joinSpanish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** Text of a cell: trimmed, with the non-breaking and zero-width spaces that Excel and web copies carry. */
export function cleanCellText(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .trim();
}

/**
 * A number as a Chilean spreadsheet shows it: no thousands separator, decimal comma. Used for numeric
 * cells and numeric form inputs so that 50.125 (a float) is never re-read as 50.125 thousands.
 */
export function numberToCellText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toFixed(0);
  // toPrecision(15) drops binary noise such as 50.300000000000004 from formulas.
  return String(Number(value.toPrecision(15))).replace('.', ',');
}

/** Turns whatever a form or a parsed cell holds into the text the readers expect. */
export function toCellText(raw: string | number | boolean | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number') return numberToCellText(raw);
  if (typeof raw === 'boolean') return raw ? 'Sí' : 'No';
  return cleanCellText(raw);
}

function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

// ── RUT ────────────────────────────────────────────────────────────────────────────────────────────

export function parseRutCell(text: string): CellParse<string> {
  if (!text) return fail('Falta el RUT del trabajador.');
  const parsed = parseRut(text);
  if (parsed.ok) return ok(parsed.rut);
  if (parsed.reason === 'digito') {
    // Show the RUT as the person would write it (12.345.678-9) whatever spacing or dots they used.
    const compact = text.replace(/[.\s-]/g, '').toUpperCase();
    const shown = formatRut(`${compact.slice(0, -1).replace(/^0+/, '')}-${compact.slice(-1)}`);
    return fail(rutErrorMessage({ ...parsed, input: shown }));
  }
  return fail(rutErrorMessage(parsed));
}

// ── Names ──────────────────────────────────────────────────────────────────────────────────────────

const NAME_PATTERN = /^\p{L}[\p{L}\p{M}'’.\- ]*$/u;
export const NAME_MAX_LENGTH = 100;

export function parseNameCell(text: string, which: 'firstNames' | 'lastNames'): CellParse<string> {
  const label = which === 'firstNames' ? 'nombres' : 'apellidos';
  const value = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!value) return fail(`Faltan los ${label} del trabajador.`);
  if (value.length > NAME_MAX_LENGTH) return fail(`Los ${label} no pueden tener más de ${NAME_MAX_LENGTH} caracteres.`);
  if (!NAME_PATTERN.test(value))
    return fail(`Los ${label} «${value}» tienen caracteres no permitidos: use solo letras, espacios, apóstrofos o guiones.`);
  return ok(value);
}

// ── Union membership ───────────────────────────────────────────────────────────────────────────────

const YES_WORDS = new Set(['si', 's', '1', 'true', 'verdadero', 'x', '✓', '✔']);
const NO_WORDS = new Set(['no', 'n', '0', 'false', 'falso']);

/** Whether a value is a check mark rather than a word, for files that mark members with an «x». */
export function isCheckMark(text: string): boolean {
  const folded = foldText(text);
  return folded === 'x' || folded === '✓' || folded === '✔';
}

export function isExplicitNo(text: string): boolean {
  return NO_WORDS.has(foldText(text));
}

/** A Sí/No cell about `what` ("es socio del sindicato"); `whenEmpty` is the answer a blank cell gives, if any. */
export function parseYesNoCell(text: string, what: string, whenEmpty?: boolean): CellParse<boolean> {
  if (!text) return whenEmpty === undefined ? fail(`Falta indicar si ${what} (Sí o No).`) : ok(whenEmpty);
  const folded = foldText(text).replace(/\.$/, '');
  if (YES_WORDS.has(folded)) return ok(true);
  if (NO_WORDS.has(folded)) return ok(false);
  return fail(`Indique si ${what} con Sí o No (se indicó «${text}»).`);
}

export function parseUnionMemberCell(text: string): CellParse<boolean> {
  return parseYesNoCell(text, 'es socio del sindicato');
}

// ── RSH ────────────────────────────────────────────────────────────────────────────────────────────

const NO_RSH_WORDS = new Set(['sin registro', 'sin rsh', 'no tiene', 'no registra', 'sin informacion', 's/r', 'sr', 'no', '-']);

function isRshPercentile(value: number): value is RshPercentile {
  return (RSH_PERCENTILES as readonly number[]).includes(value);
}

/** Tramo RSH: "40", "40%", "Tramo 40%", "0-40%" or "41-50"; empty means the household has no record. */
export function parseRshCell(text: string): CellParse<RshPercentile | null> {
  const folded = foldText(text);
  if (!folded || NO_RSH_WORDS.has(folded)) return ok(null);
  const stripped = folded.replace(/^(?:tramo\s+)?(?:del?\s+)?(?:hasta\s+)?(?:el\s+)?/, '').replace(/\s*%$/, '');
  let percentile: number | null = null;
  const single = /^(\d{2,3})$/.exec(stripped);
  const range = /^(\d{1,2})\s*%?\s*(?:-|–|a)\s*(\d{2,3})$/.exec(stripped);
  if (single) percentile = Number(single[1]);
  else if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    if ((high === 40 && low === 0) || (isRshPercentile(high) && low === high - 9)) percentile = high;
  }
  if (percentile !== null && isRshPercentile(percentile)) return ok(percentile);
  return fail(
    `El tramo RSH debe ser 40, 50, 60, 70, 80, 90 o 100 (se indicó «${text}»). Déjelo vacío si el hogar no tiene Registro Social de Hogares.`,
  );
}

// ── Household size ─────────────────────────────────────────────────────────────────────────────────

export function parseHouseholdSizeCell(text: string): CellParse<number> {
  if (!text) return fail('Falta el número de integrantes del hogar.');
  const match = /^(\d{1,3})(?:,0+)?$/.exec(text);
  const value = match ? Number(match[1]) : Number.NaN;
  if (Number.isInteger(value) && value >= HOUSEHOLD_SIZE_MIN && value <= HOUSEHOLD_SIZE_MAX) return ok(value);
  return fail(
    `Los integrantes del hogar deben ser un número entero entre ${HOUSEHOLD_SIZE_MIN} y ${HOUSEHOLD_SIZE_MAX} (se indicó «${text}»).`,
  );
}

// ── Pesos ──────────────────────────────────────────────────────────────────────────────────────────

/** Whole pesos: "1404569", "1.404.569", "$ 1.404.569", "1,404,569"; zero decimals are tolerated. */
export function parsePesosCell(text: string): CellParse<number> {
  if (!text) return fail('Falta el ingreso mensual del hogar, en pesos (por ejemplo, 1.404.569).');
  // "$1.404.569.-" is how amounts are often closed on Chilean forms.
  const compact = text.replace(/^\$|^clp|\$$|clp$|\.?-$/gi, '').replace(/\s/g, '');
  const invalid = fail<number>(`El ingreso mensual del hogar «${text}» no es un monto en pesos válido (por ejemplo, 1.404.569).`);
  if (compact.startsWith('-')) return fail(`El ingreso mensual del hogar no puede ser negativo (se indicó «${text}»).`);
  let integer: string;
  let decimals = '';
  let match: RegExpExecArray | null;
  if ((match = /^(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(compact))) {
    integer = match[1]!.replace(/\./g, '');
    decimals = match[2] ?? '';
  } else if ((match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(compact))) {
    integer = match[1]!.replace(/,/g, '');
    decimals = match[2] ?? '';
  } else if ((match = /^(\d+)\.(\d{1,2})$/.exec(compact))) {
    integer = match[1]!;
    decimals = match[2]!;
  } else return invalid;
  if (/[1-9]/.test(decimals))
    return fail(`El ingreso mensual del hogar debe ser un monto entero en pesos, sin decimales (se indicó «${text}»).`);
  const value = Number(integer);
  if (!Number.isSafeInteger(value)) return invalid;
  if (value > MONTHLY_INCOME_MAX)
    return fail(`El ingreso mensual del hogar ${formatPesos(value)} parece un error de digitación; revise los ceros.`);
  return ok(value);
}

// ── UF ─────────────────────────────────────────────────────────────────────────────────────────────

const UF_LABELS = { savingsUf: 'ahorro', savingsDepositedUf: 'ahorro depositado' } as const;

/**
 * An amount in UF as a decimal string ("50.5"). Chilean format first: "50,5", "1.250,75". A lone dot is
 * a decimal point ("50.5") unless it separates groups of three ("1.250"), as es-CL Excel writes thousands.
 */
export function parseUfCell(text: string, which: keyof typeof UF_LABELS): CellParse<string> {
  const label = UF_LABELS[which];
  if (!text) return fail(`Falta el ${label} en UF (por ejemplo, 50,5).`);
  const compact = text.replace(/^uf|uf$/gi, '').replace(/\s/g, '');
  if (compact.startsWith('-')) return fail(`El ${label} no puede ser negativo (se indicó «${text}»).`);
  let normalized: string | null = null;
  let match: RegExpExecArray | null;
  if ((match = /^(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(compact))) {
    normalized = `${match[1]!.replace(/\./g, '')}${match[2] ? `.${match[2]}` : ''}`;
  } else if ((match = /^(\d+)\.(\d+)$/.exec(compact))) {
    normalized = `${match[1]}.${match[2]}`;
  } else if ((match = /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/.exec(compact))) {
    normalized = `${match[1]!.replace(/,/g, '')}.${match[2]}`;
  }
  if (normalized === null)
    return fail(`El ${label} «${text}» no es un monto en UF válido: use números con coma decimal (por ejemplo, 50,5).`);
  const amount = new Decimal(normalized);
  if (amount.decimalPlaces() > SAVINGS_UF_DECIMALS)
    return fail(`El ${label} admite hasta ${SAVINGS_UF_DECIMALS} decimales (se indicó «${text}»).`);
  if (amount.greaterThan(SAVINGS_UF_MAX))
    return fail(
      `El ${label} de ${formatUf(amount.toFixed())} UF supera ${formatUf(String(SAVINGS_UF_MAX))} UF; revise el separador decimal (use coma: 50,5).`,
    );
  return ok(amount.toFixed());
}

// ── Band ───────────────────────────────────────────────────────────────────────────────────────────

const ROMAN_BANDS: Readonly<Record<string, RosterBand>> = { i: 1, ii: 2, iii: 3 };

/** Tramo de vivienda: "1", "Tramo 1", "T1", "Tramo II". */
export function parseBandCell(text: string): CellParse<RosterBand> {
  if (!text) return fail('Falta el tramo de vivienda (1, 2 o 3).');
  const stripped = foldText(text).replace(/^(?:tramo|t)\s*(?:n\s*)?/, '').replace(/,0+$/, '');
  const value = ROMAN_BANDS[stripped] ?? (/^[123]$/.test(stripped) ? (Number(stripped) as RosterBand) : null);
  if (value !== null) return ok(value);
  return fail(`El tramo de vivienda debe ser 1, 2 o 3 (se indicó «${text}»).`);
}

// ── Dates ──────────────────────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
const EXCEL_SERIAL_MAX = 2_958_465; // 31-12-9999

function isoFromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Excel's 1900 date system: serial 1 is 01-01-1900. Excel also counts a 29-02-1900 that never existed
 * (serial 60, kept for Lotus 1-2-3 compatibility), so serials from 61 on are one day ahead of a plain
 * day count. Returns an ISO date, or null for serial 60 and out-of-range values.
 */
export function excelSerialToIsoDate(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > EXCEL_SERIAL_MAX || day === 60) return null;
  const daysAfter31Dec1899 = day < 60 ? day : day - 1;
  return isoFromUtc(Date.UTC(1899, 11, 31) + daysAfter31Dec1899 * DAY_MS);
}

/** Inverse of {@link excelSerialToIsoDate}, for writing date cells. */
export function isoDateToExcelSerial(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number);
  const days = Math.round((Date.UTC(year ?? 1900, (month ?? 1) - 1, day ?? 1) - Date.UTC(1899, 11, 31)) / DAY_MS);
  return days < 60 ? days : days + 1;
}

/** An ISO date as es-CL writes it: 12-04-1985. */
export function formatIsoDateCl(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}

/** Today's date in Chile by the portal's clock, so a birth date typed today is not "in the future" by the UTC clock. */
const CHILE_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInChile(at: Date = now()): string {
  return CHILE_DATE.format(at);
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoFromUtc(ms);
}

/**
 * A past calendar date (optional): dd-mm-aaaa, dd/mm/aaaa, aaaa-mm-dd or an Excel serial number.
 * `label` names it in the messages: "La fecha de nacimiento".
 */
export function parsePastDateCell(text: string, label: string, today: string = todayInChile()): CellParse<string | null> {
  if (!text) return ok(null);
  const invalid = fail<string | null>(`${label} «${text}» no es válida: use día-mes-año (dd-mm-aaaa), por ejemplo 12-04-1985.`);
  let iso: string | null;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,7})(?:[.,]\d+)?$/.exec(text))) {
    const serial = Number(match[1]);
    // As serials these are days of 1905; far likelier someone typed only the year.
    if (serial >= 1900 && serial <= 2100) return fail(`${label} «${text}» parece ser solo un año: escriba la fecha completa (dd-mm-aaaa).`);
    iso = excelSerialToIsoDate(serial);
    if (!iso) return invalid;
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text))) {
    const day = Number(match[1]);
    const month = Number(match[2]);
    iso = calendarDate(Number(match[3]), month, day);
    if (!iso) {
      const swapped = month > 12 && day <= 12 ? ' ¿Están invertidos el día y el mes? Use día-mes-año.' : '';
      return fail(`${label} «${text}» no existe.${swapped}`);
    }
  } else if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text))) {
    iso = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
    if (!iso) return fail(`${label} «${text}» no existe.`);
  } else return invalid;
  if (iso < '1900-01-01') return fail(`${label} «${text}» es anterior a 1900; revise el año.`);
  if (iso > today) return fail(`${label} «${text}» es posterior a hoy.`);
  return ok(iso);
}

/** Fecha de nacimiento (optional). */
export function parseBirthDateCell(text: string, today: string = todayInChile()): CellParse<string | null> {
  return parsePastDateCell(text, 'La fecha de nacimiento', today);
}

// ── E-mail ─────────────────────────────────────────────────────────────────────────────────────────

const ZEmail = z.email();

export function parseEmailCell(text: string): CellParse<string | null> {
  const value = text.replace(/^mailto:/i, '').trim();
  if (!value) return ok(null);
  if (value.length > 254 || !ZEmail.safeParse(value).success)
    return fail(`El correo «${text}» no es válido (por ejemplo, nombre@dominio.cl).`);
  return ok(value.toLowerCase());
}

// ── es-CL formatting ───────────────────────────────────────────────────────────────────────────────

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A whole number with es-CL thousands dots: 2.000, 1.404.569. */
export function formatInteger(value: number): string {
  return groupThousands(Math.trunc(value).toFixed(0));
}

/** Pesos as es-CL writes them, without the sign: 1.404.569. */
export function formatPesosNumber(value: number): string {
  return formatInteger(value);
}

/** Pesos with the sign: $1.404.569. */
export function formatPesos(value: number): string {
  return `$${formatPesosNumber(value)}`;
}

/** A decimal UF string as es-CL writes it: "1250.5" → "1.250,5". */
export function formatUf(decimal: string): string {
  const [integer = '0', fraction] = new Decimal(decimal).toFixed().split('.');
  return fraction ? `${groupThousands(integer)},${fraction}` : groupThousands(integer);
}
