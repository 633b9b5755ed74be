/**
 * Individual and group scores (the 2022 call, «Selección de los grupos postulantes»; D.S. N°1 art. 65).
 * Individual score = sum of the factor points of the call's point tables (+ savings-excess points when the
 * call counts them). Group score = sum of the individual scores of the eligible (hábiles) applicants ÷
 * their number. Scores are exact decimals (precision 40); nothing is rounded except `display`.
 */
import type { Band, TAgeRange, TCallParameters, TCountBasis, TFlagBasis, TScoreFactor } from './call-parameters';
import { AGE_RANGE_UNSET_SUFFIX } from './call-parameters';
import { Dec, SOURCES, dec, formatNumber, formatUf } from './explain';
import type { DecimalInput } from './explain';
import { choiceFactValueLabel } from './household-facts';
import type { TScoreFacts } from './household-facts';

export type ApplicantScoreInput = { band: Band; savingsUf: DecimalInput; facts: TScoreFacts };

export type FactorPoints = {
  factorId: string;
  group: TScoreFactor['group'] | 'ahorro';
  label: string;
  points: string;
  /** The points (or the ages) that apply are not yet entered in the call (null): counted as 0 and reported. */
  unset: boolean;
  /** The household did not declare the fact this factor reads: 0 points. */
  missing: boolean;
  detail: string;
};

export type IndividualScore = {
  total: string;
  factors: FactorPoints[];
  /** Ids of the unset parameters that this applicant's facts needed. */
  unset: string[];
  /** Ids of the factors whose fact the household did not declare. */
  missing: string[];
  /** False while some needed point value is unset or a declared fact is invalid. */
  complete: boolean;
  invalidFacts: string[];
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

/** «menores de 18 años», «de 60 años o más», «de 6 a 17 años». */
export function describeAgeRange(range: TAgeRange): string {
  if (range.toAge === null) return `de ${range.fromAge} años o más`;
  if (range.fromAge === 0) return `menores de ${range.toAge + 1} años`;
  return `de ${range.fromAge} a ${range.toAge} años`;
}

type Count = { kind: 'count'; units: number; noun: string } | { kind: 'missing' } | { kind: 'unset'; detail: string } | { kind: 'invalid'; detail: string };

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The count a counting basis reads from the household facts. */
function countOf(basis: TCountBasis, facts: TScoreFacts): Count {
  if (basis.fact === 'memberAges') {
    const ages = facts.memberAges;
    if (ages === null || ages === undefined) return { kind: 'missing' };
    if (!Array.isArray(ages) || !ages.every(isCount)) return { kind: 'invalid', detail: 'Edades declaradas no válidas.' };
    if (basis.ageRange === null) return { kind: 'unset', detail: 'Edades declaradas; el tramo de edad que puntúa no está definido en el llamado.' };
    const { fromAge, toAge } = basis.ageRange;
    const units = ages.filter((age) => age >= fromAge && (toAge === null || age <= toAge)).length;
    return { kind: 'count', units, noun: `integrantes ${describeAgeRange(basis.ageRange)}` };
  }
  const value = basis.fact === 'householdMembers' ? facts.householdSize : facts[basis.fact];
  if (value === null || value === undefined) return { kind: 'missing' };
  if (!isCount(value)) return { kind: 'invalid', detail: `Cantidad declarada no válida (${String(value)}).` };
  const noun = { householdMembers: 'integrantes', membersWithDisability: 'integrantes con discapacidad', earlierApplications: 'postulaciones anteriores' }[basis.fact];
  return { kind: 'count', units: value, noun };
}

/** Whether a flag's basis holds, or why it cannot be told. */
function flagHolds(basis: TFlagBasis, facts: TScoreFacts): { kind: 'holds'; holds: boolean; detail: string } | Exclude<Count, { kind: 'count' }> {
  if ('atLeast' in basis) {
    const count = countOf(basis, facts);
    if (count.kind !== 'count') return count;
    return { kind: 'holds', holds: count.units >= basis.atLeast, detail: `${count.units} ${count.noun}` };
  }
  const value = facts[basis.fact];
  if (value === null || value === undefined) return { kind: 'missing' };
  return { kind: 'holds', holds: (basis.values as readonly string[]).includes(value), detail: choiceFactValueLabel(basis.fact, value) };
}

function factorPoints(factor: TScoreFactor, facts: TScoreFacts): FactorPoints & { invalid: boolean; unsetId: string | null } {
  const base = { factorId: factor.id, group: factor.group, label: factor.label, unset: false, missing: false, invalid: false, unsetId: null };
  const zero = (detail: string, flags: Partial<Pick<FactorPoints, 'unset' | 'missing'>> & { invalid?: boolean; unsetId?: string } = {}) => ({
    ...base,
    points: '0',
    detail,
    ...flags,
    unsetId: flags.unsetId ?? null,
  });
  const missing = () => zero('Sin antecedente declarado.', { missing: true });
  const ageUnsetId = `${factor.id}:${AGE_RANGE_UNSET_SUFFIX}`;

  if (factor.kind === 'per_unit') {
    const count = countOf(factor.basis, facts);
    if (count.kind === 'missing') return missing();
    if (count.kind === 'invalid') return zero(count.detail, { invalid: true });
    if (count.kind === 'unset') return zero(count.detail, { unset: true, unsetId: ageUnsetId });
    const capped = factor.maxUnits !== null && count.units > factor.maxUnits;
    const units = capped ? factor.maxUnits! : count.units;
    const cap = capped ? ` (${count.units} declarados; el llamado cuenta hasta ${factor.maxUnits})` : '';
    if (units === 0) return zero(`0 ${count.noun}.`);
    if (factor.pointsPerUnit === null)
      return zero(`${units} ${count.noun}${cap}; puntaje por unidad no definido en el llamado.`, { unset: true, unsetId: factor.id });
    const points = dec(factor.pointsPerUnit).times(units);
    return { ...base, points: points.toFixed(), detail: `${units} ${count.noun}${cap} × ${formatNumber(factor.pointsPerUnit)} puntos.` };
  }

  if (factor.kind === 'flag') {
    const holds = flagHolds(factor.basis, facts);
    if (holds.kind === 'missing') return missing();
    if (holds.kind === 'invalid') return zero(holds.detail, { invalid: true });
    if (holds.kind === 'unset') return zero(holds.detail, { unset: true, unsetId: ageUnsetId });
    if (!holds.holds) return zero(`No corresponde (${holds.detail}).`);
    if (factor.points === null) return zero(`Corresponde (${holds.detail}); puntaje no definido en el llamado.`, { unset: true, unsetId: factor.id });
    return { ...base, points: dec(factor.points).toFixed(), detail: `Corresponde (${holds.detail}).` };
  }

  const value = facts[factor.basis.fact];
  if (value === null || value === undefined) return missing();
  const option = factor.options.find((o) => (o.factValues ?? [o.id]).includes(value));
  if (!option) return zero(`«${String(value)}» no tiene línea en la tabla de ${factor.label}.`, { invalid: true });
  if (option.points === null)
    return zero(`${option.label}; puntaje no definido en el llamado.`, { unset: true, unsetId: `${factor.id}:${option.id}` });
  return { ...base, points: dec(option.points).toFixed(), detail: option.label };
}

/**
 * The points of each factor of the call for one applicant's declared household facts (D.S. N°1 art. 65),
 * plus savings above the band's minimum when the call counts them.
 */
export function individualScore(input: ApplicantScoreInput, params: TCallParameters): IndividualScore {
  const factors: FactorPoints[] = [];
  const unset: string[] = [];
  const missing: string[] = [];
  const invalidFacts: string[] = [];
  let total = new Dec(0);
  for (const factor of params.score.factors) {
    const { invalid, unsetId, ...result } = factorPoints(factor, input.facts);
    if (invalid) invalidFacts.push(factor.id);
    if (unsetId) unset.push(unsetId);
    if (result.missing) missing.push(factor.id);
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
      missing: false,
      detail: `${formatUf(excess.excessUf)} sobre el ahorro mínimo del tramo ${input.band}.`,
    });
  }
  return {
    total: total.toFixed(),
    factors,
    unset,
    missing,
    complete: unset.length === 0 && invalidFacts.length === 0,
    invalidFacts,
    source: SOURCES.score,
  };
}

/** One factor over a group's eligible applicants. */
export type GroupFactorBreakdown = {
  factorId: string;
  label: string;
  group: FactorPoints['group'];
  sum: string;
  average: string | null;
  /** Some eligible applicant needed a value of this factor that the call has not entered yet. */
  unset: boolean;
  /** Eligible applicants who did not declare the fact this factor reads. */
  missingCount: number;
};

export type GroupScore = {
  /** Exact average (precision 40), or null when the group has no eligible applicant. */
  score: string | null;
  /** Two decimals, for display only. */
  display: string | null;
  eligibleCount: number;
  sumOfScores: string;
  /** Average points per factor over the eligible applicants (adds up to the group score). */
  breakdown: GroupFactorBreakdown[];
  complete: boolean;
  message: string;
  source: string;
};

export function groupScore(applicants: ReadonlyArray<{ eligible: boolean; score: IndividualScore }>): GroupScore {
  const eligible = applicants.filter((a) => a.eligible);
  const n = eligible.length;
  let sum = new Dec(0);
  const byFactor = new Map<string, { label: string; group: FactorPoints['group']; sum: Dec; unset: boolean; missingCount: number }>();
  for (const { score } of eligible) {
    sum = sum.plus(score.total);
    for (const f of score.factors) {
      const entry = byFactor.get(f.factorId) ?? { label: f.label, group: f.group, sum: new Dec(0), unset: false, missingCount: 0 };
      entry.sum = entry.sum.plus(f.points);
      entry.unset ||= f.unset;
      if (f.missing) entry.missingCount += 1;
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
      unset: e.unset,
      missingCount: e.missingCount,
    })),
    complete: eligible.every((a) => a.score.complete),
    message:
      n === 0
        ? 'El grupo no tiene postulantes hábiles: no se puede calcular su puntaje.'
        : `Puntaje del grupo: ${formatNumber(score ?? 0, 2)} (suma de ${formatNumber(sum, 2)} puntos de ${n} postulantes hábiles ÷ ${n}).`,
    source: SOURCES.selection,
  };
}
