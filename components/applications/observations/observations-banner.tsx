import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/session-user';
import { getObservationsBanner } from '@/lib/dal/observations';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

/** «Con observaciones»: shown on every page of an observed application, linking to the answers; a quieter note once the correction is sent. */
export async function ObservationsBanner({ user, applicationId }: { user: SessionUser; applicationId: string }) {
  const banner = await getObservationsBanner(user, applicationId);
  if (!banner) return null;
  if (banner.status === 'subsanada')
    return (
      <div className="mb-6 rounded-md border-l-8 border-brand-600 bg-brand-50 p-4" data-testid="banner-subsanacion">
        <p className="font-semibold">La subsanación fue enviada: SERVIU está revisando las respuestas.</p>
        <p className="mt-1">
          <Link href={`/portal/postulaciones/${banner.applicationId}/observaciones`} className="text-brand-700 underline underline-offset-4">
            Ver las observaciones y sus respuestas
          </Link>
        </p>
      </div>
    );
  return (
    <div role="region" aria-labelledby="banner-observaciones-title" className="mb-6 rounded-md border-l-8 border-err-700 bg-err-50 p-4" data-testid="banner-observaciones">
      <h2 id="banner-observaciones-title" className="text-xl font-bold text-err-700">
        Con observaciones
      </h2>
      <p className="mt-1">
        SERVIU formuló {banner.observationCount === 1 ? 'una observación' : `${banner.observationCount} observaciones`}
        {banner.blockingCount > 0 ? ` (${banner.blockingCount} bloqueante${banner.blockingCount === 1 ? '' : 's'})` : ''}.{' '}
        {banner.deadlineAt
          ? banner.deadlinePassed
            ? `El plazo para responder venció el ${formatSantiagoDateTime(banner.deadlineAt)}.`
            : `Plazo para responder: hasta el ${formatSantiagoDateTime(banner.deadlineAt)}.`
          : ''}
        {banner.unansweredCount > 0 && !banner.deadlinePassed ? ` Quedan ${banner.unansweredCount} sin responder.` : ''}
      </p>
      <p className="mt-2">
        <Link href={`/portal/postulaciones/${banner.applicationId}/observaciones`} className="font-semibold text-brand-700 underline underline-offset-4">
          Ver y responder las observaciones
        </Link>
      </p>
    </div>
  );
}
