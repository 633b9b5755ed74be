import { describe, expect, it } from 'vitest';
import { Dec, dec, fail, formatClp, formatNumber, formatShare, formatUf, pass } from './explain';

describe('es-CL formatting of figures', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatNumber('1200')).toBe('1.200');
    expect(formatNumber('630000')).toBe('630.000');
    expect(formatNumber('0.8337')).toBe('0,8337');
    expect(formatNumber('1234567.891', 2)).toBe('1.234.567,89');
    expect(formatNumber('-1500.5')).toBe('-1.500,5');
    expect(formatNumber('999')).toBe('999');
  });
  it('UF, pesos and shares', () => {
    expect(formatUf('1200.01')).toBe('1.200,01 UF');
    expect(formatClp(1404569)).toBe('$1.404.569');
    expect(formatClp('27662.99')).toBe('$27.663');
    expect(formatShare('0.2')).toBe('20%');
    expect(formatShare('0.045')).toBe('4,5%');
  });
});

describe('decimals', () => {
  it('are exact for the call figures', () => {
    expect(dec('0.1').plus('0.2').eq('0.3')).toBe(true);
    expect(dec('33179.05').times('0.25').toFixed()).toBe('8294.7625');
    expect(new Dec('2.5').toDecimalPlaces(0).toFixed()).toBe('3');
  });
});

describe('RuleResult helpers', () => {
  it('pass and fail', () => {
    expect(pass('x', 'bien', 'fuente', { a: 1 })).toEqual({ id: 'x', ok: true, message: 'bien', source: 'fuente', figures: { a: 1 } });
    expect(fail('x', 'mal', 'fuente').ok).toBe(false);
  });
});
