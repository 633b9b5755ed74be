import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ObservationCard } from '@/components/applications/observations/observation-card';
import { ActionButton } from '@/components/backoffice/observations/action-button';
import { ChangesSinceRound } from '@/components/backoffice/observations/changes-since-round';
import { ObservationForm } from '@/components/backoffice/observations/observation-form';
import { SendRoundForm } from '@/components/backoffice/observations/send-round-form';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getReviewObservations } from '@/lib/dal/observations';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { createObservationAction, deleteObservationAction, reviewObservationAction, sendObservationRoundAction } from './actions';

export const metadata: Metadata = { title: 'Observaciones' };

export default async function ReviewObservationsPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('reviewer', 'director', 'minvu_admin', 'gore');
  const view = await getReviewObservations(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { application, draft, rounds } = view;
  const [current, ...earlier] = rounds;
  const pendingVerdicts = current?.observations.filter((o) => o.status === 'abierta' || o.status === 'respondida').length ?? 0;

  return (
    <div className="space-y-8">
      <h2 className="text-2xl font-bold">Observaciones</h2>

      {application.status === 'enviada' ? (
        <p className="rounded border-l-4 border-brand-600 bg-brand-50 p-3">
          Para formular observaciones, primero{' '}
          <Link href={`/gestion/postulaciones/${application.id}/decision`} className="font-semibold text-brand-700 underline underline-offset-4">
            tome la postulación para revisión
          </Link>
          .
        </p>
      ) : null}

      {view.changes && current ? <ChangesSinceRound changes={view.changes} roundNumber={current.number} /> : null}

      {current ? (
        <section aria-labelledby="ronda-actual-title" className="space-y-4" data-testid="ronda-actual">
          <div>
            <h3 id="ronda-actual-title" className="text-xl font-bold">
              Ronda {current.number}
            </h3>
            <p className="text-slate-700">
              Enviada el {current.sentAt ? formatSantiagoDateTime(current.sentAt) : '—'}
              {current.deadlineAt ? ` · plazo para subsanar hasta el ${formatSantiagoDateTime(current.deadlineAt)}` : ''}.
            </p>
            {view.canReview && pendingVerdicts > 0 ? (
              <p className="mt-1 font-semibold">
                Evalúe cada respuesta: «Aceptar» la cierra; «Reiterar» la repite en la próxima ronda. Quedan {pendingVerdicts} por evaluar.
              </p>
            ) : null}
          </div>
          <ol className="space-y-4">
            {current.observations.map((o) => (
              <li key={o.id}>
                <ObservationCard observation={o} headingLevel={4}>
                  {view.canReview && (o.status === 'abierta' || o.status === 'respondida') ? (
                    <div className="mt-3 flex flex-wrap gap-3">
                      <ActionButton
                        action={reviewObservationAction}
                        input={{ applicationId: application.id, observationId: o.id, verdict: 'aceptada' }}
                        label="Aceptar"
                        pendingLabel="Guardando…"
                        variant="primary"
                        describedBy={`obs-${o.id}-title`}
                      />
                      <ActionButton
                        action={reviewObservationAction}
                        input={{ applicationId: application.id, observationId: o.id, verdict: 'reiterada' }}
                        label="Reiterar en la próxima ronda"
                        pendingLabel="Guardando…"
                        describedBy={`obs-${o.id}-title`}
                      />
                    </div>
                  ) : null}
                </ObservationCard>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="borrador-title" className="space-y-4">
        <h3 id="borrador-title" className="text-xl font-bold">
          {draft ? `Ronda ${draft.number} (borrador)` : 'Nueva ronda de observaciones'}
        </h3>
        {view.draftBlockedReason ? <p className="text-slate-700">{view.draftBlockedReason}</p> : null}
        {draft && draft.observations.length > 0 ? (
          <ol className="space-y-4" data-testid="borrador">
            {draft.observations.map((o) => (
              <li key={o.id}>
                <ObservationCard observation={o} headingLevel={4}>
                  {view.canDraft ? (
                    <div className="mt-3">
                      <ActionButton
                        action={deleteObservationAction}
                        input={{ applicationId: application.id, observationId: o.id }}
                        label="Eliminar del borrador"
                        pendingLabel="Eliminando…"
                        variant="link"
                        describedBy={`obs-${o.id}-title`}
                      />
                    </div>
                  ) : null}
                </ObservationCard>
              </li>
            ))}
          </ol>
        ) : view.canDraft ? (
          <p className="text-slate-700">El borrador no tiene observaciones. Agréguelas abajo y envíelas juntas, en una sola ronda.</p>
        ) : null}

        {view.canDraft ? (
          <section aria-labelledby="nueva-title" className="rounded-md border-2 border-slate-300 bg-white p-4">
            <h4 id="nueva-title" className="mb-3 text-lg font-bold">
              Agregar una observación
            </h4>
            <ObservationForm
              applicationId={application.id}
              sections={view.targets.sections}
              documents={view.targets.documents}
              roster={view.targets.roster}
              rules={view.citableRules}
              action={createObservationAction}
            />
          </section>
        ) : null}

        {view.canSend && draft ? (
          <div className="rounded-md border-2 border-brand-600 bg-white p-4">
            <SendRoundForm
              applicationId={application.id}
              observationCount={draft.observations.length}
              callDateText={view.deadline.callDate ? formatSantiagoDateTime(view.deadline.callDate) : null}
              callDatePassed={view.deadline.callDatePassed}
              defaultWorkingDays={view.deadline.defaultWorkingDays}
              workingDaysPreviewText={formatSantiagoDateTime(view.deadline.workingDaysPreview)}
              action={sendObservationRoundAction}
            />
          </div>
        ) : view.canDraft && draft && draft.observations.length > 0 && view.sendBlockedReason ? (
          <p className="font-semibold text-warn-800">{view.sendBlockedReason}</p>
        ) : null}
      </section>

      {earlier.length > 0 ? (
        <section aria-labelledby="anteriores-title" className="space-y-3">
          <h3 id="anteriores-title" className="text-xl font-bold">
            Rondas anteriores
          </h3>
          {earlier.map((round) => (
            <details key={round.id} className="rounded-md border border-slate-300 bg-white p-4">
              <summary className="cursor-pointer font-semibold">
                Ronda {round.number} · enviada el {round.sentAt ? formatSantiagoDateTime(round.sentAt) : '—'} · {round.observations.length}{' '}
                observación(es)
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
    </div>
  );
}
