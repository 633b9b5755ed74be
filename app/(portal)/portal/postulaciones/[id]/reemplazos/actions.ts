'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { proposeReplacement } from '@/lib/dal/replacements';
import { ZProposeReplacement } from '@/lib/validations/observations';

const propose = defineAction({
  permission: 'roster.manage',
  schema: ZProposeReplacement,
  run: ({ user, input, tx }) => proposeReplacement(tx, user, input),
});

/** The union proposes a replacement worker during the correction window. */
export async function proposeReplacementAction(input: unknown) {
  const result = await propose(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}
