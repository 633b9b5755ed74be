'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';
import type { ExcludedImportRowDto } from '@/lib/dal/roster';

/** The rows dropped from a pending import: what happens to each on accepting, and a way to bring it back. */
export function ImportExcludedRows({
  applicationId,
  importId,
  rows,
  include,
}: {
  applicationId: string;
  importId: string;
  rows: ExcludedImportRowDto[];
  include: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const restore = async (rowNumber: number) => {
    setPending(rowNumber);
    setError(null);
    setStatus(null);
    const result = await include({ applicationId, importId, rowNumber, excluded: false });
    setPending(null);
    if (!result.ok) {
      setError(result.formError ?? 'No se pudo volver a incluir la fila.');
      return;
    }
    setStatus(`La fila ${rowNumber} vuelve a la importación y se revisó de nuevo.`);
    router.refresh();
  };

  return (
    <section aria-labelledby="excluded-title" className="mt-6 rounded-md border border-slate-300 p-4" data-testid="excluded-rows">
      <h3 id="excluded-title" className="mb-2 text-lg font-bold">
        {rows.length === 1 ? 'Fila quitada de la importación' : `Filas quitadas de la importación (${rows.length})`}
      </h3>
      <p role="status" className="mb-2 font-semibold text-ok-700">
        {status ?? ''}
      </p>
      {error ? (
        <p role="alert" className="mb-2 border-l-4 border-err-700 bg-err-50 p-2 font-semibold text-err-700">
          {error}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-200">
        {rows.map((row) => {
          const name = `${row.values.firstNames} ${row.values.lastNames}`.trim() || '(sin nombre)';
          return (
            <li key={row.rowNumber} className="flex flex-wrap items-center justify-between gap-2 py-2" data-row={row.rowNumber}>
              <p>
                <strong>Fila {row.rowNumber}</strong>: {name}
                {row.values.rut ? ` (${row.values.rut})` : ''}.{' '}
                <span className="text-slate-700">
                  {row.keepsCurrentWorker
                    ? 'Ya está en la nómina: al aceptar se mantiene con sus datos actuales.'
                    : 'No se importará.'}
                </span>
              </p>
              <Button variant="secondary" onClick={() => restore(row.rowNumber)} disabled={pending !== null}>
                {pending === row.rowNumber ? 'Incluyendo…' : `Volver a incluir la fila ${row.rowNumber}`}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
