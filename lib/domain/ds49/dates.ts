/**
 * Calendar-date arithmetic for the D.S. N°49 rules. Deadlines and seniority are counted in whole
 * calendar days of Chile (America/Santiago), never in elapsed milliseconds, so a DST change or the hour
 * of a submission cannot move a date.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DateInput, IsoDate } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(date: IsoDate): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`Fecha no válida (se espera AAAA-MM-DD): ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date in `timeZone` of a moment; a plain `YYYY-MM-DD` string is already that date. */
export function toLocalIsoDate(input: DateInput, timeZone: string): IsoDate {
  if (typeof input === 'string' && ISO_DATE.test(input)) {
    parts(input);
    return input;
  }
  const instant = typeof input === 'string' ? new Date(input) : input;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Fecha no válida: ${String(input)}`);
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/**
 * Adds whole years. A 29 February start ends on 28 February of a common year, as Código Civil art. 48
 * counts year terms that end in a shorter month.
 */
export function addYearsIso(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = parts(date);
  const year = y + years;
  return iso(year, m, Math.min(d, daysInMonth(year, m)));
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenIso(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** "15-03-2024", the way dates are written in Chile. */
export function formatIsoDateCl(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`;
}
