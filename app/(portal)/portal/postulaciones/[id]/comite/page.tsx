import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { CommitteeForm } from '@/components/applications/sections/committee-form';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getProjectCommitteeSectionView } from '@/lib/dal/application-sections';
import { getCorrectionPanel } from '@/lib/dal/observations';
import { saveProjectCommitteeSectionAction } from './actions';

export const metadata: Metadata = { title: 'Comité de Proyecto' };

export default async function ProjectCommitteeSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}`);
  const [view, panel] = await Promise.all([getProjectCommitteeSectionView(user, id), getCorrectionPanel(user, id, 'comite')]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <SectionHeader
        title="Comité de Proyecto"
        owner={view.edit.ownerLabel}
        intro="Lo integran representantes del empleador, de la organización de trabajadores y al menos una persona del grupo postulante. Vela por el buen desarrollo y diseño del proyecto, supervisa su elaboración, contratación y ejecución, supervigila la asignación y venta de las viviendas y se relaciona con el SERVIU. El Convenio de Trabajo lo nombra."
      />
      {panel ? <CorrectionNotice panel={panel} canEdit={view.edit.canEdit} /> : null}
      <CommitteeForm
        applicationId={view.applicationId}
        draftOwner={user.id}
        version={view.version}
        sectionHash={view.sectionHash}
        canEdit={view.edit.canEdit}
        readOnlyReason={view.edit.reason}
        defaultValues={view.values}
        groupMembersNotInRoster={view.groupMembersNotInRoster}
        action={saveProjectCommitteeSectionAction}
      />
    </>
  );
}
