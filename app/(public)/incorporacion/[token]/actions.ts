'use server';

import type { ConfirmIncorporationState } from '@/components/roster/confirm-incorporation-form';
import { fieldErrorsOf } from '@/lib/actions/define-action';
import { DomainError } from '@/lib/actions/result';
import { confirmIncorporationWithLink } from '@/lib/dal/incorporation';
import { ZConfirmIncorporationByToken } from '@/lib/validations/roster';

/**
 * A worker without an account confirms through their one-time link. There is no session: the token is
 * the credential, checked (unused, not expired, draft of an open call) in the same transaction that
 * records the confirmation and its audit row.
 */
export async function confirmIncorporationByTokenAction(_state: ConfirmIncorporationState, data: FormData): Promise<ConfirmIncorporationState> {
  const parsed = ZConfirmIncorporationByToken.safeParse(Object.fromEntries(data));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    if (errors.token) return { status: 'error', message: errors.token };
    return { status: 'error', message: 'Revise la casilla marcada.', fieldError: errors.accepted };
  }
  try {
    const { firstName } = await confirmIncorporationWithLink(parsed.data.token);
    return { status: 'ok', message: `Gracias, ${firstName}. Quedó registrado que conoce el proyecto.` };
  } catch (error) {
    if (error instanceof DomainError) return { status: 'error', message: error.message };
    console.error('Confirmación de incorporación fallida', error);
    return { status: 'error', message: 'No pudimos registrar su confirmación por un error del sistema. Intente nuevamente en unos minutos.' };
  }
}
