import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ProjectForm } from '@/components/applications/sections/project-form';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getProjectSectionView } from '@/lib/dal/application-sections';
import { getCorrectionPanel } from '@/lib/dal/observations';
import { saveProjectSectionAction } from './actions';

export const metadata: Metadata = { title: 'Proyecto' };

export default async function ProjectSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}`);
  const [view, panel] = await Promise.all([getProjectSectionView(user, id), getCorrectionPanel(user, id, 'proyecto')]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
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
