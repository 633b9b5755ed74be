/**
 * Checks beyond the cells of one row: a RUT repeated in the file, a RUT already in another application
 * of the call (the programme rules "Roster": a RUT appears in at most one application per call), the template's
 * example row left in, and the worker's requirements for the band assigned, which the rules engine
 * supplies through a callback.
 */
import { formatRut, normalizeRut } from '@/lib/domain/rut';
import { isRosterExampleEntry } from '@/lib/roster/example';
import type { RosterRow, RosterRowError } from '@/lib/roster/parse-file';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { joinSpanish } from '@/lib/roster/values';

/** Band requirements of one worker (RSH, savings, income cap), as the call's rules engine decides them. */
export type RosterEligibilityChecker = (entry: TRosterEntryInput) => readonly RosterRowError[];

export interface ValidateRosterRowsOptions {
  /** Normalised RUTs (`12345678-5`) present in the other applications of the same call. */
  rutsInOtherApplications?: ReadonlySet<string>;
  checkEligibility?: RosterEligibilityChecker;
}

/**
 * Returns the rows with the cross-row errors added (the input is not modified). The RUT of a row is
 * checked even when other cells of the row are wrong, so a duplicate is reported on the first upload.
 */
export function validateRosterRows(rows: readonly RosterRow[], options: ValidateRosterRowsOptions = {}): RosterRow[] {
  const { rutsInOtherApplications, checkEligibility } = options;
  const rutOf = (row: RosterRow) => row.entry?.rut ?? normalizeRut(row.values.rut);

  const rowNumbersByRut = new Map<string, number[]>();
  for (const row of rows) {
    const rut = rutOf(row);
    if (rut) rowNumbersByRut.set(rut, [...(rowNumbersByRut.get(rut) ?? []), row.rowNumber]);
  }

  return rows.map((row) => {
    const errors = [...row.errors];
    const rut = rutOf(row);
    if (rut) {
      const others = (rowNumbersByRut.get(rut) ?? []).filter((rowNumber) => rowNumber !== row.rowNumber);
      if (others.length > 0) {
        const where = others.length === 1 ? `la fila ${others[0]}` : `las filas ${joinSpanish(others.map(String))}`;
        errors.push({ column: 'rut', message: `El RUT ${formatRut(rut)} está repetido en ${where} de la nómina.` });
      }
      if (rutsInOtherApplications?.has(rut)) {
        errors.push({ column: 'rut', message: `El RUT ${formatRut(rut)} ya figura en otra postulación de este llamado.` });
      }
    }
    if (row.entry && isRosterExampleEntry(row.entry)) {
      errors.push({
        column: 'rut',
        message: `Esta fila es el ejemplo de la plantilla (${row.entry.firstNames} ${row.entry.lastNames}): bórrela o reemplácela por los datos de un trabajador.`,
      });
    }
    if (row.entry && checkEligibility) errors.push(...checkEligibility(row.entry));
    return { ...row, errors };
  });
}

/** Whether every row can be imported: all rows have an entry and none has errors. */
export function isRosterImportable(rows: readonly RosterRow[]): boolean {
  return rows.length > 0 && rows.every((row) => row.entry !== undefined && row.errors.length === 0);
}
