'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { uploadApplicationDocument } from '@/lib/dal/documents';
import { ZDocumentUpload } from '@/lib/validations/document-upload';
import type { UploadFormState } from '@/lib/validations/document-upload';

const upload = defineAction({
  permission: 'application.edit',
  schema: ZDocumentUpload,
  run: async ({ user, input, tx }) =>
    uploadApplicationDocument(tx, user, {
      applicationId: input.applicationId,
      slot: input.slot,
      fileName: input.file.name,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
      issuedOn: input.issuedOn,
    }),
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
