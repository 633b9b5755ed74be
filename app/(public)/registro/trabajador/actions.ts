'use server';

import { redirect } from 'next/navigation';
import { fieldErrorsOf } from '@/lib/actions/define-action';
import { DomainError } from '@/lib/actions/result';
import type { ActionResult } from '@/lib/actions/result';
import { hashPassword } from '@/lib/auth/password';
import { getSessionUser } from '@/lib/auth/session';
import type { SessionUser } from '@/lib/auth/session-user';
import { signUpWorker } from '@/lib/dal/worker-accounts';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZWorkerSignUp } from '@/lib/validations/organization';
import { startSession } from '../start-session';

/**
 * Creates an applicant worker's account and signs it in. Like the leaders' sign-up there is no session
 * yet, so it does not go through defineAction; it validates with the form's own schema and audits in
 * one transaction. The role is fixed here, never taken from the form.
 */
export async function signUpWorkerAction(input: unknown): Promise<ActionResult> {
  const parsed = ZWorkerSignUp.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), formError: 'Revise los campos marcados.' };
  if (await getSessionUser()) return { ok: false, formError: 'Ya tiene una sesión iniciada. Cierre sesión antes de crear otra cuenta.' };
  const { name, rut, email, password } = parsed.data;
  let user: SessionUser;
  try {
    user = await signUpWorker({ name, rut, email, passwordHash: await hashPassword(password) });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, formError: error.message, fieldErrors: error.fieldErrors };
    console.error('Registro de trabajador fallido', error);
    return { ok: false, formError: 'No pudimos crear la cuenta por un error del sistema. Intente nuevamente en unos minutos.' };
  }
  dispatchMailAfterResponse();
  await startSession(user);
  redirect('/portal');
}
