import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { normalizeRut } from '@/lib/domain/rut';

/**
 * The portal account a ClaveÚnica sign-in belongs to: the one enabled account with exactly that RUN.
 * A RUN that is not a valid RUT, that no account has, or that more than one account carries (possible
 * only in data older than the unique index) matches nobody, so a sign-in can never land in a stranger's
 * account.
 */
export async function findAccountIdByUniqueRut(
  db: DbOrTx,
  run: string | null | undefined,
  options: { allowDemo: boolean },
): Promise<string | null> {
  const rut = run ? normalizeRut(run) : null;
  if (!rut) return null;
  const rows = await db.select({ id: users.id, disabledAt: users.disabledAt, isDemo: users.isDemo }).from(users).where(eq(users.rut, rut)).limit(2);
  if (rows.length !== 1 || rows[0]!.disabledAt) return null;
  // A real person whose RUN a demo account happens to carry never lands in it where demo accounts are off.
  if (rows[0]!.isDemo && !options.allowDemo) return null;
  return rows[0]!.id;
}

/**
 * ClaveÚnica proved that the account's RUT is the person's: recorded once (audited), it lets a worker's
 * account open the roster rows with that RUT (lib/auth/scope.ts).
 */
export async function recordRutProvenByClaveUnica(db: DbOrTx, accountId: string): Promise<void> {
  const { writeAudit } = await import('@/lib/dal/audit');
  const { now } = await import('@/lib/clock');
  await db.transaction(async (tx) => {
    const at = now();
    const [proven] = await tx
      .update(users)
      .set({ rutVerifiedAt: at })
      .where(and(eq(users.id, accountId), isNull(users.rutVerifiedAt)))
      .returning({ id: users.id, role: users.role, rut: users.rut });
    if (proven)
      await writeAudit(tx, { id: proven.id, role: proven.role }, {
        action: 'user.rut_verified',
        entityType: 'user',
        entityId: proven.id,
        after: { rut: proven.rut, by: 'claveunica', at: at.toISOString() },
      });
  });
}
