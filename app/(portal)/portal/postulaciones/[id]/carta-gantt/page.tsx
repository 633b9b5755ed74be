import type { Metadata } from 'next';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { GanttForm } from '@/components/applications/sections/gantt-form';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { getGanttSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveGanttSectionAction } from './actions';

export const metadata: Metadata = { title: 'Carta Gantt' };

export default async function GanttSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { user, view, panel } = await loadSectionPage(id, 'gantt', getGanttSectionView);
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
