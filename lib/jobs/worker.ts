import 'server-only';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { jobs } from '@/db/schema';
import { now } from '@/lib/clock';
import type { Mailer } from '@/lib/mail';
import { santiagoDay, santiagoDayOffset, santiagoInstant } from '@/lib/santiago-time';
import { runDailyAlerts } from './alerts';
import { runMailJobs } from './queue';

/** Kind of the job that runs the daily alerts and then schedules the next day's. */
export const DAILY_ALERTS_JOB = 'alertas_diarias';
/** Officials read their mail in the morning: the alerts leave at 07:00 in Chile. */
const DAILY_ALERTS_HOUR = 7;
const MAX_ATTEMPTS = 5;

type JobRow = typeof jobs.$inferSelect;
type CalendarDay = { year: number; month: number; day: number };

function dayText({ year, month, day }: CalendarDay): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Queues the alerts of one Chilean calendar day at 07:00 local time (whatever the daylight-saving rule
 * that day). The day is the dedupe key, so every instance may call this and the day still runs once.
 */
export async function scheduleDailyAlerts(db: DbOrTx, day: CalendarDay): Promise<void> {
  const text = dayText(day);
  await db
    .insert(jobs)
    .values({
      kind: DAILY_ALERTS_JOB,
      payload: { day: text },
      dedupeKey: `${DAILY_ALERTS_JOB}:${text}`,
      runAt: santiagoInstant(day.year, day.month, day.day, DAILY_ALERTS_HOUR),
    })
    .onConflictDoNothing();
}

/** Each kind's work, run inside the claiming transaction (a savepoint), with the clock reading `at`. */
const handlers: Record<string, (tx: DbOrTx, job: JobRow, at: Date) => Promise<void>> = {
  [DAILY_ALERTS_JOB]: async (tx, _job, at) => {
    await runDailyAlerts(tx, at);
    // From the day it actually ran: after an outage the chain resumes tomorrow instead of replaying each missed day.
    await scheduleDailyAlerts(tx, santiagoDayOffset(at, 1));
  },
};

export interface DueJobsResult {
  ran: number;
  failed: number;
  mail: { sent: number; failed: number };
}

/**
 * Runs what is due by the server clock: today's alerts are scheduled if nothing did yet (a fresh
 * database, or an outage that broke the chain), every due job is claimed with SKIP LOCKED so two
 * instances never run the same one, and then the mail those jobs queued is sent.
 */
export async function runDueJobs(db: Db, mailer: Mailer, limit = 20): Promise<DueJobsResult> {
  await scheduleDailyAlerts(db, santiagoDay(now()));
  let ran = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(inArray(jobs.kind, Object.keys(handlers)), isNull(jobs.doneAt), lte(jobs.runAt, now()), sql`${jobs.attempts} < ${MAX_ATTEMPTS}`))
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!job) return null;
      const at = now();
      try {
        // A savepoint: a failed run leaves nothing half-queued, and the claim can still record the failure.
        await tx.transaction((inner) => handlers[job.kind]!(inner, job, at));
        await tx.update(jobs).set({ doneAt: now(), lockedAt: at, attempts: job.attempts + 1 }).where(eq(jobs.id, job.id));
        return 'ran' as const;
      } catch (error) {
        console.error(`Trabajo ${job.kind} fallido`, error);
        const retryAt = new Date(now().getTime() + 2 ** job.attempts * 60_000);
        await tx
          .update(jobs)
          .set({ attempts: job.attempts + 1, lockedAt: at, lastError: String(error).slice(0, 500), runAt: retryAt })
          .where(eq(jobs.id, job.id));
        return 'failed' as const;
      }
    });
    if (outcome === null) break;
    if (outcome === 'ran') ran++;
    else failed++;
  }
  const mail = await runMailJobs(db, mailer);
  return { ran, failed, mail };
}

const globalForWorker = globalThis as unknown as { __portalJobsWorker?: NodeJS.Timeout };

/**
 * Runs the due jobs every `intervalMs` inside the server process: no extra infrastructure. Ticks never
 * overlap, a failed tick is logged and retried on the next, and the timer does not keep the process
 * alive. Started once per process, even across development reloads.
 */
export function startJobsWorker(open: () => Promise<{ db: Db; mailer: Mailer }>, intervalMs = 60_000): void {
  if (globalForWorker.__portalJobsWorker) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void open()
      .then(({ db, mailer }) => runDueJobs(db, mailer))
      .catch((error: unknown) => console.error('Trabajos programados: la ejecución falló', error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  globalForWorker.__portalJobsWorker = timer;
}
