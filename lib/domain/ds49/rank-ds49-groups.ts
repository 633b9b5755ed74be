/**
 * Priority among groups by the seniority of their families' savings instruments, not by the group's
 * age (the GORE Magallanes reglamento, Antecedentes: "se fija un criterio objetivo en base a la antigüedad del instrumento de
 * ahorro de las familias, más allá de la antigüedad de la agrupación"; 3.d: "La antigüedad de la
 * agrupación … no será un factor determinante").
 *
 * The seed names the criterion but no formula. We use, in this order:
 * 1. the mean seniority, in calendar days, of the families' instruments at one common cut-off date
 *    (`asOf`, e.g. the close of the call): the group whose families have waited longest on average goes
 *    first. A mean, not a sum, so a larger group does not win by size; a common date, not each group's
 *    own submission date, so presenting earlier is not penalised. When every instrument predates the
 *    cut-off, the order equals the order of the mean opening dates, whatever the cut-off.
 * 2. the seniority of the group's most recent instrument (higher first): the seed's concern is members
 *    "que se han integrado recientemente";
 * 3. the earlier submission;
 * 4. the group id, only so the order is deterministic.
 * A family without an opening date, or with one after the cut-off, counts 0 days.
 */
import Decimal from 'decimal.js';
import { daysBetweenIso, formatIsoDateCl, toLocalIsoDate } from './dates';
import { formatDecimalCl } from './format';
import type { TDs49Parameters } from './parameters';
import type { DateInput, Ds49Family, IsoDate } from './types';

export type Ds49RankCandidate = {
  id: string;
  families: readonly Pick<Ds49Family, 'rut' | 'savingsInstrumentOpenedOn'>[];
  submittedAt?: DateInput | null;
};

export type Ds49RankedGroup = {
  id: string;
  rank: number;
  familiesCount: number;
  /** Mean seniority in days at the cut-off, 2 decimals. */
  meanSeniorityDays: string;
  totalSeniorityDays: number;
  /** Seniority of the most recent instrument in the group. */
  minSeniorityDays: number;
  familiesWithoutSeniority: number;
  submittedOn: IsoDate | null;
  /** Which criterion put this group after the previous one (null for the first). */
  decidedBy: 'mean' | 'newest_instrument' | 'submission' | 'id' | null;
  explanation: string;
};

type Scored = {
  candidate: Ds49RankCandidate;
  total: number;
  count: number;
  min: number;
  withoutSeniority: number;
  submittedOn: IsoDate | null;
};

function score(candidate: Ds49RankCandidate, asOf: IsoDate, params: TDs49Parameters): Scored {
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let withoutSeniority = 0;
  for (const family of candidate.families) {
    const days = family.savingsInstrumentOpenedOn ? Math.max(0, daysBetweenIso(family.savingsInstrumentOpenedOn, asOf)) : 0;
    if (days === 0) withoutSeniority++;
    total += days;
    min = Math.min(min, days);
  }
  return {
    candidate,
    total,
    count: candidate.families.length,
    min: candidate.families.length === 0 ? 0 : min,
    withoutSeniority,
    submittedOn: candidate.submittedAt ? toLocalIsoDate(candidate.submittedAt, params.timeZone) : null,
  };
}

/** Higher mean first, compared exactly: a.total / a.count against b.total / b.count by cross-multiplication. */
function compareMean(a: Scored, b: Scored): number {
  const left = a.count === 0 ? 0 : a.total * (b.count || 1);
  const right = b.count === 0 ? 0 : b.total * (a.count || 1);
  return right - left;
}

function compareSubmission(a: Scored, b: Scored): number {
  if (a.submittedOn === b.submittedOn) return 0;
  if (a.submittedOn === null) return 1;
  if (b.submittedOn === null) return -1;
  return a.submittedOn < b.submittedOn ? -1 : 1;
}

const criteria: readonly [NonNullable<Ds49RankedGroup['decidedBy']>, (a: Scored, b: Scored) => number][] = [
  ['mean', compareMean],
  ['newest_instrument', (a, b) => b.min - a.min],
  ['submission', compareSubmission],
  ['id', (a, b) => (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0)],
];

function mean(s: Scored): Decimal {
  return s.count === 0 ? new Decimal(0) : new Decimal(s.total).div(s.count);
}

/** Orders groups by priority; see the module comment for the formula. */
export function rankDs49Groups(input: {
  groups: readonly Ds49RankCandidate[];
  asOf: DateInput;
  params: TDs49Parameters;
}): Ds49RankedGroup[] {
  const asOf = toLocalIsoDate(input.asOf, input.params.timeZone);
  const scored = input.groups.map((g) => score(g, asOf, input.params));
  scored.sort((a, b) => {
    for (const [, compare] of criteria) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
  return scored.map((s, i) => {
    const previous = i > 0 ? scored[i - 1] : undefined;
    const decidedBy = previous ? (criteria.find(([, compare]) => compare(previous, s) !== 0)?.[0] ?? 'id') : null;
    const meanDays = mean(s);
    const years = meanDays.div(365.25);
    const explanation =
      s.count === 0
        ? 'La agrupación no registra familias.'
        : `Antigüedad promedio del instrumento de ahorro de sus ${s.count} familias: ${formatDecimalCl(meanDays)} días (${formatDecimalCl(years, 1)} años) al ${formatIsoDateCl(asOf)}; el instrumento más reciente tiene ${s.min} días.`;
    return {
      id: s.candidate.id,
      rank: i + 1,
      familiesCount: s.count,
      meanSeniorityDays: meanDays.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      totalSeniorityDays: s.total,
      minSeniorityDays: s.min,
      familiesWithoutSeniority: s.withoutSeniority,
      submittedOn: s.submittedOn,
      decidedBy,
      explanation,
    };
  });
}
