import { describe, expect, it } from 'vitest';
import { formatChileDate, formatChileDateTime } from './chile-time';

describe('Chile time', () => {
  it('formats in America/Santiago whatever the server zone, across daylight saving', () => {
    expect(formatChileDateTime(new Date('2026-11-22T17:05:00Z'))).toBe('22 de noviembre de 2026, 14:05 (hora de Chile)');
    expect(formatChileDateTime(new Date('2026-07-01T18:00:00Z'))).toBe('1 de julio de 2026, 14:00 (hora de Chile)');
    // 23:30 on 31 December in Chile is already 1 January in UTC.
    expect(formatChileDate(new Date('2027-01-01T02:30:00Z'))).toBe('31 de diciembre de 2026');
  });
});
