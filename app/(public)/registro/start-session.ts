import 'server-only';
import { encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { authSecret, isSecureCookie, sessionCookieName, sessionMaxAgeSeconds } from '@/lib/auth/options';
import type { SessionUser } from '@/lib/auth/session-user';

/**
 * Signs a just-created account in with the same cookie the sign-in action issues (lib/auth/sign-in.ts).
 * Kept out of any 'use server' module on purpose: exported from one, it would be a public endpoint that
 * mints a session for whatever user it is handed.
 */
export async function startSession(user: Pick<SessionUser, 'id' | 'email' | 'name'>): Promise<void> {
  const maxAge = sessionMaxAgeSeconds();
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret: authSecret(), maxAge });
  (await cookies()).set(sessionCookieName(), token, { httpOnly: true, sameSite: 'lax', path: '/', secure: isSecureCookie(), maxAge });
}
