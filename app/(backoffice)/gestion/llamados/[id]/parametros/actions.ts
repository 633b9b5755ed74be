'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { updateCallIncomeCaps, updateCallScoreTables } from '@/lib/dal/call-configuration';
import { ZUpdateIncomeCaps, ZUpdateScoreTables } from '@/lib/validations/call-parameters';

const scoreTables = defineAction({
  permission: 'call.configure',
  schema: ZUpdateScoreTables,
  run: ({ user, input, tx }) => updateCallScoreTables(tx, user, input),
});

const incomeCaps = defineAction({
  permission: 'call.configure',
  schema: ZUpdateIncomeCaps,
  run: ({ user, input, tx }) => updateCallIncomeCaps(tx, user, input),
});

/** Saves the score point tables of a call (national staff); audited, refused once its selection is confirmed. */
export async function updateScoreTablesAction(input: unknown) {
  const result = await scoreTables(input);
  if (result.ok) {
    revalidatePath('/gestion/llamados', 'layout');
    revalidatePath('/gestion/seleccion');
  }
  return result;
}

/** Saves the income caps by household size of a call (national staff); audited, refused once its selection is confirmed. */
export async function updateIncomeCapsAction(input: unknown) {
  const result = await incomeCaps(input);
  if (result.ok) {
    revalidatePath('/gestion/llamados', 'layout');
    revalidatePath('/gestion/seleccion');
  }
  return result;
}
