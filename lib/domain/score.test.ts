import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { Band, TCallParameters } from './call-parameters';
import { dec } from './explain';
import { SAVINGS_EXCESS_FACTOR_ID, groupScore, individualScore, savingsExcessPoints } from './score';

const seed = callParameters2022;

/** The seed with made-up point values (for arithmetic only: the real ones come from the decree). */
function filled(counts = false): TCallParameters {
  const p: TCallParameters = structuredClone(seed);
  p.score.savingsExcess.counts = counts;
  p.score.factors = p.score.factors.map((factor) => {
    if (factor.kind === 'per_unit') return { ...factor, pointsPerUnit: '10', maxUnits: factor.id === 'grupo_familiar.integrantes' ? 5 : null };
    if (factor.kind === 'flag') return { ...factor, points: '30' };
    return { ...factor, options: factor.options.map((o, i) => ({ ...o, points: String(i * 15) })) };
  });
  return p;
}

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

describe('individualScore', () => {
  const answers = {
    'grupo_familiar.integrantes': 7,
    'grupo_familiar.jefatura_hogar': true,
    'grupo_familiar.adultos_mayores': 1,
    'vulnerabilidad_habitacional.hacinamiento': 'critico',
    'vulnerabilidad_habitacional.bano': 'exclusivo',
    'antiguedad_postulacion.postulaciones_anteriores': 2,
  };

  it('adds the factor points of the call tables (per-unit caps apply)', () => {
    const score = individualScore({ band: 2, savingsUf: '70', answers }, filled());
    // 5 × 10 (capped) + 30 + 10 + 30 (critico) + 0 (exclusivo) + 20
    expect(score.total).toBe('140');
    expect(score.complete).toBe(true);
    expect(score.factors.find((f) => f.factorId === 'grupo_familiar.integrantes')?.detail).toBe('5 × 10 puntos.');
    expect(score.factors.some((f) => f.factorId === SAVINGS_EXCESS_FACTOR_ID)).toBe(false);
    expect(score.source).toBe('D.S. N°1 (V. y U.) de 2011, art. 65');
  });

  it('adds savings-excess points only when the call counts them', () => {
    const score = individualScore({ band: 2, savingsUf: '120', answers }, filled(true));
    expect(score.total).toBe('340');
    expect(score.factors.at(-1)).toMatchObject({ factorId: SAVINGS_EXCESS_FACTOR_ID, points: '200' });
  });

  it('reports the unset values it needed (2022 seed) and counts them as 0', () => {
    const score = individualScore({ band: 2, savingsUf: '70', answers }, seed);
    expect(score.total).toBe('0');
    expect(score.complete).toBe(false);
    expect(score.unset).toEqual([
      'grupo_familiar.integrantes',
      'grupo_familiar.jefatura_hogar',
      'grupo_familiar.adultos_mayores',
      'vulnerabilidad_habitacional.hacinamiento:critico',
      'vulnerabilidad_habitacional.bano:exclusivo',
      'antiguedad_postulacion.postulaciones_anteriores',
    ]);
  });

  it('flags invalid answers', () => {
    const score = individualScore({ band: 1, savingsUf: '50', answers: { 'grupo_familiar.integrantes': -1, 'vulnerabilidad_habitacional.agua': 'pozo' } }, filled());
    expect(score.invalidAnswers).toEqual(['grupo_familiar.integrantes', 'vulnerabilidad_habitacional.agua']);
    expect(score.complete).toBe(false);
  });
});

describe('groupScore', () => {
  const p = filled();
  const applicant = (members: number, eligible: boolean) => ({
    eligible,
    score: individualScore({ band: 2, savingsUf: '70', answers: { 'grupo_familiar.integrantes': members } }, p),
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
      { eligible: true, score: individualScore({ band: 1, savingsUf: '80', answers: { 'grupo_familiar.integrantes': 3, 'grupo_familiar.jefatura_hogar': true } }, p2) },
      { eligible: true, score: individualScore({ band: 3, savingsUf: '200', answers: { 'vulnerabilidad_habitacional.hacinamiento': 'medio' } }, p2) },
    ];
    const g = groupScore(applicants);
    const sum = g.breakdown.reduce((acc, b) => acc.plus(b.average ?? 0), dec(0));
    expect(sum.toFixed()).toBe(g.score);
  });

  it('no eligible applicant: no score', () => {
    const g = groupScore([applicant(3, false)]);
    expect(g.score).toBeNull();
    expect(g.message).toMatch(/no tiene postulantes hábiles/);
  });
});
