import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso, addYearsIso, daysBetweenIso, formatIsoDateCl, isIsoDate, toLocalIsoDate } from './dates';

const TZ = 'America/Santiago';

describe('toLocalIsoDate', () => {
  it('reads instants as the calendar day in Chile', () => {
    // March 2024: Chile on summer time, UTC−3.
    expect(toLocalIsoDate('2024-03-15T02:59:59Z', TZ)).toBe('2024-03-14');
    expect(toLocalIsoDate('2024-03-15T03:00:00Z', TZ)).toBe('2024-03-15');
    // July 2024: winter time, UTC−4.
    expect(toLocalIsoDate(new Date('2024-07-01T03:30:00Z'), TZ)).toBe('2024-06-30');
    expect(toLocalIsoDate(new Date('2024-07-01T04:00:00Z'), TZ)).toBe('2024-07-01');
  });

  it('keeps plain dates and rejects invalid ones', () => {
    expect(toLocalIsoDate('2024-02-29', TZ)).toBe('2024-02-29');
    expect(() => toLocalIsoDate('2023-02-29', TZ)).toThrow(RangeError);
    expect(() => toLocalIsoDate('mañana', TZ)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('adds years, ending a 29 February term on 28 February (Código Civil art. 48)', () => {
    expect(addYearsIso('2021-03-15', 3)).toBe('2024-03-15');
    expect(addYearsIso('2020-02-29', 3)).toBe('2023-02-28');
    expect(addYearsIso('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('adds days across months, years and DST changes', () => {
    expect(addDaysIso('2024-01-31', 1)).toBe('2024-02-01');
    expect(addDaysIso('2024-12-31', 90)).toBe('2025-03-31');
    expect(addDaysIso('2024-04-01', 90)).toBe('2024-06-30');
    expect(daysBetweenIso('2024-04-06', '2024-04-08')).toBe(2);
    expect(daysBetweenIso('2024-03-02', '2024-03-01')).toBe(-1);
  });

  it('daysBetween inverts addDays', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }), fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const start = d.toISOString().slice(0, 10);
        expect(daysBetweenIso(start, addDaysIso(start, n))).toBe(n);
      }),
    );
  });

  it('validates and formats ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('15-03-2024')).toBe(false);
    expect(formatIsoDateCl('2024-03-05')).toBe('05-03-2024');
  });
});
