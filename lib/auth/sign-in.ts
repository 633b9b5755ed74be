'use server';

import { encode } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { demoLoginAllowed } from '@/lib/env';
import { clientAddress } from './client-address';
import { writeAudit } from '@/lib/dal/audit';
import { authenticate } from './authenticate';
import { authSecret, sessionCookieName, sessionMaxAgeSeconds, isSecureCookie } from './options';
import { dashboardPath } from './permissions';
import { getSessionUser } from './session';

export interface SignInState {
  email: string;
  formError?: string;
  fieldErrors?: { email?: string; password?: string };
}

const ZSignIn = z.object({
  email: z.string().trim().min(1, 'Ingrese su correo electrónico.').email('Ingrese un correo electrónico válido, por ejemplo nombre@dominio.cl.'),
  password: z.string().min(1, 'Ingrese su contraseña.'),
  callbackUrl: z.string().optional(),
});

/** Only same-site paths: an open redirect after sign-in would hand phishing pages a trusted link. */
function safeCallback(url: string | undefined): string | null {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return null;
  return url;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = ZSignIn.safeParse(Object.fromEntries(formData));
  const email = String(formData.get('email') ?? '');
  if (!parsed.success) {
    const fieldErrors: SignInState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === 'email' || key === 'password') && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    return { email, fieldErrors };
  }
  const h = await headers();
  const ip = clientAddress(h.get('x-forwarded-for'), h.get('x-real-ip'));
  const db = await getDb();
  const result = await authenticate(db, { email: parsed.data.email, password: parsed.data.password, ip }, { allowDemo: demoLoginAllowed() });
  if (!result.ok) return { email, formError: result.message };

  const maxAge = sessionMaxAgeSeconds();
  const token = await encode({
    token: { sub: result.user.id, email: result.user.email, name: result.user.name },
    secret: authSecret(),
    maxAge,
  });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isSecureCookie(),
    maxAge,
  });
  redirect(safeCallback(parsed.data.callbackUrl) ?? dashboardPath(result.user.role));
}

export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) {
    const db = await getDb();
    await writeAudit(db, user, { action: 'auth.sign_out', entityType: 'user', entityId: user.id });
  }
  // Expired with the same attributes it was set with: a browser ignores a «__Secure-» cookie sent without «Secure».
  (await cookies()).set(sessionCookieName(), '', { httpOnly: true, sameSite: 'lax', path: '/', secure: isSecureCookie(), maxAge: 0 });
  redirect('/');
}
