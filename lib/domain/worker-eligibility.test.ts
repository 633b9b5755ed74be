import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { Band, RshPercentile } from './call-parameters';
import { computeCheckDigit } from './rut';
import {
  ZRosterEntry,
  checkWorker,
  checkWorkerIncomeCap,
  checkWorkerRsh,
  checkWorkerRut,
  checkWorkerSavingsDeposited,
  checkWorkerSavingsMin,
} from './worker-eligibility';
import type { RosterEntry } from './worker-eligibility';

const params = callParameters2022;
const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

function worker(overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    rut: rut(12345678),
    unionMember: true,
    rshPercentile: 40,
    householdSize: 3,
    monthlyIncomeClp: 900_000,
    savingsUf: '50',
    savingsDepositedUf: '25',
    band: 1,
    ...overrides,
  };
}

describe('worker.rut', () => {
  it('accepts and normalises a valid RUT', () => {
    const result = checkWorkerRut('12.345.678-5');
    expect(result).toMatchObject({ id: 'worker.rut', ok: true, figures: { rut: '12345678-5' } });
  });
  it('names the expected check digit', () => {
    expect(checkWorkerRut('12.345.678-9').message).toBe('El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5.');
  });
});

describe('worker.rsh', () => {
  const rsh = (band: Band, rshPercentile: RshPercentile | null) => checkWorkerRsh({ band, rshPercentile }, params).ok;
  it('band 1 is RSH ≤ 50%: labels 40 and 50', () => {
    expect(rsh(1, 40)).toBe(true);
    expect(rsh(1, 50)).toBe(true);
    expect(rsh(1, 60)).toBe(false);
    expect(rsh(1, null)).toBe(false);
    expect(checkWorkerRsh({ band: 1, rshPercentile: 60 }, params).message).toBe(
      'El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 60%.',
    );
  });
  it('band 2 is RSH ≤ 90%', () => {
    expect(rsh(2, 90)).toBe(true);
    expect(rsh(2, 100)).toBe(false);
    expect(rsh(2, null)).toBe(false);
  });
  it('band 3 only needs an RSH record', () => {
    expect(rsh(3, 100)).toBe(true);
    expect(rsh(3, 40)).toBe(true);
    expect(rsh(3, null)).toBe(false);
    expect(checkWorkerRsh({ band: 3, rshPercentile: null }, params).message).toMatch(/exige contar con Registro Social de Hogares/);
  });
  it('rejects labels that do not exist', () => {
    expect(checkWorkerRsh({ band: 2, rshPercentile: 45 as RshPercentile }, params).ok).toBe(false);
  });
});

describe('worker.savings_min', () => {
  const cases: Array<[Band, string, string]> = [
    [1, '50', '49.99'],
    [2, '70', '69.99'],
    [3, '120', '119.99'],
  ];
  for (const [band, min, below] of cases)
    it(`band ${band}: ${min} UF passes, ${below} fails`, () => {
      expect(checkWorkerSavingsMin({ band, savingsUf: min }, params).ok).toBe(true);
      expect(checkWorkerSavingsMin({ band, savingsUf: below }, params).ok).toBe(false);
    });
  it('message', () => {
    expect(checkWorkerSavingsMin({ band: 3, savingsUf: '100.5' }, params).message).toBe(
      'El tramo 3 exige un ahorro mínimo de 120 UF; el trabajador tiene 100,5 UF.',
    );
  });
});

describe('worker.savings_deposited (50% of the band minimum by 30-11-2022)', () => {
  const cases: Array<[Band, string, string]> = [
    [1, '25', '24.99'],
    [2, '35', '34.99'],
    [3, '60', '59.99'],
  ];
  for (const [band, required, below] of cases)
    it(`band ${band}: ${required} UF deposited passes, ${below} fails`, () => {
      expect(checkWorkerSavingsDeposited({ band, savingsUf: '500', savingsDepositedUf: required }, params).ok).toBe(true);
      expect(checkWorkerSavingsDeposited({ band, savingsUf: '500', savingsDepositedUf: below }, params).ok).toBe(false);
    });
  it('is 50% of the MINIMUM, not of the savings declared', () => {
    expect(checkWorkerSavingsDeposited({ band: 3, savingsUf: '300', savingsDepositedUf: '60' }, params).ok).toBe(true);
  });
  it('cites the date and refuses deposits above the savings', () => {
    const short = checkWorkerSavingsDeposited({ band: 1, savingsUf: '50', savingsDepositedUf: '10' }, params);
    expect(short.message).toBe('Al 30-11-2022 debe estar depositado al menos el 50% del ahorro mínimo del tramo 1 (25 UF); tiene 10 UF.');
    expect(checkWorkerSavingsDeposited({ band: 1, savingsUf: '50', savingsDepositedUf: '60' }, params).ok).toBe(false);
  });
});

describe('worker.income_cap', () => {
  it('does not apply at or below the 90% bracket', () => {
    const result = checkWorkerIncomeCap({ rshPercentile: 90, householdSize: 1, monthlyIncomeClp: 99_000_000 }, 'centro', params);
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/No aplica/);
  });

  it('applies above 90%: equal to the cap passes, one peso more fails', () => {
    const at = checkWorkerIncomeCap({ rshPercentile: 100, householdSize: 1, monthlyIncomeClp: 1_404_569 }, 'centro', params);
    expect(at.ok).toBe(true);
    const above = checkWorkerIncomeCap({ rshPercentile: 100, householdSize: 1, monthlyIncomeClp: 1_404_570 }, 'centro', params);
    expect(above.ok).toBe(false);
    expect(above.message).toBe(
      'Sobre el 90% del RSH el ingreso del grupo familiar no puede superar $1.404.569 para 1 integrante; declara $1.404.570.',
    );
  });

  it('uses the household size, with 4 or more collapsed, and flags inferred values', () => {
    const cap = (size: number, zone: 'centro' | 'norte' | 'extremo_sur') =>
      checkWorkerIncomeCap({ rshPercentile: 100, householdSize: size, monthlyIncomeClp: 0 }, zone, params).figures;
    expect(cap(2, 'centro')).toMatchObject({ incomeCapClp: 2_028_822, inferred: 'sí' });
    expect(cap(3, 'centro')).toMatchObject({ incomeCapClp: 2_278_523, inferred: 'sí' });
    expect(cap(4, 'centro')).toMatchObject({ incomeCapClp: 2_528_224, inferred: 'no' });
    expect(cap(9, 'centro')).toMatchObject({ incomeCapClp: 2_528_224 });
    expect(cap(1, 'norte')).toMatchObject({ incomeCapClp: 1_872_759, zoneGroup: 'norte_extremo_sur' });
    expect(cap(2, 'extremo_sur')).toMatchObject({ incomeCapClp: 2_497_012, inferred: 'sí' });
    expect(cap(3, 'norte')).toMatchObject({ incomeCapClp: 2_746_713 });
    expect(cap(5, 'extremo_sur')).toMatchObject({ incomeCapClp: 2_996_414 });
    const inferred = checkWorkerIncomeCap({ rshPercentile: 100, householdSize: 2, monthlyIncomeClp: 3_000_000 }, 'centro', params);
    expect(inferred.message).toMatch(/valor inferido/);
  });

  it('fails without the income above 90%', () => {
    expect(checkWorkerIncomeCap({ rshPercentile: 100, householdSize: 2, monthlyIncomeClp: null }, 'centro', params).ok).toBe(false);
  });
});

describe('checkWorker', () => {
  it('returns the five reasons in order and ok when all pass', () => {
    const result = checkWorker(worker(), 'centro', params);
    expect(result.ok).toBe(true);
    expect(result.rut).toBe('12345678-5');
    expect(result.reasons.map((r) => r.id)).toEqual([
      'worker.rut',
      'worker.rsh',
      'worker.savings_min',
      'worker.savings_deposited',
      'worker.income_cap',
    ]);
  });

  it('a band 3 worker above 90% over the cap is not eligible', () => {
    const result = checkWorker(
      worker({ band: 3, rshPercentile: 100, savingsUf: '150', savingsDepositedUf: '60', householdSize: 4, monthlyIncomeClp: 2_600_000 }),
      'centro',
      params,
    );
    expect(result.ok).toBe(false);
    expect(result.reasons.filter((r) => !r.ok).map((r) => r.id)).toEqual(['worker.income_cap']);
    expect(checkWorker({ ...worker(), band: 3, rshPercentile: 100, savingsUf: '150', savingsDepositedUf: '60', householdSize: 4, monthlyIncomeClp: 2_600_000 }, 'norte', params).ok).toBe(true);
  });

  it('ZRosterEntry validates the API shape', () => {
    expect(ZRosterEntry.safeParse(worker()).success).toBe(true);
    expect(ZRosterEntry.safeParse({ ...worker(), rshPercentile: 45 }).success).toBe(false);
    expect(ZRosterEntry.safeParse({ ...worker(), savingsUf: '50,5' }).success).toBe(false);
    expect(ZRosterEntry.safeParse({ ...worker(), band: 4 }).success).toBe(false);
  });
});
