import { describe, expect, it } from 'vitest';
import { formatDecimalCl, formatShareCl, formatUf, toDecimal } from './format';

describe('es-CL number formatting', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatDecimalCl('2100')).toBe('2.100');
    expect(formatDecimalCl('10.48')).toBe('10,48');
    expect(formatDecimalCl('1234567.5')).toBe('1.234.567,5');
    expect(formatDecimalCl(52.99)).toBe('52,99');
    expect(formatDecimalCl('0.005')).toBe('0,01');
    expect(formatDecimalCl('-1500.4')).toBe('-1.500,4');
  });

  it('formats shares and UF', () => {
    expect(formatShareCl('0.7')).toBe('70%');
    expect(formatShareCl(toDecimal(2).div(3))).toBe('66,67%');
    expect(formatUf('1390')).toBe('1.390 UF');
  });

  it('rejects what is not a number', () => {
    expect(() => toDecimal('abc')).toThrow();
    expect(() => toDecimal(Number.NaN)).toThrow(RangeError);
  });
});
