/** es-CL number formatting for messages and letters, from exact decimals (no float rounding). */
import Decimal from 'decimal.js';
import type { DecimalInput } from './types';

/** Exact decimal from a string or a number; rejects NaN, infinities and malformed strings. */
export function toDecimal(value: DecimalInput | Decimal): Decimal {
  const d = value instanceof Decimal ? value : new Decimal(typeof value === 'number' ? String(value) : value.trim());
  if (!d.isFinite()) throw new RangeError(`Número no válido: ${String(value)}`);
  return d;
}

/**
 * "2.100", "10,48", "1.234.567,5": dots for thousands, comma for decimals. Rounds half up to at most
 * `maxDecimals` and drops trailing zeros.
 */
export function formatDecimalCl(value: DecimalInput | Decimal, maxDecimals = 2): string {
  const d = toDecimal(value).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  const [intPart = '0', fracPart] = d.abs().toFixed().split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = d.isNegative() && !d.isZero() ? '-' : '';
  return fracPart ? `${sign}${grouped},${fracPart}` : `${sign}${grouped}`;
}

/** "70%", "69,23%": a share (0–1) as a percentage. */
export function formatShareCl(share: DecimalInput | Decimal, maxDecimals = 2): string {
  return `${formatDecimalCl(toDecimal(share).times(100), maxDecimals)}%`;
}

export function formatUf(value: DecimalInput | Decimal, maxDecimals = 2): string {
  return `${formatDecimalCl(value, maxDecimals)} UF`;
}
