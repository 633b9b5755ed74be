'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { createMilestoneReport, reportGanttMilestone } from '@/lib/dal/followup';
import { uploadFollowupDocument } from '@/lib/dal/followup-documents';
import { ZDocumentUpload } from '@/lib/validations/document-upload';
import type { UploadFormState } from '@/lib/validations/document-upload';
import { ZReportGanttMilestone, ZReportMilestone } from '@/lib/validations/followup';

const reportMilestone = defineAction({
  permission: 'followup.report',
  schema: ZReportMilestone,
  run: ({ user, input, tx }) => createMilestoneReport(tx, user, input),
});

/** The Project Committee reports a permit, the builder hired, the start of works or progress. */
export async function reportMilestoneAction(input: unknown) {
  const result = await reportMilestone(input);
  if (result.ok) {
    revalidatePath('/portal/postulaciones/[id]/seguimiento', 'page');
    revalidatePath('/gestion/seguimiento/[id]', 'page');
  }
  return result;
}

const reportGantt = defineAction({
  permission: 'followup.report',
  schema: ZReportGanttMilestone,
  run: ({ user, input, tx }) => reportGanttMilestone(tx, user, input),
});

/** The Project Committee reports a milestone of the Convenio's Gantt chart as done, on its actual date. */
export async function reportGanttMilestoneAction(input: unknown) {
  const result = await reportGantt(input);
  if (result.ok) {
    revalidatePath('/portal/postulaciones/[id]/seguimiento', 'page');
    revalidatePath('/gestion/seguimiento/[id]', 'page');
  }
  return result;
}

const uploadDocument = defineAction({
  permission: 'followup.report',
  schema: ZDocumentUpload,
  run: async ({ user, input, tx }) =>
    uploadFollowupDocument(tx, user, {
      applicationId: input.applicationId,
      slot: input.slot,
      fileName: input.file.name,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
    }),
});

/** The committee uploads a document of the follow-up (FormData; works before scripts load, like every upload). */
export async function uploadFollowupDocumentFormAction(_previous: UploadFormState, formData: FormData): Promise<UploadFormState> {
  const file = formData.get('file');
  const fileName = file instanceof File ? file.name : '';
  const result = await uploadDocument(formData);
  const seq = Date.now();
  if (result.ok) {
    revalidatePath('/portal/postulaciones/[id]/seguimiento', 'page');
    revalidatePath('/gestion/seguimiento/[id]', 'page');
    return { status: 'ok', message: `Se subió «${fileName}» como versión ${result.data!.version} de «${result.data!.slotLabel}».`, fieldErrors: {}, issuedOn: '', seq };
  }
  return { status: 'error', message: result.formError ?? 'Revise los campos marcados.', fieldErrors: result.fieldErrors ?? {}, issuedOn: '', seq };
}
