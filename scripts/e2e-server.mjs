// Starts the built portal for the browser tests: on DATABASE_URL when set, otherwise on a fresh
// embedded database folder, migrated and seeded by the server itself on start. Its mail goes over SMTP
// to a catching server that keeps each message in .data/e2e-mail for the tests to read.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { startMailCatcher } from './mail-catcher.mjs';

const port = process.env.E2E_PORT ?? '3100';
const env = {
  ...process.env,
  NODE_ENV: 'production',
  DB_AUTO_SETUP: '1',
  ALLOW_DEMO_LOGIN: '1',
  // The test endpoints' secret, shared with the test runner (playwright.config.ts sets it).
  PORTAL_TEST_CLOCK: process.env.PORTAL_TEST_CLOCK,
  // Tests move the clock; the daily alerts would mail on their own schedule and muddle what a test reads.
  JOBS_WORKER: '0',
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'e2e-secret-0123456789abcdef',
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  UPLOAD_DIR: '.data/e2e-uploads',
  NEXT_TELEMETRY_DISABLED: '1',
};
if (!process.env.DATABASE_URL) {
  env.PGLITE_DIR = '.data/e2e-pglite';
  fs.rmSync(env.PGLITE_DIR, { recursive: true, force: true });
}
fs.rmSync('.data/e2e-mail', { recursive: true, force: true });
const catcher = await startMailCatcher('.data/e2e-mail');
env.SMTP_HOST = '127.0.0.1';
env.SMTP_PORT = String(catcher.port);
env.SMTP_SECURE = 'false';
delete env.SMTP_USER;
delete env.SMTP_PASS;
const child = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], { env, stdio: 'inherit' });
const stop = () => {
  child.kill('SIGTERM');
  catcher.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  catcher.close();
  process.exit(code ?? 0);
});
