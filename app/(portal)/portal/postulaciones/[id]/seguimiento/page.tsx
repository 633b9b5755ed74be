import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { UploadForm } from '@/components/documents/upload-form';
import { ActionForm } from '@/components/followup/action-form';
import { FollowupDocuments } from '@/components/followup/followup-documents';
import { FollowupPanel } from '@/components/followup/followup-panel';
import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getFollowupView } from '@/lib/dal/followup';
import type { FollowupView } from '@/lib/dal/followup';
import { getFollowupDocuments } from '@/lib/dal/followup-documents';
import { MILESTONE_KINDS, milestoneKindLabels } from '@/lib/validations/followup';
import { reportMilestoneAction, uploadFollowupDocumentFormAction } from './actions';

export const metadata: Metadata = { title: 'Seguimiento del proyecto' };

export default async function PortalFollowupPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await props.params;
  let view: FollowupView;
  let documents: Awaited<ReturnType<typeof getFollowupDocuments>>;
  try {
    [view, documents] = await Promise.all([getFollowupView(user, id), getFollowupDocuments(user, id)]);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <div className="space-y-6">
      <h2 className="text-2xl font-bold">Seguimiento del proyecto seleccionado</h2>
      <p><Link href={`/portal/postulaciones/${view.application.id}/seguimiento/prohibiciones`} className="font-semibold text-brand-700 underline underline-offset-4">Prohibiciones de las viviendas y solicitudes de venta anticipada</Link></p>
      <FollowupPanel view={view}>
        {view.canReport ? (
          <div className="rounded border border-slate-300 bg-white p-4">
            <ActionForm
              id="informe-form"
              title="Informar al SERVIU"
              fixed={{ applicationId: view.application.id }}
              action={reportMilestoneAction}
              submitLabel="Enviar informe"
              pendingLabel="Enviando…"
              doneMessage="Informe enviado. El SERVIU lo verificará en terreno."
              fields={[
                { name: 'kind', label: 'Qué informa', options: MILESTONE_KINDS.map((k) => ({ value: k, label: milestoneKindLabels[k] })) },
                { name: 'actualOn', label: 'Fecha', type: 'date', hint: 'Cuándo ocurrió (hoy o antes).' },
                {
                  name: 'registryNumber',
                  label: 'N° de registro de la constructora',
                  hint: 'Registro Nacional de Contratistas del MINVU.',
                  showWhen: { field: 'kind', value: 'constructora_contratada' },
                },
                { name: 'progressPercent', label: 'Avance de obras (%)', inputMode: 'decimal', showWhen: { field: 'kind', value: 'avance' } },
              ]}
            />
          </div>
        ) : null}
      </FollowupPanel>
      <FollowupDocuments
        slots={documents.slots}
        uploadSlot={(slot) => (
          <UploadForm
            action={uploadFollowupDocumentFormAction}
            applicationId={view.application.id}
            slot={slot.id}
            slotLabel={slot.label}
            accept={slot.accept}
            formats={slot.formats}
            maxBytes={documents.maxBytes}
            needsIssueDate={false}
            hasCurrent={slot.versions.length > 0}
            today=""
          />
        )}
      />
    </div>
  );
}
