'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { decideEarlySaleRequest, recordCbrInscription } from '@/lib/dal/prohibitions';
import { ZDecideEarlySaleRequest, ZRecordCbrInscription } from '@/lib/validations/prohibitions';

const record = defineAction({ permission: 'followup.verify', schema: ZRecordCbrInscription, run: ({ user, input, tx }) => recordCbrInscription(tx, user, input) });
const decide = defineAction({ permission: 'prohibition.decide', schema: ZDecideEarlySaleRequest, run: ({ user, input, tx }) => decideEarlySaleRequest(tx, user, input) });

function done() {
  revalidatePath('/gestion/seguimiento/[id]/prohibiciones', 'page');
  revalidatePath('/portal/postulaciones/[id]/seguimiento/prohibiciones', 'page');
}

/** SERVIU records a handed-over dwelling's CBR inscription, which starts its prohibition. */
export async function recordCbrInscriptionAction(input: unknown) {
  const result = await record(input);
  if (result.ok) done();
  return result;
}

/** The SERVIU director decides an early-sale request. */
export async function decideEarlySaleRequestAction(input: unknown) {
  const result = await decide(input);
  if (result.ok) done();
  return result;
}
