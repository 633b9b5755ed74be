import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginAttempts, users } from '@/db/schema';
import { now } from '@/lib/clock';
import { writeAudit } from '@/lib/dal/audit';
import { dummyPasswordHash, verifyPassword } from './password';
import type { SessionUser } from './session-user';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export type AuthenticateResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' | 'throttled' | 'demo_disabled' | 'disabled'; message: string };

const INVALID = 'El correo o la contraseña no son correctos.';

/**
 * Checks an e-mail and password, throttling repeated failures per e-mail and per address.
 * Every attempt is recorded; the answer never says which of the two was wrong.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string | null },
  options: { allowDemo: boolean },
): Promise<AuthenticateResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now().getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [byEmail] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
  const [byIp] = input.ip
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.ip, input.ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)))
    : [{ n: 0 }];
  if ((byEmail?.n ?? 0) >= MAX_FAILURES_PER_EMAIL || (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP) {
    return {
      ok: false,
      reason: 'throttled',
      message: `Demasiados intentos fallidos. Por seguridad, espere ${THROTTLE_WINDOW_MINUTES} minutos antes de volver a intentar.`,
    };
  }

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const record = (succeeded: boolean) => db.insert(loginAttempts).values({ email, ip: input.ip, succeeded, at: now() });

  if (!user || !user.passwordHash || !valid) {
    await record(false);
    return { ok: false, reason: 'invalid', message: INVALID };
  }
  if (user.disabledAt) {
    await record(false);
    return { ok: false, reason: 'disabled', message: 'Esta cuenta está deshabilitada. Contacte a la mesa de ayuda.' };
  }
  if (user.isDemo && !options.allowDemo) {
    await record(false);
    return {
      ok: false,
      reason: 'demo_disabled',
      message: 'Las cuentas de demostración están deshabilitadas en este ambiente.',
    };
  }
  const sessionUser: SessionUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    regionCode: user.regionCode,
    rut: user.rut,
  };
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip: input.ip, succeeded: true, at: now() });
    await writeAudit(tx, sessionUser, { action: 'auth.sign_in', entityType: 'user', entityId: user.id });
  });
  return { ok: true, user: sessionUser };
}
