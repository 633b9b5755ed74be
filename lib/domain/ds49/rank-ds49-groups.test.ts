import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso } from './dates';
import { rankDs49Groups } from './rank-ds49-groups';
import { params, rutFor } from './test-fixtures';
import type { Ds49RankCandidate } from './rank-ds49-groups';

function group(id: string, openedOn: (string | null)[], submittedAt?: string): Ds49RankCandidate {
  return { id, families: openedOn.map((d, i) => ({ rut: rutFor(i + 1), savingsInstrumentOpenedOn: d })), submittedAt };
}

const asOf = '2024-12-31';

describe('rankDs49Groups', () => {
  it('puts first the group whose families have the highest mean seniority', () => {
    const ranked = rankDs49Groups({
      groups: [group('B', ['2020-01-01', '2022-01-01']), group('A', ['2018-01-01', '2019-01-01']), group('C', ['2023-06-01'])],
      asOf,
      params,
    });
    expect(ranked.map((g) => g.id)).toEqual(['A', 'B', 'C']);
    expect(ranked.map((g) => g.rank)).toEqual([1, 2, 3]);
    expect(ranked[0]).toMatchObject({ familiesCount: 2, totalSeniorityDays: 2556 + 2191, meanSeniorityDays: '2373.50', decidedBy: null });
    expect(ranked[1]?.decidedBy).toBe('mean');
    expect(ranked[0]?.explanation).toContain('2.373,5 días');
  });

  it('does not let a larger group win by size', () => {
    const many = group('many', Array.from({ length: 40 }, () => '2021-01-01'));
    const few = group('few', ['2019-01-01', '2019-01-01']);
    expect(rankDs49Groups({ groups: [many, few], asOf, params }).map((g) => g.id)).toEqual(['few', 'many']);
  });

  it('ignores the age of the group itself: recent joiners lower the mean', () => {
    const oldGroupNewMembers = group('antigua', ['2015-01-01', '2024-06-01', '2024-06-01']);
    const newGroupOldSavers = group('nueva', ['2019-01-01', '2019-01-01', '2019-01-01']);
    expect(rankDs49Groups({ groups: [oldGroupNewMembers, newGroupOldSavers], asOf, params })[0]?.id).toBe('nueva');
  });

  it('breaks ties by the newest instrument, then the earlier submission, then the id', () => {
    // Same mean seniority, but 'spread' has a more recent instrument.
    const spread = group('spread', ['2019-01-01', '2019-01-03']);
    const even = group('even', ['2019-01-02', '2019-01-02']);
    const r1 = rankDs49Groups({ groups: [spread, even], asOf, params });
    expect(r1[0]?.meanSeniorityDays).toBe(r1[1]?.meanSeniorityDays);
    expect(r1.map((g) => g.id)).toEqual(['even', 'spread']);
    expect(r1[1]?.decidedBy).toBe('newest_instrument');

    const late = group('late', ['2019-01-01'], '2024-11-02T12:00:00Z');
    const early = group('early', ['2019-01-01'], '2024-11-01T12:00:00Z');
    const r2 = rankDs49Groups({ groups: [late, early], asOf, params });
    expect(r2.map((g) => g.id)).toEqual(['early', 'late']);
    expect(r2[1]?.decidedBy).toBe('submission');

    const r3 = rankDs49Groups({ groups: [group('y', ['2019-01-01']), group('x', ['2019-01-01'])], asOf, params });
    expect(r3.map((g) => g.id)).toEqual(['x', 'y']);
    expect(r3[1]?.decidedBy).toBe('id');
  });

  it('counts missing or future instruments as 0 days and sorts empty groups last', () => {
    const r = rankDs49Groups({ groups: [group('empty', []), group('g', [null, '2025-06-01', '2023-12-31'])], asOf, params });
    expect(r.map((g) => g.id)).toEqual(['g', 'empty']);
    expect(r[0]).toMatchObject({ totalSeniorityDays: 366, familiesWithoutSeniority: 2, minSeniorityDays: 0 });
    expect(r[1]?.explanation).toMatch(/no registra familias/);
  });

  it('gives the same order for any common cut-off date after every opening', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((n) => addDaysIso('2012-01-01', n));
    const candidate = fc.array(date, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 2, maxLength: 6 }), fc.integer({ min: 0, max: 2000 }), (groups, extra) => {
        const candidates = groups.map((g, i) => group(`g${i}`, g));
        const a = rankDs49Groups({ groups: candidates, asOf: '2020-03-20', params }).map((g) => g.id);
        const b = rankDs49Groups({ groups: candidates, asOf: addDaysIso('2020-03-20', extra), params }).map((g) => g.id);
        expect(b).toEqual(a);
      }),
    );
  });
});
