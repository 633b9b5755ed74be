import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DecisionForm } from '@/components/backoffice/observations/decision-form';
import { roleLabels } from '@/lib/auth/permissions';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getDecisionView } from '@/lib/dal/decisions';
import type { DecisionHistoryEntry } from '@/lib/dal/decisions';
import { isReviewClosed, stateLabels, suggestedReviewReason } from '@/lib/domain/application-state';
import type { ApplicationState } from '@/lib/domain/application-state';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { approveTechnicallyAction, rejectApplicationAction, takeIntoReviewAction } from './actions';

export const metadata: Metadata = { title: 'Decisión' };

const historyActions: Record<string, string> = {
  'application.submit': 'Postulación enviada',
  'application.review.start': 'Tomada para revisión',
  'observation.round.send': 'Observaciones enviadas',
  'application.correction.submit': 'Subsanación enviada',
  'application.approve_technical': 'Aprobación técnica',
  'application.reject': 'Rechazo',
  'application.select': 'Selección',
  'application.not_select': 'No seleccionada',
};

function stateName(value: string | null): string {
  return value && value in stateLabels ? stateLabels[value as ApplicationState] : '—';
}

function History({ entries }: { entries: DecisionHistoryEntry[] }) {
  if (entries.length === 0) return <p className="text-slate-700">Aún no hay movimientos registrados.</p>;
  return (
    <ol className="space-y-3 border-l-4 border-slate-300 pl-4" data-testid="historial">
      {entries.map((e, i) => (
        <li key={i}>
          <p className="font-semibold">
            {historyActions[e.action] ?? e.action}: {stateName(e.from)} → {stateName(e.to)}
          </p>
          <p className="text-sm text-slate-700">
            {formatSantiagoDateTime(e.at)}
            {e.actorRole && e.actorRole in roleLabels ? ` · ${roleLabels[e.actorRole as keyof typeof roleLabels]}` : ''}
          </p>
          {e.reason ? <p className="mt-1 whitespace-pre-line break-words">Motivo: {e.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export default async function DecisionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('reviewer', 'director', 'minvu_admin', 'gore');
  const view = await getDecisionView(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { application } = view;
  const closed = isReviewClosed(application.status);
  const approvalApplies = view.approve.allowed || view.approve.reason !== null;
  // For a corrected file the director's decision comes first; a new review is the alternative.
  const takeFirst = application.status !== 'subsanada';
  const takeSection = view.takeIntoReview.allowed ? (
    <section aria-labelledby="revision-title" className="rounded-md border-2 border-brand-600 bg-white p-4">
      <h3 id="revision-title" className="text-xl font-bold">
        Tomar para revisión
      </h3>
      <p className="mt-1 text-slate-700">
        {application.status === 'enviada'
          ? `La postulación fue enviada${application.submittedAt ? ` el ${formatSantiagoDateTime(application.submittedAt)}` : ''}. Al tomarla, pasa a «En revisión» y los participantes reciben un aviso.`
          : application.status === 'subsanada'
            ? 'La organización envió la subsanación. Puede evaluarla en «Observaciones», o tomar la postulación para una nueva revisión.'
            : 'El plazo para subsanar venció sin subsanación. Puede revisar la postulación con lo recibido.'}
      </p>
      <div className="mt-3">
        <DecisionForm
          id="tomar"
          applicationId={application.id}
          action={takeIntoReviewAction}
          submitLabel="Tomar para revisión"
          pendingLabel="Guardando…"
          reasonLabel="Motivo"
          reasonHint="Se enviará a los participantes y queda en el historial de la postulación. Puede usar el texto sugerido o escribir otro."
          defaultReason={suggestedReviewReason(application.status)}
          variant="primary"
          doneMessage="La postulación quedó en revisión."
        />
      </div>
    </section>
  ) : null;

  return (
    <div className="space-y-8">
      <h2 className="text-2xl font-bold">Decisión</h2>

      {closed ? (
        <p className="rounded border-l-8 border-slate-700 bg-white p-4 text-lg" data-testid="decision-cerrada">
          La revisión de esta postulación terminó: está «{stateName(application.status)}».
        </p>
      ) : null}

      {takeFirst ? takeSection : null}

      {approvalApplies && !closed ? (
        <section aria-labelledby="aprobar-title" className="rounded-md border-2 border-slate-300 bg-white p-4" data-testid="aprobacion">
          <h3 id="aprobar-title" className="text-xl font-bold">
            Aprobación técnica
          </h3>
          {view.approvalBlockers.length > 0 ? (
            <div className="mt-2 rounded border-l-4 border-err-700 bg-err-50 p-3" data-testid="bloqueos-aprobacion">
              <p className="font-semibold">No se puede aprobar mientras quede pendiente:</p>
              <ul className="mt-2 list-disc space-y-1 pl-6">
                {view.approvalBlockers.map((b, i) => (
                  <li key={i} className="break-words">
                    {b.message}
                    {b.ruleId ? <span className="ml-1 font-mono text-xs text-slate-700">[{b.ruleId}]</span> : null}
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-sm">
                Las observaciones se gestionan en{' '}
                <Link href={`/gestion/postulaciones/${application.id}/observaciones`} className="text-brand-700 underline underline-offset-4">
                  Observaciones
                </Link>
                .
              </p>
            </div>
          ) : (
            <p className="mt-1 text-ok-700 font-semibold">No hay observaciones bloqueantes abiertas y la postulación cumple las reglas del programa.</p>
          )}
          {view.approve.allowed ? (
            view.approvalBlockers.length === 0 ? (
              <div className="mt-3">
                <DecisionForm
                  id="aprobar"
                  applicationId={application.id}
                  action={approveTechnicallyAction}
                  submitLabel="Aprobar técnicamente"
                  pendingLabel="Aprobando…"
                  reasonLabel="Fundamento de la aprobación"
                  reasonHint="Obligatorio. Se guarda en el expediente y se envía a los participantes."
                  doneMessage="La postulación quedó aprobada técnicamente."
                />
              </div>
            ) : null
          ) : (
            <p className="mt-2 text-slate-700" data-testid="aprobacion-solo-director">
              {view.approve.reason ?? 'Solo el Director o la Directora SERVIU de la región puede aprobar técnicamente.'}
            </p>
          )}
        </section>
      ) : null}

      {view.reject.allowed ? (
        <section aria-labelledby="rechazar-title" className="rounded-md border-2 border-slate-300 bg-white p-4">
          <h3 id="rechazar-title" className="text-xl font-bold">
            Rechazar la postulación
          </h3>
          <details className="mt-2">
            <summary className="cursor-pointer font-semibold text-err-700">Quiero rechazar esta postulación</summary>
            <div className="mt-3">
              <DecisionForm
                id="rechazar"
                applicationId={application.id}
                action={rejectApplicationAction}
                submitLabel="Rechazar postulación"
                pendingLabel="Rechazando…"
                reasonLabel="Motivo del rechazo"
                reasonHint="Obligatorio. Cite la norma o la observación no subsanada; se envía a los participantes."
                variant="danger"
                doneMessage="La postulación quedó rechazada."
              />
            </div>
          </details>
        </section>
      ) : null}

      {takeFirst ? null : takeSection}

      {!closed && !view.takeIntoReview.allowed && !view.approve.allowed && !view.reject.allowed ? (
        <p className="text-slate-700" data-testid="sin-decisiones">
          {application.status === 'observada'
            ? 'La postulación espera la subsanación de las observaciones; podrá decidir cuando llegue o cuando venza el plazo.'
            : 'Su rol no tiene decisiones disponibles para esta postulación en su estado actual.'}
        </p>
      ) : null}

      <section aria-labelledby="historial-title">
        <h3 id="historial-title" className="mb-3 text-xl font-bold">
          Historial de la revisión
        </h3>
        <History entries={view.history} />
      </section>
    </div>
  );
}
