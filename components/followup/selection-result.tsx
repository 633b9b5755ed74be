import { Table } from '@/components/ui/table';
import type { SelectionComputation } from '@/lib/dal/selection';
import { formatUf } from '@/lib/format';

/** Points with two decimals, es-CL: "13.3333…" → "13,33". */
function formatPoints(value: string): string {
  return Number(value).toLocaleString('es-CL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const reasonLabels: Record<string, string> = {
  budget_uf: 'No cabe en los recursos (UF)',
  dwellings: 'No cabe en el cupo de viviendas',
  budget_uf_and_dwellings: 'No cabe en recursos ni cupo',
  selection_stopped: 'Selección detenida',
};

/** A selection run: budget used against available, the first project left out, and the full ranking. */
export function SelectionResultView({
  result,
  names,
}: {
  result: SelectionComputation;
  names: Record<string, { projectName: string; organizationName: string; regionName: string | null }>;
}) {
  const s = result.selection;
  const groups = new Map(result.groups.map((g) => [g.applicationId, g]));
  // Runs stored before unrankable projects were decided have no such list.
  const unranked = s.unranked ?? [];
  return (
    <div className="space-y-6">
      <dl className="grid gap-4 sm:grid-cols-2" data-testid="presupuesto">
        <div className="rounded border border-slate-300 bg-white p-4">
          <dt className="font-semibold">Recursos usados (UF)</dt>
          <dd className="text-2xl font-bold tabular-nums">
            {formatUf(s.budgetUsedUf)} <span className="text-base font-normal">de {formatUf(s.budgetUf)}</span>
          </dd>
          <dd className="text-sm text-slate-700">Quedan {formatUf(s.budgetRemainingUf)}</dd>
        </div>
        <div className="rounded border border-slate-300 bg-white p-4">
          <dt className="font-semibold">Viviendas</dt>
          <dd className="text-2xl font-bold tabular-nums">
            {s.dwellingsUsed} <span className="text-base font-normal">de {s.maxDwellings}</span>
          </dd>
          <dd className="text-sm text-slate-700">Quedan {s.dwellingsRemaining}</dd>
        </div>
      </dl>
      <p>{s.message}</p>
      {s.firstLeftOut ? (
        <div className="border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="primer-excluido">
          <h3 className="font-bold">Primer proyecto que queda fuera</h3>
          <p>
            {names[s.firstLeftOut.applicationId]?.projectName ?? s.firstLeftOut.applicationNumber} ({s.firstLeftOut.applicationNumber})
          </p>
          <p>{s.firstLeftOut.message}</p>
        </div>
      ) : (
        <p className="border-l-4 border-ok-700 bg-ok-50 p-4">Todos los proyectos aprobados caben en los recursos de esta selección.</p>
      )}
      <Table
        caption="Orden de prelación"
        rows={s.ranking}
        rowKey={(r) => r.applicationId}
        empty={unranked.length > 0 ? 'Ningún proyecto aprobado puede ordenarse por puntaje.' : 'No hay proyectos aprobados técnicamente en este llamado.'}
        columns={[
          { key: 'rank', header: 'Lugar', cell: (r) => r.rank, numeric: true },
          {
            key: 'project',
            header: 'Proyecto',
            cell: (r) => (
              <>
                <span className="font-semibold">{names[r.applicationId]?.projectName ?? ''}</span>
                <span className="block text-sm text-slate-700">
                  {r.applicationNumber} · {names[r.applicationId]?.organizationName ?? ''} · {names[r.applicationId]?.regionName ?? ''}
                </span>
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer text-brand-700 underline">Desglose del puntaje</summary>
                  <p>{groups.get(r.applicationId)?.score.message}</p>
                  <ul className="list-disc pl-5" data-testid="desglose">
                    {groups.get(r.applicationId)?.score.breakdown.map((b) => (
                      <li key={b.factorId} data-factor={b.factorId}>
                        {b.label}: {b.average === null ? '—' : formatPoints(b.average)} puntos promedio
                        {b.unset ? <span className="font-semibold text-warn-800"> · puntaje sin definir en el llamado</span> : null}
                        {b.missingCount ? (
                          <span className="text-slate-700">
                            {' '}
                            · {b.missingCount === 1 ? '1 postulante no declaró el antecedente' : `${b.missingCount} postulantes no declararon el antecedente`}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </details>
              </>
            ),
          },
          { key: 'score', header: 'Puntaje', cell: (r) => Number(r.groupScore).toLocaleString('es-CL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), numeric: true },
          { key: 'dwellings', header: 'Viviendas', cell: (r) => r.dwellings, numeric: true },
          { key: 'uf', header: 'Subsidio', cell: (r) => formatUf(r.subsidyUf), numeric: true },
          {
            key: 'result',
            header: 'Resultado',
            cell: (r) =>
              r.selected ? (
                <span className="font-semibold text-ok-700">Seleccionado</span>
              ) : (
                <span className={`font-semibold ${s.firstLeftOut?.applicationId === r.applicationId ? 'bg-warn-50 text-err-700' : 'text-err-700'}`}>
                  {r.reason ? reasonLabels[r.reason] : 'No seleccionado'}
                </span>
              ),
          },
        ]}
      />
      {unranked.length > 0 ? (
        <div data-testid="sin-orden">
          <Table
            caption={`Aprobados que no pueden ordenarse: no seleccionados (${unranked.length})`}
            rows={unranked}
            rowKey={(u) => u.applicationId}
            columns={[
              {
                key: 'project',
                header: 'Proyecto',
                cell: (u) => (
                  <>
                    <span className="font-semibold">{names[u.applicationId]?.projectName ?? ''}</span>
                    <span className="block text-sm text-slate-700">
                      {u.applicationNumber} · {names[u.applicationId]?.organizationName ?? ''} · {names[u.applicationId]?.regionName ?? ''}
                    </span>
                  </>
                ),
              },
              { key: 'dwellings', header: 'Viviendas', cell: (u) => u.dwellings, numeric: true },
              { key: 'reason', header: 'Motivo', cell: (u) => <span className="text-err-700">{u.message}</span> },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
