'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { createEarlySaleRequest } from '@/lib/dal/prohibitions';
import { ZFileEarlySaleRequest } from '@/lib/validations/prohibitions';

// Both the union's representative and the worker read the project; the DAL decides which dwelling each may ask for.
const fileRequest = defineAction({
  permission: 'application.read',
  schema: ZFileEarlySaleRequest,
  run: ({ user, input, tx }) => createEarlySaleRequest(tx, user, input),
});

/** The family asks the SERVIU director to authorise selling its dwelling before the prohibition ends. */
export async function fileEarlySaleRequestAction(input: unknown) {
  const result = await fileRequest(input);
  if (result.ok) {
    revalidatePath('/portal/postulaciones/[id]/seguimiento/prohibiciones', 'page');
    revalidatePath('/gestion/seguimiento/[id]/prohibiciones', 'page');
  }
  return result;
}
