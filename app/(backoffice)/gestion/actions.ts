'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';
import { assignReviewer, ZAssignReviewerInput } from '@/lib/dal/review-queue';

// Working files (observing, deciding) is what reviewers and directors hold; assigning them is part of it.
const assign = defineAction({
  permission: 'review.observe',
  schema: ZAssignReviewerInput,
  run: ({ user, input, tx }) => assignReviewer(tx, user, input),
});

export type AssignReviewerResult = ActionResult<{ number: string; reviewer: { id: string; name: string } | null; changed: boolean }>;

/** Assigns a file of the caller's region to one of its reviewers (or leaves it unassigned). */
export async function assignReviewerAction(input: unknown): Promise<AssignReviewerResult> {
  const result = await assign(input);
  if (result.ok) revalidatePath('/gestion', 'layout');
  return result;
}

/** The same, as a form action (`useActionState`), so the form also works before scripts load. */
export async function assignReviewerFormAction(_previous: AssignReviewerResult | null, formData: FormData): Promise<AssignReviewerResult> {
  return assignReviewerAction(formData);
}
