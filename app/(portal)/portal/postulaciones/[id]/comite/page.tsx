import type { Metadata } from 'next';
import { CommitteeForm } from '@/components/applications/sections/committee-form';
import { SectionFrame } from '@/components/applications/sections/section-frame';
import { getProjectCommitteeSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveProjectCommitteeSectionAction } from './actions';

export const metadata: Metadata = { title: 'Comité de Proyecto' };

export default async function ProjectCommitteeSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { view, frame, form } = await loadSectionPage(id, 'comite', getProjectCommitteeSectionView);
  return (
    <SectionFrame
      title="Comité de Proyecto"
      intro="Lo integran representantes del empleador, de la organización de trabajadores y al menos una persona del grupo postulante. Vela por el buen desarrollo y diseño del proyecto, supervisa su elaboración, contratación y ejecución, supervigila la asignación y venta de las viviendas y se relaciona con el SERVIU. El Convenio de Trabajo lo nombra."
      {...frame}
    >
      <CommitteeForm
        {...form}
        groupMembersNotInRoster={view.groupMembersNotInRoster}
        action={saveProjectCommitteeSectionAction}
      />
    </SectionFrame>
  );
}
