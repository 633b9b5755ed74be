import type { Metadata } from 'next';
import { LandForm } from '@/components/applications/sections/land-form';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { SectionHeader } from '@/components/applications/sections/section-header';
import { getLandSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveLandSectionAction } from './actions';

export const metadata: Metadata = { title: 'Terreno' };

export default async function LandSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { user, view, panel } = await loadSectionPage(id, 'terreno', getLandSectionView);
  return (
    <>
      <SectionHeader
        title="Terreno"
        owner={view.edit.ownerLabel}
        intro="El empleador aporta el terreno en que se desarrollará el proyecto: propio, con certificado de dominio vigente, o comprometido por promesa de compraventa firmada ante notario."
      />
      {panel ? <CorrectionNotice panel={panel} canEdit={view.edit.canEdit} /> : null}
      <LandForm
        applicationId={view.applicationId}
        draftOwner={user.id}
        version={view.version}
        sectionHash={view.sectionHash}
        canEdit={view.edit.canEdit}
        readOnlyReason={view.edit.reason}
        defaultValues={view.values}
        employerName={view.employerName}
        cbrInscriptionDays={view.cbrInscriptionDays}
        titleCertificateMaxAgeDays={view.titleCertificateMaxAgeDays}
        titleCertificate={view.titleCertificate}
        action={saveLandSectionAction}
      />
    </>
  );
}
