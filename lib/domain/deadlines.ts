/**
 * Deadlines of the programme, in the call's time zone (America/Santiago).
 *
 * Every deadline is the LAST millisecond of its day in Santiago (23:59:59.999 local time), computed as
 * "start of the next local day − 1 ms", so it is right on both DST transitions: in April the hour
 * 23:00–24:00 of the Saturday happens twice (the deadline is the second one) and in September the
 * Sunday starts at 01:00. Calendar arithmetic is done on plain dates (UTC), never on instants.
 *
 * - Days: counted from the day after the event (publication, notification), whole days until midnight.
 * - Months and years (Código Civil art. 48): the last day has the same number as the first; when that
 *   month has no such day, the last day of the month (31-01 + 1 month → 28-02 or 29-02).
 * - Administrative working days (Ley N°19.880 art. 25): Monday to Friday that are not public holidays
 *   of Chile (date-holidays 'CL', type 'public' only: 31-12 is a bank holiday and counts as working).
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addYears, differenceInCalendarDays } from 'date-fns';
import Holidays from 'date-holidays';
import type { TCallParameters } from './call-parameters';
import { SOURCES, rule } from './explain';
import type { RuleResult } from './explain';

/** A calendar date "YYYY-MM-DD" or an instant (its calendar date in the call's time zone is used). */
export type DateInput = string | Date;

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDate(year: number, monthIndex: number, day: number): TZDate {
  return new TZDate(year, monthIndex, day, 'UTC');
}

/** The calendar date of `input` in `timeZone`, as a UTC-midnight TZDate for date arithmetic. */
function calendarDate(input: DateInput, timeZone: string): TZDate {
  if (typeof input === 'string') {
    const match = DATE_TEXT.exec(input);
    if (match) {
      const date = utcDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      if (date.getMonth() === Number(match[2]) - 1 && date.getDate() === Number(match[3])) return date;
      throw new RangeError(`La fecha «${input}» no existe en el calendario.`);
    }
    const parsed = new Date(input);
    if (Number.isNaN(parsed.getTime())) throw new RangeError(`Fecha inválida: «${input}».`);
    input = parsed;
  }
  const local = new TZDate(input.getTime(), timeZone);
  return utcDate(local.getFullYear(), local.getMonth(), local.getDate());
}

function isoDate(date: TZDate): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The calendar date of an instant in the call's time zone ("YYYY-MM-DD"). */
export function callDateOf(input: DateInput, params: Pick<TCallParameters, 'timeZone'>): string {
  return isoDate(calendarDate(input, params.timeZone));
}

/** First instant of a calendar day in the time zone (01:00 on a day that starts with the DST jump). */
export function startOfCallDay(date: DateInput, params: Pick<TCallParameters, 'timeZone'>): TZDate {
  const day = calendarDate(date, params.timeZone);
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 0, 0, 0, 0, params.timeZone);
}

/** Last millisecond of a calendar day in the time zone (23:59:59.999 local time). */
export function endOfCallDay(date: DateInput, params: Pick<TCallParameters, 'timeZone'>): TZDate {
  const next = addDays(calendarDate(date, params.timeZone), 1);
  const startOfNext = new TZDate(next.getFullYear(), next.getMonth(), next.getDate(), 0, 0, 0, 0, params.timeZone);
  return new TZDate(startOfNext.getTime() - 1, params.timeZone);
}

/**
 * Calendar days from the day of `at` to the day of `target`, both read in the call's time zone:
 * 0 on the day itself, 1 the day before, −1 the day after. Counted on dates, never on elapsed hours, so
 * a daylight-saving change (a 23- or 25-hour day) or the hour of `at` never shifts the count.
 */
export function calendarDaysUntil(target: DateInput, at: DateInput, params: Pick<TCallParameters, 'timeZone'>): number {
  return differenceInCalendarDays(calendarDate(target, params.timeZone), calendarDate(at, params.timeZone));
}

/** Whether `now` is after the deadline (the deadline's own last millisecond is still on time). */
export function isPastDeadline(now: Date, deadline: Date): boolean {
  return now.getTime() > deadline.getTime();
}

/**
 * End of a calendar term counted from `from`: days are counted from the next day; months and years
 * end on the day with the same number, or the month's last day when it has none (Código Civil art. 48).
 */
export function calendarTermEnd(
  from: DateInput,
  term: { days?: number; months?: number; years?: number },
  params: Pick<TCallParameters, 'timeZone'>,
): TZDate {
  let day = calendarDate(from, params.timeZone);
  if (term.years) day = addYears(day, term.years);
  if (term.months) day = addMonths(day, term.months);
  if (term.days) day = addDays(day, term.days);
  return endOfCallDay(isoDate(day), params);
}

/**
 * Deed of sale entered at the CBR within 90 calendar days of the selection's publication in the
 * Diario Oficial (the 2022 call, «Requisitos de postulación»).
 */
export function cbrInscriptionDeadline(selectionPublishedOn: DateInput, params: TCallParameters): TZDate {
  return calendarTermEnd(selectionPublishedOn, { days: params.deadlines.cbrInscriptionDays }, params);
}

/** The committee's next progress report: `progressReportDays` calendar days after the previous one (or the start of works). */
export function progressReportDue(previousOn: DateInput, params: TCallParameters): TZDate {
  return calendarTermEnd(previousOn, { days: params.deadlines.progressReportDays }, params);
}

/**
 * Subsidy payment window: 24 months counted from the first day of the month after the municipal
 * reception (the 2022 call, «Pago del subsidio»); the end follows Código Civil art. 48.
 */
export function subsidyPaymentWindow(
  municipalReceptionOn: DateInput,
  params: TCallParameters,
): { start: TZDate; end: TZDate } {
  const reception = calendarDate(municipalReceptionOn, params.timeZone);
  const first = utcDate(reception.getFullYear(), reception.getMonth() + 1, 1);
  return {
    start: startOfCallDay(isoDate(first), params),
    end: calendarTermEnd(isoDate(first), { months: params.deadlines.subsidyPaymentMonths }, params),
  };
}

/** End of the 10-year prohibition counted from the CBR inscription (the 2022 call; Código Civil art. 48). */
export function prohibitionEnd(cbrInscribedOn: DateInput, params: TCallParameters): TZDate {
  return calendarTermEnd(cbrInscribedOn, { years: params.deadlines.prohibitionYears }, params);
}

/** Start of works by the date of the call's schedule (2022: "hasta julio de 2023"). */
export function startOfWorksDeadline(params: TCallParameters): TZDate {
  return endOfCallDay(params.deadlines.startOfWorksBy, params);
}

let holidays: Holidays | null = null;
const publicHolidaysByYear = new Map<number, Set<string>>();

/** Chile's public holidays of a year ("YYYY-MM-DD"), national only; bank and observance days excluded. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = publicHolidaysByYear.get(year);
  if (!set) {
    holidays ??= new Holidays('CL');
    set = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, set);
  }
  return set;
}

/** Monday to Friday and not a public holiday (Ley N°19.880 art. 25). */
export function isWorkingDay(date: DateInput, params: Pick<TCallParameters, 'timeZone'>): boolean {
  const day = calendarDate(date, params.timeZone);
  const weekday = day.getDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(day.getFullYear()).has(isoDate(day));
}

/** End of the n-th administrative working day after `from` (the day of `from` is not counted). */
export function addWorkingDays(from: DateInput, workingDays: number, params: Pick<TCallParameters, 'timeZone'>): TZDate {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('El plazo debe ser de al menos 1 día hábil.');
  let day = calendarDate(from, params.timeZone);
  let counted = 0;
  while (counted < workingDays) {
    day = addDays(day, 1);
    if (isWorkingDay(isoDate(day), params)) counted += 1;
  }
  return endOfCallDay(isoDate(day), params);
}

/** Deadline to answer observations: the call's correction period in working days from notification. */
export function correctionDeadline(notifiedOn: DateInput, params: TCallParameters): TZDate {
  return addWorkingDays(notifiedOn, params.deadlines.correctionWorkingDays, params);
}

/** The land's certificate of current title may be at most 30 days old when the application is filed. */
export function checkTitleCertificateAge(issuedOn: DateInput, filedAt: DateInput, params: TCallParameters): RuleResult {
  const issued = calendarDate(issuedOn, params.timeZone);
  const filed = calendarDate(filedAt, params.timeZone);
  const age = differenceInCalendarDays(filed, issued);
  const max = params.deadlines.titleCertificateMaxAgeDays;
  const ok = age >= 0 && age <= max;
  return rule(
    'land.title_certificate_age',
    ok,
    age < 0
      ? 'La fecha del certificado de dominio vigente es posterior a la fecha de presentación.'
      : ok
        ? `El certificado de dominio vigente tiene ${age} días de antigüedad (máximo ${max}).`
        : `El certificado de dominio vigente debe tener como máximo ${max} días de antigüedad al presentar; tiene ${age}.`,
    SOURCES.requirements,
    { ageDays: age, maxAgeDays: max, issuedOn: isoDate(issued), filedOn: isoDate(filed) },
  );
}

/** "dd-MM-yyyy a las HH:mm" in the call's time zone, for messages. */
export function formatCallDeadline(deadline: Date, params: Pick<TCallParameters, 'timeZone'>): string {
  const local = new TZDate(deadline.getTime(), params.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getDate())}-${pad(local.getMonth() + 1)}-${local.getFullYear()} a las ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/** Pass/fail of an action against a deadline, with the deadline stated in Santiago time. */
export function checkDeadline(
  id: string,
  what: string,
  now: Date,
  deadline: Date,
  params: Pick<TCallParameters, 'timeZone'>,
  source: string,
): RuleResult {
  const when = formatCallDeadline(deadline, params);
  const zone = params.timeZone === 'America/Santiago' ? 'Chile continental' : params.timeZone;
  const ok = !isPastDeadline(now, deadline);
  return rule(
    id,
    ok,
    ok ? `Dentro de plazo: ${what} vence el ${when} (hora de ${zone}).` : `Fuera de plazo: ${what} venció el ${when} (hora de ${zone}).`,
    source,
    { deadline: new Date(deadline.getTime()).toISOString(), now: new Date(now.getTime()).toISOString() },
  );
}
