import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConfirmIncorporationForm } from '@/components/roster/confirm-incorporation-form';
import { ProjectSummary } from '@/components/roster/project-summary';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getWorkerIncorporation } from '@/lib/dal/incorporation';
import { formatSantiagoDate } from '@/lib/santiago-time';
import { confirmIncorporationAction } from './actions';

export const metadata: Metadata = { title: 'Formulario de incorporación' };

/** The signed-in worker declares that they know the project (their own row of the roster, found by RUT). */
export default async function WorkerIncorporationPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker');
  const view = await getWorkerIncorporation(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <section aria-labelledby="incorporation-title" className="max-w-2xl">
      <h2 id="incorporation-title" className="mb-2 text-2xl font-bold">
        Formulario de incorporación
      </h2>
      <p className="mb-4 text-lg">
        {view.firstName}, su organización le incluyó en la nómina de este proyecto de vivienda. Antes de postular, cada trabajador
        declara que conoce el proyecto. Revise el resumen:
      </p>
      <ProjectSummary summary={view.summary} />
      {view.confirmedAt ? (
        <p role="status" className="border-l-4 border-ok-700 bg-ok-50 p-4 font-semibold text-ok-700" data-testid="incorporation-confirmed">
          {view.method === 'formulario_firmado'
            ? `Su organización registró su formulario de incorporación firmado el ${formatSantiagoDate(view.confirmedAt)}.`
            : `Usted confirmó que conoce el proyecto el ${formatSantiagoDate(view.confirmedAt)}.`}
        </p>
      ) : view.blockedReason ? (
        <p className="border-l-4 border-slate-500 bg-slate-100 p-4">{view.blockedReason}</p>
      ) : (
        <ConfirmIncorporationForm
          action={confirmIncorporationAction}
          hidden={{ applicationId: id }}
          priceKnown={view.summary.pricesUf.length > 0}
          successText="Listo: quedó registrado que conoce el proyecto. Su organización lo verá en la nómina."
        />
      )}
      <p className="mt-6 text-sm text-slate-700">
        Si algo del resumen no corresponde a lo que le explicaron, no confirme y consulte a la directiva de su organización.
      </p>
    </section>
  );
}
