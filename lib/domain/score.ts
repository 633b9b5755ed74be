/**
 * Individual and group scores (seed 003, «Selección de los grupos postulantes»; D.S. N°1 art. 65).
 * Individual score = sum of the factor points of the call's point tables (+ savings-excess points when the
 * call counts them). Group score = sum of the individual scores of the eligible (hábiles) applicants ÷
 * their number. Scores are exact decimals (precision 40); nothing is rounded except `display`.
 */
import type { Band, TCallParameters, TScoreFactor } from './call-parameters';
import { Dec, SOURCES, dec, formatNumber, formatUf } from './explain';
import type { DecimalInput } from './explain';

/** Answers per factor id: a count (per_unit), true/false (flag) or an option id (choice). */
export type ScoreAnswers = Readonly<Record<string, number | boolean | string | null | undefined>>;

export type ApplicantScoreInput = { band: Band; savingsUf: DecimalInput; answers: ScoreAnswers };

export type FactorPoints = {
  factorId: string;
  group: TScoreFactor['group'] | 'ahorro';
  label: string;
  points: string;
  /** The points that apply are not yet entered in the call (null): counted as 0 and reported. */
  unset: boolean;
  detail: string;
};

export type IndividualScore = {
  total: string;
  factors: FactorPoints[];
  /** Ids of the unset parameters that this applicant's answers needed. */
  unset: string[];
  /** False while some needed point value is unset or an answer is invalid. */
  complete: boolean;
  invalidAnswers: string[];
  source: string;
};

export const SAVINGS_EXCESS_FACTOR_ID = 'ahorro.exceso';

/**
 * Savings-excess points by marginal brackets. Limits are measured on the excess over the band's minimum
 * (or on total savings when the call says so); each UF, including fractions, earns its bracket's rate.
 */
export function savingsExcessPoints(
  band: Band,
  savingsUf: DecimalInput,
  params: TCallParameters,
): { excessUf: string; points: string } {
  const rules = params.score.savingsExcess;
  const savings = dec(savingsUf);
  const min = dec(params.bandRequirements[band].minSavingsUf);
  const excess = Dec.max(savings.minus(min), 0);
  const onTotal = rules.thresholdsOf === 'total_savings';
  const value = onTotal ? savings : excess;
  let lower: Dec = onTotal ? min : new Dec(0);
  let points = new Dec(0);
  for (const bracket of rules.byBand[band]) {
    const upper = bracket.uptoUf === null ? null : dec(bracket.uptoUf);
    const top = upper === null ? value : Dec.min(value, upper);
    if (top.gt(lower)) points = points.plus(top.minus(lower).times(bracket.pointsPerUf));
    if (upper === null) break;
    lower = Dec.max(lower, upper);
  }
  return { excessUf: excess.toFixed(), points: points.toFixed() };
}

function factorPoints(factor: TScoreFactor, answer: ScoreAnswers[string]): FactorPoints & { invalid: boolean; unsetId: string | null } {
  const base = { factorId: factor.id, group: factor.group, label: factor.label };
  const none = (detail: string, invalid = false) => ({ ...base, points: '0', unset: false, detail, invalid, unsetId: null });
  if (answer === undefined || answer === null) return none('Sin antecedente declarado.');
  if (factor.kind === 'per_unit') {
    if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < 0)
      return none(`Respuesta inválida: se esperaba una cantidad entera (${String(answer)}).`, true);
    const units = factor.maxUnits === null ? answer : Math.min(answer, factor.maxUnits);
    if (units === 0) return none('0 unidades.');
    if (factor.pointsPerUnit === null)
      return { ...base, points: '0', unset: true, detail: `${units} unidades; puntaje por unidad no definido en el llamado.`, invalid: false, unsetId: factor.id };
    const points = dec(factor.pointsPerUnit).times(units);
    return { ...base, points: points.toFixed(), unset: false, detail: `${units} × ${formatNumber(factor.pointsPerUnit)} puntos.`, invalid: false, unsetId: null };
  }
  if (factor.kind === 'flag') {
    if (typeof answer !== 'boolean') return none(`Respuesta inválida: se esperaba sí o no (${String(answer)}).`, true);
    if (!answer) return none('No corresponde.');
    if (factor.points === null)
      return { ...base, points: '0', unset: true, detail: 'Corresponde; puntaje no definido en el llamado.', invalid: false, unsetId: factor.id };
    return { ...base, points: dec(factor.points).toFixed(), unset: false, detail: 'Corresponde.', invalid: false, unsetId: null };
  }
  const option = factor.options.find((o) => o.id === answer);
  if (!option) return none(`Respuesta inválida: «${String(answer)}» no es una opción de ${factor.label}.`, true);
  if (option.points === null)
    return { ...base, points: '0', unset: true, detail: `${option.label}; puntaje no definido en el llamado.`, invalid: false, unsetId: `${factor.id}:${option.id}` };
  return { ...base, points: dec(option.points).toFixed(), unset: false, detail: option.label, invalid: false, unsetId: null };
}

export function individualScore(input: ApplicantScoreInput, params: TCallParameters): IndividualScore {
  const factors: FactorPoints[] = [];
  const unset: string[] = [];
  const invalidAnswers: string[] = [];
  let total = new Dec(0);
  for (const factor of params.score.factors) {
    const { invalid, unsetId, ...result } = factorPoints(factor, input.answers[factor.id]);
    if (invalid) invalidAnswers.push(factor.id);
    if (unsetId) unset.push(unsetId);
    total = total.plus(result.points);
    factors.push(result);
  }
  if (params.score.savingsExcess.counts) {
    const excess = savingsExcessPoints(input.band, input.savingsUf, params);
    total = total.plus(excess.points);
    factors.push({
      factorId: SAVINGS_EXCESS_FACTOR_ID,
      group: 'ahorro',
      label: 'Ahorro sobre el mínimo',
      points: excess.points,
      unset: false,
      detail: `${formatUf(excess.excessUf)} sobre el ahorro mínimo del tramo ${input.band}.`,
    });
  }
  return {
    total: total.toFixed(),
    factors,
    unset,
    complete: unset.length === 0 && invalidAnswers.length === 0,
    invalidAnswers,
    source: SOURCES.score,
  };
}

export type GroupScore = {
  /** Exact average (precision 40), or null when the group has no eligible applicant. */
  score: string | null;
  /** Two decimals, for display only. */
  display: string | null;
  eligibleCount: number;
  sumOfScores: string;
  /** Average points per factor over the eligible applicants (adds up to the group score). */
  breakdown: Array<{ factorId: string; label: string; group: FactorPoints['group']; sum: string; average: string | null }>;
  complete: boolean;
  message: string;
  source: string;
};

export function groupScore(applicants: ReadonlyArray<{ eligible: boolean; score: IndividualScore }>): GroupScore {
  const eligible = applicants.filter((a) => a.eligible);
  const n = eligible.length;
  let sum = new Dec(0);
  const byFactor = new Map<string, { label: string; group: FactorPoints['group']; sum: Dec }>();
  for (const { score } of eligible) {
    sum = sum.plus(score.total);
    for (const f of score.factors) {
      const entry = byFactor.get(f.factorId) ?? { label: f.label, group: f.group, sum: new Dec(0) };
      entry.sum = entry.sum.plus(f.points);
      byFactor.set(f.factorId, entry);
    }
  }
  const score = n === 0 ? null : sum.div(n);
  return {
    score: score?.toFixed() ?? null,
    display: score?.toFixed(2, Dec.ROUND_HALF_UP) ?? null,
    eligibleCount: n,
    sumOfScores: sum.toFixed(),
    breakdown: [...byFactor].map(([factorId, e]) => ({
      factorId,
      label: e.label,
      group: e.group,
      sum: e.sum.toFixed(),
      average: n === 0 ? null : e.sum.div(n).toFixed(),
    })),
    complete: eligible.every((a) => a.score.complete),
    message:
      n === 0
        ? 'El grupo no tiene postulantes hábiles: no se puede calcular su puntaje.'
        : `Puntaje del grupo: ${formatNumber(score ?? 0, 2)} (suma de ${formatNumber(sum, 2)} puntos de ${n} postulantes hábiles ÷ ${n}).`,
    source: SOURCES.selection,
  };
}
