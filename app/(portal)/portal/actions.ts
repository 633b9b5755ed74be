'use server';

import type { OneButtonState } from '@/components/auth/one-button-form';
import { DomainError } from '@/lib/actions/result';
import { requireRole } from '@/lib/auth/session';
import { requestEmailVerificationAgain } from '@/lib/dal/worker-identity';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';

/** A signed-in worker asks for the e-mail confirmation link again (at most one mail per few minutes). */
export async function resendEmailVerificationAction(_state: OneButtonState, _data: FormData): Promise<OneButtonState> {
  const user = await requireRole('worker');
  try {
    const { email } = await requestEmailVerificationAgain(user);
    dispatchMailAfterResponse();
    return { status: 'ok', message: `Le enviamos el enlace a ${email}. Revise también la carpeta de correo no deseado.` };
  } catch (error) {
    if (error instanceof DomainError) return { status: 'error', message: error.message };
    console.error('Reenvío de confirmación de correo fallido', error);
    return { status: 'error', message: 'No pudimos enviar el correo por un error del sistema. Intente nuevamente en unos minutos.' };
  }
}
