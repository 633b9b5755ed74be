import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { WorkAgreementForm } from '@/components/applications/sections/work-agreement-form';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getWorkAgreementSectionView } from '@/lib/dal/application-sections';
import { getCorrectionPanel } from '@/lib/dal/observations';
import { saveWorkAgreementSectionAction } from './actions';

export const metadata: Metadata = { title: 'Convenio de Trabajo' };

export default async function WorkAgreementSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}`);
  const [view, panel] = await Promise.all([getWorkAgreementSectionView(user, id), getCorrectionPanel(user, id, 'convenio')]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <SectionHeader
        title="Convenio de Trabajo"
        owner={view.edit.ownerLabel}
        intro="Los contenidos del convenio que el empleador, la organización y el grupo firmarán ante notario. El Comité de Proyecto y la Carta Gantt que el convenio incluye se completan en sus propias secciones. El convenio firmado se sube en Documentos."
      />
      {panel ? <CorrectionNotice panel={panel} canEdit={view.edit.canEdit} /> : null}
      <WorkAgreementForm
        applicationId={view.applicationId}
        draftOwner={user.id}
        version={view.version}
        sectionHash={view.sectionHash}
        canEdit={view.edit.canEdit}
        readOnlyReason={view.edit.reason}
        defaultValues={view.values}
        roster={view.roster}
        action={saveWorkAgreementSectionAction}
      />
    </>
  );
}
