import { formatRut, normalizeRut } from '@/lib/domain/rut';
import type { TDs49Parameters } from './parameters';
import type { Ds49RuleId, RuleResult } from './types';

export function ruleResult(
  id: Ds49RuleId,
  ok: boolean,
  message: string,
  source: string,
  figures: Record<string, string | number>,
): RuleResult {
  return { id, ok, message, source, figures };
}

/** Full citation for `RuleResult.source`: "Reglamento Convenio de Programación MINVU-GORE Magallanes 2021-2027, numeral 3.a". */
export function cite(params: TDs49Parameters, numeral: string): string {
  return `${params.sourceName}, numeral ${numeral}`;
}

/** Short citation closing a message: "Reglamento GORE Magallanes, numeral 3.a". */
export function citeShort(source: string, params: TDs49Parameters): string {
  return source.startsWith(params.sourceName) ? `${params.sourceShortName}${source.slice(params.sourceName.length)}` : source;
}

export function displayRut(rut: string): string {
  const normalized = normalizeRut(rut);
  return normalized ? formatRut(normalized) : rut;
}

/** "a, b y c", or "a, b, c, d, e y 3 más" past `max` items. */
export function listEs(items: readonly string[], max = 5): string {
  if (items.length === 0) return '';
  if (items.length > max) return `${items.slice(0, max).join(', ')} y ${items.length - max} más`;
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** "1 familia" / "3 familias". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Ends a message with its citation: "… mínimo es 70% (Reglamento …, numeral 3.a)." */
export function withSource(text: string, source: string): string {
  return `${text.trim().replace(/\.$/, '')} (${source}).`;
}
