/**
 * Chilean RUT (Rol Único Tributario / RUN): mod-11 check digit, normalised as `12345678-5`.
 * Accepts dots, spaces and a lower-case `k` on input.
 */

export type RutParse =
  | { ok: true; rut: string; body: number; checkDigit: string }
  | { ok: false; reason: 'formato' | 'digito'; expectedCheckDigit?: string; input: string };

/** Mod-11 check digit for a RUT body (digits only). */
export function computeCheckDigit(body: number | string): string {
  const digits = String(body).replace(/\D/g, '');
  let sum = 0;
  let factor = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const rest = 11 - (sum % 11);
  if (rest === 11) return '0';
  if (rest === 10) return 'K';
  return String(rest);
}

export function parseRut(input: string): RutParse {
  const cleaned = String(input ?? '')
    .trim()
    .replace(/[.\s]/g, '')
    .toUpperCase();
  const match = /^(\d{1,9})-?([\dK])$/.exec(cleaned);
  if (!match) return { ok: false, reason: 'formato', input };
  const bodyText = match[1]!.replace(/^0+/, '') || '0';
  const body = Number(bodyText);
  if (body < 1000) return { ok: false, reason: 'formato', input };
  const expected = computeCheckDigit(bodyText);
  if (expected !== match[2]) return { ok: false, reason: 'digito', expectedCheckDigit: expected, input };
  return { ok: true, rut: `${bodyText}-${expected}`, body, checkDigit: expected };
}

export function isValidRut(input: string): boolean {
  return parseRut(input).ok;
}

/** Normalised form (`12345678-5`) or null when the RUT is not valid. */
export function normalizeRut(input: string): string | null {
  const parsed = parseRut(input);
  return parsed.ok ? parsed.rut : null;
}

/** Display form with thousands dots: `12.345.678-5`. */
export function formatRut(normalized: string): string {
  const [body, dv] = normalized.split('-');
  if (!body || !dv) return normalized;
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
}

/** Spanish message explaining why a RUT is not valid, naming the expected check digit when that is the fault. */
export function rutErrorMessage(parse: Extract<RutParse, { ok: false }>): string {
  const shown = parse.input.trim() || '(vacío)';
  if (parse.reason === 'digito')
    return `El RUT ${shown} no es válido: el dígito verificador debería ser ${parse.expectedCheckDigit}.`;
  return `El RUT ${shown} no tiene un formato válido (ejemplo: 12.345.678-5).`;
}
