'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';
import type { ImportRowDto } from '@/lib/dal/roster';
import { ROSTER_COLUMN_BY_KEY, ROSTER_COLUMN_KEYS } from '@/lib/roster/columns';
import type { RosterColumnKey } from '@/lib/roster/columns';

const IDENTITY: readonly RosterColumnKey[] = ['rut', 'firstNames', 'lastNames'];
/** A band requirement fails on these cells; changing the band is the other way to fix it. */
const REQUIREMENT_COLUMNS: readonly RosterColumnKey[] = ['rshPercentile', 'savingsUf', 'savingsDepositedUf', 'monthlyIncomeClp'];

const cellId = (row: number, column: RosterColumnKey) => `celda-${row}-${column}`;

function editableColumns(row: ImportRowDto): Set<RosterColumnKey> {
  const columns = new Set(row.errors.map((error) => error.column));
  if (row.errors.some((error) => REQUIREMENT_COLUMNS.includes(error.column))) columns.add('band');
  return columns;
}

type RowExclusionAction = (input: unknown) => Promise<ActionResult<{ rows: number; rowsWithErrors: number; excluded: number; importable: boolean }>>;

/**
 * The rows of a pending import that have errors, as a grid: each failing cell is an input with its
 * message; the corrections are validated again on the server. A row that cannot be fixed here (a
 * duplicate, a worker of another application, one who does not meet their band) can be dropped from
 * the import instead, and brought back later. Only the identifying columns and the columns with errors
 * are shown, so the grid stays readable on a phone.
 */
export function ImportGrid({
  applicationId,
  importId,
  rows,
  action,
  exclude,
}: {
  applicationId: string;
  importId: string;
  rows: ImportRowDto[];
  action: (input: unknown) => Promise<ActionResult<{ rows: number; rowsWithErrors: number; importable: boolean }>>;
  exclude: RowExclusionAction;
}) {
  const router = useRouter();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const withErrorColumns = new Set(rows.flatMap((row) => [...editableColumns(row)]));
  // Names are shown in one column unless one of them needs correcting, to keep the grid narrow.
  const splitNames = withErrorColumns.has('firstNames') || withErrorColumns.has('lastNames');
  const columns = ROSTER_COLUMN_KEYS.filter(
    (key) => (IDENTITY.includes(key) && (key === 'rut' || splitNames)) || withErrorColumns.has(key),
  );
  const display: (RosterColumnKey | 'name')[] = splitNames ? columns : ['rut', 'name', ...columns.filter((key) => key !== 'rut')];
  const summary = [
    ...(formError ? [{ message: formError }] : []),
    ...rows.flatMap((row) =>
      row.errors.map((error) => ({
        fieldId: cellId(row.rowNumber, error.column),
        message: `Fila ${row.rowNumber}, ${ROSTER_COLUMN_BY_KEY[error.column].header}: ${error.message}`,
      })),
    ),
  ];

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changed = rows.flatMap((row) =>
      [...editableColumns(row)].flatMap((column) => {
        const value = edits[cellId(row.rowNumber, column)];
        return value !== undefined && value !== row.values[column] ? [{ rowNumber: row.rowNumber, column, value }] : [];
      }),
    );
    setFormError(null);
    setStatus(null);
    setPending(true);
    const result = await action({ applicationId, importId, edits: changed });
    setPending(false);
    if (!result.ok) {
      setFormError(result.formError ?? 'No se pudieron validar las correcciones.');
      return;
    }
    const left = result.data?.rowsWithErrors ?? 0;
    setStatus(
      left === 0
        ? 'Todas las filas son válidas. Revise los cambios antes de aceptar la planilla.'
        : `Se validaron las correcciones: ${left === 1 ? 'queda 1 fila' : `quedan ${left} filas`} con errores.`,
    );
    setEdits({});
    router.refresh();
  };

  const drop = async (rowNumber: number) => {
    setFormError(null);
    setStatus(null);
    setPending(true);
    const result = await exclude({ applicationId, importId, rowNumber, excluded: true });
    setPending(false);
    if (!result.ok) {
      setFormError(result.formError ?? 'No se pudo quitar la fila.');
      return;
    }
    const left = result.data?.rowsWithErrors ?? 0;
    setStatus(
      `Se quitó la fila ${rowNumber} de la importación. ${
        left === 0 ? 'Las filas que quedan son válidas: revise los cambios antes de aceptar.' : left === 1 ? 'Queda 1 fila con errores.' : `Quedan ${left} filas con errores.`
      }`,
    );
    router.refresh();
  };

  return (
    <div>
      <ErrorSummary errors={summary} title={rows.length === 1 ? 'Hay 1 fila con errores' : `Hay ${rows.length} filas con errores`} />
      <p role="status" className="mb-3 font-semibold text-ok-700" data-testid="grid-status">
        {status ?? ''}
      </p>
      <form onSubmit={submit} noValidate aria-label="Corregir las filas con errores">
        <fieldset disabled={pending}>
          <legend className="sr-only">Filas con errores</legend>
          {/* w-0 + min-w-full: the region takes the column's width instead of widening the page. */}
          <div className="w-0 min-w-full overflow-x-auto rounded-md border border-slate-300" role="region" aria-label="Filas con errores de la planilla" tabIndex={0}>
            <table className="w-full border-collapse text-left text-sm" data-testid="import-grid">
              <thead className="bg-slate-100">
                <tr className="border-b-2 border-slate-800">
                  <th scope="col" className="px-2 py-2 font-semibold">
                    Fila
                  </th>
                  {display.map((column) => (
                    <th key={column} scope="col" className="px-2 py-2 font-semibold">
                      {column === 'name' ? 'Nombre' : ROSTER_COLUMN_BY_KEY[column].header}
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-2 font-semibold">
                    <span className="sr-only">Quitar de la importación</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const editable = editableColumns(row);
                  return (
                    <tr key={`${row.rowNumber}:${JSON.stringify(row.values)}`} className="border-b border-slate-300 align-top" data-row={row.rowNumber}>
                      <th scope="row" className="px-2 py-2 font-semibold tabular-nums">
                        {row.rowNumber}
                      </th>
                      {display.map((column) => {
                        if (column === 'name')
                          return (
                            <td key={column} className="px-2 py-2">
                              {`${row.values.firstNames} ${row.values.lastNames}`.trim() || <span className="text-slate-500">(vacío)</span>}
                            </td>
                          );
                        const id = cellId(row.rowNumber, column);
                        const errors = row.errors.filter((error) => error.column === column);
                        if (!editable.has(column))
                          return (
                            <td key={column} className="px-2 py-2">
                              {row.values[column] || <span className="text-slate-500">(vacío)</span>}
                            </td>
                          );
                        const described = errors.length > 0 ? `${id}-error` : `${id}-hint`;
                        return (
                          <td key={column} className={`min-w-44 px-2 py-2 ${errors.length > 0 ? 'bg-err-50' : ''}`}>
                            <label htmlFor={id} className="sr-only">
                              {ROSTER_COLUMN_BY_KEY[column].header}, fila {row.rowNumber}
                            </label>
                            <input
                              id={id}
                              defaultValue={row.values[column]}
                              onChange={(event) => setEdits((current) => ({ ...current, [id]: event.target.value }))}
                              aria-invalid={errors.length > 0 ? true : undefined}
                              aria-describedby={described}
                              autoComplete="off"
                              spellCheck={false}
                              className={`block min-h-11 w-full min-w-36 rounded-md border-2 bg-white px-2 ${errors.length > 0 ? 'border-err-700' : 'border-slate-700'}`}
                            />
                            {errors.length > 0 ? (
                              <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-err-700">
                                <span className="sr-only">Error: </span>
                                {errors.map((error) => error.message).join(' ')}
                              </p>
                            ) : (
                              <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
                                También puede corregir el tramo.
                              </p>
                            )}
                          </td>
                        );
                      })}
                      <td className="px-2 py-2">
                        <Button variant="link" className="whitespace-nowrap" onClick={() => drop(row.rowNumber)} data-testid={`drop-row-${row.rowNumber}`}>
                          Quitar fila {row.rowNumber}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Button type="submit" className="mt-4">
            {pending ? 'Validando…' : 'Validar correcciones'}
          </Button>
        </fieldset>
      </form>
    </div>
  );
}
