import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { checkGuaranteeCoversLoan, checkInstalmentRelease, daysLeftText, guaranteeExpiry, instalmentStatus, planBridgeLoan, splitInstalments } from './bridge-loan';
import type { WorksState } from './bridge-loan';
import { dec } from './explain';

const params = callParameters2022;

describe('splitInstalments', () => {
  it('20% / 40% / 40%', () => {
    expect(splitInstalments('100000', params).map((i) => i.amountUf)).toEqual(['20000', '40000', '40000']);
  });
  it('rounds to centésimos of UF and the last instalment takes the remainder', () => {
    expect(splitInstalments('1000.01', params).map((i) => i.amountUf)).toEqual(['200', '400', '400.01']);
    expect(splitInstalments('0.05', params).map((i) => i.amountUf)).toEqual(['0.01', '0.02', '0.02']);
    expect(splitInstalments('333.33', params).map((i) => i.amountUf)).toEqual(['66.67', '133.33', '133.33']);
  });
  it('instalments always add up exactly to the loan (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36_000_000 }), (cents) => {
        const loan = dec(cents).div(100);
        const parts = splitInstalments(loan, params);
        const total = parts.reduce((sum, p) => sum.plus(p.amountUf), dec(0));
        expect(total.eq(loan)).toBe(true);
        for (const part of parts) {
          expect(dec(part.amountUf).gte(0)).toBe(true);
          expect(dec(part.amountUf).decimalPlaces()).toBeLessThanOrEqual(2);
        }
      }),
    );
  });
});

describe('planBridgeLoan', () => {
  it('never above the subsidy of the dwellings: at the cap passes, 0,01 UF more fails', () => {
    const at = planBridgeLoan({ zone: 'centro', dwellingCount: 100, amountUf: '100000', termMonths: 36 }, params);
    expect(at.ok).toBe(true);
    expect(at.capUf).toBe('100000');
    const above = planBridgeLoan({ zone: 'centro', dwellingCount: 100, amountUf: '100000.01', termMonths: 36 }, params);
    expect(above.ok).toBe(false);
    expect(above.rules[0]!.message).toBe(
      'El préstamo no puede exceder el monto de subsidio de las viviendas del proyecto (100.000 UF); se pidieron 100.000,01 UF.',
    );
    expect(planBridgeLoan({ zone: 'extremo_sur', dwellingCount: 10, amountUf: '12000', termMonths: 12 }, params).ok).toBe(true);
  });
  it('at most 36 months', () => {
    const rule = (termMonths: number) => planBridgeLoan({ zone: 'norte', dwellingCount: 10, amountUf: '5000', termMonths }, params).rules[1]!;
    expect(rule(36).ok).toBe(true);
    expect(rule(37)).toMatchObject({ id: 'bridge_loan.term', ok: false });
    expect(rule(0).ok).toBe(false);
  });
  it('amounts in centésimos of UF', () => {
    expect(planBridgeLoan({ zone: 'norte', dwellingCount: 10, amountUf: '5000.001', termMonths: 12 }, params).ok).toBe(false);
    expect(planBridgeLoan({ zone: 'norte', dwellingCount: 10, amountUf: '0', termMonths: 12 }, params).ok).toBe(false);
  });
});

describe('the guarantee covers the whole loan (the 2022 call, «Préstamos»)', () => {
  it('equal passes, one centésimo less fails with the reason', () => {
    expect(checkGuaranteeCoversLoan('4000', '4000').ok).toBe(true);
    expect(checkGuaranteeCoversLoan('4000.01', '4000').ok).toBe(true);
    const short = checkGuaranteeCoversLoan('3999.99', '4000');
    expect(short).toMatchObject({ id: 'bridge_loan.guarantee', ok: false });
    expect(short.message).toBe(
      'La garantía debe caucionar la devolución total del préstamo: su monto (3.999,99 UF) no puede ser menor que el del préstamo (4.000 UF).',
    );
  });
  it('planBridgeLoan checks it when the guarantee is given', () => {
    const base = { zone: 'centro' as const, dwellingCount: 5, amountUf: '4000', termMonths: 24 };
    expect(planBridgeLoan({ ...base, guaranteeAmountUf: '4000' }, params).ok).toBe(true);
    const plan = planBridgeLoan({ ...base, guaranteeAmountUf: '1000' }, params);
    expect(plan.ok).toBe(false);
    expect(plan.rules.filter((r) => !r.ok).map((r) => r.id)).toEqual(['bridge_loan.guarantee']);
  });
});

describe('guarantee expiry in calendar days of Santiago', () => {
  // 07:00 in Chile, the hour the daily alerts run: the old count (elapsed ms to the end of the expiry
  // day, rounded up) read "2 días" for tomorrow and started warning at 29 calendar days.
  const morning = new Date('2026-11-22T10:00:00Z');
  const warning = params.bridgeLoan.guaranteeWarningDays;

  it('expires today: due, "hoy"; tomorrow: due, "mañana"', () => {
    expect(guaranteeExpiry('2026-11-22', morning, params)).toEqual({ kind: 'due', daysLeft: 0 });
    expect(guaranteeExpiry('2026-11-22', new Date('2026-11-23T02:59:59Z'), params)).toEqual({ kind: 'due', daysLeft: 0 });
    expect(guaranteeExpiry('2026-11-23', morning, params)).toEqual({ kind: 'due', daysLeft: 1 });
    expect(daysLeftText(0)).toBe('hoy');
    expect(daysLeftText(1)).toBe('mañana');
    expect(daysLeftText(2)).toBe('en 2 días');
  });

  it('exactly the warning days away is warned; one more is not; the day after expiry is expired', () => {
    expect(warning).toBe(30);
    expect(guaranteeExpiry('2026-12-22', morning, params)).toEqual({ kind: 'due', daysLeft: 30 });
    expect(guaranteeExpiry('2026-12-23', morning, params)).toEqual({ kind: 'ok', daysLeft: 31 });
    expect(guaranteeExpiry('2026-11-21', morning, params)).toEqual({ kind: 'expired', daysLeft: -1 });
    expect(guaranteeExpiry('2026-11-22', new Date('2026-11-23T03:00:00Z'), params)).toEqual({ kind: 'expired', daysLeft: -1 });
  });

  it('across the April DST change, 30 calendar days are still 30', () => {
    // Saturday 3 April 2027 07:00 (−03:00); 3 May 2027 ends at −04:00, 30 days and 18 hours later.
    expect(guaranteeExpiry('2027-05-03', new Date('2027-04-03T10:00:00Z'), params)).toEqual({ kind: 'due', daysLeft: 30 });
    expect(guaranteeExpiry('2027-05-04', new Date('2027-04-03T10:00:00Z'), params)).toEqual({ kind: 'ok', daysLeft: 31 });
  });

  it('reads the warning days from the call', () => {
    const longer = { ...params, bridgeLoan: { ...params.bridgeLoan, guaranteeWarningDays: 60 } };
    expect(guaranteeExpiry('2027-01-21', morning, longer)).toEqual({ kind: 'due', daysLeft: 60 });
    expect(guaranteeExpiry('2027-01-21', morning, params).kind).toBe('ok');
  });
});

describe('instalment release', () => {
  const state = (worksStartVerified: boolean, progress: string | null, paid: number): WorksState => ({
    worksStartVerified,
    verifiedProgressPercent: progress,
    paidInstalments: paid,
  });

  it('first instalment only with the verified start of works', () => {
    expect(checkInstalmentRelease(1, state(false, null, 0), params).ok).toBe(false);
    expect(checkInstalmentRelease(1, state(false, null, 0), params).message).toBe(
      'La cuota 1 (20%) exige el inicio de obras verificado en terreno por el SERVIU.',
    );
    expect(checkInstalmentRelease(1, state(true, null, 0), params).ok).toBe(true);
  });

  it('second instalment with progress strictly above 25%', () => {
    expect(checkInstalmentRelease(2, state(true, '25', 1), params).ok).toBe(false);
    expect(checkInstalmentRelease(2, state(true, '25', 1), params).message).toBe(
      'La cuota 2 (40%) exige avance de obras de más de 25% verificado en terreno por el SERVIU; el avance verificado es 25%.',
    );
    expect(checkInstalmentRelease(2, state(true, '25.01', 1), params).ok).toBe(true);
  });

  it('third instalment with progress strictly above 60%', () => {
    expect(checkInstalmentRelease(3, state(true, '60', 2), params).ok).toBe(false);
    expect(checkInstalmentRelease(3, state(true, '60.5', 2), params).ok).toBe(true);
  });

  it('in order and never early or twice', () => {
    expect(checkInstalmentRelease(2, state(true, '70', 0), params).message).toBe(
      'Las cuotas se pagan en orden: antes de la cuota 2 debe pagarse la cuota 1.',
    );
    expect(checkInstalmentRelease(1, state(true, '70', 1), params).message).toBe('La cuota 1 (20%) ya fue pagada.');
    expect(checkInstalmentRelease(4, state(true, '100', 3), params).ok).toBe(false);
    // Progress without a verified start of works unlocks nothing.
    expect(checkInstalmentRelease(1, state(false, '30', 0), params).ok).toBe(false);
  });

  it('instalmentStatus lists every instalment with its amount and state', () => {
    const status = instalmentStatus('1000', state(true, '30', 1), params);
    expect(status.map((s) => [s.number, s.amountUf, s.paid, s.conditionMet, s.payable])).toEqual([
      [1, '200', true, true, false],
      [2, '400', false, true, true],
      [3, '400', false, false, false],
    ]);
  });
});
