import type { Metadata } from 'next';
import { ProjectForm } from '@/components/applications/sections/project-form';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { getProjectSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveProjectSectionAction } from './actions';

export const metadata: Metadata = { title: 'Proyecto' };

export default async function ProjectSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { user, view, panel } = await loadSectionPage(id, 'proyecto', getProjectSectionView);
  return (
    <>
      <SectionHeader
        title="Proyecto"
        owner={view.edit.ownerLabel}
        intro="Las características del proyecto que el Convenio de Trabajo debe indicar: tipo de proyecto, tipologías de vivienda, cantidad de viviendas (hasta 300) y rangos de precio."
      />
      {panel ? <CorrectionNotice panel={panel} canEdit={view.edit.canEdit} /> : null}
      <ProjectForm
        applicationId={view.applicationId}
        draftOwner={user.id}
        version={view.version}
        sectionHash={view.sectionHash}
        canEdit={view.edit.canEdit}
        readOnlyReason={view.edit.reason}
        defaultValues={view.values}
        comunas={view.comunas.map((c) => ({ code: c.code, name: c.name, provinceCode: c.provinceCode, regionCode: c.regionCode, regionName: c.regionName }))}
        params={view.params}
        action={saveProjectSectionAction}
      />
    </>
  );
}
