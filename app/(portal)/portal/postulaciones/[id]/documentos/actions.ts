'use server';

import { revalidatePath } from 'next/cache';
import { defineAction, fieldErrorsOf } from '@/lib/actions/define-action';
import { DomainError } from '@/lib/actions/result';
import { assertDraftOpen, bumpVersion, loadApplication } from '@/lib/dal/application-access';
import { storeDocumentVersion, uploadMaxBytes } from '@/lib/dal/documents';
import { PORTAL_TIME_ZONE, now } from '@/lib/clock';
import { callDateOf } from '@/lib/domain/deadlines';
import { APPLICATION_DOCUMENT_SLOTS, canUploadSlot } from '@/lib/domain/document-slots';
import { ZDocumentUpload, documentUploadSchema } from '@/lib/validations/document-upload';
import type { UploadFormState } from '@/lib/validations/document-upload';

const ownerLabels = {
  organizacion: 'la organización de trabajadores',
  empleador: 'el empleador',
  patrocinante: 'la entidad patrocinante',
  constructora: 'la constructora',
} as const;

const upload = defineAction({
  permission: 'application.edit',
  schema: ZDocumentUpload,
  run: async ({ user, input, tx }) => {
    const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
    assertDraftOpen(access);
    const slot = APPLICATION_DOCUMENT_SLOTS.find((s) => s.id === input.slot);
    if (!slot) throw new DomainError('Ese tipo de documento no existe en la postulación.');
    if (!canUploadSlot(slot, access.parties)) {
      throw new DomainError(`Este documento lo sube ${ownerLabels[slot.owner]}; usted puede verlo, pero no subir versiones.`);
    }
    // The slot's rules, with the same schema the form applied in the browser.
    const checked = documentUploadSchema({
      maxBytes: uploadMaxBytes(),
      needsIssueDate: slot.needsIssueDate,
      today: callDateOf(now(), { timeZone: PORTAL_TIME_ZONE }),
    }).safeParse({ ...input, issuedOn: input.issuedOn ?? '' });
    if (!checked.success) throw new DomainError('Revise los campos marcados.', fieldErrorsOf(checked.error));
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    const stored = await storeDocumentVersion(tx, user, {
      applicationId: access.application.id,
      slot: slot.id,
      fileName: input.file.name,
      bytes,
      issuedOn: checked.data.issuedOn,
    });
    // A new file changes what would be sent: earlier submission approvals no longer hold.
    await bumpVersion(tx, access.application.id, null);
    return { ...stored, slotLabel: slot.label };
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
