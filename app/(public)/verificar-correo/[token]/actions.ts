'use server';

import { z } from 'zod';
import type { OneButtonState } from '@/components/auth/one-button-form';
import { DomainError } from '@/lib/actions/result';
import { confirmEmailFromLink } from '@/lib/dal/worker-identity';

const ZConfirmEmail = z.object({ token: z.string().trim().min(10).max(1000) });

/**
 * Confirms an address from the mailed link. There may be no session (the link can open on another
 * phone): the signed token is the credential, checked in the transaction that records it and audits.
 */
export async function confirmEmailAction(_state: OneButtonState, data: FormData): Promise<OneButtonState> {
  const parsed = ZConfirmEmail.safeParse(Object.fromEntries(data));
  if (!parsed.success) return { status: 'error', message: 'Este enlace de confirmación no es válido. Ingrese al portal y pida uno nuevo.' };
  try {
    const { email, alreadyConfirmed } = await confirmEmailFromLink(parsed.data.token);
    return {
      status: 'ok',
      message: alreadyConfirmed
        ? `El correo ${email} ya estaba confirmado.`
        : `Listo: confirmamos el correo ${email}. Ingrese al portal para ver su postulación.`,
    };
  } catch (error) {
    if (error instanceof DomainError) return { status: 'error', message: error.message };
    console.error('Confirmación de correo fallida', error);
    return { status: 'error', message: 'No pudimos confirmar su correo por un error del sistema. Intente nuevamente en unos minutos.' };
  }
}
