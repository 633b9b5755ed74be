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
 * The dedupe key (unique, and required for mail by the table) makes a retried or double-clicked action
 * queue it once.
 */
export async function enqueueMail(tx: DbOrTx, message: MailJobPayload, dedupeKey: string): Promise<void> {
  if (message.to.length === 0) return;
  await tx.insert(jobs).values({ kind: 'mail', payload: message, dedupeKey, runAt: now() }).onConflictDoNothing();
}

const MAX_ATTEMPTS = 5;

type MailJob = typeof jobs.$inferSelect;

/**
 * Claims the next due mail and marks it as being sent (locked_at set, done_at empty) in its own committed
 * transaction, before any SMTP traffic. SKIP LOCKED keeps two instances off the same row while it is
 * claimed; once committed, the mark itself keeps every later run off it.
 */
async function claimMailJob(db: Db): Promise<MailJob | null> {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.kind, 'mail'),
          isNull(jobs.doneAt),
          isNull(jobs.lockedAt),
          lte(jobs.runAt, now()),
          sql`${jobs.attempts} < ${MAX_ATTEMPTS}`,
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!job) return null;
    const [claimed] = await tx
      .update(jobs)
      .set({ lockedAt: now(), attempts: job.attempts + 1 })
      .where(and(eq(jobs.id, job.id), isNull(jobs.lockedAt), isNull(jobs.doneAt)))
      .returning();
    return claimed ?? null;
  });
}

/**
 * Sends the due mail jobs, each at most once per dedupe key: a job is marked as sending and committed
 * before the SMTP server is contacted, and marked sent after it accepts the message. A job the SMTP server
 * refused goes back to the queue with back-off. If the server crashes or the database fails between
 * the SMTP server's acceptance and the "sent" mark, the job stays marked as sending (locked_at set, done_at
 * empty) and is never claimed again: a mail that may have left is not sent twice.
 */
export async function runMailJobs(db: Db, mailer: Mailer, limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const job = await claimMailJob(db);
    if (!job) break;
    try {
      await mailer.send(job.payload as MailMessage);
    } catch (error) {
      const retryAt = new Date(now().getTime() + 2 ** (job.attempts - 1) * 60_000);
      await db
        .update(jobs)
        .set({ lockedAt: null, lastError: String(error).slice(0, 500), runAt: retryAt })
        .where(and(eq(jobs.id, job.id), isNull(jobs.doneAt)));
      failed++;
      continue;
    }
    sent++;
    try {
      await db.update(jobs).set({ doneAt: now(), lastError: null }).where(eq(jobs.id, job.id));
    } catch (error) {
      // Delivered but not marked: it stays "sending" and is never retried, so it cannot go out twice.
      console.error(`Correo ${job.dedupeKey ?? job.id} entregado, pero no se pudo marcar como enviado; no se reenviará.`, error);
    }
  }
  return { sent, failed };
}
