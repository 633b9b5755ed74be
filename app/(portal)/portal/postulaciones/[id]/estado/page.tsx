import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ScheduleList } from '@/components/public/schedule-list';
import { StatusHistory } from '@/components/submission/status-history';
import { buttonClass } from '@/components/ui/button';
import { StatusTag } from '@/components/ui/status-tag';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationStatus } from '@/lib/dal/submission';
import type { ApplicationStatusDto } from '@/lib/dal/submission';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';
import { formatSantiagoDate, formatSantiagoDateTime } from '@/lib/santiago-time';

export const metadata: Metadata = { title: 'Estado de la postulación' };

/** What the current state means for the families, in plain words. */
function explanation(s: ApplicationStatusDto): string {
  switch (s.status) {
    case 'borrador':
      return `La postulación todavía no se envía: la organización, el empleador y la entidad patrocinante la están preparando. Debe enviarse a más tardar el ${formatSantiagoDateTime(s.closesAt)}.`;
    case 'enviada':
      return 'La postulación fue enviada. SERVIU revisará sus antecedentes y avisará por correo si hay observaciones.';
    case 'en_revision':
      return 'SERVIU está revisando los antecedentes de la postulación.';
    case 'observada':
      return 'SERVIU formuló observaciones. La organización y el empleador deben responderlas dentro del plazo para seguir en el proceso.';
    case 'subsanada':
      return 'Las observaciones fueron respondidas. SERVIU está revisando las respuestas.';
    case 'aprobada_tecnicamente':
      return 'El proyecto fue aprobado técnicamente por SERVIU y participa en la selección del llamado.';
    case 'rechazada':
      return 'La postulación fue rechazada. La organización de trabajadores puede explicarle los motivos.';
    case 'seleccionada':
      return 'El proyecto fue seleccionado. Lo que sigue es la contratación de la constructora y el inicio de las obras.';
    case 'no_seleccionada':
      return 'El proyecto no fue seleccionado en este llamado.';
  }
}

export default async function ApplicationStatusPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ enviada?: string }> }) {
  const { id } = await props.params;
  const { enviada } = await props.searchParams;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  const status = await getApplicationStatus(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const receiptHref = `/api/postulaciones/${status.id}/comprobante`;
  const justSent = enviada === '1' && status.status === 'enviada' && status.submittedAt;

  return (
    <div className="space-y-8">
      {justSent ? (
        <div className="rounded-md bg-ok-700 p-6 text-center text-white" role="status" data-testid="confirmacion-envio">
          <h2 className="text-2xl font-bold md:text-3xl">Postulación enviada</h2>
          <p className="mt-2 text-lg">
            Número de postulación
            <br />
            <strong className="text-2xl">{status.number}</strong>
          </p>
        </div>
      ) : null}

      <section aria-labelledby="estado-title">
        <h2 id="estado-title" className="text-2xl font-bold">
          Estado de la postulación
        </h2>
        <p className="mt-2">
          <StatusTag tone={applicationStatusTones[status.status]}>{applicationStatusLabels[status.status]}</StatusTag>
        </p>
        <p className="mt-2 max-w-3xl text-lg" data-testid="explicacion-estado">
          {explanation(status)}
        </p>
        <dl className="mt-4 grid gap-x-6 gap-y-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
          <dt className="font-semibold">Número</dt>
          <dd>{status.number}</dd>
          <dt className="font-semibold">Llamado</dt>
          <dd>{status.callName}</dd>
          <dt className="font-semibold">Fecha de envío</dt>
          <dd data-testid="fecha-envio">{status.submittedAt ? formatSantiagoDateTime(status.submittedAt) : 'Aún no se envía'}</dd>
        </dl>
        {status.hasReceipt ? (
          <p className="mt-4">
            <a href={receiptHref} download className={buttonClass('primary')}>
              Descargar el comprobante (PDF)
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="sigue-title">
        <h2 id="sigue-title" className="text-xl font-bold">
          Qué sigue
        </h2>
        {status.nextSteps.length > 0 ? (
          <ul className="mt-2 space-y-3">
            {status.nextSteps.map((s) => (
              <li key={s.code} className="border-l-4 border-brand-600 pl-3">
                <p className="font-semibold">{s.title}</p>
                <p className="text-sm">
                  {s.startsAt && formatSantiagoDate(s.startsAt) !== formatSantiagoDate(s.endsAt)
                    ? `Del ${formatSantiagoDate(s.startsAt)} al ${formatSantiagoDate(s.endsAt)}`
                    : `El ${formatSantiagoDate(s.endsAt)}`}
                  {s.state === 'pasado' ? ' (plazo cumplido)' : ''}
                </p>
                {s.description ? <p className="text-sm text-slate-700">{s.description}</p> : null}
                <p className="text-sm text-slate-600">Responsable: {s.responsible}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700">No quedan etapas del llamado para esta postulación.</p>
        )}
        <details className="mt-4">
          <summary className="cursor-pointer font-semibold text-brand-700">Ver el cronograma completo del llamado</summary>
          <div className="mt-3">
            <ScheduleList steps={status.schedule} />
          </div>
        </details>
      </section>

      <section aria-labelledby="historial-title">
        <h2 id="historial-title" className="mb-3 text-xl font-bold">
          Historial
        </h2>
        <StatusHistory entries={status.history} />
      </section>
    </div>
  );
}
