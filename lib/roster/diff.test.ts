import { describe, expect, it } from 'vitest';
import { ROSTER_FIXTURE_ENTRIES } from '@/e2e/fixtures/roster/make-fixtures';
import { diffRoster } from '@/lib/roster/diff';
import type { TRosterEntryInput } from '@/lib/roster/schema';

const [a, b, c, d] = ROSTER_FIXTURE_ENTRIES as [TRosterEntryInput, TRosterEntryInput, TRosterEntryInput, TRosterEntryInput];

describe('diffRoster', () => {
  it('sorts workers into added, removed, modified and unchanged by RUT', () => {
    const bEdited = { ...b, savingsUf: '55', rshPercentile: null, email: 'nuevo@correo.cl' };
    const diff = diffRoster([a, b, c], [d, bEdited, a]);
    expect(diff.added).toEqual([d]);
    expect(diff.removed).toEqual([c]);
    expect(diff.unchanged).toEqual([a]);
    expect(diff.modified).toEqual([
      {
        rut: b.rut,
        before: b,
        after: bEdited,
        changes: [
          { field: 'rshPercentile', before: 50, after: null },
          { field: 'savingsUf', before: '50', after: '55' },
          { field: 'email', before: null, after: 'nuevo@correo.cl' },
        ],
      },
    ]);
  });

  it('compares UF amounts as numbers, not as text', () => {
    const diff = diffRoster([{ ...a, savingsUf: '52' }], [{ ...a, savingsUf: '52.00' }]);
    expect(diff.unchanged).toHaveLength(1);
    expect(diff.modified).toEqual([]);
  });

  it('handles empty rosters', () => {
    expect(diffRoster([], [a, b])).toEqual({ added: [a, b], removed: [], modified: [], unchanged: [] });
    expect(diffRoster([a, b], [])).toEqual({ added: [], removed: [a, b], modified: [], unchanged: [] });
    expect(diffRoster(ROSTER_FIXTURE_ENTRIES, ROSTER_FIXTURE_ENTRIES).unchanged).toHaveLength(20);
  });

  it('compares the first occurrence of a repeated RUT', () => {
    const diff = diffRoster([a, { ...a, band: 2 }], [a, { ...a, band: 3 }]);
    expect(diff).toEqual({ added: [], removed: [], modified: [], unchanged: [a] });
  });
});
