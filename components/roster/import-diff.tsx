import type { RosterDiffDto } from '@/lib/dal/roster';

function Group({ title, count, children, testId }: { title: string; count: number; children: React.ReactNode; testId: string }) {
  if (count === 0) return null;
  return (
    <details className="mb-3 rounded-md border border-slate-300 p-3" open={count <= 25} data-testid={testId}>
      <summary className="cursor-pointer text-base font-semibold">
        {title}: {count}
      </summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}

/** What accepting the import changes in the roster, worker by worker, with each field before → after. */
export function ImportDiff({ diff }: { diff: RosterDiffDto }) {
  const nothing = diff.added.length + diff.removed.length + diff.modified.length === 0;
  return (
    <div data-testid="import-diff">
      <ul className="mb-4 flex flex-wrap gap-x-6 gap-y-1" aria-label="Resumen de los cambios">
        <li>
          <strong>{diff.added.length}</strong> se agregan
        </li>
        <li>
          <strong>{diff.modified.length}</strong> cambian
        </li>
        <li>
          <strong>{diff.removed.length}</strong> se quitan
        </li>
        <li>
          <strong>{diff.unchanged}</strong> sin cambios
        </li>
      </ul>
      {nothing ? <p className="mb-4">La planilla es igual a la nómina actual: aceptarla no cambia nada.</p> : null}
      <Group title="Se agregan" count={diff.added.length} testId="diff-added">
        <ul className="list-disc space-y-1 pl-5">
          {diff.added.map((row) => (
            <li key={row.rut}>
              {row.cells.firstNames} {row.cells.lastNames} <span className="tabular-nums text-slate-700">({row.cells.rut})</span>, tramo{' '}
              {row.cells.band}
            </li>
          ))}
        </ul>
      </Group>
      <Group title="Cambian" count={diff.modified.length} testId="diff-modified">
        <ul className="space-y-3">
          {diff.modified.map((row) => (
            <li key={row.rut}>
              <p className="font-semibold">{row.name}</p>
              <ul className="list-disc pl-5">
                {row.changes.map((change) => (
                  <li key={change.field}>
                    {change.label}: <del className="text-slate-600">{change.before || '(vacío)'}</del>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> pasa a </span>
                    <ins className="font-semibold no-underline">{change.after || '(vacío)'}</ins>
                  </li>
                ))}
              </ul>
              {row.resetsIncorporation ? (
                <p className="text-sm text-warn-800">Cambia su tramo: deberá confirmar de nuevo su incorporación.</p>
              ) : null}
            </li>
          ))}
        </ul>
      </Group>
      <Group title="Se quitan" count={diff.removed.length} testId="diff-removed">
        <ul className="list-disc space-y-1 pl-5">
          {diff.removed.map((row) => (
            <li key={row.rut}>
              {row.cells.firstNames} {row.cells.lastNames} <span className="tabular-nums text-slate-700">({row.cells.rut})</span>
              {row.confirmed ? <span className="text-warn-800"> — ya había confirmado su incorporación</span> : null}
            </li>
          ))}
        </ul>
      </Group>
    </div>
  );
}
