// Opens (and, on the embedded database, migrates and seeds) the database when the server starts,
// so the first visitor does not wait for it, and starts the worker of scheduled jobs (daily alerts,
// queued mail) unless JOBS_WORKER=0. Skipped while `next build` runs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getDb } = await import('./db');
  await getDb();
  const { env } = await import('./lib/env');
  if (!env().JOBS_WORKER) return;
  const { startJobsWorker } = await import('./lib/jobs/worker');
  const { getMailer } = await import('./lib/services');
  startJobsWorker(async () => ({ db: await getDb(), mailer: getMailer() }));
}
