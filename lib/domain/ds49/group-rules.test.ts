import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkGoreBlock,
  checkHousehold2Plus,
  checkRsh40Min,
  checkRshHighDeficit,
  checkSavingsSeniority,
  goreBlockStatus,
} from './group-rules';
import { families, family, params } from './test-fixtures';
import type { Ds49Family } from './types';

/** `count` families of which the first `above` are in the 50% bracket with high deficit. */
function withAbove(count: number, above: number, overrides: Partial<Ds49Family> = {}): Ds49Family[] {
  return families(count, above, { rshPercentile: 50, highDeficit: true, ...overrides });
}

describe('ds49.rsh_40_min (3.a)', () => {
  it('passes at exactly 70% in the 40% bracket', () => {
    const r = checkRsh40Min(withAbove(10, 3), params);
    expect(r).toMatchObject({ id: 'ds49.rsh_40_min', ok: true });
    expect(r.figures).toMatchObject({ families: 10, vulnerableFamilies: 7, share: '0.7', minShare: '0.70' });
    expect(r.message).toContain('El 70% (7 de 10)');
    expect(r.message).toContain('numeral 3.a');
    expect(r.source).toBe('Reglamento Convenio de Programación MINVU-GORE Magallanes 2021-2027, numeral 3.a');
  });

  it('fails just below 70%', () => {
    const r = checkRsh40Min(withAbove(100, 31), params);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('Solo el 69% (69 de 100)');
    expect(checkRsh40Min(withAbove(20, 7), params).ok).toBe(false);
    expect(checkRsh40Min(withAbove(20, 6), params).ok).toBe(true);
  });

  it('fails with no families', () => {
    expect(checkRsh40Min([], params)).toMatchObject({ ok: false, figures: { families: 0 } });
  });

  it('agrees with count ≥ 0.7 × total for any group', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), (total, k) => {
        const above = Math.min(k, total);
        expect(checkRsh40Min(withAbove(total, above), params).ok).toBe((total - above) * 10 >= 7 * total);
      }),
    );
  });
});

describe('ds49.rsh_high_deficit (3.a)', () => {
  it('admits up to 30% between 40% and 90% with high deficit', () => {
    const r = checkRshHighDeficit(withAbove(10, 3, { rshPercentile: 90 }), params);
    expect(r.ok).toBe(true);
    expect(r.figures).toMatchObject({ familiesAbove: 3, share: '0.3' });
  });

  it('passes trivially when every family is in the 40% bracket', () => {
    const r = checkRshHighDeficit(families(5), params);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/Todas las familias/);
  });

  it('fails above 30%', () => {
    const r = checkRshHighDeficit(withAbove(10, 4), params);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('40% (4 de 10)');
    expect(r.message).toContain('el máximo es 30%');
  });

  it('fails when a family above 40% has no high deficit, naming its RUT', () => {
    const group = withAbove(10, 2);
    group[0] = family(1, { rshPercentile: 60, highDeficit: false });
    const r = checkRshHighDeficit(group, params);
    expect(r.ok).toBe(false);
    expect(r.figures.withoutHighDeficit).toBe(1);
    expect(r.message).toContain('10.000.001-');
    expect(r.message).toContain('tramo 60%');
  });

  it('fails for a family above the 90% bracket even with high deficit', () => {
    const group = families(10);
    group[9] = family(10, { rshPercentile: 100, highDeficit: true });
    const r = checkRshHighDeficit(group, params);
    expect(r.ok).toBe(false);
    expect(r.figures.aboveMaxBracket).toBe(1);
    expect(r.message).toMatch(/sobre el 90%/);
  });
});

describe('ds49.household_2plus (3.b)', () => {
  it('passes at exactly 90% and fails below', () => {
    expect(checkHousehold2Plus(families(10, 1, { householdSize: 1 }), params)).toMatchObject({ ok: true, figures: { share: '0.9' } });
    expect(checkHousehold2Plus(families(10, 2, { householdSize: 1 }), params).ok).toBe(false);
    const r = checkHousehold2Plus(families(100, 11, { householdSize: 1 }), params);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('Solo el 89% (89 de 100)');
    expect(r.message).toContain('numeral 3.b');
  });
});

describe('ds49.savings_seniority (3.d)', () => {
  const opened = '2021-03-15';

  it('passes on the third anniversary in Chile and fails the day before', () => {
    const group = [family(1, { savingsInstrumentOpenedOn: opened })];
    expect(checkSavingsSeniority(group, '2024-03-15', params).ok).toBe(true);
    expect(checkSavingsSeniority(group, '2024-03-14', params).ok).toBe(false);
  });

  it('uses the calendar day in America/Santiago, not UTC', () => {
    const group = [family(1, { savingsInstrumentOpenedOn: opened })];
    // 15-03-2024 00:30 in Santiago (UTC−3) is already the anniversary...
    expect(checkSavingsSeniority(group, new Date('2024-03-15T03:30:00Z'), params).ok).toBe(true);
    // ...but 14-03-2024 23:30 in Santiago is not, although it is 15 March in UTC.
    const late = checkSavingsSeniority(group, new Date('2024-03-15T02:30:00Z'), params);
    expect(late.ok).toBe(false);
    expect(late.figures.presentedOn).toBe('2024-03-14');
    expect(late.message).toContain('cumple 3 años el 15-03-2024');
  });

  it('ends a 29 February term on 28 February', () => {
    const group = [family(1, { savingsInstrumentOpenedOn: '2020-02-29' })];
    expect(checkSavingsSeniority(group, '2023-02-28', params).ok).toBe(true);
    expect(checkSavingsSeniority(group, '2023-02-27', params).ok).toBe(false);
  });

  it('exempts families with high housing deficit', () => {
    const group = [family(1, { savingsInstrumentOpenedOn: '2024-01-01', highDeficit: true }), family(2)];
    const r = checkSavingsSeniority(group, '2024-03-15', params);
    expect(r.ok).toBe(true);
    expect(r.figures).toMatchObject({ familiesExempt: 1, familiesRequired: 1 });
    expect(r.message).toMatch(/eximida/);
  });

  it('fails when a family has no opening date', () => {
    const r = checkSavingsSeniority([family(1, { savingsInstrumentOpenedOn: null })], '2024-03-15', params);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/no informa la fecha de apertura/);
  });
});

describe('ds49.gore_block (3.c)', () => {
  const selected = '2020-06-10';

  it('blocks through the fifth anniversary of the selection and frees the day after', () => {
    const group = (on: string | null) => [family(1, { previousGoreSolutionOn: on })];
    expect(checkGoreBlock(group(selected), '2025-06-09', params).ok).toBe(false);
    const onDay = checkGoreBlock(group(selected), '2025-06-10', params);
    expect(onDay.ok).toBe(false);
    expect(onDay.message).toContain('impedido hasta el 10-06-2025');
    expect(checkGoreBlock(group(selected), '2025-06-11', params).ok).toBe(true);
    expect(checkGoreBlock(group(null), '2021-01-01', params).ok).toBe(true);
  });

  it('checks the other members of the household', () => {
    const f = family(1, { members: [{ rut: '11111111-1', previousGoreSolutionOn: '2022-01-01' }] });
    const r = checkGoreBlock([f], '2024-01-01', params);
    expect(r.ok).toBe(false);
    expect(r.figures.blockedRuts).toBe('11.111.111-1');
  });

  it('frees someone invoked as a minor on their 18th birthday, if before the 5 years', () => {
    const member = { rut: '22222222-2', previousGoreSolutionOn: '2022-01-01', wasMinorWhenInvoked: true, birthDate: '2006-04-20' };
    const f = family(1, { members: [member] });
    expect(checkGoreBlock([f], '2024-04-19', params).ok).toBe(false);
    expect(checkGoreBlock([f], '2024-04-20', params).ok).toBe(true);
    expect(goreBlockStatus(member, '2024-04-20', params)).toMatchObject({ blocked: false, endedByMajority: true, blockedThrough: '2024-04-19' });
  });

  it('keeps the 5 years when majority comes later or the birth date is missing', () => {
    const member = { rut: '22222222-2', previousGoreSolutionOn: '2022-01-01', wasMinorWhenInvoked: true, birthDate: '2015-01-01' };
    expect(goreBlockStatus(member, '2027-01-01', params)).toMatchObject({ blocked: true, endedByMajority: false });
    const noBirth = family(1, { members: [{ rut: '22222222-2', previousGoreSolutionOn: '2022-01-01', wasMinorWhenInvoked: true }] });
    const r = checkGoreBlock([noBirth], '2024-04-20', params);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Falta la fecha de nacimiento/);
  });
});
