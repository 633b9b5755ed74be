import type { Metadata } from 'next';
import { ProjectForm } from '@/components/applications/sections/project-form';
import { SectionFrame } from '@/components/applications/sections/section-frame';
import { getProjectSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveProjectSectionAction } from './actions';

export const metadata: Metadata = { title: 'Proyecto' };

export default async function ProjectSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { view, frame, form } = await loadSectionPage(id, 'proyecto', getProjectSectionView);
  return (
    <SectionFrame
      title="Proyecto"
      intro="Las características del proyecto que el Convenio de Trabajo debe indicar: tipo de proyecto, tipologías de vivienda, cantidad de viviendas (hasta 300) y rangos de precio."
      {...frame}
    >
      <ProjectForm
        {...form}
        comunas={view.comunas.map((c) => ({ code: c.code, name: c.name, provinceCode: c.provinceCode, regionCode: c.regionCode, regionName: c.regionName }))}
        params={view.params}
        action={saveProjectSectionAction}
      />
    </SectionFrame>
  );
}
