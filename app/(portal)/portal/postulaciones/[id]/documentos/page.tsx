import Link from 'next/link';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { notFound } from 'next/navigation';
import { DocumentSlotCard, documentOwnerLabels, slotState } from '@/components/documents/document-slot-card';
import { formatFileSize } from '@/components/documents/format';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationDocuments } from '@/lib/dal/documents';
import { getCorrectionPanel } from '@/lib/dal/observations';
import type { DocumentSlotView } from '@/lib/dal/documents';
import { uploadDocumentFormAction } from './actions';
import { UploadForm } from '@/components/documents/upload-form';

export const metadata = { title: 'Documentos de la postulación' };

const partyNames: Record<string, string> = {
  organizacion: 'la organización de trabajadores',
  empleador: 'el empleador',
  patrocinante: 'la entidad patrocinante',
  constructora: 'la constructora',
};

/** The application's documents: each slot with its rule, state, current version, history and upload form. */
export default async function DocumentsPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  const [data, panel] = await Promise.all([getApplicationDocuments(user, id), getCorrectionPanel(user, id, 'documentos')]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const base = `/portal/postulaciones/${data.applicationId}`;
  const applicable = data.slots.filter((s) => s.applicable);
  const notApplicable = data.slots.filter((s) => !s.applicable);
  const required = applicable.filter((s) => s.required);
  const ready = required.filter((s) => s.ok).length;
  const withProblems = applicable.filter((s) => slotState(s) === 'problema').length;

  const card = (slot: DocumentSlotView) => {
    let footer: string | null = null;
    if (data.editable && !slot.canUpload) {
      footer = `Este documento lo sube ${partyNames[slot.owner]}; usted puede verlo, pero no subir versiones.`;
    }
    return (
      <li key={slot.slot}>
        <DocumentSlotCard slot={slot} footer={footer}>
          {slot.canUpload ? (
            <UploadForm
              action={uploadDocumentFormAction}
              applicationId={data.applicationId}
              slot={slot.slot}
              slotLabel={slot.label}
              accept={slot.accept}
              formats={slot.formats}
              maxBytes={data.maxBytes}
              needsIssueDate={slot.needsIssueDate}
              hasCurrent={slot.current !== null}
              today={data.today}
              issueDateHint={`La fecha que aparece en el certificado. Al enviar la postulación no debe tener más de ${data.titleCertificateMaxAgeDays} días.`}
            />
          ) : null}
        </DocumentSlotCard>
      </li>
    );
  };

  return (
    <div>
      <h2 className="text-2xl font-bold">Documentos</h2>
      <p className="mt-2 max-w-prose">
        Los antecedentes que exige el programa. Cada organización sube los que le corresponden; todas pueden verlos. Se
        aceptan archivos PDF, JPG o PNG de hasta {formatFileSize(data.maxBytes).replace(/,0 MB$/, ' MB')}; el portal revisa que el
        contenido del archivo corresponda a su formato. Subir un archivo nuevo crea una nueva versión y conserva las anteriores.
      </p>

      <div className="mt-4 rounded-md border-2 border-slate-300 p-3" data-testid="documents-summary">
        <p className="font-semibold">
          {ready} de {required.length} documentos obligatorios listos
          {withProblems > 0 ? ` · ${withProblems} con problema` : ''}.
        </p>
        <p className="mt-1 text-sm text-slate-700">
          Terreno:{' '}
          {data.landSituation === 'promesa'
            ? 'se aporta mediante promesa de compraventa, por eso se piden la promesa y la inscripción del vendedor.'
            : 'el empleador aporta un terreno propio, por eso se pide el certificado de dominio vigente.'}{' '}
          <Link href={`${base}/terreno`} className="text-brand-700 underline underline-offset-4">
            Cambiar en la sección Terreno
          </Link>
          .
        </p>
        {data.parties.length > 0 ? (
          <p className="mt-1 text-sm text-slate-700">
            Usted participa como: {data.parties.map((p) => documentOwnerLabels[p]).join(', ')}.
          </p>
        ) : null}
      </div>

      {panel ? (
        <div className="mt-4">
          <CorrectionNotice panel={panel} canEdit={data.editable && data.slots.some((s) => s.canUpload)} what="sus documentos subiendo nuevas versiones" />
        </div>
      ) : null}

      {data.lockedReason ? (
        <p className="mt-4 border-l-4 border-brand-600 bg-brand-50 p-3" role="note" data-testid="documents-locked">
          {data.lockedReason} Los documentos se pueden ver y descargar, pero no subir.
        </p>
      ) : null}

      <ul className="mt-6 space-y-6">{applicable.map(card)}</ul>

      {notApplicable.length > 0 ? (
        <details className="mt-6">
          <summary className="cursor-pointer font-semibold text-brand-700 underline underline-offset-4">
            Documentos que no se exigen con la situación actual del terreno ({notApplicable.length})
          </summary>
          <ul className="mt-4 space-y-6">{notApplicable.map(card)}</ul>
        </details>
      ) : null}
    </div>
  );
}
