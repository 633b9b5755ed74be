import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { checkNonUnionShare, checkReplacements, checkRutUnique } from './roster-rules';
import type { Replacement } from './roster-rules';
import { computeCheckDigit } from './rut';
import type { RosterEntry } from './worker-eligibility';

const params = callParameters2022;
const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

function worker(body: number, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    rut: rut(body),
    unionMember: true,
    rshPercentile: 40,
    householdSize: 3,
    monthlyIncomeClp: 900_000,
    savingsUf: '70',
    savingsDepositedUf: '35',
    band: 2,
    ...overrides,
  };
}

const roster = (size: number, nonUnion = 0) =>
  Array.from({ length: size }, (_, i) => worker(10_000_000 + i, { unionMember: i >= nonUnion }));

describe('roster.non_union_max', () => {
  it('exactly 20% non-union passes, one more fails', () => {
    expect(checkNonUnionShare(roster(100, 20), params).ok).toBe(true);
    expect(checkNonUnionShare(roster(100, 21), params).ok).toBe(false);
    expect(checkNonUnionShare(roster(5, 1), params).ok).toBe(true);
    expect(checkNonUnionShare(roster(5, 2), params).ok).toBe(false);
    expect(checkNonUnionShare(roster(7, 2), params).ok).toBe(false); // 2 > 1,4
  });
  it('message', () => {
    expect(checkNonUnionShare(roster(100, 21), params).message).toBe(
      'Hasta el 20% de la nómina (20 de 100) puede no ser socio de la organización; hay 21.',
    );
  });
});

describe('roster.rut_unique', () => {
  it('passes with distinct RUTs not used elsewhere', () => {
    expect(checkRutUnique(roster(10), [rut(20_000_000)]).ok).toBe(true);
  });
  it('detects a RUT repeated in the roster whatever its format', () => {
    const r = [worker(12345678), worker(12345678, { rut: '12.345.678-5' })];
    const result = checkRutUnique(r);
    expect(result.ok).toBe(false);
    expect(result.message).toBe('Un RUT puede figurar en una sola postulación por llamado; se repiten en la nómina: 12.345.678-5.');
  });
  it('detects a RUT already in another application of the call', () => {
    const result = checkRutUnique(roster(3), new Set(['10.000.001-' + computeCheckDigit(10_000_001)]));
    expect(result.ok).toBe(false);
    expect(result.figures).toMatchObject({ usedInOtherApplications: 1, repeatedInRoster: 0 });
    expect(result.message).toMatch(/ya figuran en otra postulación del llamado: 10\.000\.001-/);
  });
});

describe('replacements', () => {
  const replacement = (n: number): Replacement => ({ replaced: worker(30_000_000 + n), replacement: worker(40_000_000 + n) });

  it('up to 30% of the roster presented: exactly 30% passes, one more fails', () => {
    const max = (count: number, presented: number) =>
      checkReplacements(Array.from({ length: count }, (_, i) => replacement(i)), presented, 'centro', params)[0]!;
    expect(max(30, 100)).toMatchObject({ id: 'roster.replacements_max', ok: true });
    expect(max(31, 100).ok).toBe(false);
    expect(max(3, 10).ok).toBe(true);
    expect(max(4, 10).ok).toBe(false);
    expect(max(4, 10).message).toBe('Se puede reemplazar hasta el 30% de los trabajadores presentados (3 de 10); se pidieron 4.');
  });

  it('a replacement must meet the minimum savings of the band of the worker replaced', () => {
    const [, rule] = checkReplacements(
      [{ replaced: worker(1_000_001, { band: 3, rshPercentile: 80, savingsUf: '130', savingsDepositedUf: '60' }), replacement: worker(1_000_002, { band: 2, savingsUf: '100', savingsDepositedUf: '60' }) }],
      10,
      'centro',
      params,
    );
    expect(rule).toMatchObject({ id: 'replacement.band_requirements', ok: false });
    expect(rule!.message).toMatch(/tramo 3 .*ahorro mínimo de 120 UF/);
    expect(rule!.figures.failedRules).toBe('worker.savings_min');
  });

  it('is judged by the band of the worker replaced, not the band written for the replacement', () => {
    const [, rule] = checkReplacements(
      [{ replaced: worker(1_000_001, { band: 2 }), replacement: worker(1_000_002, { band: 1, rshPercentile: 80, savingsUf: '70', savingsDepositedUf: '35' }) }],
      10,
      'centro',
      params,
    );
    expect(rule!.ok).toBe(true);
  });

  it('a replacement must meet the RSH requirement of that band', () => {
    const [, rule] = checkReplacements(
      [{ replaced: worker(1_000_001, { band: 1, savingsUf: '50', savingsDepositedUf: '25' }), replacement: worker(1_000_002, { band: 1, rshPercentile: 60, savingsUf: '50', savingsDepositedUf: '25' }) }],
      10,
      'centro',
      params,
    );
    expect(rule!.ok).toBe(false);
    expect(rule!.figures.failedRules).toBe('worker.rsh');
  });
});
