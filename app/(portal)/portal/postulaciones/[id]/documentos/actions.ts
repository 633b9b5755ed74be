'use server';

import { revalidatePath } from 'next/cache';
import { defineAction, fieldErrorsOf } from '@/lib/actions/define-action';
import { DomainError } from '@/lib/actions/result';
import { PORTAL_TIME_ZONE, now } from '@/lib/clock';
import { uploadApplicationDocument, uploadMaxBytes } from '@/lib/dal/documents';
import { callDateOf } from '@/lib/domain/deadlines';
import { documentSlotById } from '@/lib/domain/document-slots';
import { ZDocumentUpload, documentUploadSchema } from '@/lib/validations/document-upload';
import type { UploadFormState } from '@/lib/validations/document-upload';

const upload = defineAction({
  permission: 'application.edit',
  schema: ZDocumentUpload,
  run: async ({ user, input, tx }) => {
    // The slot's rules, with the same schema the form applied in the browser; the data layer then
    // authorises, checks the file's content and stores it.
    const slot = documentSlotById(input.slot);
    if (!slot) throw new DomainError('Ese tipo de documento no existe en la postulación.');
    const checked = documentUploadSchema({
      maxBytes: uploadMaxBytes(),
      needsIssueDate: slot.needsIssueDate,
      today: callDateOf(now(), { timeZone: PORTAL_TIME_ZONE }),
    }).safeParse({ ...input, issuedOn: input.issuedOn ?? '' });
    if (!checked.success) throw new DomainError('Revise los campos marcados.', fieldErrorsOf(checked.error));
    return uploadApplicationDocument(tx, user, {
      applicationId: input.applicationId,
      slot: slot.id,
      fileName: input.file.name,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
      issuedOn: checked.data.issuedOn,
    });
  },
});

/** Uploads a new version of one of the application's documents (FormData: applicationId, slot, file, issuedOn). */
export async function uploadDocumentAction(input: unknown) {
  const result = await upload(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}

/** The same upload for `useActionState`, so the plain form also works before scripts load. */
export async function uploadDocumentFormAction(_previous: UploadFormState, formData: FormData): Promise<UploadFormState> {
  const issuedOn = typeof formData.get('issuedOn') === 'string' ? String(formData.get('issuedOn')) : '';
  const file = formData.get('file');
  const fileName = file instanceof File ? file.name : '';
  const result = await uploadDocumentAction(formData);
  const seq = Date.now();
  if (result.ok) {
    const data = result.data!;
    return {
      status: 'ok',
      message: `Se subió «${fileName}» como versión ${data.version} de «${data.slotLabel}».`,
      fieldErrors: {},
      issuedOn: '',
      seq,
    };
  }
  return {
    status: 'error',
    message: result.formError ?? 'Revise los campos marcados.',
    fieldErrors: result.fieldErrors ?? {},
    issuedOn,
    seq,
  };
}
