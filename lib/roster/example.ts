/**
 * The example worker of the template, built from the examples of each column so the template's example
 * row and its «Instrucciones» sheet always agree.
 */
import { ROSTER_COLUMNS } from '@/lib/roster/columns';
import { ZRosterEntryInput, type TRosterEntryInput } from '@/lib/roster/schema';

export const ROSTER_EXAMPLE_ENTRY: TRosterEntryInput = ZRosterEntryInput.parse(
  Object.fromEntries(ROSTER_COLUMNS.map((column) => [column.key, column.example])),
);

/** Whether an entry is the template's example row, left in the file by mistake. */
export function isRosterExampleEntry(entry: TRosterEntryInput): boolean {
  return (
    entry.rut === ROSTER_EXAMPLE_ENTRY.rut &&
    entry.firstNames === ROSTER_EXAMPLE_ENTRY.firstNames &&
    entry.lastNames === ROSTER_EXAMPLE_ENTRY.lastNames
  );
}
