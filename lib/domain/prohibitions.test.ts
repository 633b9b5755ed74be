import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buyerProgrammes, earlySaleDecisions } from '@/db/schema/followup';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { SOURCES } from './explain';
import {
  BUYER_PROGRAMMES,
  EARLY_SALE_DECISIONS,
  checkProhibitionInForce,
  evaluateHousingMobility,
  isWithinProhibition,
  prohibitionTerm,
  restitutionFor,
} from './prohibitions';

const params = callParameters2022;

describe('prohibition term (the 2022 call: 10 years from the CBR inscription)', () => {
  it('ends on the same day number ten years later, or the month’s last day after 29 February', () => {
    expect(prohibitionTerm('2023-03-15', params)).toMatchObject({ cbrInscribedOn: '2023-03-15', years: 10, endsOn: '2033-03-15' });
    expect(prohibitionTerm('2024-02-29', params).endsOn).toBe('2034-02-28');
    // 2032 is a leap year: 29 February has its own anniversary.
    expect(prohibitionTerm('2022-02-28', params).endsOn).toBe('2032-02-28');
    expect(prohibitionTerm('2028-02-29', params).endsOn).toBe('2038-02-28');
  });

  it('takes the number of years from the call', () => {
    const five = { ...params, deadlines: { ...params.deadlines, prohibitionYears: 5 } };
    expect(prohibitionTerm('2024-02-29', five)).toMatchObject({ years: 5, endsOn: '2029-02-28' });
  });

  it('holds from the first instant of the inscription day to the last millisecond of the end day (Santiago time)', () => {
    const term = prohibitionTerm('2024-02-29', params);
    expect(term.endsAt.toISOString()).toBe('2034-03-01T02:59:59.999Z'); // 23:59:59.999 at UTC−3 (summer time)
    expect(isWithinProhibition(term.endsAt, '2024-02-29', params)).toBe(true);
    expect(isWithinProhibition(new Date(term.endsAt.getTime() + 1), '2024-02-29', params)).toBe(false);
    expect(isWithinProhibition(new Date('2024-02-29T03:00:00Z'), '2024-02-29', params)).toBe(true);
    expect(isWithinProhibition(new Date('2024-02-29T02:59:59.999Z'), '2024-02-29', params)).toBe(false);
  });

  it('whatever the inscription day, the end is ten calendar years later and never a day that does not exist', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T12:00:00Z'), max: new Date('2090-12-31T12:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const { endsOn } = prohibitionTerm(iso, params);
        const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
        const [ey, em, eday] = endsOn.split('-').map(Number) as [number, number, number];
        expect(ey).toBe(y + 10);
        expect(em).toBe(m);
        expect(eday).toBe(m === 2 && day === 29 && ey % 4 !== 0 ? 28 : day);
      }),
    );
  });

  it('explains whether a sale still needs the director, citing the seed', () => {
    const during = checkProhibitionInForce(new Date('2026-11-22T12:00:00Z'), '2024-02-29', params);
    expect(during).toMatchObject({ id: 'prohibition.in_force', ok: true, source: SOURCES.prohibitions });
    expect(during.message).toContain('rige hasta el 28-02-2034');
    const after = checkProhibitionInForce(new Date('2034-03-01T03:00:00Z'), '2024-02-29', params);
    expect(after.ok).toBe(false);
    expect(after.message).toContain('terminó el 28-02-2034');
  });
});

describe('housing-mobility option (the 2022 call, conditions a and b)', () => {
  it('holds only when both conditions hold', () => {
    const both = evaluateHousingMobility({ buyerProgramme: 'mismo_programa', proceedsForNewDwelling: true });
    expect(both.ok).toBe(true);
    expect(both.conditionA).toMatchObject({ id: 'prohibition.mobility.a_buyer', ok: true, source: SOURCES.prohibitions });
    expect(both.conditionB).toMatchObject({ id: 'prohibition.mobility.b_proceeds', ok: true });

    const noB = evaluateHousingMobility({ buyerProgramme: 'mismo_programa', proceedsForNewDwelling: false });
    expect(noB.ok).toBe(false);
    expect(noB.conditionA.ok).toBe(true);
    expect(noB.conditionB.message).toMatch(/^Condición b\) no se cumple/);

    const noA = evaluateHousingMobility({ buyerProgramme: 'otro', proceedsForNewDwelling: true });
    expect(noA.ok).toBe(false);
    expect(noA.conditionA.message).toMatch(/^Condición a\) no se cumple/);
  });

  it('a replacing or more-vulnerable programme must be named', () => {
    for (const buyerProgramme of ['programa_reemplazante', 'programa_mayor_vulnerabilidad'] as const) {
      expect(evaluateHousingMobility({ buyerProgramme, proceedsForNewDwelling: true, buyerProgrammeName: '  ' }).conditionA.ok).toBe(false);
      const named = evaluateHousingMobility({ buyerProgramme, proceedsForNewDwelling: true, buyerProgrammeName: 'D.S. N°49' });
      expect(named.ok).toBe(true);
      expect(named.conditionA.message).toContain('«D.S. N°49»');
    }
  });

  it('uses the same vocabulary as the database', () => {
    expect([...BUYER_PROGRAMMES]).toEqual([...buyerProgrammes]);
    expect([...EARLY_SALE_DECISIONS]).toEqual([...earlySaleDecisions]);
  });
});

describe('restitution', () => {
  it('is the subsidy received, exact in UF', () => {
    const r = restitutionFor('1000');
    expect(r.amountUf).toBe('1000.00');
    expect(r.message).toContain('1.000 UF');
    expect(restitutionFor('1000.10').amountUf).toBe('1000.10');
    expect(() => restitutionFor('0')).toThrow(RangeError);
  });
});
