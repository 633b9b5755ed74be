'use server';

import { revalidatePath } from 'next/cache';
import type { ConfirmIncorporationState } from '@/components/roster/confirm-incorporation-form';
import { defineAction } from '@/lib/actions/define-action';
import { confirmIncorporationOnline } from '@/lib/dal/incorporation';
import { ZConfirmIncorporation } from '@/lib/validations/roster';

const confirm = defineAction({
  permission: 'incorporation.confirm',
  schema: ZConfirmIncorporation,
  run: ({ user, input, tx }) => confirmIncorporationOnline(tx, user, input),
});

/** The signed-in worker's «Declaro conocer el proyecto» (form: applicationId, accepted). */
export async function confirmIncorporationAction(_state: ConfirmIncorporationState, data: FormData): Promise<ConfirmIncorporationState> {
  const result = await confirm(data);
  if (result.ok) {
    revalidatePath('/portal/postulaciones/[id]', 'layout');
    return { status: 'ok', message: result.data?.alreadyConfirmed ? 'Usted ya había confirmado que conoce el proyecto.' : undefined };
  }
  return { status: 'error', message: result.formError, fieldError: result.fieldErrors?.accepted };
}
