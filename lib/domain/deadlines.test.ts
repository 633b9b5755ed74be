import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import {
  addWorkingDays,
  calendarDaysUntil,
  calendarTermEnd,
  callDateOf,
  cbrInscriptionDeadline,
  checkDeadline,
  checkTitleCertificateAge,
  correctionDeadline,
  endOfCallDay,
  isPastDeadline,
  isWorkingDay,
  prohibitionEnd,
  publicHolidays,
  startOfCallDay,
  startOfWorksDeadline,
  subsidyPaymentWindow,
} from './deadlines';
import { SOURCES } from './explain';

const params = callParameters2022;
const TZ = 'America/Santiago';

/** Local Santiago wall time with offset. */
const local = (d: Date) => format(new TZDate(d.getTime(), TZ), 'yyyy-MM-dd HH:mm:ss.SSS xxx');
const localNoOffset = (d: Date) => format(new TZDate(d.getTime(), TZ), 'yyyy-MM-dd HH:mm:ss.SSS');
const nextMs = (d: Date) => new Date(d.getTime() + 1);

describe('end of a day in Santiago across DST changes', () => {
  it('April (DST ends at 24:00 on Saturday: 23:00–24:00 happens twice): the deadline is the second 23:59:59.999', () => {
    const end = endOfCallDay('2023-04-01', params);
    expect(local(end)).toBe('2023-04-01 23:59:59.999 -04:00');
    expect(new Date(end.getTime()).toISOString()).toBe('2023-04-02T03:59:59.999Z');
    expect(local(nextMs(end))).toBe('2023-04-02 00:00:00.000 -04:00');
    expect(local(endOfCallDay('2023-04-02', params))).toBe('2023-04-02 23:59:59.999 -04:00');
    expect(local(endOfCallDay('2024-04-06', params))).toBe('2024-04-06 23:59:59.999 -04:00');
  });

  it('September (DST starts: Sunday begins at 01:00)', () => {
    const end = endOfCallDay('2023-09-02', params);
    expect(local(end)).toBe('2023-09-02 23:59:59.999 -04:00');
    expect(local(nextMs(end))).toBe('2023-09-03 01:00:00.000 -03:00');
    expect(local(startOfCallDay('2023-09-03', params))).toBe('2023-09-03 01:00:00.000 -03:00');
    expect(local(endOfCallDay('2023-09-03', params))).toBe('2023-09-03 23:59:59.999 -03:00');
    expect(local(endOfCallDay('2024-09-07', params))).toBe('2024-09-07 23:59:59.999 -04:00');
  });

  it('every day from 2020 to 2035 ends at 23:59:59.999 local and the next ms is the next day (property)', () => {
    const base = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 16 }), (offset) => {
        const day = new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
        const end = endOfCallDay(day, params);
        expect(localNoOffset(end)).toBe(`${day} 23:59:59.999`);
        expect(callDateOf(nextMs(end), params)).not.toBe(day);
        expect(callDateOf(startOfCallDay(day, params), params)).toBe(day);
      }),
      { numRuns: 500 },
    );
  });

  it('all April and September days of 2022–2030', () => {
    for (let year = 2022; year <= 2030; year++)
      for (const month of ['04', '09'])
        for (let d = 1; d <= 30; d++) {
          const day = `${year}-${month}-${String(d).padStart(2, '0')}`;
          const end = endOfCallDay(day, params);
          expect(localNoOffset(end), day).toBe(`${day} 23:59:59.999`);
          expect(callDateOf(nextMs(end), params), day).not.toBe(day);
        }
  });

  it('reads an instant as its calendar date in Santiago', () => {
    expect(callDateOf(new Date('2023-04-02T03:30:00Z'), params)).toBe('2023-04-01');
    expect(callDateOf(new Date('2023-01-01T02:00:00Z'), params)).toBe('2022-12-31');
  });

  it('rejects dates that do not exist', () => {
    expect(() => endOfCallDay('2023-02-29', params)).toThrow(RangeError);
    expect(() => endOfCallDay('mañana', params)).toThrow(RangeError);
  });
});

describe('calendarDaysUntil: calendar days in Santiago, not elapsed hours', () => {
  it('0 on the day itself, 1 the day before, −1 the day after, whatever the hour', () => {
    expect(calendarDaysUntil('2026-11-22', new Date('2026-11-22T03:00:00Z'), params)).toBe(0); // 00:00 local
    expect(calendarDaysUntil('2026-11-22', new Date('2026-11-23T02:59:59Z'), params)).toBe(0); // 23:59:59 local
    expect(calendarDaysUntil('2026-11-23', new Date('2026-11-22T10:00:00Z'), params)).toBe(1); // 07:00 local, "mañana"
    expect(calendarDaysUntil('2026-11-21', new Date('2026-11-22T10:00:00Z'), params)).toBe(-1);
  });

  it('the April change (Saturday 23:00–24:00 happens twice): both 23:30 are still Saturday', () => {
    expect(calendarDaysUntil('2027-04-04', new Date('2027-04-04T02:30:00Z'), params)).toBe(1); // 23:30 −03:00
    expect(calendarDaysUntil('2027-04-04', new Date('2027-04-04T03:30:00Z'), params)).toBe(1); // 23:30 −04:00
    expect(calendarDaysUntil('2027-04-04', new Date('2027-04-04T04:00:00Z'), params)).toBe(0); // 00:00 −04:00
    // 30 days from a summer-time morning to a winter-time date: one hour more, still 30 days.
    expect(calendarDaysUntil('2027-05-03', new Date('2027-04-03T10:00:00Z'), params)).toBe(30);
  });

  it('the September change (Sunday begins at 01:00)', () => {
    expect(calendarDaysUntil('2027-09-05', new Date('2027-09-05T03:59:00Z'), params)).toBe(1); // 23:59 −04:00 Saturday
    expect(calendarDaysUntil('2027-09-05', new Date('2027-09-05T04:00:00Z'), params)).toBe(0); // 01:00 −03:00 Sunday
    expect(calendarDaysUntil('2027-10-05', new Date('2027-09-05T04:00:00Z'), params)).toBe(30);
  });

  it('counting n days ahead of any instant gives n (property)', () => {
    const base = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 16 * 24 }), fc.integer({ min: -400, max: 400 }), (hours, n) => {
        const at = new Date(base + hours * 3_600_000);
        const [y, m, d] = callDateOf(at, params).split('-').map(Number) as [number, number, number];
        const target = new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
        expect(calendarDaysUntil(target, at, params)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('isPastDeadline', () => {
  it('the deadline\'s last millisecond is still on time', () => {
    const deadline = endOfCallDay('2022-11-30', params);
    expect(isPastDeadline(deadline, deadline)).toBe(false);
    expect(isPastDeadline(nextMs(deadline), deadline)).toBe(true);
    expect(isPastDeadline(new Date(deadline.getTime() - 1), deadline)).toBe(false);
  });

  it('checkDeadline states the deadline in Santiago time', () => {
    const deadline = cbrInscriptionDeadline('2023-01-01', params);
    const late = checkDeadline('land.cbr_inscription', 'la inscripción en el CBR', nextMs(deadline), deadline, params, SOURCES.requirements);
    expect(late.ok).toBe(false);
    expect(late.message).toBe('Fuera de plazo: la inscripción en el CBR venció el 01-04-2023 a las 23:59 (hora de Chile continental).');
  });
});

describe('CBR inscription: 90 calendar days after the selection is published', () => {
  it('counts from the day after publication, ends at the end of the 90th day', () => {
    expect(local(cbrInscriptionDeadline('2023-01-20', params))).toBe('2023-04-20 23:59:59.999 -04:00');
    expect(local(cbrInscriptionDeadline('2023-01-01', params))).toBe('2023-04-01 23:59:59.999 -04:00');
    expect(local(cbrInscriptionDeadline('2023-06-05', params))).toBe('2023-09-03 23:59:59.999 -03:00');
  });
  it('leap years', () => {
    expect(localNoOffset(cbrInscriptionDeadline('2024-01-01', params))).toBe('2024-03-31 23:59:59.999');
    expect(localNoOffset(cbrInscriptionDeadline('2023-12-01', params))).toBe('2024-02-29 23:59:59.999');
  });
  it('an instant of publication counts by its Santiago date', () => {
    expect(localNoOffset(cbrInscriptionDeadline(new Date('2023-01-01T02:00:00Z'), params))).toBe('2023-03-31 23:59:59.999');
  });
});

describe('months and years (Código Civil art. 48)', () => {
  it('31 January + 1 month is the last day of February', () => {
    expect(localNoOffset(calendarTermEnd('2023-01-31', { months: 1 }, params))).toBe('2023-02-28 23:59:59.999');
    expect(localNoOffset(calendarTermEnd('2024-01-31', { months: 1 }, params))).toBe('2024-02-29 23:59:59.999');
    expect(localNoOffset(calendarTermEnd('2024-03-31', { months: 1 }, params))).toBe('2024-04-30 23:59:59.999');
  });

  it('subsidy payment: 24 months from the first day of the month after municipal reception', () => {
    const w = subsidyPaymentWindow('2024-01-15', params);
    expect(local(w.start)).toBe('2024-02-01 00:00:00.000 -03:00');
    expect(local(w.end)).toBe('2026-02-01 23:59:59.999 -03:00');
    const december = subsidyPaymentWindow('2023-12-31', params);
    expect(localNoOffset(december.start)).toBe('2024-01-01 00:00:00.000');
    expect(localNoOffset(december.end)).toBe('2026-01-01 23:59:59.999');
    const winter = subsidyPaymentWindow('2023-05-31', params);
    expect(local(winter.start)).toBe('2023-06-01 00:00:00.000 -04:00');
  });

  it('10-year prohibition from the CBR inscription, 29 February included', () => {
    expect(localNoOffset(prohibitionEnd('2024-02-29', params))).toBe('2034-02-28 23:59:59.999');
    expect(localNoOffset(prohibitionEnd('2023-03-15', params))).toBe('2033-03-15 23:59:59.999');
  });

  it('start of works by the end of July 2023', () => {
    expect(local(startOfWorksDeadline(params))).toBe('2023-07-31 23:59:59.999 -04:00');
  });
});

describe('administrative working days (Ley 19.880 art. 25)', () => {
  it('counts only public holidays of Chile: 31 December (bank holiday) is a working day', () => {
    const y2024 = publicHolidays(2024);
    expect(y2024.has('2024-09-18')).toBe(true);
    expect(y2024.has('2024-09-20')).toBe(true);
    expect(y2024.has('2024-12-31')).toBe(false);
    expect(isWorkingDay('2024-12-31', params)).toBe(true);
    expect(isWorkingDay('2024-09-20', params)).toBe(false);
    expect(isWorkingDay('2024-09-21', params)).toBe(false);
  });

  it('reproduces the 2022 cronograma: observations 13-12-2022 → corrections until 27-12-2022', () => {
    expect(localNoOffset(correctionDeadline('2022-12-13', params))).toBe('2022-12-27 23:59:59.999');
  });

  it('skips weekends and holidays', () => {
    expect(localNoOffset(addWorkingDays('2024-09-17', 1, params))).toBe('2024-09-23 23:59:59.999');
    expect(localNoOffset(addWorkingDays('2024-12-30', 1, params))).toBe('2024-12-31 23:59:59.999');
    expect(localNoOffset(addWorkingDays('2024-12-31', 1, params))).toBe('2025-01-02 23:59:59.999');
    expect(localNoOffset(addWorkingDays('2023-04-06', 1, params))).toBe('2023-04-10 23:59:59.999');
    expect(localNoOffset(addWorkingDays('2023-03-31', 5, params))).toBe('2023-04-10 23:59:59.999');
  });

  it('the result is always a working day at 23:59:59.999 local (property)', () => {
    const base = Date.UTC(2022, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 4 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const day = new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
        const deadline = addWorkingDays(day, n, params);
        expect(isWorkingDay(deadline, params)).toBe(true);
        expect(localNoOffset(deadline).endsWith('23:59:59.999')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('land.title_certificate_age', () => {
  it('at most 30 days old when filed', () => {
    expect(checkTitleCertificateAge('2022-11-01', '2022-12-01', params).ok).toBe(true);
    const old = checkTitleCertificateAge('2022-10-31', '2022-12-01', params);
    expect(old.ok).toBe(false);
    expect(old.message).toBe('El certificado de dominio vigente debe tener como máximo 30 días de antigüedad al presentar; tiene 31.');
  });
  it('uses the Santiago date of the filing instant', () => {
    expect(checkTitleCertificateAge('2022-10-31', new Date('2022-12-01T02:00:00Z'), params).figures.ageDays).toBe(30);
  });
});
