'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';
import { createIncorporationLink, uploadSignedIncorporationForm } from '@/lib/dal/incorporation';
import {
  acceptRosterImport,
  addRosterEntry,
  discardRosterImport,
  importRosterFile,
  removeRosterEntry,
  revalidateRosterImport,
  setRosterImportRowExcluded,
  updateRosterEntry,
} from '@/lib/dal/roster';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import {
  ZAcceptRosterImport,
  ZAddRosterEntry,
  ZCreateIncorporationLink,
  ZDiscardRosterImport,
  ZRemoveRosterEntry,
  ZRevalidateRosterImport,
  ZSetRosterImportRowExcluded,
  ZUpdateRosterEntry,
  ZUploadRosterFile,
  ZUploadSignedForm,
} from '@/lib/validations/roster';

/** Every page of the application shows the roster's effect (eligibility panel, task list). */
function refreshApplication<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

const add = defineAction({
  permission: 'roster.manage',
  schema: ZAddRosterEntry,
  run: ({ user, input, tx }) => addRosterEntry(tx, user, input),
});
export async function addRosterEntryAction(input: unknown) {
  return refreshApplication(await add(input));
}

const update = defineAction({
  permission: 'roster.manage',
  schema: ZUpdateRosterEntry,
  run: ({ user, input, tx }) => updateRosterEntry(tx, user, input),
});
export async function updateRosterEntryAction(input: unknown) {
  return refreshApplication(await update(input));
}

const remove = defineAction({
  permission: 'roster.manage',
  schema: ZRemoveRosterEntry,
  run: ({ user, input, tx }) => removeRosterEntry(tx, user, input),
});
export async function removeRosterEntryAction(input: unknown) {
  return refreshApplication(await remove(input));
}

const importFile = defineAction({
  permission: 'roster.manage',
  schema: ZUploadRosterFile,
  run: async ({ user, input, tx }) =>
    importRosterFile(tx, user, { applicationId: input.applicationId, fileName: input.file.name, bytes: await bytesOf(input.file) }),
});
/** Receives the roster file as FormData (applicationId, file). */
export async function importRosterFileAction(input: unknown) {
  return refreshApplication(await importFile(input));
}

const revalidateImport = defineAction({
  permission: 'roster.manage',
  schema: ZRevalidateRosterImport,
  run: ({ user, input, tx }) => revalidateRosterImport(tx, user, input),
});
export async function revalidateRosterImportAction(input: unknown) {
  return refreshApplication(await revalidateImport(input));
}

const setImportRowExcluded = defineAction({
  permission: 'roster.manage',
  schema: ZSetRosterImportRowExcluded,
  run: ({ user, input, tx }) => setRosterImportRowExcluded(tx, user, input),
});
/** Drops one row of the pending import (or brings it back); nothing in the roster changes yet. */
export async function setRosterImportRowExcludedAction(input: unknown) {
  return setImportRowExcluded(input);
}

const acceptImport = defineAction({
  permission: 'roster.manage',
  schema: ZAcceptRosterImport,
  run: ({ user, input, tx }) => acceptRosterImport(tx, user, input),
});
export async function acceptRosterImportAction(input: unknown) {
  return refreshApplication(await acceptImport(input));
}

const discardImport = defineAction({
  permission: 'roster.manage',
  schema: ZDiscardRosterImport,
  run: ({ user, input, tx }) => discardRosterImport(tx, user, input),
});
export async function discardRosterImportAction(input: unknown) {
  return refreshApplication(await discardImport(input));
}

const createLink = defineAction({
  permission: 'roster.manage',
  schema: ZCreateIncorporationLink,
  run: ({ user, input, tx }) => createIncorporationLink(tx, user, input),
});
export async function createIncorporationLinkAction(input: unknown) {
  const result = await createLink(input);
  if (result.ok && result.data?.emailedTo) dispatchMailAfterResponse();
  return result;
}

const uploadSignedForm = defineAction({
  permission: 'roster.manage',
  schema: ZUploadSignedForm,
  run: async ({ user, input, tx }) =>
    uploadSignedIncorporationForm(tx, user, {
      applicationId: input.applicationId,
      entryId: input.entryId,
      fileName: input.file.name,
      bytes: await bytesOf(input.file),
    }),
});
/** Receives the signed paper form as FormData (applicationId, entryId, file). */
export async function uploadSignedFormAction(input: unknown) {
  return refreshApplication(await uploadSignedForm(input));
}
