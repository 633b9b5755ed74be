'use server';

import { redirect } from 'next/navigation';
import { fieldErrorsOf } from '@/lib/actions/define-action';
import { DomainError } from '@/lib/actions/result';
import type { ActionResult } from '@/lib/actions/result';
import { hashPassword } from '@/lib/auth/password';
import { getSessionUser } from '@/lib/auth/session';
import type { SessionUser } from '@/lib/auth/session-user';
import { signUpApplicant } from '@/lib/dal/organizations';
import { ZSignUp } from '@/lib/validations/organization';
import { startSession } from './start-session';

/**
 * Creates an applicant account and signs it in. There is no session yet, so this is the one action that
 * does not go through defineAction; it validates with the form's own schema and audits in one transaction.
 */
export async function signUpAction(input: unknown): Promise<ActionResult> {
  const parsed = ZSignUp.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), formError: 'Revise los campos marcados.' };
  if (await getSessionUser()) return { ok: false, formError: 'Ya tiene una sesión iniciada. Cierre sesión antes de crear otra cuenta.' };
  const { name, rut, email, password, invitationToken } = parsed.data;
  let user: SessionUser;
  try {
    const passwordHash = await hashPassword(password);
    user = await signUpApplicant({ name, rut, email, passwordHash, invitationToken: invitationToken || undefined });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, formError: error.message, fieldErrors: error.fieldErrors };
    console.error('Registro fallido', error);
    return { ok: false, formError: 'No pudimos crear la cuenta por un error del sistema. Intente nuevamente en unos minutos.' };
  }
  await startSession(user);
  redirect(invitationToken ? `/invitacion/${invitationToken}` : '/portal/organizacion');
}
