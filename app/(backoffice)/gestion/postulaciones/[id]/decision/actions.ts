'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { approveTechnically, rejectApplication, takeIntoReview } from '@/lib/dal/decisions';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZDecision } from '@/lib/validations/observations';

const take = defineAction({
  permission: 'review.decide',
  schema: ZDecision,
  run: ({ user, input, tx }) => takeIntoReview(tx, user, input),
});

const approve = defineAction({
  permission: 'review.approve_technical',
  schema: ZDecision,
  run: ({ user, input, tx }) => approveTechnically(tx, user, input),
});

const reject = defineAction({
  permission: 'review.decide',
  schema: ZDecision,
  run: ({ user, input, tx }) => rejectApplication(tx, user, input),
});

function done() {
  dispatchMailAfterResponse();
  revalidatePath('/gestion', 'layout');
  revalidatePath('/portal/postulaciones/[id]', 'layout');
}

/** SERVIU of the region takes the file into review, with its reason. */
export async function takeIntoReviewAction(input: unknown) {
  const result = await take(input);
  if (result.ok) done();
  return result;
}

/** Technical approval by the region's director, with its reason. */
export async function approveTechnicallyAction(input: unknown) {
  const result = await approve(input);
  if (result.ok) done();
  return result;
}

/** Rejection by SERVIU of the region, with its reason. */
export async function rejectApplicationAction(input: unknown) {
  const result = await reject(input);
  if (result.ok) done();
  return result;
}
