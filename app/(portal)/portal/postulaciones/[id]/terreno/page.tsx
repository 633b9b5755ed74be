import type { Metadata } from 'next';
import { LandForm } from '@/components/applications/sections/land-form';
import { SectionFrame } from '@/components/applications/sections/section-frame';
import { getLandSectionView } from '@/lib/dal/application-sections';
import { loadSectionPage } from '../load-section-page';
import { saveLandSectionAction } from './actions';

export const metadata: Metadata = { title: 'Terreno' };

export default async function LandSectionPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { view, frame, form } = await loadSectionPage(id, 'terreno', getLandSectionView);
  return (
    <SectionFrame
      title="Terreno"
      intro="El empleador aporta el terreno en que se desarrollará el proyecto: propio, con certificado de dominio vigente, o comprometido por promesa de compraventa firmada ante notario."
      {...frame}
    >
      <LandForm
        {...form}
        employerName={view.employerName}
        cbrInscriptionDays={view.cbrInscriptionDays}
        titleCertificateMaxAgeDays={view.titleCertificateMaxAgeDays}
        titleCertificate={view.titleCertificate}
        action={saveLandSectionAction}
      />
    </SectionFrame>
  );
}
