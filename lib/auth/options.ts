import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { demoLoginAllowed, env } from '@/lib/env';
import { normalizeRut } from '@/lib/domain/rut';

export function sessionMaxAgeSeconds(): number {
  return env().SESSION_MAX_AGE_MINUTES * 60;
}

export function isSecureCookie(): boolean {
  return env().NEXTAUTH_URL?.startsWith('https://') ?? false;
}

export function sessionCookieName(): string {
  return `${isSecureCookie() ? '__Secure-' : ''}next-auth.session-token`;
}

export function authSecret(): string {
  // A fixed development secret keeps `npm run dev` working out of the box; production requires its own.
  return env().NEXTAUTH_SECRET ?? 'desarrollo-local-no-usar-en-produccion';
}

interface ClaveUnicaProfile {
  sub: string;
  RolUnico?: { numero: number | string; DV: string };
  name?: { nombres?: string[]; apellidos?: string[] };
  email?: string;
}

/**
 * ClaveÚnica (Chile's state OpenID Connect provider), switched on by configuration.
 * Only people already registered in the portal with the same RUN may sign in with it, and only when
 * exactly one account carries that RUN (findAccountIdByUniqueRut).
 */
function claveUnicaProvider(): OAuthConfig<ClaveUnicaProfile> | null {
  const e = env();
  if (!e.CLAVEUNICA_ISSUER || !e.CLAVEUNICA_CLIENT_ID || !e.CLAVEUNICA_CLIENT_SECRET) return null;
  return {
    id: 'claveunica',
    name: 'ClaveÚnica',
    type: 'oauth',
    wellKnown: `${e.CLAVEUNICA_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: e.CLAVEUNICA_CLIENT_ID,
    clientSecret: e.CLAVEUNICA_CLIENT_SECRET,
    authorization: { params: { scope: 'openid run name' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(profile) {
      const run = profile.RolUnico ? normalizeRut(`${profile.RolUnico.numero}-${profile.RolUnico.DV}`) : null;
      return {
        id: run ?? profile.sub,
        name: [...(profile.name?.nombres ?? []), ...(profile.name?.apellidos ?? [])].join(' '),
        email: profile.email ?? null,
      };
    },
  };
}

export function isClaveUnicaEnabled(): boolean {
  return claveUnicaProvider() !== null;
}

/**
 * next-auth configuration. Sessions are JWT cookies; e-mail and password are checked by our own
 * sign-in action (lib/auth/sign-in.ts), which issues the same cookie next-auth reads here.
 */
export function authOptions(): NextAuthOptions {
  const claveUnica = claveUnicaProvider();
  return {
    secret: authSecret(),
    useSecureCookies: isSecureCookie(),
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
    jwt: { maxAge: sessionMaxAgeSeconds() },
    // The portal signs out with its own audited action; next-auth's English page is never shown.
    pages: { signIn: '/ingresar', signOut: '/', error: '/ingresar' },
    providers: claveUnica ? [claveUnica] : [],
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider !== 'claveunica') return true;
        const { getDb } = await import('@/db');
        const { findAccountIdByUniqueRut } = await import('./claveunica-match');
        return (await findAccountIdByUniqueRut(await getDb(), user.id, { allowDemo: demoLoginAllowed() })) ? true : '/ingresar?error=claveunica_sin_cuenta';
      },
      async jwt({ token, account, user }) {
        if (account?.provider === 'claveunica' && user) {
          const { getDb } = await import('@/db');
          const { findAccountIdByUniqueRut, recordRutProvenByClaveUnica } = await import('./claveunica-match');
          const db = await getDb();
          const id = await findAccountIdByUniqueRut(db, user.id, { allowDemo: demoLoginAllowed() });
          if (id) {
            token.sub = id;
            await recordRutProvenByClaveUnica(db, id);
          }
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
}
