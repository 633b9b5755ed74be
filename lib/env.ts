import { z } from 'zod';

const boolish = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL connection; when unset the portal runs on embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder of the embedded database (PGlite) when DATABASE_URL is unset. */
  PGLITE_DIR: z.string().default('.data/pglite'),
  /** Migrate and seed demo data on start (default: on for the embedded database). */
  DB_AUTO_SETUP: z.enum(['1', '0', 'true', 'false']).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Lets the demo accounts sign in on a production build (demos, browser tests). */
  ALLOW_DEMO_LOGIN: boolish,
  /** Session lifetime in minutes. */
  SESSION_MAX_AGE_MINUTES: z.coerce.number().int().positive().default(480),
  /** Public base URL used in e-mails and the receipt's QR code. */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  /**
   * The in-process worker that runs due jobs (daily alerts, queued mail) every minute; on unless "0".
   * Turn it off where `npm run jobs:run` runs from cron instead, or in browser tests that count mails.
   */
  JOBS_WORKER: z
    .enum(['1', '0', 'true', 'false', ''])
    .optional()
    .transform((v) => v !== '0' && v !== 'false'),
  /**
   * Browser tests only: a secret (16+ characters) that enables the test endpoints (server clock,
   * fixtures) for requests that send it in the x-portal-test-key header. Never set in production.
   */
  PORTAL_TEST_CLOCK: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().min(16, 'PORTAL_TEST_CLOCK debe ser una clave secreta de al menos 16 caracteres.').optional()),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().positive().optional(),
  SMTP_SECURE: boolish,
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('Portal Vivienda Trabajadores <no-responder@vivienda.example.cl>'),
  MAIL_DIR: z.string().default('.data/mail'),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  UPLOAD_DIR: z.string().default('.data/uploads'),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(10),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  CLAVEUNICA_ISSUER: z.string().url().optional(),
  CLAVEUNICA_CLIENT_ID: z.string().optional(),
  CLAVEUNICA_CLIENT_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The validated environment; the only place process.env is read. */
export function env(): Env {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`Configuración inválida:\n${lines.join('\n')}`);
    }
    if (parsed.data.NODE_ENV === 'production' && !parsed.data.NEXTAUTH_SECRET && !isBuildPhase()) {
      throw new Error('NEXTAUTH_SECRET es obligatorio en producción.');
    }
    cached = parsed.data;
  }
  return cached;
}

export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

export function shouldAutoSetupDb(e: Env = env()): boolean {
  if (e.DB_AUTO_SETUP) return e.DB_AUTO_SETUP === '1' || e.DB_AUTO_SETUP === 'true';
  return !e.DATABASE_URL;
}

/** Clears the cache; tests change process.env between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Demo accounts sign in outside production, and in production only when ALLOW_DEMO_LOGIN says so. */
export function demoLoginAllowed(): boolean {
  const e = env();
  return e.NODE_ENV !== 'production' || e.ALLOW_DEMO_LOGIN;
}
