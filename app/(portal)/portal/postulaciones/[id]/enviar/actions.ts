'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { approveSubmission, submitApplication } from '@/lib/dal/submission';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZApproveSubmission, ZSubmitApplication } from '@/lib/validations/submission';

const approve = defineAction({
  permission: 'application.submit',
  schema: ZApproveSubmission,
  run: ({ user, input, tx }) => approveSubmission(tx, user, input),
});

const submit = defineAction({
  permission: 'application.submit',
  schema: ZSubmitApplication,
  run: async ({ user, input, tx }) => {
    const result = await submitApplication(tx, user, input);
    return { number: result.number, submittedAt: result.submittedAt.toISOString(), alreadySubmitted: result.alreadySubmitted };
  },
});

/** The union's or the employer's representative approves sending the file exactly as it stands. */
export async function approveSubmissionAction(input: unknown) {
  const result = await approve(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}

/** Sends the application (once) and, after the response, the mails it queued. */
export async function submitApplicationAction(input: unknown) {
  const result = await submit(input);
  if (result.ok) {
    dispatchMailAfterResponse();
    revalidatePath('/portal/postulaciones/[id]', 'layout');
  }
  return result;
}
