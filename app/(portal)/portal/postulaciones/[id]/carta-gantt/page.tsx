import type { Metadata } from 'next';
import { GanttForm } from '@/components/applications/sections/gantt-form';
import { SectionFrame } from '@/components/applications/sections/section-frame';
import { getGanttSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveGanttSectionAction } from './actions';

export const metadata: Metadata = { title: 'Carta Gantt' };

export default async function GanttSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { frame, form } = await loadSectionPage(id, 'gantt', getGanttSectionView);
  return (
    <SectionFrame
      title="Carta Gantt"
      intro="Los hitos del desarrollo y la ejecución del proyecto, con sus fechas planificadas. El Convenio de Trabajo la incluye y, si el proyecto es seleccionado, el SERVIU verificará el avance mensual contra ella."
      {...frame}
    >
      <GanttForm
        {...form}
        action={saveGanttSectionAction}
      />
    </SectionFrame>
  );
}
