import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ApproveButton } from '@/components/submission/approval-panel';
import { ApprovalsList } from '@/components/submission/approvals-list';
import { BlockerList } from '@/components/submission/blocker-list';
import { CheckAnswers } from '@/components/submission/check-answers';
import { SubmitForm } from '@/components/submission/submit-form';
import { buttonClass } from '@/components/ui/button';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getSubmissionReview } from '@/lib/dal/submission';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { approveSubmissionAction, submitApplicationAction } from './actions';

export const metadata: Metadata = { title: 'Revisar y enviar' };

export default async function SubmitApplicationPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}/estado`);
  const review = await getSubmissionReview(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { application, call } = review;
  const isDraft = application.status === 'borrador';
  const own = review.approvals.find((a) => a.party === review.approvalParty);
  const failingRules = review.eligibility.rules.filter((r) => !r.ok).length + review.eligibility.workers.filter((w) => !w.ok).length;

  return (
    <div className="space-y-8">
      <div>
        <h2 className="text-2xl font-bold">Revisar y enviar</h2>
        {isDraft ? (
          <p className="mt-1 text-slate-700">
            Revise la postulación completa antes de enviarla. El plazo {call.isOpen ? 'vence' : 'venció'} el{' '}
            <strong>{formatSantiagoDateTime(call.closesAt)}</strong>. Una vez enviada no podrá modificarse.
          </p>
        ) : null}
      </div>

      {!isDraft ? (
        <div className="rounded-md border-l-8 border-ok-700 bg-ok-50 p-4" data-testid="ya-enviada">
          <p className="text-lg font-bold">
            Esta postulación fue enviada{application.submittedAt ? ` el ${formatSantiagoDateTime(application.submittedAt)}` : ''}.
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            {application.hasReceipt ? (
              <a href={`/api/postulaciones/${application.id}/comprobante`} className={buttonClass('primary')} download>
                Descargar el comprobante (PDF)
              </a>
            ) : null}
            <Link href={`/portal/postulaciones/${application.id}/estado`} className={buttonClass('secondary')}>
              Ver el estado de la postulación
            </Link>
          </div>
        </div>
      ) : (
        <BlockerList applicationId={application.id} blockers={review.blockers} />
      )}

      <section aria-labelledby="resumen-title" className="space-y-4">
        <h2 id="resumen-title" className="text-xl font-bold">
          Resumen de la postulación
        </h2>
        <CheckAnswers review={review} />
      </section>

      <section aria-labelledby="requisitos-title">
        <h2 id="requisitos-title" className="text-xl font-bold">
          Requisitos del programa
        </h2>
        <p className={`mt-1 font-semibold ${review.eligibility.ok ? 'text-ok-700' : 'text-err-700'}`} data-testid="resultado-requisitos">
          {review.eligibility.ok
            ? 'La postulación cumple todos los requisitos que el portal puede verificar.'
            : `Hay ${failingRules} requisito${failingRules === 1 ? '' : 's'} por cumplir; el detalle está en «Requisitos del programa» y en la lista de pendientes.`}
        </p>
      </section>

      {isDraft ? (
        <>
          <section aria-labelledby="aprobaciones-title" id="aprobaciones" className="space-y-3">
            <h2 id="aprobaciones-title" className="text-xl font-bold">
              Aprobaciones para enviar
            </h2>
            <p className="text-slate-700">
              Deben aprobar el envío el representante de la organización de trabajadores y el del empleador, después del último cambio.
              Cualquier cambio posterior deja sin efecto las aprobaciones anteriores.
            </p>
            <ApprovalsList approvals={review.approvals} version={application.version} />
            {review.canApprove && own ? (
              <ApproveButton applicationId={application.id} version={application.version} partyTitle={own.title} action={approveSubmissionAction} />
            ) : review.approvalParty && !own?.latest?.isCurrent ? (
              <p className="text-sm text-slate-700">Podrá aprobar cuando no quede nada pendiente fuera de las aprobaciones.</p>
            ) : null}
          </section>

          <section aria-labelledby="enviar-title" className="space-y-3">
            <h2 id="enviar-title" className="text-xl font-bold">
              Enviar la postulación
            </h2>
            {review.approvalParty ? (
              <SubmitForm
                applicationId={application.id}
                version={application.version}
                canSubmit={review.canSubmit}
                action={submitApplicationAction}
              />
            ) : (
              <p className="text-slate-700">
                Envían la postulación el representante de la organización de trabajadores o el del empleador, una vez que ambos la aprueben.
              </p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
