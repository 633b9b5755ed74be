import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClosingNotice } from '@/components/applications/sections/closing-notice';
import { WorkerStatus } from '@/components/applications/sections/worker-status';
import { ButtonLink } from '@/components/ui/button';
import { TaskList } from '@/components/ui/task-list';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationOverview, getWorkerApplicationView } from '@/lib/dal/section-status';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

export const metadata: Metadata = { title: 'Postulación' };

/** The application's task list (who completes each section and how far it is), or a worker's plain status. */
export default async function ApplicationOverviewPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  const missing = (error: unknown): never => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  };
  if (user.role === 'worker') return <WorkerStatus view={await getWorkerApplicationView(user, id).catch(missing)} />;

  const overview = await getApplicationOverview(user, id).catch(missing);
  const pending = overview.sections.filter((s) => s.status !== 'completo' && s.missing.length > 0);
  const done = overview.sections.filter((s) => s.status === 'completo').length;
  const correction = overview.correction;
  const observed = overview.sections.filter((s) => s.observations.length > 0);
  const until = correction?.deadlineAt ? ` hasta el ${formatSantiagoDateTime(correction.deadlineAt)}` : '';
  /** What the task list says under each section: who completes it and, while correcting, what SERVIU asks of it. */
  const hintOf = (s: (typeof overview.sections)[number]) => {
    const parts = [`Lo completa: ${s.ownerLabel}.`];
    const n = s.observations.length;
    if (n > 0) parts.push(n === 1 ? 'Una observación de SERVIU apunta a esta sección.' : `${n} observaciones de SERVIU apuntan a esta sección.`);
    if (correction?.open) parts.push(s.readOnly ? 'Solo lectura para usted.' : `Puede corregirla${until}.`);
    else if (s.readOnly) parts.push('Solo lectura para usted.');
    return parts.join(' ');
  };
  return (
    <div>
      <ClosingNotice closesAtText={overview.closesAtText} timeLeftText={overview.timeLeftText} status={overview.status} />
      {correction ? (
        <div
          className={`mb-6 rounded-md border-l-8 p-4 ${correction.open ? 'border-warn-800 bg-warn-50' : 'border-slate-700 bg-slate-100'}`}
          data-testid="ventana-correccion"
        >
          <p className="font-semibold">
            {correction.open
              ? `Corrección de observaciones (ronda ${correction.roundNumber}): cada organización puede corregir sus secciones, los datos de la nómina y sus documentos${until}.`
              : correction.closedReason}
          </p>
          {correction.open ? (
            <p className="mt-1">
              Los cambios quedan a la vista de SERVIU cuando se envíe la subsanación.{' '}
              <Link href={`/portal/postulaciones/${overview.applicationId}/observaciones`} className="font-semibold text-brand-700 underline underline-offset-4">
                Ver y responder las observaciones
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <h2 className="mb-1 text-2xl font-bold">Secciones de la postulación</h2>
      <p className="mb-4 text-slate-700" data-testid="sections-progress">
        {done} de {overview.sections.length} secciones completas. Cada organización completa las suyas; las demás puede verlas en modo solo
        lectura.
      </p>
      <TaskList
        tasks={overview.sections.map((s) => ({
          id: `seccion-${s.id}`,
          title: s.title,
          href: s.href,
          status: s.status,
          hint: hintOf(s),
        }))}
      />

      {observed.length > 0 ? (
        <section aria-labelledby="corregir-title" className="mt-8" data-testid="que-corregir">
          <h2 id="corregir-title" className="mb-3 text-xl font-bold">
            Qué pidió corregir SERVIU
          </h2>
          <div className="space-y-4">
            {observed.map((s) => (
              <div key={s.id} data-testid={`corregir-${s.id}`}>
                <h3 className="font-semibold">
                  <Link href={s.href} className="text-brand-700 underline underline-offset-4">
                    {s.title}
                  </Link>{' '}
                  <span className="font-normal text-slate-600">({s.ownerLabel})</span>
                </h3>
                <ul className="mt-1 list-disc space-y-1 pl-6 text-slate-800">
                  {s.observations.map((o) => (
                    <li key={o.id}>
                      <span className="font-semibold">{o.severity === 'bloqueante' ? 'Bloqueante' : 'Advertencia'}</span> · {o.target.label}:{' '}
                      <Link href={o.href} className="text-brand-700 underline underline-offset-4">
                        ver la observación
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {pending.length > 0 ? (
        <section aria-labelledby="missing-title" className="mt-8">
          <h2 id="missing-title" className="mb-3 text-xl font-bold">
            Qué falta
          </h2>
          <div className="space-y-4">
            {pending.map((s) => (
              <div key={s.id} data-testid={`missing-${s.id}`}>
                <h3 className="font-semibold">
                  {s.title} <span className="font-normal text-slate-600">({s.ownerLabel})</span>
                </h3>
                <ul className="mt-1 list-disc space-y-1 pl-6 text-slate-800">
                  {s.missing.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {overview.isOpen ? (
        <p className="mt-8">
          <ButtonLink href={`/portal/postulaciones/${overview.applicationId}/enviar`} variant="secondary">
            Revisar y enviar
          </ButtonLink>
        </p>
      ) : null}
    </div>
  );
}
