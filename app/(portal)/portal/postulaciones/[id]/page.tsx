import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ClosingNotice } from '@/components/applications/sections/closing-notice';
import { WorkerStatus } from '@/components/applications/sections/worker-status';
import { ButtonLink } from '@/components/ui/button';
import { TaskList } from '@/components/ui/task-list';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationOverview, getWorkerApplicationView } from '@/lib/dal/section-status';

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
  return (
    <div>
      <ClosingNotice closesAtText={overview.closesAtText} timeLeftText={overview.timeLeftText} status={overview.status} />

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
          hint: `Lo completa: ${s.ownerLabel}.${s.readOnly ? ' Solo lectura para usted.' : ''}`,
        }))}
      />

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
