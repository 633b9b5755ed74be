/**
 * Spanish wording shared by the call configuration screen: the score groups, what each factor reads
 * from the household facts, and decimals as es-CL writes them.
 */
import type { TScoreFactor } from '@/lib/domain/call-parameters';
import { CHOICE_FACT_VALUE_LABELS, HOUSEHOLD_FACT_LABELS } from '@/lib/domain/household-facts';
import type { ChoiceFact } from '@/lib/domain/household-facts';
import { describeAgeRange } from '@/lib/domain/score';

export const SCORE_GROUP_LABELS: Record<TScoreFactor['group'], string> = {
  grupo_familiar: 'Grupo familiar',
  vulnerabilidad_habitacional: 'Vulnerabilidad habitacional',
  antiguedad_postulacion: 'Antigüedad de la postulación',
};

/** "12.5" → "12,5"; null → "". */
export function pointsText(value: string | null): string {
  return value === null ? '' : value.replace('.', ',');
}

/** What the factor reads from each applicant's declared household facts. */
export function basisText(factor: TScoreFactor): string {
  const basis = factor.basis;
  if (factor.kind === 'choice') return `Según «${HOUSEHOLD_FACT_LABELS[basis.fact]}» declarado en la nómina: los puntos de la línea que corresponda.`;
  const counted =
    basis.fact === 'memberAges'
      ? basis.ageRange === null
        ? 'integrantes en el tramo de edad que puntúa (tramo sin definir)'
        : `integrantes ${describeAgeRange(basis.ageRange)}`
      : HOUSEHOLD_FACT_LABELS[basis.fact].toLowerCase();
  if (factor.kind === 'per_unit') return `Cuenta ${counted}, según la nómina: puntos por cada uno.`;
  if ('atLeast' in basis) return `Corresponde con al menos ${basis.atLeast} ${counted}.`;
  const values: readonly string[] = 'values' in basis ? basis.values : [];
  const labels = CHOICE_FACT_VALUE_LABELS[basis.fact as ChoiceFact] as Record<string, string>;
  return `Corresponde cuando «${HOUSEHOLD_FACT_LABELS[basis.fact]}» es: ${values.map((v) => labels[v] ?? v).join('; ')}.`;
}
