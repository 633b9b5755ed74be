import type { Metadata } from 'next';
import { SectionFrame } from '@/components/applications/sections/section-frame';
import { WorkAgreementForm } from '@/components/applications/sections/work-agreement-form';
import { getWorkAgreementSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveWorkAgreementSectionAction } from './actions';

export const metadata: Metadata = { title: 'Convenio de Trabajo' };

export default async function WorkAgreementSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { view, frame, form } = await loadSectionPage(id, 'convenio', getWorkAgreementSectionView);
  return (
    <SectionFrame
      title="Convenio de Trabajo"
      intro="Los contenidos del convenio que el empleador, la organización y el grupo firmarán ante notario. El Comité de Proyecto y la Carta Gantt que el convenio incluye se completan en sus propias secciones. El convenio firmado se sube en Documentos."
      {...frame}
    >
      <WorkAgreementForm
        {...form}
        roster={view.roster}
        action={saveWorkAgreementSectionAction}
      />
    </SectionFrame>
  );
}
