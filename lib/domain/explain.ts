/**
 * Shared vocabulary of the rules engine: the result every rule returns, the legal sources it cites,
 * exact decimal arithmetic and es-CL formatting of the figures quoted in messages.
 */
import Decimal from 'decimal.js';

/** One evaluated rule: pass/fail, a Spanish reason, where the rule comes from and the figures it used. */
export type RuleResult = {
  id: string;
  ok: boolean;
  message: string;
  source: string;
  figures: Record<string, string | number>;
};

/**
 * Decimal with enough precision for (1 + i)^−300 and for quotients such as group scores; rounding
 * half-up (like the spreadsheet of the 2022 call) wherever a rule rounds explicitly.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

/** Anything accepted as an exact decimal: decimal strings ("1200", "0.045"), safe numbers or Decimals. */
export type DecimalInput = string | number | Decimal;

export function dec(value: DecimalInput): Dec {
  return new Dec(value);
}

/** Citations shown next to every rule (user-facing, Spanish). */
export const SOURCES = {
  projects:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Características de los proyectos y su financiamiento»',
  requirements:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Requisitos de postulación»',
  antecedents:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Antecedentes de postulación»',
  selection:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Selección de los grupos postulantes»',
  resources: 'Llamado especial D.S. N°1, Res. Ex. N°867 de 13-07-2022, recursos del programa piloto',
  financingTable:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), tablas de financiamiento por zona',
  mortgage:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Crédito hipotecario»',
  payment: 'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Pago del subsidio»',
  prohibitions:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Obligaciones y prohibiciones que afectan la vivienda»',
  followup:
    'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Obligaciones Equipo de Trabajo y SERVIU para seguimiento proyectos»',
  bridgeLoan: 'Programa de Vivienda para Organizaciones de Trabajadores (MINVU, llamado 2022), «Préstamos»',
  score: 'D.S. N°1 (V. y U.) de 2011, art. 65',
  /** One application per person and call: the reglamento's rule for collective applications. */
  ds1: 'D.S. N°1 (V. y U.) de 2011, reglamento del Sistema Integrado de Subsidio Habitacional (postulación colectiva)',
  rut: 'Registro Civil: RUT con dígito verificador módulo 11',
  workingDays: 'Ley N°19.880, art. 25 (días hábiles administrativos)',
  civilTerms: 'Código Civil, art. 48 (cómputo de plazos de meses y años)',
} as const;

export function pass(
  id: string,
  message: string,
  source: string,
  figures: Record<string, string | number> = {},
): RuleResult {
  return { id, ok: true, message, source, figures };
}

export function fail(
  id: string,
  message: string,
  source: string,
  figures: Record<string, string | number> = {},
): RuleResult {
  return { id, ok: false, message, source, figures };
}

export function rule(
  id: string,
  ok: boolean,
  message: string,
  source: string,
  figures: Record<string, string | number> = {},
): RuleResult {
  return { id, ok, message, source, figures };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * es-CL number: dots for thousands, comma for decimals ("1.200", "0,8337"). With `decimals` the value
 * is rounded half-up to that many places; without it, trailing zeros are dropped.
 */
export function formatNumber(value: DecimalInput, decimals?: number): string {
  const d = dec(value);
  const text = decimals === undefined ? d.toFixed() : d.toFixed(decimals, Dec.ROUND_HALF_UP);
  const negative = text.startsWith('-');
  const [intPart = '0', fracPart] = (negative ? text.slice(1) : text).split('.');
  const body = groupThousands(intPart) + (fracPart ? `,${fracPart}` : '');
  return negative ? `-${body}` : body;
}

export function formatUf(value: DecimalInput, decimals?: number): string {
  return `${formatNumber(value, decimals)} UF`;
}

export function formatClp(value: DecimalInput): string {
  return `$${formatNumber(value, 0)}`;
}

/** A share stored as a fraction ("0.2") shown as a percentage ("20%"). */
export function formatShare(share: DecimalInput): string {
  return `${formatNumber(dec(share).times(100))}%`;
}
