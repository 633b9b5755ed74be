import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { Band, TCallParameters } from './call-parameters';
import { dec } from './explain';
import { NO_HOUSEHOLD_FACTS } from './household-facts';
import type { TScoreFacts } from './household-facts';
import { SAVINGS_EXCESS_FACTOR_ID, describeAgeRange, groupScore, individualScore, savingsExcessPoints } from './score';

const seed = callParameters2022;

/**
 * The seed with made-up point values (for arithmetic only: the real ones come from the decree): 10 per
 * unit (members capped at 5; ages 0–17 score), choices 0/15/30… by line, and the ages left as given.
 */
function filled(counts = false): TCallParameters {
  const p: TCallParameters = structuredClone(seed);
  p.score.savingsExcess.counts = counts;
  p.score.factors = p.score.factors.map((factor) => {
    if (factor.kind === 'per_unit') {
      const basis = factor.basis.fact === 'memberAges' && factor.basis.ageRange === null ? { ...factor.basis, ageRange: { fromAge: 0, toAge: 17 } } : factor.basis;
      return { ...factor, basis, pointsPerUnit: '10', maxUnits: factor.id === 'grupo_familiar.integrantes' ? 5 : null };
    }
    if (factor.kind === 'flag') return { ...factor, points: '30' };
    return { ...factor, options: factor.options.map((o, i) => ({ ...o, points: String(i * 15) })) };
  });
  return p;
}

const facts = (declared: Partial<TScoreFacts> = {}): TScoreFacts => ({ ...NO_HOUSEHOLD_FACTS, householdSize: 1, ...declared });
const pointsOf = (score: ReturnType<typeof individualScore>, factorId: string) => score.factors.find((f) => f.factorId === factorId);

describe('savingsExcessPoints (marginal brackets, limits on the excess)', () => {
  const p = filled(true);
  const points = (band: Band, savings: string) => savingsExcessPoints(band, savings, p).points;
  it('bands 1–2: 4 per UF up to 100 UF of excess, 2 to 150, 1 to 200, 0,05 beyond', () => {
    expect(points(1, '50')).toBe('0');
    expect(points(1, '40')).toBe('0');
    expect(points(1, '145')).toBe('380'); // 95 × 4
    expect(points(1, '150')).toBe('400'); // 100 × 4
    expect(points(1, '200')).toBe('500'); // + 50 × 2
    expect(points(1, '250')).toBe('550'); // + 50 × 1
    expect(points(1, '350')).toBe('555'); // + 100 × 0,05
    expect(points(2, '170')).toBe('400');
    expect(points(1, '150.5')).toBe('401');
  });
  it('band 3: 2 per UF up to 140, 1 to 190, 0,5 to 240, 0,05 beyond', () => {
    expect(points(3, '260')).toBe('280');
    expect(points(3, '310')).toBe('330');
    expect(points(3, '360')).toBe('355');
    expect(points(3, '460')).toBe('360');
  });
  it('can measure the limits on total savings instead', () => {
    const total: TCallParameters = structuredClone(p);
    total.score.savingsExcess.thresholdsOf = 'total_savings';
    expect(savingsExcessPoints(1, '100', total).points).toBe('200'); // 50 → 100 at 4
    expect(savingsExcessPoints(1, '160', total).points).toBe('310'); // + 50 × 2 + 10 × 1
  });
  it('points never decrease as savings grow (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.constantFrom<Band>(1, 2, 3), (a, b, band) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(dec(points(band, dec(lo).div(100).toFixed())).lte(points(band, dec(hi).div(100).toFixed()))).toBe(true);
      }),
    );
  });
});

describe('individualScore: each kind of factor from the household facts', () => {
  const p = filled();
  const score = (declared: Partial<TScoreFacts>, params = p) => individualScore({ band: 2, savingsUf: '70', facts: facts(declared) }, params);

  it('per unit: household members × points, capped at the call\'s maximum', () => {
    expect(pointsOf(score({ householdSize: 3 }), 'grupo_familiar.integrantes')).toMatchObject({ points: '30', detail: '3 integrantes × 10 puntos.' });
    const capped = pointsOf(score({ householdSize: 7 }), 'grupo_familiar.integrantes');
    expect(capped).toMatchObject({ points: '50', unset: false });
    expect(capped?.detail).toBe('5 integrantes (7 declarados; el llamado cuenta hasta 5) × 10 puntos.');
  });

  it('per unit by age: counts the members inside the range, both ends included', () => {
    const s = score({ householdSize: 6, memberAges: [17, 18, 0, 59, 60, 84] });
    expect(pointsOf(s, 'grupo_familiar.edades')).toMatchObject({ points: '20', detail: '2 integrantes menores de 18 años × 10 puntos.' });
    expect(pointsOf(s, 'grupo_familiar.adultos_mayores')).toMatchObject({ points: '20', detail: '2 integrantes de 60 años o más × 10 puntos.' });
    expect(describeAgeRange({ fromAge: 6, toAge: 17 })).toBe('de 6 a 17 años');
  });

  it('per unit: disability and earlier applications; zero counts score nothing', () => {
    const s = score({ householdSize: 4, membersWithDisability: 1, earlierApplications: 0 });
    expect(pointsOf(s, 'grupo_familiar.discapacidad')?.points).toBe('10');
    expect(pointsOf(s, 'antiguedad_postulacion.postulaciones_anteriores')).toMatchObject({ points: '0', missing: false, unset: false, detail: '0 postulaciones anteriores.' });
    expect(pointsOf(score({ earlierApplications: 3 }), 'antiguedad_postulacion.postulaciones_anteriores')?.points).toBe('30');
  });

  it('choice: the points of the line of the declared value', () => {
    const s = score({ householdSize: 2, headOfHousehold: 'monoparental', overcrowding: 'critico', dwellingType: 'mediagua', waterSource: 'otra', bathroom: 'exclusivo' });
    expect(pointsOf(s, 'grupo_familiar.jefatura_hogar')?.points).toBe('30'); // third line
    expect(pointsOf(s, 'vulnerabilidad_habitacional.hacinamiento')?.points).toBe('30');
    expect(pointsOf(s, 'vulnerabilidad_habitacional.tipo_vivienda')?.points).toBe('45');
    expect(pointsOf(s, 'vulnerabilidad_habitacional.agua')?.points).toBe('30');
    expect(pointsOf(s, 'vulnerabilidad_habitacional.bano')).toMatchObject({ points: '0', detail: 'Baño de uso exclusivo del hogar' });
    // 2 members (20) + 30 + 30 + 45 + 30 + 0
    expect(s.total).toBe('155');
    expect(s.complete).toBe(true);
  });

  it('choice: a line may group several declared values', () => {
    const grouped: TCallParameters = structuredClone(p);
    grouped.score.factors = grouped.score.factors.map((f) =>
      f.id === 'vulnerabilidad_habitacional.tipo_vivienda' && f.kind === 'choice'
        ? { ...f, options: [{ id: 'adecuada', label: 'Adecuada', points: '0', factValues: ['casa', 'departamento'] }, { id: 'precaria', label: 'Precaria', points: '25', factValues: ['pieza', 'mediagua', 'otro'] }] }
        : f,
    );
    expect(pointsOf(score({ dwellingType: 'pieza' }, grouped), 'vulnerabilidad_habitacional.tipo_vivienda')).toMatchObject({ points: '25', detail: 'Precaria' });
    expect(pointsOf(score({ dwellingType: 'departamento' }, grouped), 'vulnerabilidad_habitacional.tipo_vivienda')?.points).toBe('0');
  });

  it('flag: points when a count reaches the threshold or a choice fact has one of the values', () => {
    const flags: TCallParameters = structuredClone(p);
    flags.score.factors = [
      { kind: 'flag', id: 'discapacidad', group: 'grupo_familiar', label: 'Hay integrantes con discapacidad', basis: { fact: 'membersWithDisability', atLeast: 1 }, points: '25' },
      { kind: 'flag', id: 'monoparental', group: 'grupo_familiar', label: 'Jefatura monoparental', basis: { fact: 'headOfHousehold', values: ['monoparental'] }, points: '35' },
      { kind: 'flag', id: 'sin_definir', group: 'grupo_familiar', label: 'Hacinamiento', basis: { fact: 'overcrowding', values: ['medio', 'critico'] }, points: null },
    ];
    const yes = score({ householdSize: 3, membersWithDisability: 2, headOfHousehold: 'monoparental', overcrowding: 'medio' }, flags);
    expect(yes.factors.map((f) => f.points)).toEqual(['25', '35', '0']);
    expect(yes.factors[0]?.detail).toBe('Corresponde (2 integrantes con discapacidad).');
    expect(yes.unset).toEqual(['sin_definir']);
    const no = score({ householdSize: 3, membersWithDisability: 0, headOfHousehold: 'con_pareja', overcrowding: 'sin' }, flags);
    expect(no.factors.map((f) => f.points)).toEqual(['0', '0', '0']);
    expect(no.factors[1]?.detail).toBe('No corresponde (Jefatura de hogar con cónyuge o conviviente).');
    expect(no.unset).toEqual([]);
  });

  it('a fact not declared scores nothing and is reported, without making the score incomplete', () => {
    const s = score({ householdSize: 2 });
    expect(pointsOf(s, 'vulnerabilidad_habitacional.hacinamiento')).toMatchObject({ points: '0', missing: true, detail: 'Sin antecedente declarado.' });
    expect(s.missing).toContain('grupo_familiar.edades');
    expect(s.missing).not.toContain('grupo_familiar.integrantes');
    expect(s.total).toBe('20');
    expect(s.complete).toBe(true);
  });

  it('flags invalid stored facts and counts them as 0', () => {
    const s = score({ householdSize: 2, memberAges: [30, -1], overcrowding: 'extremo' as never });
    expect(s.invalidFacts).toEqual(['grupo_familiar.edades', 'grupo_familiar.adultos_mayores', 'vulnerabilidad_habitacional.hacinamiento']);
    expect(s.complete).toBe(false);
  });

  it('adds savings-excess points only when the call counts them', () => {
    const declared = { householdSize: 3, overcrowding: 'medio' as const };
    const without = individualScore({ band: 2, savingsUf: '120', facts: facts(declared) }, filled());
    const withSavings = individualScore({ band: 2, savingsUf: '120', facts: facts(declared) }, filled(true));
    expect(without.total).toBe('45');
    expect(without.factors.some((f) => f.factorId === SAVINGS_EXCESS_FACTOR_ID)).toBe(false);
    expect(withSavings.total).toBe('245');
    expect(withSavings.factors.at(-1)).toMatchObject({ factorId: SAVINGS_EXCESS_FACTOR_ID, points: '200' });
    expect(withSavings.source).toBe('D.S. N°1 (V. y U.) de 2011, art. 65');
  });

  it('the total is the sum of the factor points (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((size) =>
          fc.record({
            householdSize: fc.constant(size),
            memberAges: fc.option(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: size, maxLength: size }), { nil: null }),
            membersWithDisability: fc.option(fc.integer({ min: 0, max: size }), { nil: null }),
            earlierApplications: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
            overcrowding: fc.option(fc.constantFrom('sin' as const, 'medio' as const, 'critico' as const), { nil: null }),
          }),
        ),
        (declared) => {
          const s = score(declared);
          const sum = s.factors.reduce((acc, f) => acc.plus(f.points), dec(0));
          expect(sum.toFixed()).toBe(s.total);
          expect(s.unset).toEqual([]);
        },
      ),
    );
  });
});

describe('individualScore with the 2022 seed (point tables unset)', () => {
  it('counts every needed unset value as 0 and reports it, including the ages that score', () => {
    const s = individualScore(
      {
        band: 2,
        savingsUf: '70',
        facts: facts({ householdSize: 4, memberAges: [40, 38, 8, 66], headOfHousehold: 'con_pareja', overcrowding: 'critico', bathroom: 'exclusivo', earlierApplications: 2 }),
      },
      seed,
    );
    expect(s.total).toBe('0');
    expect(s.complete).toBe(false);
    expect(s.unset).toEqual([
      'grupo_familiar.integrantes',
      'grupo_familiar.edades:edades',
      'grupo_familiar.jefatura_hogar:con_pareja',
      'grupo_familiar.adultos_mayores',
      'vulnerabilidad_habitacional.hacinamiento:critico',
      'vulnerabilidad_habitacional.bano:exclusivo',
      'antiguedad_postulacion.postulaciones_anteriores',
    ]);
    expect(s.factors.every((f) => f.points === '0')).toBe(true);
  });
});

describe('groupScore', () => {
  const p = filled();
  const applicant = (members: number, eligible: boolean) => ({
    eligible,
    score: individualScore({ band: 2, savingsUf: '70', facts: facts({ householdSize: members }) }, p),
  });

  it('averages the eligible (hábiles) applicants only', () => {
    const g = groupScore([applicant(1, true), applicant(2, true), applicant(5, false)]);
    expect(g.score).toBe('15');
    expect(g.eligibleCount).toBe(2);
    expect(g.sumOfScores).toBe('30');
    expect(g.message).toBe('Puntaje del grupo: 15,00 (suma de 30,00 puntos de 2 postulantes hábiles ÷ 2).');
  });

  it('keeps the exact quotient and rounds only the display', () => {
    const g = groupScore([applicant(1, true), applicant(1, true), applicant(2, true)]);
    expect(dec(g.score ?? 0).times(3).toDecimalPlaces(30).toFixed()).toBe('40');
    expect(g.display).toBe('13.33');
  });

  it('breakdown per factor adds up to the group score', () => {
    const p2 = filled(true);
    const applicants = [
      { eligible: true, score: individualScore({ band: 1, savingsUf: '80', facts: facts({ householdSize: 3, headOfHousehold: 'monoparental' }) }, p2) },
      { eligible: true, score: individualScore({ band: 3, savingsUf: '200', facts: facts({ overcrowding: 'medio' }) }, p2) },
    ];
    const g = groupScore(applicants);
    const sum = g.breakdown.reduce((acc, b) => acc.plus(b.average ?? 0), dec(0));
    expect(sum.toFixed()).toBe(g.score);
  });

  it('breakdown flags the factors with unset values and counts who did not declare the fact', () => {
    const unsetAges: TCallParameters = structuredClone(p);
    unsetAges.score.factors = unsetAges.score.factors.map((f) => (f.id === 'grupo_familiar.edades' && f.kind === 'per_unit' ? { ...f, basis: { fact: 'memberAges', ageRange: null } } : f));
    const g = groupScore([
      { eligible: true, score: individualScore({ band: 2, savingsUf: '70', facts: facts({ householdSize: 2, memberAges: [30, 3] }) }, unsetAges) },
      { eligible: true, score: individualScore({ band: 2, savingsUf: '70', facts: facts({ householdSize: 1 }) }, unsetAges) },
      { eligible: false, score: individualScore({ band: 2, savingsUf: '70', facts: facts({ householdSize: 1 }) }, unsetAges) },
    ]);
    const ages = g.breakdown.find((b) => b.factorId === 'grupo_familiar.edades');
    expect(ages).toMatchObject({ unset: true, missingCount: 1, sum: '0' });
    expect(g.breakdown.find((b) => b.factorId === 'grupo_familiar.integrantes')).toMatchObject({ unset: false, missingCount: 0, sum: '30', average: '15' });
    expect(g.complete).toBe(false);
  });

  it('no eligible applicant: no score', () => {
    const g = groupScore([applicant(3, false)]);
    expect(g.score).toBeNull();
    expect(g.message).toMatch(/no tiene postulantes hábiles/);
  });
});
