import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { Band } from './call-parameters';
import { checkComposition, checkRosterBandCounts, checkRosterSize } from './composition';
import type { DwellingLine } from './composition';
import type { RuleResult } from './explain';

const params = callParameters2022;

function lines(b1: number, b2: number, b3: number): DwellingLine[] {
  return [
    { band: 1, count: b1 },
    { band: 2, count: b2 },
    { band: 3, count: b3 },
  ];
}

function byId(results: RuleResult[], id: string): RuleResult {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`missing rule ${id}`);
  return found;
}

const ok = (b1: number, b2: number, b3: number, id: string) => byId(checkComposition(lines(b1, b2, b3), params), id).ok;

describe('checkComposition', () => {
  it('returns the five composition rules', () => {
    expect(checkComposition(lines(20, 60, 20), params).map((r) => r.id)).toEqual([
      'composition.min_bands',
      'composition.band1_min',
      'composition.band2_min',
      'composition.band3_max',
      'composition.max_dwellings',
    ]);
  });

  it('band 1: exactly 20% passes, one dwelling less fails', () => {
    expect(ok(20, 80, 0, 'composition.band1_min')).toBe(true);
    expect(ok(19, 81, 0, 'composition.band1_min')).toBe(false);
    const rule = byId(checkComposition(lines(19, 81, 0), params), 'composition.band1_min');
    expect(rule.message).toBe('El tramo 1 debe tener al menos el 20% de las viviendas (20 de 100); tiene 19 (19,0%).');
    expect(rule.figures).toMatchObject({ count: 19, total: 100, minShare: '0.2', minCount: '20' });
  });

  it('band 2: exactly 60% passes, one dwelling less fails', () => {
    expect(ok(40, 60, 0, 'composition.band2_min')).toBe(true);
    expect(ok(41, 59, 0, 'composition.band2_min')).toBe(false);
  });

  it('band 3: exactly 20% passes, one dwelling more fails', () => {
    expect(ok(20, 60, 20, 'composition.band3_max')).toBe(true);
    expect(ok(19, 60, 21, 'composition.band3_max')).toBe(false);
    expect(ok(20, 80, 0, 'composition.band3_max')).toBe(true);
  });

  it('compares exact rationals when 20% is not a whole number of dwellings', () => {
    // 7 dwellings: 20% = 1,4 → 2 pass, 1 fails; band 3 ≤ 1,4 → 1 passes, 2 fail; band 2 ≥ 4,2 → 5.
    expect(ok(2, 5, 0, 'composition.band1_min')).toBe(true);
    expect(ok(1, 6, 0, 'composition.band1_min')).toBe(false);
    expect(ok(1, 5, 1, 'composition.band3_max')).toBe(true);
    expect(ok(0, 5, 2, 'composition.band3_max')).toBe(false);
    expect(ok(2, 5, 0, 'composition.band2_min')).toBe(true);
    expect(ok(3, 4, 0, 'composition.band2_min')).toBe(false);
  });

  it('needs at least two bands', () => {
    expect(ok(0, 10, 0, 'composition.min_bands')).toBe(false);
    expect(ok(2, 8, 0, 'composition.min_bands')).toBe(true);
    expect(ok(0, 8, 2, 'composition.min_bands')).toBe(true);
  });

  it('at most 300 dwellings, at least one', () => {
    expect(ok(60, 180, 60, 'composition.max_dwellings')).toBe(true);
    expect(ok(61, 180, 60, 'composition.max_dwellings')).toBe(false);
    expect(ok(0, 0, 0, 'composition.max_dwellings')).toBe(false);
    const rule = byId(checkComposition(lines(61, 180, 60), params), 'composition.max_dwellings');
    expect(rule.message).toBe('El proyecto puede tener hasta 300 viviendas; tiene 301.');
  });

  it('adds up several dwelling types of the same band', () => {
    const results = checkComposition(
      [
        { band: 1, count: 1 },
        { band: 1, count: 1 },
        { band: 2, count: 6 },
        { band: 3, count: 2 },
      ],
      params,
    );
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('an empty project fails the share rules', () => {
    const results = checkComposition([], params);
    expect(byId(results, 'composition.band1_min').ok).toBe(false);
    expect(byId(results, 'composition.band2_min').ok).toBe(false);
  });

  it('agrees with integer arithmetic for any counts (property)', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.nat(200), (b1, b2, b3) => {
        const total = b1 + b2 + b3;
        const results = checkComposition(lines(b1, b2, b3), params);
        expect(byId(results, 'composition.band1_min').ok).toBe(total > 0 && 5 * b1 >= total);
        expect(byId(results, 'composition.band2_min').ok).toBe(total > 0 && 5 * b2 >= 3 * total);
        expect(byId(results, 'composition.band3_max').ok).toBe(5 * b3 <= total);
        expect(byId(results, 'composition.max_dwellings').ok).toBe(total >= 1 && total <= 300);
        expect(byId(results, 'composition.min_bands').ok).toBe([b1, b2, b3].filter((c) => c > 0).length >= 2);
      }),
    );
  });
});

describe('checkRosterSize (roster.size)', () => {
  const bands = (b1: number, b2: number, b3: number): Band[] => [
    ...Array<Band>(b1).fill(1),
    ...Array<Band>(b2).fill(2),
    ...Array<Band>(b3).fill(3),
  ];

  it('passes when there is one worker per dwelling in each band', () => {
    const rule = checkRosterSize(lines(2, 6, 2), bands(2, 6, 2));
    expect(rule.ok).toBe(true);
    expect(rule.id).toBe('roster.size');
  });

  it('fails with one worker more or less', () => {
    expect(checkRosterSize(lines(2, 6, 2), bands(2, 6, 3)).ok).toBe(false);
    expect(checkRosterSize(lines(2, 6, 2), bands(2, 5, 2)).ok).toBe(false);
  });

  it('reads the total only: a band that does not match is roster.band_counts', () => {
    expect(checkRosterSize(lines(2, 6, 2), bands(3, 5, 2)).ok).toBe(true);
    const rule = checkRosterBandCounts(lines(2, 6, 2), bands(3, 5, 2));
    expect(rule).toMatchObject({ id: 'roster.band_counts', ok: false });
    expect(rule.message).toMatch(/tramo 1: 3 trabajadores para 2 viviendas; tramo 2: 5 trabajadores para 6 viviendas\)/);
    expect(checkRosterBandCounts(lines(1, 6, 2), bands(2, 5, 2)).message).toMatch(/tramo 1: 2 trabajadores para 1 vivienda; tramo 2: 5 trabajadores para 6 viviendas/);
    expect(checkRosterBandCounts(lines(2, 6, 2), bands(2, 6, 2)).ok).toBe(true);
  });
});
