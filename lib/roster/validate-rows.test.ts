import { describe, expect, it, vi } from 'vitest';
import { ROSTER_FIXTURE_ENTRIES } from '@/e2e/fixtures/roster/make-fixtures';
import { ROSTER_COLUMN_KEYS, type RosterColumnKey } from '@/lib/roster/columns';
import { ROSTER_EXAMPLE_ENTRY } from '@/lib/roster/example';
import type { RosterRow } from '@/lib/roster/parse-file';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { rosterEntryToCells } from '@/lib/roster/template';
import { isRosterImportable, validateRosterRows } from '@/lib/roster/validate-rows';

const [a, b, c] = ROSTER_FIXTURE_ENTRIES as [TRosterEntryInput, TRosterEntryInput, TRosterEntryInput];

function row(rowNumber: number, entry: TRosterEntryInput): RosterRow {
  return { rowNumber, values: rosterEntryToCells(entry), entry, errors: [] };
}

/** A row whose own cells failed validation: no entry, one error. */
function brokenRow(rowNumber: number, values: Partial<Record<RosterColumnKey, string>>): RosterRow {
  const empty = Object.fromEntries(ROSTER_COLUMN_KEYS.map((key) => [key, ''])) as Record<RosterColumnKey, string>;
  return { rowNumber, values: { ...empty, ...values }, errors: [{ column: 'band', message: 'Falta el tramo de vivienda (1, 2 o 3).' }] };
}

const messages = (rows: readonly RosterRow[]) => rows.map((r) => r.errors.map((error) => error.message));

describe('validateRosterRows', () => {
  it('leaves a clean roster clean', () => {
    const rows = ROSTER_FIXTURE_ENTRIES.map((entry, index) => row(index + 2, entry));
    const validated = validateRosterRows(rows);
    expect(validated.every((r) => r.errors.length === 0)).toBe(true);
    expect(isRosterImportable(validated)).toBe(true);
  });

  it('marks every copy of a repeated RUT, naming the other rows', () => {
    const rows = [row(2, a), row(3, b), row(4, { ...c, rut: a.rut }), row(7, { ...b, firstNames: 'Otra' }), row(9, { ...c, rut: a.rut })];
    const shown = '7.654.321-6';
    expect(a.rut).toBe('7654321-6');
    expect(messages(validateRosterRows(rows))).toEqual([
      [`El RUT ${shown} está repetido en las filas 4 y 9 de la nómina.`],
      [`El RUT ${b.rut.replace(/^(\d+)(\d{3})(\d{3})-/, '$1.$2.$3-')} está repetido en la fila 7 de la nómina.`],
      [`El RUT ${shown} está repetido en las filas 2 y 9 de la nómina.`],
      [expect.stringContaining('está repetido en la fila 3 de la nómina.')],
      [`El RUT ${shown} está repetido en las filas 2 y 4 de la nómina.`],
    ]);
  });

  it('finds a repeated RUT even in a row with other errors, however it was typed', () => {
    const rows = [row(2, a), brokenRow(3, { rut: '7.654.321-6' }), brokenRow(4, { rut: 'no sé' })];
    const validated = validateRosterRows(rows);
    expect(messages(validated)).toEqual([
      ['El RUT 7.654.321-6 está repetido en la fila 3 de la nómina.'],
      ['Falta el tramo de vivienda (1, 2 o 3).', 'El RUT 7.654.321-6 está repetido en la fila 2 de la nómina.'],
      ['Falta el tramo de vivienda (1, 2 o 3).'],
    ]);
    expect(isRosterImportable(validated)).toBe(false);
  });

  it('refuses a RUT already in another application of the call', () => {
    const validated = validateRosterRows([row(2, a), row(3, b)], { rutsInOtherApplications: new Set([b.rut, '1-9']) });
    expect(messages(validated)).toEqual([[], [expect.stringMatching(/^El RUT [\d.]+-\w ya figura en otra postulación de este llamado\.$/)]]);
  });

  it('runs the band checker on valid rows only and keeps its errors', () => {
    const checker = vi.fn((entry: TRosterEntryInput) =>
      entry.band === 1 ? [{ column: 'rshPercentile' as const, message: 'El tramo 1 exige RSH hasta 50%.' }] : [],
    );
    const validated = validateRosterRows([row(2, a), row(3, { ...b, band: 2 }), brokenRow(4, { rut: c.rut })], { checkEligibility: checker });
    expect(checker).toHaveBeenCalledTimes(2);
    expect(validated[0]?.errors).toEqual([{ column: 'rshPercentile', message: 'El tramo 1 exige RSH hasta 50%.' }]);
    expect(validated[1]?.errors).toEqual([]);
  });

  it('flags the template\'s example row left in the file', () => {
    const validated = validateRosterRows([row(2, ROSTER_EXAMPLE_ENTRY), row(3, { ...ROSTER_EXAMPLE_ENTRY, firstNames: 'Pedro' })]);
    expect(messages(validated)[0]).toEqual([
      'El RUT 12.345.678-5 está repetido en la fila 3 de la nómina.',
      'Esta fila es el ejemplo de la plantilla (Juan Andrés Pérez Soto): bórrela o reemplácela por los datos de un trabajador.',
    ]);
    expect(messages(validated)[1]).toEqual([expect.stringContaining('repetido en la fila 2')]);
  });

  it('does not modify the rows it receives', () => {
    const rows = [row(2, a), row(3, a)];
    const snapshot = structuredClone(rows);
    validateRosterRows(rows, { checkEligibility: () => [{ column: 'band', message: 'x' }] });
    expect(rows).toEqual(snapshot);
  });

  it('does not call an empty roster importable', () => {
    expect(isRosterImportable([])).toBe(false);
  });
});
