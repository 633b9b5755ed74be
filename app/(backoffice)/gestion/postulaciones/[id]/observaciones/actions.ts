'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { createObservation, deleteObservation, reviewObservation, sendObservationRound } from '@/lib/dal/observations';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZCreateObservation, ZDeleteObservation, ZReviewObservation, ZSendObservationRound } from '@/lib/validations/observations';

const create = defineAction({
  permission: 'review.observe',
  schema: ZCreateObservation,
  run: ({ user, input, tx }) => createObservation(tx, user, input),
});

const remove = defineAction({
  permission: 'review.observe',
  schema: ZDeleteObservation,
  run: ({ user, input, tx }) => deleteObservation(tx, user, input),
});

const send = defineAction({
  permission: 'review.observe',
  schema: ZSendObservationRound,
  run: async ({ user, input, tx }) => {
    const result = await sendObservationRound(tx, user, input);
    return { roundNumber: result.roundNumber, deadlineAt: result.deadlineAt.toISOString(), observationCount: result.observationCount };
  },
});

const review = defineAction({
  permission: 'review.observe',
  schema: ZReviewObservation,
  run: ({ user, input, tx }) => reviewObservation(tx, user, input),
});

function refresh() {
  revalidatePath('/gestion/postulaciones/[id]', 'layout');
  revalidatePath('/portal/postulaciones/[id]', 'layout');
}

/** Drafts one observation in the open round of a file of the official's region. */
export async function createObservationAction(input: unknown) {
  const result = await create(input);
  if (result.ok) refresh();
  return result;
}

/** Deletes a draft observation (sent ones stay on record). */
export async function deleteObservationAction(input: unknown) {
  const result = await remove(input);
  if (result.ok) refresh();
  return result;
}

/** Sends the draft round with its correction deadline and, after the response, the mails it queued. */
export async function sendObservationRoundAction(input: unknown) {
  const result = await send(input);
  if (result.ok) {
    dispatchMailAfterResponse();
    refresh();
  }
  return result;
}

/** Accepts an answered observation or repeats it in the next round. */
export async function reviewObservationAction(input: unknown) {
  const result = await review(input);
  if (result.ok) refresh();
  return result;
}
