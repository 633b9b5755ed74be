import type { ChangesDto } from '@/lib/dal/observations';
import type { RosterRowChange } from '@/lib/review/file-diff';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

function BeforeAfter({ before, after }: { before: string; after: string }) {
  return (
    <>
      <td className="px-2 py-1 break-words">
        <span className="sr-only">Antes: </span>
        <del className="text-err-700">{before}</del>
      </td>
      <td className="px-2 py-1 break-words">
        <span className="sr-only">Ahora: </span>
        <ins className="font-semibold text-ok-700 no-underline">{after}</ins>
      </td>
    </>
  );
}

function RosterChange({ change }: { change: RosterRowChange }) {
  switch (change.kind) {
    case 'modificado':
      return (
        <li className="rounded border border-slate-300 p-3" data-testid="cambio-trabajador" data-entry={change.entryId}>
          <p className="font-semibold">Se corrigieron datos de {change.worker}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Datos corregidos de {change.worker}</caption>
              <thead>
                <tr className="border-b-2 border-slate-800">
                  <th scope="col" className="px-2 py-1">Columna</th>
                  <th scope="col" className="px-2 py-1">Antes</th>
                  <th scope="col" className="px-2 py-1">Ahora</th>
                </tr>
              </thead>
              <tbody>
                {change.changes.map((c) => (
                  <tr key={c.column} className="border-b border-slate-300 align-top">
                    <th scope="row" className="px-2 py-1 font-normal">
                      {c.label}
                    </th>
                    <BeforeAfter before={c.before} after={c.after} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </li>
      );
    case 'reemplazo':
      return (
        <li className="rounded border border-slate-300 p-3" data-testid="cambio-reemplazo">
          {change.worker} reemplaza a {change.replaced}.
        </li>
      );
    case 'agregado':
      return <li className="rounded border border-slate-300 p-3">Se agregó a {change.worker}.</li>;
    case 'quitado':
      return <li className="rounded border border-slate-300 p-3">Se quitó a {change.worker}.</li>;
  }
}

/** Only what changed after the round was sent: section fields, roster rows and new document versions. */
export function ChangesSinceRound({ changes, roundNumber }: { changes: ChangesDto; roundNumber: number }) {
  const nothing = changes.fields.length === 0 && changes.roster.length === 0 && changes.documents.length === 0;
  return (
    <section aria-labelledby="cambios-title" className="rounded-md border-2 border-brand-600 bg-white p-4" data-testid="cambios">
      <h3 id="cambios-title" className="text-xl font-bold">
        Cambios desde el envío de la ronda {roundNumber}
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        El expediente ahora, comparado con el que recibió la organización el {formatSantiagoDateTime(changes.since)}.
      </p>
      {nothing ? <p className="mt-3">No se modificaron datos, nómina ni documentos; revise las respuestas de cada observación.</p> : null}
      {changes.fields.length > 0 ? (
        <div className="mt-4 overflow-x-auto" role="region" aria-label="Campos modificados" tabIndex={0}>
          <table className="w-full border-collapse text-left text-sm" data-testid="cambios-campos">
            <caption className="mb-2 text-left text-base font-bold">Campos modificados</caption>
            <thead>
              <tr className="border-b-2 border-slate-800">
                <th scope="col" className="px-2 py-1">Sección</th>
                <th scope="col" className="px-2 py-1">Campo</th>
                <th scope="col" className="px-2 py-1">Antes</th>
                <th scope="col" className="px-2 py-1">Ahora</th>
              </tr>
            </thead>
            <tbody>
              {changes.fields.map((f) => (
                <tr key={`${f.section}:${f.field}`} className="border-b border-slate-300 align-top">
                  <td className="px-2 py-1">{f.sectionLabel}</td>
                  <th scope="row" className="px-2 py-1 font-normal">
                    {f.label}
                  </th>
                  <BeforeAfter before={f.before} after={f.after} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {changes.roster.length > 0 ? (
        <div className="mt-4">
          <h4 className="text-base font-bold">Nómina</h4>
          <ul className="mt-1 space-y-2" data-testid="cambios-nomina">
            {changes.roster.map((r) => (
              <RosterChange key={`${r.kind}:${r.entryId}`} change={r} />
            ))}
          </ul>
        </div>
      ) : null}
      {changes.documents.length > 0 ? (
        <div className="mt-4">
          <h4 className="text-base font-bold">Documentos nuevos</h4>
          <ul className="mt-1 list-disc space-y-1 pl-6" data-testid="cambios-documentos">
            {changes.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/documentos/${d.id}`} className="text-brand-700 underline underline-offset-4">
                  {d.label}
                  {d.worker ? ` — ${d.worker}` : ''} — versión {d.version} ({d.fileName})
                </a>{' '}
                <span className="text-sm text-slate-600">subido el {formatSantiagoDateTime(d.uploadedAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
