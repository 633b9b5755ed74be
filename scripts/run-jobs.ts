/**
 * Runs the due scheduled jobs once (daily alerts, then queued mail) and exits, for operators who drive
 * them from cron with JOBS_WORKER=0 on the servers. Reads the same configuration as the server.
 * On the embedded database (no DATABASE_URL) stop the server first: only one process may open it.
 */
import { register } from 'node:module';

// The data layer is marked server-only; outside Next.js that marker is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true }; return next(specifier, context); }',
  )}`,
);

const { openDb } = await import('@/db/client');
const { env } = await import('@/lib/env');
const { runDueJobs } = await import('@/lib/jobs/worker');
const { getMailer } = await import('@/lib/services');

const e = env();
const handle = await openDb({ databaseUrl: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
try {
  const result = await runDueJobs(handle.db, getMailer());
  console.log(
    `Trabajos ejecutados: ${result.ran}; fallidos: ${result.failed}. Correos enviados: ${result.mail.sent}; con error (se reintentan): ${result.mail.failed}.`,
  );
  if (result.failed > 0 || result.mail.failed > 0) process.exitCode = 1;
} finally {
  await handle.close();
}
