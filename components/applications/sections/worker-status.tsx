import { ButtonLink } from '@/components/ui/button';
import { StatusTag } from '@/components/ui/status-tag';
import type { WorkerApplicationDto } from '@/lib/dal/section-status';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';

/** What a worker of the roster sees: the application's state in plain words and their own incorporation. */
export function WorkerStatus({ view }: { view: WorkerApplicationDto }) {
  const incorporationHref = `/portal/postulaciones/${view.applicationId}/incorporacion`;
  return (
    <div className="max-w-prose space-y-6">
      <section aria-labelledby="worker-status-title" className="rounded-lg border-2 border-slate-300 bg-white p-5">
        <h2 id="worker-status-title" className="text-2xl font-bold">
          ¿En qué está la postulación?
        </h2>
        <p className="mt-2">
          <StatusTag tone={applicationStatusTones[view.status]}>{applicationStatusLabels[view.status]}</StatusTag>
        </p>
        <p className="mt-3 text-lg" data-testid="worker-status-text">
          {view.statusText}
        </p>
        <p className="mt-3 text-slate-700">
          Proyecto «{view.projectName}»{view.comunaName ? `, en ${view.comunaName}` : ''}. Postulación {view.number}.
        </p>
      </section>

      <section aria-labelledby="worker-incorporation-title" className="rounded-lg border-2 border-slate-300 bg-white p-5">
        <h2 id="worker-incorporation-title" className="text-xl font-bold">
          Su incorporación al proyecto
        </h2>
        {!view.inRoster ? (
          <p className="mt-2">Usted ya no figura en la nómina activa de esta postulación. Si cree que es un error, consulte a su organización.</p>
        ) : (
          <>
            {view.band ? <p className="mt-2">Usted figura en la nómina en el tramo {view.band} de precio de vivienda.</p> : null}
            {view.incorporationConfirmedText ? (
              <p className="mt-2 text-ok-700 font-semibold" data-testid="incorporation-status">
                Usted confirmó que conoce el proyecto el {view.incorporationConfirmedText}.
              </p>
            ) : (
              <p className="mt-2 font-semibold" data-testid="incorporation-status">
                Falta que usted confirme que conoce el proyecto y sus características (formulario de incorporación).
              </p>
            )}
            <p className="mt-4">
              <ButtonLink href={incorporationHref} variant={view.incorporationConfirmedText ? 'secondary' : 'primary'}>
                {view.incorporationConfirmedText ? 'Ver mi formulario de incorporación' : 'Confirmar mi incorporación al proyecto'}
              </ButtonLink>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
