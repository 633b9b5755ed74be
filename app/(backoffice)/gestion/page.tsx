import type { Metadata } from 'next';
import Link from 'next/link';
import { QueueCounts } from '@/components/backoffice/queue/queue-counts';
import { QueueFilters } from '@/components/backoffice/queue/queue-filters';
import { QueuePagination } from '@/components/backoffice/queue/queue-pagination';
import { QueueTable } from '@/components/backoffice/queue/queue-table';
import { roleLabels } from '@/lib/auth/permissions';
import { requireRole } from '@/lib/auth/session';
import { getReviewQueue } from '@/lib/dal/review-queue';
import { getRegionName } from '@/lib/dal/territory';
import { assignReviewerFormAction } from './actions';

export const metadata: Metadata = { title: 'Bandeja de postulaciones' };

const titles: Record<string, string> = {
  reviewer: 'Bandeja de revisión',
  director: 'Aprobación técnica y decisiones',
  minvu_admin: 'Gestión nacional del programa',
  gore: 'Cofinanciamiento regional',
};

const intros: Record<string, string> = {
  reviewer: 'Postulaciones enviadas de su región: revise los antecedentes, formule observaciones y reparta el trabajo entre analistas.',
  director: 'Postulaciones de su región: asigne analistas, siga los plazos y resuelva la aprobación técnica.',
  minvu_admin: 'Postulaciones enviadas en todas las regiones del país.',
  gore: 'Postulaciones D.S. N°49 con cofinanciamiento del Gobierno Regional en su región.',
};

/** The back-office queue: the files of the official's scope, filtered, searched and paged on the server. */
export default async function BackOfficeQueuePage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('reviewer', 'director', 'minvu_admin', 'gore');
  const params = await props.searchParams;
  const [queue, region] = await Promise.all([getReviewQueue(user, params), user.regionCode ? getRegionName(user.regionCode) : Promise.resolve(null)]);
  const scope = region ? `Región ${region}` : 'Todas las regiones';
  const showMine = user.role === 'reviewer';
  const filtered = Boolean(queue.query.q || queue.query.estado || queue.query.comuna || queue.query.region || queue.query.tramos || queue.query.atrasadas || queue.query.asignacion);
  return (
    <div>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        {roleLabels[user.role]} · <span data-testid="scope">{scope}</span>
      </p>
      <h1 className="mb-2 text-3xl font-bold">{titles[user.role]}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{intros[user.role]}</p>
      {user.role === 'minvu_admin' ? (
        <nav aria-label="Gestión nacional" className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
          <Link href="/gestion/seleccion" className="font-semibold text-brand-700 underline underline-offset-4">
            Selección nacional
          </Link>
          <Link href="/gestion/llamados" className="font-semibold text-brand-700 underline underline-offset-4">
            Parámetros de los llamados (tablas de puntaje y topes de ingresos)
          </Link>
        </nav>
      ) : null}
      <QueueCounts counts={queue.counts} query={queue.query} showMine={showMine} />
      <QueueFilters query={queue.query} comunaOptions={queue.comunaOptions} regionOptions={queue.regionOptions} showMine={showMine} searchedRut={queue.searchedRut} />
      <QueueTable
        rows={queue.rows}
        query={queue.query}
        caption={`Postulaciones · ${scope}${filtered ? ' · con filtros' : ''}`}
        showRegion={user.role === 'minvu_admin'}
        canAssign={queue.canAssign}
        reviewers={queue.reviewers}
        assignAction={assignReviewerFormAction}
      />
      <QueuePagination query={queue.query} page={queue.page} pageCount={queue.pageCount} total={queue.total} pageSize={queue.pageSize} />
    </div>
  );
}
