import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnswerForm } from '@/components/applications/observations/answer-form';
import { ObservationCard } from '@/components/applications/observations/observation-card';
import { SubmitCorrectionForm } from '@/components/applications/observations/submit-correction-form';
import { buttonClass } from '@/components/ui/button';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { callDateOf } from '@/lib/domain/deadlines';
import { getApplicantObservations } from '@/lib/dal/observations';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { answerObservationAction, submitCorrectionAction } from './actions';

export const metadata: Metadata = { title: 'Observaciones' };

/** The applicant's pages where an observed field is corrected, by their path. */
const correctionPageLabels: Record<string, string> = {
  proyecto: '«Proyecto»',
  convenio: '«Convenio de Trabajo»',
  terreno: '«Terreno»',
  nomina: '«Nómina»',
  documentos: '«Documentos»',
};

export default async function ApplicantObservationsPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  const view = await getApplicantObservations(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { application, current, earlier } = view;
  const today = callDateOf(now(), { timeZone: 'America/Santiago' });

  if (!current) {
    return (
      <div className="space-y-4">
        <h2 className="text-2xl font-bold">Observaciones de SERVIU</h2>
        <p data-testid="sin-observaciones">
          {user.role === 'worker' ? 'SERVIU no ha formulado observaciones sobre usted.' : 'SERVIU no ha formulado observaciones a esta postulación.'}
        </p>
      </div>
    );
  }

  const blocking = current.observations.filter((o) => o.severity === 'bloqueante');
  const answeredBlocking = blocking.filter((o) => o.status !== 'abierta').length;
  const open = application.status === 'observada' && !current.deadlinePassed;

  return (
    <div className="space-y-8">
      <section aria-labelledby="obs-title" className="space-y-3">
        <h2 id="obs-title" className="text-2xl font-bold">
          Observaciones de SERVIU · ronda {current.number}
        </h2>
        {current.deadlineAt ? (
          <div
            className={`rounded-md border-l-8 p-4 ${open ? 'border-warn-800 bg-warn-50' : 'border-slate-700 bg-slate-100'}`}
            data-testid="plazo-subsanacion"
          >
            <p className="text-lg font-bold">
              {open
                ? `Plazo para responder: hasta el ${formatSantiagoDateTime(current.deadlineAt)}`
                : current.deadlinePassed
                  ? `El plazo venció el ${formatSantiagoDateTime(current.deadlineAt)}`
                  : 'La subsanación fue enviada'}
            </p>
            {open ? (
              <p className="mt-1">
                Responda cada observación; las bloqueantes son obligatorias. Respondidas: {answeredBlocking} de {blocking.length} bloqueante(s). Cuando
                termine, envíe la subsanación al final de esta página.
              </p>
            ) : current.deadlinePassed && application.status === 'observada' ? (
              <p className="mt-1">Ya no se pueden enviar respuestas ni documentos. SERVIU revisará la postulación con lo recibido.</p>
            ) : null}
          </div>
        ) : null}
        {view.isUnion && open ? (
          <p>
            ¿Algún trabajador debe dejar la nómina?{' '}
            <Link href={`/portal/postulaciones/${application.id}/reemplazos`} className="font-semibold text-brand-700 underline underline-offset-4">
              Proponer un reemplazante
            </Link>{' '}
            (hasta el 30% de la nómina presentada).
          </p>
        ) : null}
      </section>

      <ol className="space-y-4" aria-label="Observaciones de la ronda">
        {current.observations.map((o) => (
          <li key={o.id} id={`observacion-${o.id}`} className="scroll-mt-4">
            <ObservationCard observation={o}>
              {o.correctionHref ? (
                <p className="mt-3">
                  <Link href={o.correctionHref} className="font-semibold text-brand-700 underline underline-offset-4" data-testid="corregir-enlace">
                    {o.target.kind === 'trabajador'
                      ? 'Corregir los datos del trabajador en la nómina'
                      : o.target.kind === 'documento'
                        ? 'Ir a Documentos para subir una nueva versión'
                        : `Corregir en la sección ${correctionPageLabels[o.correctionHref.split('/').pop() ?? ''] ?? ''}`.trim()}
                  </Link>
                </p>
              ) : null}
              {o.canAnswer ? (
                <AnswerForm
                  applicationId={application.id}
                  observationId={o.id}
                  initialAnswer={o.answer}
                  fixedSlot={o.fixedSlot}
                  slots={view.uploadSlots}
                  today={today}
                  action={answerObservationAction}
                />
              ) : o.answerBlockedReason && (o.status === 'abierta' || o.status === 'respondida') ? (
                <p className="mt-3 text-sm font-semibold text-slate-700">{o.answerBlockedReason}</p>
              ) : null}
            </ObservationCard>
          </li>
        ))}
      </ol>

      {user.role !== 'worker' && application.status === 'observada' ? (
        <section aria-labelledby="subsanar-title" className="rounded-md border-2 border-brand-600 bg-white p-4">
          <h2 id="subsanar-title" className="text-xl font-bold">
            Enviar la subsanación
          </h2>
          {view.canSubmitCorrection ? (
            <>
              <p className="mt-1 mb-3">
                Al enviarla, SERVIU revisará sus respuestas, los documentos nuevos y los reemplazos. Después de enviarla no podrá cambiar las
                respuestas.
              </p>
              <SubmitCorrectionForm applicationId={application.id} action={submitCorrectionAction} />
            </>
          ) : (
            <p className="mt-1 text-slate-700" data-testid="subsanacion-bloqueada">
              {view.submitBlockedReason}
            </p>
          )}
        </section>
      ) : null}

      {application.status === 'subsanada' ? (
        <p className="rounded-md border-l-8 border-ok-700 bg-ok-50 p-4 text-lg font-semibold" data-testid="subsanacion-enviada">
          La subsanación fue enviada. SERVIU está revisando sus respuestas.
        </p>
      ) : null}

      {earlier.length > 0 ? (
        <section aria-labelledby="anteriores-title" className="space-y-3">
          <h2 id="anteriores-title" className="text-xl font-bold">
            Rondas anteriores
          </h2>
          {earlier.map((round) => (
            <details key={round.id} className="rounded-md border border-slate-300 bg-white p-4">
              <summary className="cursor-pointer font-semibold">
                Ronda {round.number} · {round.observations.length} observación(es)
              </summary>
              <ol className="mt-3 space-y-3">
                {round.observations.map((o) => (
                  <li key={o.id}>
                    <ObservationCard observation={o} headingLevel={4} />
                  </li>
                ))}
              </ol>
            </details>
          ))}
        </section>
      ) : null}

      <p>
        <Link href={`/portal/postulaciones/${application.id}/estado`} className={buttonClass('secondary')}>
          Ver el estado de la postulación
        </Link>
      </p>
    </div>
  );
}
