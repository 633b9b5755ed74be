import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { IncorporationPanel } from '@/components/roster/incorporation-panel';
import { RemoveEntryButton } from '@/components/roster/remove-entry-button';
import { RosterEntryForm } from '@/components/roster/roster-entry-form';
import { IncorporationStatus } from '@/components/roster/roster-table';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getCorrectionPanel } from '@/lib/dal/observations';
import { getRosterEntry } from '@/lib/dal/roster';
import {
  createIncorporationLinkAction,
  removeRosterEntryAction,
  updateRosterEntryAction,
  uploadSignedFormAction,
} from '../../actions';

export const metadata: Metadata = { title: 'Trabajador de la nómina' };

export default async function RosterEntryPage(props: { params: Promise<{ id: string; entryId: string }> }) {
  const { id, entryId } = await props.params;
  const user = await requireRole('org_rep');
  const [worker, panel] = await Promise.all([getRosterEntry(user, id, entryId), getCorrectionPanel(user, id, 'nomina')]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const name = `${worker.entry.firstNames} ${worker.entry.lastNames}`;
  if (panel) panel.observations = panel.observations.filter((o) => o.target.kind === 'trabajador' && o.target.rosterEntryId === worker.id);
  const back = `/portal/postulaciones/${id}/nomina`;
  return (
    <div>
      <p className="mb-3">
        <Link href={back} className="text-brand-700 underline underline-offset-4">
          ← Volver a la nómina
        </Link>
      </p>
      <h2 className="text-2xl font-bold">{name}</h2>
      <p className="mb-4 tabular-nums text-slate-700">RUT {worker.cells.rut}</p>

      {worker.readOnlyReason ? <p className="mb-4 border-l-4 border-slate-500 bg-slate-100 p-3">{worker.readOnlyReason}</p> : null}
      {panel && panel.observations.length > 0 ? <CorrectionNotice panel={panel} canEdit={worker.canEdit} what="los datos de este trabajador" /> : null}

      <section aria-labelledby="incorporation-title" className="mb-8">
        <h3 id="incorporation-title" className="mb-2 text-xl font-bold">
          Formulario de incorporación
        </h3>
        <p className="mb-3">
          Estado: <IncorporationStatus incorporation={worker.incorporation} />
        </p>
        {worker.canEdit ? (
          <IncorporationPanel
            applicationId={id}
            entryId={worker.id}
            firstName={worker.entry.firstNames.split(' ')[0] ?? worker.entry.firstNames}
            email={worker.entry.email}
            confirmed={worker.incorporation.status !== 'pendiente'}
            createLink={createIncorporationLinkAction}
            uploadForm={uploadSignedFormAction}
          />
        ) : null}
      </section>

      <section aria-labelledby="data-title" className="mb-8">
        <h3 id="data-title" className="mb-2 text-xl font-bold">
          Datos del trabajador
        </h3>
        {worker.canEdit ? (
          <>
            <p className="mb-4 max-w-2xl text-sm text-slate-700">
              {worker.rutLocked
                ? 'Si cambia el tramo de vivienda de alguien que ya confirmó su incorporación, deberá confirmar de nuevo: lo que declaró conocer era otro tramo.'
                : 'Si cambia el RUT o el tramo de vivienda de alguien que ya confirmó su incorporación, deberá confirmar de nuevo: lo que declaró conocer era otro tramo.'}
            </p>
            <RosterEntryForm
              applicationId={id}
              defaultValues={worker.cells}
              entry={{ id: worker.id, stamp: worker.stamp, name }}
              cancelHref={back}
              action={updateRosterEntryAction}
              rutLockedReason={
                worker.rutLocked
                  ? 'Durante la subsanación el RUT no se puede cambiar: otra persona solo puede entrar a la nómina como reemplazante.'
                  : undefined
              }
            />
          </>
        ) : (
          <p>Los datos ya no pueden modificarse.</p>
        )}
      </section>

      {worker.canRemove ? (
        <section aria-labelledby="remove-section-title" className="border-t border-slate-300 pt-6">
          <h3 id="remove-section-title" className="mb-2 text-xl font-bold">
            Quitar de la nómina
          </h3>
          <RemoveEntryButton applicationId={id} entryId={worker.id} name={name} action={removeRosterEntryAction} />
        </section>
      ) : null}
    </div>
  );
}
