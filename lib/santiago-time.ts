import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { PORTAL_TIME_ZONE } from './clock';

/** The instant of a wall-clock time in Chile (America/Santiago), whatever the daylight-saving rule that day. */
export function santiagoInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, second, ms, PORTAL_TIME_ZONE).getTime());
}

/** The last millisecond of a calendar day in Chile: deadlines "until day X" close then. */
export function endOfSantiagoDay(year: number, month: number, day: number): Date {
  return santiagoInstant(year, month, day, 23, 59, 59, 999);
}

/** The calendar day (y, m, d) in Chile of an instant. */
export function santiagoDay(at: Date): { year: number; month: number; day: number } {
  const d = new TZDate(at.getTime(), PORTAL_TIME_ZONE);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** Midnight in Chile `days` calendar days after the Chilean day of `at`. */
export function santiagoDayOffset(at: Date, days: number): { year: number; month: number; day: number } {
  const { year, month, day } = santiagoDay(at);
  const shifted = addDays(new Date(Date.UTC(year, month - 1, day)), days);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

const dateFormatter = new Intl.DateTimeFormat('es-CL', {
  timeZone: PORTAL_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dateTimeFormatter = new Intl.DateTimeFormat('es-CL', {
  timeZone: PORTAL_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatSantiagoDate(at: Date): string {
  return dateFormatter.format(at);
}

export function formatSantiagoDateTime(at: Date): string {
  return `${dateTimeFormatter.format(at)} (hora de Chile)`;
}
