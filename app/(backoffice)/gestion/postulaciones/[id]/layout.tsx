import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReviewNav } from '@/components/backoffice/review/review-nav';
import { StatusTag } from '@/components/ui/status-tag';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getReviewHeader } from '@/lib/dal/review';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

async function headerOr404(id: string) {
  const user = await requireRole('reviewer', 'director', 'minvu_admin', 'gore');
  return getReviewHeader(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
}

export async function generateMetadata(props: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await props.params;
  const header = await headerOr404(id);
  return { title: `Revisión ${header.number}` };
}

/**
 * Frame of the review area of one file: who filed it, where it stands, who reviews it, and the
 * sub-navigation (Expediente, Observaciones, Decisión). Out of scope or a draft: 404, like a missing id.
 */
export default async function ReviewLayout(props: { params: Promise<{ id: string }>; children: React.ReactNode }) {
  const { id } = await props.params;
  const header = await headerOr404(id);
  const base = `/gestion/postulaciones/${header.id}`;
  return (
    <div>
      <p className="mb-3 text-sm">
        <Link href="/gestion" className="text-brand-700 underline underline-offset-4">
          ← Volver a la bandeja
        </Link>
      </p>
      <p className="text-sm text-slate-600">{header.callName}</p>
      <h1 className="text-3xl font-bold">{header.projectName}</h1>
      <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1">
        <span>
          Postulación <strong>{header.number}</strong>
        </span>
        <StatusTag tone={applicationStatusTones[header.status]}>{applicationStatusLabels[header.status]}</StatusTag>
      </p>
      <dl className="mb-4 mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <dt className="inline font-semibold">Organización: </dt>
          <dd className="inline">{header.organizationName}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">Comuna: </dt>
          <dd className="inline">
            {header.comunaName ?? 'Sin indicar'}
            {header.regionName ? ` (${header.regionName})` : ''}
          </dd>
        </div>
        <div>
          <dt className="inline font-semibold">Enviada: </dt>
          <dd className="inline">{header.submittedAt ? formatSantiagoDateTime(header.submittedAt) : '—'}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">Empleador: </dt>
          <dd className="inline">{header.employerName ?? 'Sin incorporar'}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">Entidad patrocinante: </dt>
          <dd className="inline">{header.sponsorName ?? 'Sin incorporar'}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">Analista asignado: </dt>
          <dd className="inline" data-testid="review-assignee">
            {header.assignedReviewer?.name ?? 'Sin asignar'}
          </dd>
        </div>
      </dl>
      <ReviewNav base={base} followupHref={header.status === 'seleccionada' ? `/gestion/seguimiento/${header.id}` : undefined} />
      {props.children}
    </div>
  );
}
