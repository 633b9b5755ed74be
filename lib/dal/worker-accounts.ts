import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { rosterEntries } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session-user';
import { writeAudit } from './audit';
import { insertAccount } from './organizations';
import { sendEmailVerification } from './worker-identity';

export interface NewWorkerAccountInput {
  name: string;
  /** Normalised RUT (`12345678-5`), already checked for its digit. */
  rut: string;
  email: string;
  passwordHash: string;
}

/**
 * Creates an applicant worker's account («Soy trabajador/a postulante»). The role is always 'worker';
 * the account reaches the applications whose ACTIVE roster lists its RUT (lib/auth/scope.ts), nothing
 * else, so no link is stored: a worker added to a roster later sees it at once, a replaced one loses it.
 * A typed RUT proves nothing, so the account opens a roster row only once the person confirms the
 * e-mail the organisation recorded on it (the mail queued here) or signs in with ClaveÚnica.
 * A RUT that already has an account is refused without saying whose it is.
 */
export async function createWorkerAccount(tx: DbOrTx, input: NewWorkerAccountInput): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const created = await insertAccount(tx, { email, name: input.name, rut: input.rut, passwordHash: input.passwordHash, role: 'worker', emailVerified: null });
  const [listed] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.rut, input.rut), eq(rosterEntries.status, 'activo')));
  await writeAudit(tx, created, {
    action: 'user.sign_up',
    entityType: 'user',
    entityId: created.id,
    after: { email, name: input.name, rut: input.rut, role: 'worker', activeRosterEntries: listed?.n ?? 0 },
  });
  await sendEmailVerification(tx, created);
  return created;
}

/** Worker sign-up in its own transaction (see createWorkerAccount). */
export async function signUpWorker(input: NewWorkerAccountInput): Promise<SessionUser> {
  const db = await getDb();
  return db.transaction((tx) => createWorkerAccount(tx, input));
}
