'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { answerObservation, submitCorrection } from '@/lib/dal/observations';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZAnswerObservation, ZSubmitCorrection } from '@/lib/validations/observations';

const answer = defineAction({
  permission: 'application.edit',
  schema: ZAnswerObservation,
  run: async ({ user, input, tx }) => {
    const { file, ...rest } = input;
    const upload = file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
    return answerObservation(tx, user, { ...rest, file: upload });
  },
});

const correct = defineAction({
  permission: 'application.submit',
  schema: ZSubmitCorrection,
  run: ({ user, input, tx }) => submitCorrection(tx, user, input),
});

/** Answers one observation (FormData: applicationId, observationId, answer, and optionally file, slot, issuedOn). */
export async function answerObservationAction(input: unknown) {
  const result = await answer(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}

/** Sends the correction (subsanación) and, after the response, the mail to the region's reviewers. */
export async function submitCorrectionAction(input: unknown) {
  const result = await correct(input);
  if (result.ok) {
    dispatchMailAfterResponse();
    revalidatePath('/portal/postulaciones/[id]', 'layout');
  }
  return result;
}
