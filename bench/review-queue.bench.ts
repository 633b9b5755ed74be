/**
 * The back-office queue at national scale: 5.000 applications across every region with 300.000 roster
 * rows, then the queue's first page (everything the page reads: the page, the total, the counts per
 * status, the comunas and the assignable reviewers) for a regional reviewer and for national staff,
 * with and without a search by a worker's RUT. Median of 15 runs after 3 warm-up runs.
 * Target: under 200 ms on PostgreSQL.
 *
 * With DATABASE_URL (a local server) it creates its own database there and drops it afterwards;
 * without it, it runs on an in-memory PGlite, much slower than PostgreSQL.
 * Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/review-queue.bench.ts`.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { SessionUser } from '@/lib/auth/session-user';
import { computeCheckDigit, formatRut } from '@/lib/domain/rut';

const APPLICATIONS = 5_000;
const WORKERS_PER_APPLICATION = 60;
const ORGANIZATIONS = 500;
const WARM_UP = 3;
const RUNS = 15;
const TARGET_MS = 200;
const WORKER_RUT_BASE = 30_000_000;

// The data layer is marked server-only; outside Next.js that marker is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true }; return next(specifier, context); }',
  )}`,
);

/** The mod-11 check digit of an integer column, in SQL (bodies of 8 digits), so RUTs are valid. */
function checkDigitSql(body: string): string {
  const factors = [2, 3, 4, 5, 6, 7, 2, 3];
  const sum = factors.map((f, i) => `((${body} / ${10 ** i}) % 10) * ${f}`).join(' + ');
  return `(case 11 - ((${sum}) % 11) when 11 then '0' when 10 then 'K' else (11 - ((${sum}) % 11))::text end)`;
}

/** Rows of a raw query, whichever driver ran it (postgres.js returns the rows, PGlite an object with them). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  const { eq, sql } = await import('drizzle-orm');
  const { setDbForTests } = await import('@/db');
  const { applications, calls, users } = await import('@/db/schema');
  const { seedDemoData } = await import('@/db/seed/demo');
  const { seedReferenceData } = await import('@/db/seed/reference');
  const { setClock, resetClock } = await import('@/lib/clock');
  const { createTestDb } = await import('@/lib/test/db');
  const { getReviewQueue, listReviewQueue, parseReviewQueueQuery } = await import('@/lib/dal/review-queue');

  const onPostgres = Boolean(process.env.DATABASE_URL);
  if (!onPostgres) console.warn('review queue: sin DATABASE_URL se usa PGlite en memoria, bastante más lento que PostgreSQL; la meta de 200 ms es para PostgreSQL.');
  const today = new Date('2026-12-20T12:00:00Z');
  setClock(today);
  const handle = await createTestDb();
  try {
    await seedReferenceData(handle.db);
    await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
    setDbForTests(handle);
    const [call] = await handle.db.select({ id: calls.id }).from(calls).where(eq(calls.code, 'PVT-DEMO'));
    const callId = call!.id;

    const loadStarted = performance.now();
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`
        insert into organizations (kind, name, rut, region_code, comuna_code)
        select 'sindicato', 'Sindicato Bench ' || g, (60000000 + g)::text || '-' || ${checkDigitSql('(60000000 + g)')}, c.region_code, c.code
        from generate_series(1, ${ORGANIZATIONS}) g
        join (select code, region_code, row_number() over (order by code) as rn from comunas) c on c.rn = 1 + (g * 7) % 346`));
      await tx.execute(sql.raw(`
        create temp table bench_orgs on commit drop as
        select id, row_number() over (order by rut) as rn from organizations where name like 'Sindicato Bench %'`));
      // Comunas are taken in turn, so every region gets files in proportion to its comunas (RM ≈ 15%).
      await tx.execute(sql.raw(`
        insert into applications (number, call_id, organization_id, status, project_name, region_code, comuna_code, submitted_at, sections)
        select 'PVT-BENCH-' || lpad(g::text, 5, '0'), '${callId}', o.id,
          (array['enviada','en_revision','observada','subsanada','aprobada_tecnicamente','enviada','en_revision','borrador'])[1 + g % 8],
          'Proyecto de prueba ' || g, c.region_code, c.code,
          case when g % 8 = 7 then null else timestamptz '2026-12-20 12:00:00+00' - ((g % 40) || ' days')::interval end,
          '{}'::jsonb
        from generate_series(1, ${APPLICATIONS}) g
        join (select code, region_code, row_number() over (order by code) as rn from comunas) c on c.rn = 1 + (g * 31) % 346
        join bench_orgs o on o.rn = 1 + g % ${ORGANIZATIONS}`));
      await tx.execute(sql.raw(`
        create temp table bench_apps on commit drop as
        select id, call_id, row_number() over (order by number) as rn from applications where number like 'PVT-BENCH-%'`));
      await tx.execute(sql.raw(`
        insert into application_dwellings (application_id, band, count, price_uf)
        select a.id, d.band, d.count, d.price from bench_apps a
        cross join (values (1, 12, 1200), (2, 42, 1600), (3, 6, 2000)) as d(band, count, price)
        where d.band < 3 or a.rn % 5 = 0`));
      await tx.execute(sql.raw(`
        insert into roster_entries (application_id, call_id, rut, first_names, last_names, union_member, rsh_percentile, household_size, monthly_income_clp, savings_uf, savings_deposited_uf, band)
        select a.id, a.call_id,
          (${WORKER_RUT_BASE} + (a.rn - 1) * ${WORKERS_PER_APPLICATION} + k)::text || '-' || ${checkDigitSql(`(${WORKER_RUT_BASE} + (a.rn - 1) * ${WORKERS_PER_APPLICATION} + k)`)},
          'Nombre ' || k, 'Apellido ' || a.rn, k % 5 <> 0, 40 + 10 * (k % 5), 1 + k % 5, 650000 + k * 1000, 60 + k % 40, 30 + k % 20, 1 + (k % 3 = 0)::int
        from bench_apps a cross join generate_series(1, ${WORKERS_PER_APPLICATION}) k`));
    });
    await handle.db.execute(sql`analyze`);
    const [loaded] = rowsOf<{ apps: number; roster: number }>(
      await handle.db.execute(sql`select (select count(*)::int from applications) as apps, (select count(*)::int from roster_entries) as roster`),
    );
    const loadMs = performance.now() - loadStarted;

    const person = async (email: string): Promise<SessionUser> => {
      const [u] = await handle.db.select().from(users).where(eq(users.email, email));
      return { id: u!.id, email: u!.email, name: u!.name, role: u!.role, regionCode: u!.regionCode, rut: u!.rut };
    };
    const reviewer = await person('analista.rm@demo.cl');
    const national = await person('minvu@demo.cl');

    // A worker of an RM file, searched the way people type it (with dots).
    const [target] = rowsOf<{ rn: number }>(
      await handle.db.execute(
        sql`select a.rn::int as rn from (select id, region_code, status, row_number() over (order by number) as rn from ${applications} where number like 'PVT-BENCH-%') a where a.region_code = '13' and a.status <> 'borrador' order by a.rn limit 1`,
      ),
    );
    const body = WORKER_RUT_BASE + (Number(target!.rn) - 1) * WORKERS_PER_APPLICATION + 17;
    const workerRut = formatRut(`${body}-${computeCheckDigit(body)}`);
    const check = await listReviewQueue(reviewer, parseReviewQueueQuery({ q: workerRut }));
    if (check.total !== 1) throw new Error(`la búsqueda por RUT ${workerRut} encontró ${check.total} postulaciones`);

    const scenarios: { label: string; user: SessionUser; params: Record<string, string>}[] = [
      { label: 'region 13', user: reviewer, params: {} },
      { label: 'region 13, worker RUT search', user: reviewer, params: { q: workerRut } },
      { label: 'national', user: national, params: {} },
      { label: 'national, worker RUT search', user: national, params: { q: workerRut } },
      { label: 'national, sorted by workers', user: national, params: { orden: 'trabajadores', dir: 'desc' } },
    ];
    const size = `${Number(loaded!.apps).toLocaleString('es-CL')} apps / ${Number(loaded!.roster).toLocaleString('es-CL')} roster rows`;
    console.log(`review queue: loaded ${size} in ${(loadMs / 1000).toFixed(1)} s (${onPostgres ? 'PostgreSQL' : 'PGlite'})`);
    // A loaded database is analysed by autovacuum in production; here it is done at once, so the
    // planner sees the 300.000 rows and counts active workers from the partial index alone.
    if (onPostgres) await handle.db.execute(sql.raw('vacuum analyze roster_entries'));
    const slow: string[] = [];
    for (const s of scenarios) {
      const ms = await time(() => getReviewQueue(s.user, s.params));
      console.log(`review queue: first page (${s.label}, ${size}): ${ms.toFixed(1)} ms median`);
      if (ms > TARGET_MS) slow.push(s.label);
    }
    if (slow.length > 0) {
      const message = `review queue: slower than ${TARGET_MS} ms for ${slow.join('; ')}`;
      if (onPostgres) throw new Error(message);
      console.warn(`${message} (PGlite; the target applies to PostgreSQL)`);
    }
  } finally {
    resetClock();
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
