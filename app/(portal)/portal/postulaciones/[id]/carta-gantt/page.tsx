import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { GanttForm } from '@/components/applications/sections/gantt-form';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getGanttSectionView } from '@/lib/dal/application-sections';
import { getCorrectionPanel } from '@/lib/dal/observations';
import { saveGanttSectionAction } from './actions';

export const metadata: Metadata = { title: 'Carta Gantt' };

export default async function GanttSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}`);
  const [view, panel] = await Promise.all([getGanttSectionView(user, id), getCorrectionPanel(user, id, 'gantt')]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <SectionHeader
        title="Carta Gantt"
        owner={view.edit.ownerLabel}
        intro="Los hitos del desarrollo y la ejecución del proyecto, con sus fechas planificadas. El Convenio de Trabajo la incluye y, si el proyecto es seleccionado, el SERVIU verificará el avance mensual contra ella."
      />
      {panel ? <CorrectionNotice panel={panel} canEdit={view.edit.canEdit} /> : null}
      <GanttForm
        applicationId={view.applicationId}
        draftOwner={user.id}
        version={view.version}
        sectionHash={view.sectionHash}
        canEdit={view.edit.canEdit}
        readOnlyReason={view.edit.reason}
        defaultValues={view.values}
        action={saveGanttSectionAction}
      />
    </>
  );
}
