import Link from 'next/link';
import type { ReactNode } from 'react';
import { StatusTag } from '@/components/ui/status-tag';
import type { QueueSort, ReviewQueueQuery, ReviewQueueRow } from '@/lib/dal/review-queue';
import { formatRut } from '@/lib/domain/rut';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';
import { AssignForm } from './assign-form';
import { queueHref } from './queue-href';

type AssignFormAction = React.ComponentProps<typeof AssignForm>['action'];

const shortDate = new Intl.DateTimeFormat('es-CL', { timeZone: 'America/Santiago', day: '2-digit', month: '2-digit', year: 'numeric' });

const overdueText = {
  revision: 'Atrasada: sin iniciar revisión',
  subsanacion: 'Atrasada: plazo de subsanación vencido',
} as const;

function SortHeader({ query, sort, children, className = '' }: { query: ReviewQueueQuery; sort: QueueSort; children: ReactNode; className?: string }) {
  const active = query.orden === sort;
  const nextDir = active && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      role="columnheader"
      aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={`px-2 py-2 font-semibold ${className}`}
    >
      <Link href={queueHref(query, { orden: sort, dir: nextDir })} className="text-slate-900 underline decoration-slate-400 underline-offset-4 hover:decoration-slate-900">
        {children}
        <span aria-hidden="true" className="ml-1 text-slate-600">
          {active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="sr-only">
          {active ? (query.dir === 'asc' ? ' (orden ascendente; cambiar a descendente)' : ' (orden descendente; cambiar a ascendente)') : ' (ordenar)'}
        </span>
      </Link>
    </th>
  );
}

/** A label shown before each value on a phone, where every row becomes a card. */
function CellLabel({ children }: { children: ReactNode }) {
  return (
    <span aria-hidden="true" className="mr-2 min-w-28 shrink-0 text-sm font-semibold text-slate-600 md:hidden">
      {children}
    </span>
  );
}

const cell = 'flex px-3 py-1 md:table-cell md:px-2 md:py-2 md:align-top';

/**
 * The queue as one table: columns on a desk screen, one card per file on a phone. Explicit roles keep
 * the table's semantics when the rows are laid out as blocks.
 */
export function QueueTable({
  rows,
  query,
  caption,
  showRegion,
  canAssign,
  reviewers,
  assignAction,
}: {
  rows: ReviewQueueRow[];
  query: ReviewQueueQuery;
  caption: string;
  showRegion: boolean;
  canAssign: boolean;
  reviewers: { id: string; name: string }[];
  assignAction: AssignFormAction;
}) {
  return (
    <table role="table" className="block w-full border-collapse text-left text-sm md:table" data-testid="queue-table">
      <caption className="mb-2 block text-left text-lg font-bold md:table-caption">{caption}</caption>
      <thead role="rowgroup" className="sr-only md:not-sr-only md:table-header-group">
        <tr role="row" className="border-b-2 border-slate-800">
          <SortHeader query={query} sort="numero">
            Postulación
          </SortHeader>
          <th scope="col" role="columnheader" className="px-2 py-2 font-semibold">
            Organización
          </th>
          <SortHeader query={query} sort="comuna">
            Comuna
          </SortHeader>
          <SortHeader query={query} sort="trabajadores" className="text-right">
            Trab.
          </SortHeader>
          <SortHeader query={query} sort="enviada">
            Enviada
          </SortHeader>
          <SortHeader query={query} sort="estado">
            Estado
          </SortHeader>
          <th scope="col" role="columnheader" className="px-2 py-2 font-semibold">
            Analista
          </th>
        </tr>
      </thead>
      <tbody role="rowgroup" className="block md:table-row-group">
        {rows.length === 0 ? (
          <tr role="row" className="block md:table-row">
            <td role="cell" colSpan={7} className="block px-2 py-6 text-base text-slate-700 md:table-cell">
              No hay postulaciones que coincidan con la búsqueda y los filtros.
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr
              key={r.id}
              role="row"
              className="mb-3 block rounded-lg border border-slate-300 bg-white py-2 md:mb-0 md:table-row md:rounded-none md:border-0 md:border-b md:bg-transparent md:py-0"
              data-testid="queue-row"
            >
              <td role="cell" className={cell}>
                <CellLabel>Postulación</CellLabel>
                <div className="min-w-0">
                  <Link href={`/gestion/postulaciones/${r.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
                    {r.number}
                  </Link>
                  <span className="block text-slate-700">{r.projectName}</span>
                </div>
              </td>
              <td role="cell" className={cell}>
                <CellLabel>Organización</CellLabel>
                <div className="min-w-0">
                  {r.organizationName}
                  <span className="block whitespace-nowrap text-slate-600">RUT {formatRut(r.organizationRut)}</span>
                </div>
              </td>
              <td role="cell" className={cell}>
                <CellLabel>Comuna</CellLabel>
                <span>
                  {r.comunaName ?? '—'}
                  {showRegion && r.regionName ? <span className="block text-slate-600">{r.regionName}</span> : null}
                </span>
              </td>
              <td role="cell" className={`${cell} md:text-right md:tabular-nums`}>
                <CellLabel>Trabajadores</CellLabel>
                {r.workers}
              </td>
              <td role="cell" className={`${cell} md:whitespace-nowrap`}>
                <CellLabel>Enviada</CellLabel>
                {r.submittedAt ? shortDate.format(r.submittedAt) : '—'}
              </td>
              <td role="cell" className={cell}>
                <CellLabel>Estado</CellLabel>
                <div className="flex flex-col items-start gap-1">
                  <StatusTag tone={applicationStatusTones[r.status]}>{applicationStatusLabels[r.status]}</StatusTag>
                  {r.overdue ? (
                    <span className="text-xs font-semibold text-err-700" data-testid="overdue">
                      {overdueText[r.overdue]}
                    </span>
                  ) : null}
                </div>
              </td>
              <td role="cell" className={cell}>
                <CellLabel>Analista</CellLabel>
                <div className="min-w-0">
                  <span data-testid="assignee">{r.assignedReviewer?.name ?? 'Sin asignar'}</span>
                  {canAssign ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-brand-700 underline underline-offset-4">
                        {r.assignedReviewer ? 'Reasignar' : 'Asignar'}
                        <span className="sr-only"> {r.number}</span>
                      </summary>
                      <AssignForm
                        applicationId={r.id}
                        number={r.number}
                        currentReviewerId={r.assignedReviewer?.id ?? null}
                        reviewers={reviewers}
                        action={assignAction}
                      />
                    </details>
                  ) : null}
                </div>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
