import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { authSecret } from '@/lib/auth/options';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/jobs/queue';
import { emailVerificationMail } from '@/lib/mail/templates';
import { writeAudit } from './audit';

/** How long a confirmation link works. */
export const EMAIL_VERIFICATION_HOURS = 48;
/** One resend per window, however often the button is pressed. */
const RESEND_WINDOW_MINUTES = 10;

interface TokenClaims {
  /** Account id. */
  u: string;
  /** The address the link was sent to: a link for an old address confirms nothing. */
  e: string;
  /** Expiry, epoch milliseconds. */
  x: number;
}

function sign(data: string): string {
  return createHmac('sha256', authSecret()).update(`email-verification:${data}`).digest('base64url');
}

/** A signed, expiring link token: nothing to store, and it only confirms the address it was sent to. */
export function emailVerificationToken(userId: string, email: string, at: Date): string {
  const data = Buffer.from(JSON.stringify({ u: userId, e: email, x: at.getTime() + EMAIL_VERIFICATION_HOURS * 3_600_000 } satisfies TokenClaims)).toString('base64url');
  return `${data}.${sign(data)}`;
}

function readToken(token: string): TokenClaims | null {
  const [data, signature, extra] = token.split('.');
  if (!data || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(data));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    return typeof claims.u === 'string' && typeof claims.e === 'string' && typeof claims.x === 'number' ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/** Queues the confirmation mail for the account's address (at most once per resend window). */
export async function sendEmailVerification(tx: DbOrTx, user: Pick<SessionUser, 'id' | 'email' | 'name'>): Promise<void> {
  const at = now();
  const token = emailVerificationToken(user.id, user.email, at);
  const url = `${env().PUBLIC_BASE_URL.replace(/\/+$/, '')}/verificar-correo/${token}`;
  const window = Math.floor(at.getTime() / (RESEND_WINDOW_MINUTES * 60_000));
  await enqueueMail(tx, { to: [user.email], ...emailVerificationMail({ name: user.name, url, hours: EMAIL_VERIFICATION_HOURS }) }, `email-verification:${user.id}:${window}`);
}

/** A signed-in worker asks for the confirmation mail again. */
export async function resendEmailVerification(tx: DbOrTx, user: SessionUser): Promise<{ email: string }> {
  const [account] = await tx.select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, user.id));
  if (!account) throw new DomainError('No se encontró su cuenta.');
  if (account.emailVerified) throw new DomainError('Su correo ya está confirmado.');
  await sendEmailVerification(tx, user);
  await writeAudit(tx, user, { action: 'user.email_verification.resend', entityType: 'user', entityId: user.id, after: { email: user.email } });
  return { email: user.email };
}

/**
 * Confirms an address from its link. The token is the credential (signed, expiring, for one address):
 * a link for an address the account no longer has, or for a disabled account, confirms nothing.
 */
export async function confirmEmail(tx: DbOrTx, token: string): Promise<{ email: string; alreadyConfirmed: boolean }> {
  const claims = readToken(token);
  const invalid = 'Este enlace de confirmación no es válido. Ingrese al portal y pida uno nuevo.';
  if (!claims) throw new DomainError(invalid);
  if (claims.x <= now().getTime()) throw new DomainError('Este enlace de confirmación venció. Ingrese al portal y pida uno nuevo.');
  const [account] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, claims.u), eq(users.email, claims.e), isNull(users.disabledAt)))
    .for('update');
  if (!account) throw new DomainError(invalid);
  if (account.emailVerified) return { email: account.email, alreadyConfirmed: true };
  const at = now();
  await tx.update(users).set({ emailVerified: at }).where(eq(users.id, account.id));
  await writeAudit(tx, { id: account.id, role: account.role }, {
    action: 'user.email_verified',
    entityType: 'user',
    entityId: account.id,
    before: { emailVerified: null },
    after: { email: account.email, emailVerified: at.toISOString() },
  });
  return { email: account.email, alreadyConfirmed: false };
}

export interface WorkerIdentityDto {
  email: string;
  emailVerified: boolean;
  /** Proven by ClaveÚnica. */
  rutVerified: boolean;
}

/** What the worker's panel needs to explain why no application shows yet. */
export async function getWorkerIdentity(user: SessionUser): Promise<WorkerIdentityDto> {
  const db = await getDb();
  const [account] = await db.select({ email: users.email, emailVerified: users.emailVerified, rutVerifiedAt: users.rutVerifiedAt }).from(users).where(eq(users.id, user.id));
  return { email: account?.email ?? user.email, emailVerified: Boolean(account?.emailVerified), rutVerified: Boolean(account?.rutVerifiedAt) };
}

/** confirmEmail in its own transaction (the link's page has no session to lean on). */
export async function confirmEmailFromLink(token: string): Promise<{ email: string; alreadyConfirmed: boolean }> {
  const db = await getDb();
  return db.transaction((tx) => confirmEmail(tx, token));
}

/** resendEmailVerification in its own transaction. */
export async function requestEmailVerificationAgain(user: SessionUser): Promise<{ email: string }> {
  const db = await getDb();
  return db.transaction((tx) => resendEmailVerification(tx, user));
}
