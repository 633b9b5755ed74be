'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { confirmSelectionRun, createSelectionPreview, recordSelectionPublication } from '@/lib/dal/selection';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZConfirmSelection, ZPreviewSelection, ZRecordSelectionPublication } from '@/lib/validations/followup';

const preview = defineAction({
  permission: 'selection.run',
  schema: ZPreviewSelection,
  run: async ({ user, input, tx }) => {
    const run = await createSelectionPreview(tx, user, input);
    return { runId: run.id };
  },
});

const confirm = defineAction({
  permission: 'selection.run',
  schema: ZConfirmSelection,
  run: async ({ user, input, tx }) => {
    const run = await confirmSelectionRun(tx, user, input);
    return { runId: run.id };
  },
});

const publish = defineAction({
  permission: 'selection.run',
  schema: ZRecordSelectionPublication,
  run: ({ user, input, tx }) => recordSelectionPublication(tx, user, input),
});

/** Computes and stores a draft selection run of a call (national staff). */
export async function previewSelectionAction(input: unknown) {
  const result = await preview(input);
  if (result.ok) revalidatePath('/gestion/seleccion');
  return result;
}

/** Confirms a draft run with its resolution; final. */
export async function confirmSelectionAction(input: unknown) {
  const result = await confirm(input);
  if (result.ok) {
    dispatchMailAfterResponse();
    revalidatePath('/gestion', 'layout');
    revalidatePath('/seleccionados');
  }
  return result;
}

/** Records, once, the Diario Oficial publication of a confirmed selection. */
export async function recordSelectionPublicationAction(input: unknown) {
  const result = await publish(input);
  if (result.ok) {
    revalidatePath('/gestion', 'layout');
    revalidatePath('/portal', 'layout');
  }
  return result;
}
