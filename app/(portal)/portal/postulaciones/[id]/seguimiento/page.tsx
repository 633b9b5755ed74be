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
import { MILESTONE_KINDS, formatDayText, milestoneKindLabels } from '@/lib/validations/followup';
import { reportGanttMilestoneAction, reportMilestoneAction, uploadFollowupDocumentFormAction } from './actions';

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
  const documentOptions = documents.slots.flatMap((slot) =>
    slot.versions.map((v) => ({ value: v.id, label: `${slot.label}: ${v.fileName} (versión ${v.version})` })),
  );
  const documentField = {
    name: 'documentId',
    label: 'Documento de respaldo (opcional)',
    hint:
      documentOptions.length > 0
        ? 'Uno de los documentos subidos en «Documentos del seguimiento».'
        : 'Aún no hay documentos del seguimiento: súbalos más abajo y vuelva a informar si quiere adjuntar uno.',
    options: documentOptions,
  };
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
                ...(documentOptions.length > 0 ? [documentField] : []),
              ]}
            />
          </div>
        ) : null}
        {view.canReport && view.ganttToReport.length > 0 ? (
          <div className="rounded border border-slate-300 bg-white p-4">
            <ActionForm
              id="gantt-form"
              title="Informar un hito de la carta Gantt"
              fixed={{ applicationId: view.application.id }}
              action={reportGanttMilestoneAction}
              submitLabel="Informar hito cumplido"
              pendingLabel="Enviando…"
              doneMessage="Hito informado. El SERVIU lo verificará en terreno."
              fields={[
                {
                  name: 'milestoneId',
                  label: 'Hito',
                  hint: 'Los hitos del Convenio aún no verificados por el SERVIU. Si ya lo informó, informarlo otra vez corrige la fecha.',
                  options: view.ganttToReport.map((m) => ({
                    value: m.id,
                    label: `${m.title} (programado ${formatDayText(m.plannedOn)}${m.observed ? '; observado por el SERVIU' : m.actualOn ? `; informado ${formatDayText(m.actualOn)}` : ''})`,
                  })),
                },
                { name: 'actualOn', label: 'Fecha real de cumplimiento', type: 'date', hint: 'Cuándo se cumplió (hoy o antes).' },
                ...(documentOptions.length > 0 ? [documentField] : []),
              ]}
            >
              <p className="mb-3 text-sm text-slate-700">
                Informe cada hito de la carta Gantt del Convenio cuando se cumpla: el cronograma compara la fecha programada con la real.
              </p>
            </ActionForm>
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
