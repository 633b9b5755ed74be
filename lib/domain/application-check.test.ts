import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { ZApplicationCheckRequest, checkApplication, dwellingPriceProblem } from './application-check';
import type { DwellingType } from './application-check';
import type { Band } from './call-parameters';
import { computeCheckDigit } from './rut';
import type { RosterEntry } from './worker-eligibility';

const params = callParameters2022;
const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

const SAVINGS: Record<Band, [string, string]> = { 1: ['50', '25'], 2: ['70', '35'], 3: ['120', '60'] };

function entry(n: number, band: Band, overrides: Partial<RosterEntry> = {}): RosterEntry {
  const [savings, deposited] = SAVINGS[band];
  return {
    rut: rut(15_000_000 + n),
    unionMember: true,
    rshPercentile: band === 1 ? 40 : band === 2 ? 70 : 100,
    householdSize: 3,
    monthlyIncomeClp: band === 3 ? 2_000_000 : 800_000,
    savingsUf: savings,
    savingsDepositedUf: deposited,
    band,
    ...overrides,
  };
}

function project(b1: number, b2: number, b3: number): { dwellings: DwellingType[]; roster: RosterEntry[] } {
  const dwellings: DwellingType[] = [
    { band: 1, count: b1, priceUf: '1200' },
    { band: 2, count: b2, priceUf: '1600' },
    { band: 3, count: b3, priceUf: '2000' },
  ];
  let n = 0;
  const roster: RosterEntry[] = [];
  for (const [band, count] of [
    [1, b1],
    [2, b2],
    [3, b3],
  ] as const)
    for (let i = 0; i < count; i++) roster.push(entry(n++, band));
  return { dwellings, roster };
}

describe('checkApplication', () => {
  it('a valid 2/6/2 project in the centro zone passes every rule', () => {
    const { dwellings, roster } = project(2, 6, 2);
    const result = checkApplication({ zone: 'centro', dwellings, roster, params });
    expect(result.ok).toBe(true);
    expect(result.rules.map((r) => r.id)).toEqual([
      'dwellings.price_band',
      'dwellings.price_band',
      'dwellings.price_band',
      'composition.min_bands',
      'composition.band1_min',
      'composition.band2_min',
      'composition.band3_max',
      'composition.max_dwellings',
      'roster.size',
      'roster.band_counts',
      'roster.non_union_max',
      'roster.rut_unique',
    ]);
    expect(result.workers).toHaveLength(10);
    expect(result.workers.every((w) => w.ok && w.reasons.length === 5)).toBe(true);
    for (const r of result.rules) expect(r.source.length).toBeGreaterThan(0);
  });

  it('a full 300-dwelling project passes', () => {
    const { dwellings, roster } = project(60, 180, 60);
    expect(checkApplication({ zone: 'centro', dwellings, roster, params }).ok).toBe(true);
  });

  it('flags a dwelling priced outside its declared band (1.200,01 UF is band 2 in centro)', () => {
    const { dwellings, roster } = project(2, 6, 2);
    dwellings[0] = { band: 1, count: 2, priceUf: '1200.01' };
    const result = checkApplication({ zone: 'centro', dwellings, roster, params });
    expect(result.ok).toBe(false);
    const rule = result.rules.find((r) => r.id === 'dwellings.price_band' && !r.ok);
    expect(rule?.message).toBe('La vivienda de 1.200,01 UF se declaró en el tramo 1, pero su precio corresponde al tramo 2 en la zona centro.');
    // The same price is band 1 in the north zone.
    expect(checkApplication({ zone: 'norte', dwellings, roster, params }).rules.filter((r) => r.id === 'dwellings.price_band').every((r) => r.ok)).toBe(true);
  });

  it('counts several lines of one band together (the 2022 call: band 3 at 1.800 and 2.000 UF)', () => {
    const { roster } = project(2, 6, 2);
    const dwellings: DwellingType[] = [
      { band: 1, count: 2, priceUf: '1200' },
      { band: 2, count: 6, priceUf: '1600' },
      { band: 3, count: 1, priceUf: '1800' },
      { band: 3, count: 1, priceUf: '2000' },
    ];
    const check = checkApplication({ zone: 'centro', dwellings, roster, params });
    expect(check.rules.filter((r) => !r.ok)).toEqual([]);
    expect(check.rules.filter((r) => r.id === 'dwellings.price_band')).toHaveLength(4);
    // Three band-3 lines make band 3 three of eleven: over its 20%.
    const more = checkApplication({ zone: 'centro', dwellings: [...dwellings, { band: 3, count: 1, priceUf: '2100' }], roster, params });
    expect(more.rules.find((r) => r.id === 'composition.band3_max')!.ok).toBe(false);
  });

  it('reports the failing workers with their reasons', () => {
    const { dwellings, roster } = project(2, 6, 2);
    roster[0] = entry(0, 1, { rshPercentile: 60 });
    roster[3] = entry(3, 2, { savingsUf: '69.99' });
    const result = checkApplication({ zone: 'centro', dwellings, roster, params });
    expect(result.ok).toBe(false);
    expect(result.rules.every((r) => r.ok)).toBe(true);
    const failing = result.workers.filter((w) => !w.ok);
    expect(failing.map((w) => w.reasons.filter((r) => !r.ok).map((r) => r.id))).toEqual([['worker.rsh'], ['worker.savings_min']]);
  });

  it('detects RUTs used in other applications of the call and too many non-union workers', () => {
    const { dwellings, roster } = project(2, 6, 2);
    roster[1] = { ...roster[1]!, unionMember: false };
    roster[2] = { ...roster[2]!, unionMember: false };
    roster[4] = { ...roster[4]!, unionMember: false };
    const result = checkApplication({ zone: 'centro', dwellings, roster, otherRutsInCall: [roster[5]!.rut], params });
    expect(result.rules.find((r) => r.id === 'roster.non_union_max')?.ok).toBe(false);
    expect(result.rules.find((r) => r.id === 'roster.rut_unique')?.ok).toBe(false);
  });

  it('roster.size fails when a worker is missing', () => {
    const { dwellings, roster } = project(2, 6, 2);
    const result = checkApplication({ zone: 'centro', dwellings, roster: roster.slice(1), params });
    expect(result.rules.find((r) => r.id === 'roster.size')?.ok).toBe(false);
  });

  it('checks replacements when given', () => {
    const { dwellings, roster } = project(2, 6, 2);
    const replaced = entry(100, 3);
    const result = checkApplication({
      zone: 'centro',
      dwellings,
      roster,
      replacements: [{ replaced, replacement: roster[9]! }],
      presentedRosterSize: 10,
      params,
    });
    expect(result.rules.filter((r) => r.id.startsWith('replacement') || r.id === 'roster.replacements_max').map((r) => [r.id, r.ok])).toEqual([
      ['roster.replacements_max', true],
      ['replacement.band_requirements', true],
    ]);
  });

  it('dwellingPriceProblem says why a line’s price does not fit its band in the zone, or nothing when it does', () => {
    expect(dwellingPriceProblem({ band: 3, priceUf: '1800' }, 'centro', params)).toBeNull();
    expect(dwellingPriceProblem({ band: 3, priceUf: '2200' }, 'centro', params)).toBeNull();
    expect(dwellingPriceProblem({ band: 2, priceUf: '1700' }, 'centro', params)).toBe(
      'El precio de 1.700 UF corresponde al tramo 3 en la zona centro, no al tramo 2 (más de 1.200 UF y hasta 1.600 UF).',
    );
    expect(dwellingPriceProblem({ band: 1, priceUf: '1250' }, 'norte', params)).toBeNull();
    expect(dwellingPriceProblem({ band: 3, priceUf: '2300' }, 'centro', params)).toMatch(/supera el precio máximo del tramo 3.*El tramo 3 en la zona centro va más de 1\.600 UF y hasta 2\.200 UF\./);
  });

  it('ZApplicationCheckRequest validates the request body', () => {
    const { dwellings, roster } = project(2, 6, 2);
    expect(ZApplicationCheckRequest.safeParse({ zone: 'centro', dwellings, roster }).success).toBe(true);
    expect(ZApplicationCheckRequest.safeParse({ zone: 'sur', dwellings, roster }).success).toBe(false);
    expect(ZApplicationCheckRequest.safeParse({ zone: 'centro', dwellings: [{ band: 1, count: -1, priceUf: '1000' }], roster }).success).toBe(false);
  });
});
