import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EligibilityPanel } from '@/components/applications/eligibility-panel';
import { ObservationsBanner } from '@/components/applications/observations/observations-banner';
import { StatusTag } from '@/components/ui/status-tag';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationWorkspace } from '@/lib/dal/application-workspace';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';

const sections = [
  { href: '', label: 'Resumen' },
  { href: '/proyecto', label: 'Proyecto' },
  { href: '/carta-gantt', label: 'Carta Gantt' },
  { href: '/convenio', label: 'Convenio' },
  { href: '/terreno', label: 'Terreno' },
  { href: '/nomina', label: 'Nómina' },
  { href: '/comite', label: 'Comité' },
  { href: '/documentos', label: 'Documentos' },
  { href: '/enviar', label: 'Revisar y enviar' },
];

/** Frame of every page of one application: header, section navigation and the live eligibility panel. */
export default async function ApplicationLayout(props: { params: Promise<{ id: string }>; children: React.ReactNode }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  const workspace = await getApplicationWorkspace(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { application, call, eligibility } = workspace;
  const base = `/portal/postulaciones/${application.id}`;
  return (
    <div>
      <p className="text-sm text-slate-600">{call.name}</p>
      <h1 className="text-3xl font-bold">{application.projectName}</h1>
      <p className="mb-4 mt-1">
        Postulación <strong>{application.number}</strong> ·{' '}
        <StatusTag tone={applicationStatusTones[application.status]}>{applicationStatusLabels[application.status]}</StatusTag>
      </p>
      <ObservationsBanner user={user} applicationId={application.id} />
      {user.role !== 'worker' ? (
        <nav aria-label="Secciones de la postulación" className="mb-6 overflow-x-auto border-b border-slate-300">
          <ul className="flex gap-1 whitespace-nowrap">
            {(application.status === 'seleccionada' ? [...sections, { href: '/seguimiento', label: 'Seguimiento' }] : sections).map((s) => (
              <li key={s.href}>
                <Link href={`${base}${s.href}`} className="inline-block px-3 py-2 text-brand-700 underline-offset-4 hover:underline">
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : application.status === 'seleccionada' ? (
        <p className="mb-6">
          <Link href={`${base}/seguimiento`} className="font-semibold text-brand-700 underline underline-offset-4">
            Ver el seguimiento de las obras
          </Link>
        </p>
      ) : null}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div>{props.children}</div>
        {user.role !== 'worker' ? <EligibilityPanel result={eligibility} /> : null}
      </div>
    </div>
  );
}
