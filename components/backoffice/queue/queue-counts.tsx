import Link from 'next/link';
import type { ReviewQueueCounts, ReviewQueueQuery } from '@/lib/dal/review-queue';
import { queueStatuses } from '@/lib/dal/review-queue';
import { applicationStatusLabels } from '@/lib/labels';
import { queueHref } from './queue-href';

function Chip({ href, current, label, n, testId }: { href: string; current: boolean; label: string; n: number; testId: string }) {
  return (
    <li>
      <Link
        href={href}
        aria-current={current ? 'true' : undefined}
        data-testid={testId}
        className={`inline-flex min-h-11 items-center gap-2 rounded-md border-2 px-3 py-1.5 text-sm no-underline ${
          current ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-slate-900 hover:border-brand-600'
        }`}
      >
        <span>{label}</span>
        <strong className="tabular-nums">{n}</strong>
      </Link>
    </li>
  );
}

/** Files in scope per status (and overdue / unassigned / mine), each a link that filters the queue. */
export function QueueCounts({ counts, query, showMine }: { counts: ReviewQueueCounts; query: ReviewQueueQuery; showMine: boolean }) {
  return (
    <nav aria-label="Postulaciones por estado" className="mb-6">
      <ul className="flex flex-wrap gap-2">
        <Chip href={queueHref(query, { estado: undefined })} current={!query.estado} label="Todas" n={counts.total} testId="count-todas" />
        {queueStatuses
          .filter((s) => counts.byStatus[s] > 0 || query.estado === s)
          .map((s) => (
            <Chip key={s} href={queueHref(query, { estado: s })} current={query.estado === s} label={applicationStatusLabels[s]} n={counts.byStatus[s]} testId={`count-${s}`} />
          ))}
      </ul>
      <ul className="mt-2 flex flex-wrap gap-2">
        <Chip
          href={queueHref(query, { atrasadas: query.atrasadas ? undefined : 'si' })}
          current={query.atrasadas === 'si'}
          label="Atrasadas"
          n={counts.overdue}
          testId="count-atrasadas"
        />
        <Chip
          href={queueHref(query, { asignacion: query.asignacion === 'sin_asignar' ? undefined : 'sin_asignar' })}
          current={query.asignacion === 'sin_asignar'}
          label="Sin asignar"
          n={counts.unassigned}
          testId="count-sin-asignar"
        />
        {showMine ? (
          <Chip
            href={queueHref(query, { asignacion: query.asignacion === 'mias' ? undefined : 'mias' })}
            current={query.asignacion === 'mias'}
            label="Asignadas a mí"
            n={counts.mine}
            testId="count-mias"
          />
        ) : null}
      </ul>
    </nav>
  );
}
