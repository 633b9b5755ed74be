import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { jobs } from '@/db/schema';
import { now } from '@/lib/clock';
import type { Mailer, MailMessage } from '@/lib/mail';

export interface MailJobPayload {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/**
 * Queues an e-mail inside the caller's transaction, so it leaves only if the change it announces commits.
 * The dedupe key makes a retried or double-clicked action queue it once.
 */
export async function enqueueMail(tx: DbOrTx, message: MailJobPayload, dedupeKey: string): Promise<void> {
  if (message.to.length === 0) return;
  await tx.insert(jobs).values({ kind: 'mail', payload: message, dedupeKey, runAt: now() }).onConflictDoNothing();
}

const MAX_ATTEMPTS = 5;

/**
 * Sends the due mail jobs. Each job is claimed with SKIP LOCKED so two server instances never send the same
 * mail; a failure is retried later with back-off.
 */
export async function runMailJobs(db: Db, mailer: Mailer, limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const claimed = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, 'mail'), isNull(jobs.doneAt), lte(jobs.runAt, now()), sql`${jobs.attempts} < ${MAX_ATTEMPTS}`))
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!job) return null;
      const payload = job.payload as MailJobPayload;
      try {
        await mailer.send(payload as MailMessage);
        await tx.update(jobs).set({ doneAt: now(), lockedAt: now(), attempts: job.attempts + 1 }).where(eq(jobs.id, job.id));
        return 'sent' as const;
      } catch (error) {
        const retryAt = new Date(now().getTime() + 2 ** job.attempts * 60_000);
        await tx
          .update(jobs)
          .set({ attempts: job.attempts + 1, lastError: String(error).slice(0, 500), runAt: retryAt })
          .where(eq(jobs.id, job.id));
        return 'failed' as const;
      }
    });
    if (claimed === null) break;
    if (claimed === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}
