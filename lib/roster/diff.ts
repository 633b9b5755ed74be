/**
 * What changes when a new roster file replaces the current one, keyed by RUT, so the applicant confirms
 * the additions, removals and edits (and the reviewer sees them) before anything is saved.
 */
import { Decimal } from 'decimal.js';
import { ROSTER_COLUMN_KEYS, type RosterColumnKey } from '@/lib/roster/columns';
import type { TRosterEntryInput } from '@/lib/roster/schema';

export type RosterFieldChange = {
  [K in RosterColumnKey]: { field: K; before: TRosterEntryInput[K]; after: TRosterEntryInput[K] };
}[RosterColumnKey];

export interface RosterEntryModification {
  rut: string;
  before: TRosterEntryInput;
  after: TRosterEntryInput;
  changes: RosterFieldChange[];
}

export interface RosterDiff {
  /** In the incoming roster only, in its order. */
  added: TRosterEntryInput[];
  /** In the current roster only, in its order. */
  removed: TRosterEntryInput[];
  /** In both with at least one field changed, in the incoming order. */
  modified: RosterEntryModification[];
  /** In both and identical, in the incoming order. */
  unchanged: TRosterEntryInput[];
}

function sameValue(field: RosterColumnKey, before: unknown, after: unknown): boolean {
  // UF amounts are decimal strings: "50.5" and "50.50" are the same savings.
  if ((field === 'savingsUf' || field === 'savingsDepositedUf') && typeof before === 'string' && typeof after === 'string')
    return new Decimal(before).equals(after);
  // Score facts: not declared is null or absent; ages are lists.
  if ((before ?? null) === null || (after ?? null) === null) return (before ?? null) === (after ?? null);
  if (Array.isArray(before) && Array.isArray(after)) return before.join(';') === after.join(';');
  return before === after;
}

function changesBetween(before: TRosterEntryInput, after: TRosterEntryInput): RosterFieldChange[] {
  const changes: RosterFieldChange[] = [];
  for (const field of ROSTER_COLUMN_KEYS) {
    if (!sameValue(field, before[field], after[field]))
      changes.push({ field, before: before[field], after: after[field] } as RosterFieldChange);
  }
  return changes;
}

/**
 * Compares two rosters by normalised RUT. Each roster is expected to have unique RUTs (the import
 * rejects duplicates); if one repeats, its first occurrence is compared.
 */
export function diffRoster(current: readonly TRosterEntryInput[], incoming: readonly TRosterEntryInput[]): RosterDiff {
  const currentByRut = new Map<string, TRosterEntryInput>();
  for (const entry of current) if (!currentByRut.has(entry.rut)) currentByRut.set(entry.rut, entry);
  const incomingRuts = new Set<string>();

  const diff: RosterDiff = { added: [], removed: [], modified: [], unchanged: [] };
  for (const after of incoming) {
    if (incomingRuts.has(after.rut)) continue;
    incomingRuts.add(after.rut);
    const before = currentByRut.get(after.rut);
    if (!before) {
      diff.added.push(after);
      continue;
    }
    const changes = changesBetween(before, after);
    if (changes.length === 0) diff.unchanged.push(after);
    else diff.modified.push({ rut: after.rut, before, after, changes });
  }
  for (const [rut, entry] of currentByRut) if (!incomingRuts.has(rut)) diff.removed.push(entry);
  return diff;
}
