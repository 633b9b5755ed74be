import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { RosterEntryForm } from '@/components/roster/roster-entry-form';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getRosterView } from '@/lib/dal/roster';
import { ROSTER_COLUMN_KEYS } from '@/lib/roster/columns';
import type { RosterColumnKey } from '@/lib/roster/columns';
import { addRosterEntryAction } from '../actions';

export const metadata: Metadata = { title: 'Agregar trabajador a la nómina' };

const EMPTY = Object.fromEntries(ROSTER_COLUMN_KEYS.map((key) => [key, ''])) as Record<RosterColumnKey, string>;

export default async function AddWorkerPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('org_rep', 'employer_rep', 'sponsor', 'worker');
  const roster = await getRosterView(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (!roster.canChangeComposition) redirect(`/portal/postulaciones/${id}/nomina`);
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title" className="mb-2 text-2xl font-bold">
        Agregar trabajador a la nómina
      </h2>
      <p className="mb-6 max-w-2xl text-slate-700">
        Escriba los datos como aparecen en la cédula de identidad y en el Registro Social de Hogares. Si tiene muchos trabajadores, puede{' '}
        <a href={`/portal/postulaciones/${id}/nomina/importar`} className="font-semibold text-brand-700 underline underline-offset-4">
          importar una planilla
        </a>
        .
      </p>
      <RosterEntryForm applicationId={id} defaultValues={EMPTY} cancelHref={`/portal/postulaciones/${id}/nomina`} action={addRosterEntryAction} />
    </section>
  );
}
