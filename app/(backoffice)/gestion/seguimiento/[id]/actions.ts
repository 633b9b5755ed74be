'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { createBridgeLoan, payInstalment, renewGuarantee } from '@/lib/dal/bridge-loan';
import { verifyMilestone } from '@/lib/dal/followup';
import { recordSubsidyPayment, updateProjectDates } from '@/lib/dal/project-dates';
import { ZPayInstalment, ZRecordSubsidyPayment, ZRegisterBridgeLoan, ZRenewGuarantee, ZUpdateProjectDates, ZVerifyMilestone } from '@/lib/validations/followup';

const verify = defineAction({ permission: 'followup.verify', schema: ZVerifyMilestone, run: ({ user, input, tx }) => verifyMilestone(tx, user, input) });
const register = defineAction({ permission: 'followup.verify', schema: ZRegisterBridgeLoan, run: ({ user, input, tx }) => createBridgeLoan(tx, user, input) });
const renew = defineAction({ permission: 'followup.verify', schema: ZRenewGuarantee, run: ({ user, input, tx }) => renewGuarantee(tx, user, input) });
const pay = defineAction({ permission: 'followup.verify', schema: ZPayInstalment, run: ({ user, input, tx }) => payInstalment(tx, user, input) });
const dates = defineAction({ permission: 'followup.verify', schema: ZUpdateProjectDates, run: ({ user, input, tx }) => updateProjectDates(tx, user, input) });
const subsidyPaid = defineAction({ permission: 'followup.verify', schema: ZRecordSubsidyPayment, run: ({ user, input, tx }) => recordSubsidyPayment(tx, user, input) });

function done() {
  revalidatePath('/gestion/seguimiento/[id]', 'page');
  revalidatePath('/portal/postulaciones/[id]/seguimiento', 'page');
}

/** SERVIU records its site verification of a reported milestone: confirmed (with the progress it measured) or observed. */
export async function verifyMilestoneAction(input: unknown) {
  const result = await verify(input);
  if (result.ok) done();
  return result;
}

/** SERVIU registers the bridge loan of a selected project. */
export async function registerBridgeLoanAction(input: unknown) {
  const result = await register(input);
  if (result.ok) done();
  return result;
}

/** SERVIU records the builder's renewed or replaced guarantee. */
export async function renewGuaranteeAction(input: unknown) {
  const result = await renew(input);
  if (result.ok) done();
  return result;
}

/** SERVIU records an instalment as paid, only when the rules allow it. */
export async function payInstalmentAction(input: unknown) {
  const result = await pay(input);
  if (result.ok) done();
  return result;
}

/** SERVIU records the CBR inscription, the municipal reception or the hand-over of the project. */
export async function updateProjectDatesAction(input: unknown) {
  const result = await dates(input);
  if (result.ok) done();
  return result;
}

/** SERVIU records the payment of the subsidy, which closes the payment window. */
export async function recordSubsidyPaymentAction(input: unknown) {
  const result = await subsidyPaid(input);
  if (result.ok) done();
  return result;
}
