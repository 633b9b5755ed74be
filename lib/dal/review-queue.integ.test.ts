import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { applicationDwellings, applications, auditLog, calls, observationRounds, organizations, rosterEntries, users } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { computeCheckDigit, formatRut } from '@/lib/domain/rut';
import { createTestDb } from '@/lib/test/db';
import {
  QUEUE_PAGE_SIZE,
  assignReviewer,
  getReviewQueueCounts,
  listAssignableReviewers,
  listQueueComunas,
  listReviewQueue,
  parseReviewQueueQuery,
} from './review-queue';

const NOW = new Date('2026-12-20T15:00:00Z');
const DAY = 86_400_000;

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const ids: Record<string, string> = {};
let callId = '';
let rmUnionId = '';
let northUnionId = '';

function rut(body: number): string {
  return `${body}-${computeCheckDigit(body)}`;
}

/** A worker RUT present only in an RM file, and one only in the RM draft. */
const RM_WORKER = rut(21_555_001);
const DRAFT_WORKER = rut(21_555_002);
const NORTH_WORKER = rut(21_555_003);

function inTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(work);
}

async function queue(email: string, params: Record<string, string> = {}) {
  return listReviewQueue(people[email]!, parseReviewQueueQuery(params));
}

async function numbers(email: string, params: Record<string, string> = {}): Promise<string[]> {
  return (await queue(email, params)).rows.map((r) => r.number);
}

let workerSeq = 0;
async function insertApplication(input: {
  number: string;
  regionCode: string;
  comunaCode: string;
  status: ApplicationStatus;
  submittedDaysAgo?: number;
  bands?: [number, number][];
  workers?: number;
  workerRuts?: string[];
  organizationId?: string;
}): Promise<string> {
  const [app] = await handle.db
    .insert(applications)
    .values({
      number: input.number,
      callId,
      organizationId: input.organizationId ?? (input.regionCode === '02' ? northUnionId : rmUnionId),
      status: input.status,
      projectName: `Proyecto ${input.number}`,
      regionCode: input.regionCode,
      comunaCode: input.comunaCode,
      submittedAt: input.status === 'borrador' ? null : new Date(NOW.getTime() - (input.submittedDaysAgo ?? 1) * DAY),
    })
    .returning({ id: applications.id });
  const id = app!.id;
  ids[input.number] = id;
  const bands = input.bands ?? [
    [1, 1],
    [2, 4],
  ];
  await handle.db.insert(applicationDwellings).values(bands.map(([band, count]) => ({ applicationId: id, band, count, priceUf: band === 1 ? '1200' : band === 2 ? '1600' : '2000' })));
  const ruts = [...(input.workerRuts ?? [])];
  while (ruts.length < (input.workers ?? 0)) ruts.push(rut(30_000_000 + ++workerSeq));
  if (ruts.length > 0) {
    await handle.db.insert(rosterEntries).values(
      ruts.map((r, i) => ({
        applicationId: id,
        callId,
        rut: r,
        firstNames: 'Ana',
        lastNames: `Prueba ${i}`,
        unionMember: true,
        rshPercentile: 40,
        householdSize: 3,
        monthlyIncomeClp: 700_000,
        savingsUf: '60',
        savingsDepositedUf: '30',
        band: 1,
      })),
    );
  }
  return id;
}

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  setDbForTests(handle);
  const [call] = await handle.db.select({ id: calls.id }).from(calls).where(eq(calls.code, 'PVT-DEMO'));
  callId = call!.id;
  const orgs = await handle.db.select().from(organizations);
  rmUnionId = orgs.find((o) => o.regionCode === '13')!.id;
  northUnionId = orgs.find((o) => o.regionCode === '02')!.id;
  await handle.db.insert(users).values([
    { email: 'analista2.rm@test.cl', name: 'Beatriz Analista Dos', role: 'reviewer', regionCode: '13' },
    { email: 'analista.baja@test.cl', name: 'Carlos Deshabilitado', role: 'reviewer', regionCode: '13', disabledAt: NOW },
  ]);
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  for (const a of await handle.db.select({ id: applications.id, number: applications.number }).from(applications)) ids[a.number] = a.id;

  // 30 RM files (plus the seeded PVT-DEMO-0002): two pages of 25.
  const rmComunas = ['13101', '13110', '13201'];
  for (let i = 1; i <= 30; i++) {
    const number = `PVT-TEST-${String(i).padStart(4, '0')}`;
    await insertApplication({
      number,
      regionCode: '13',
      comunaCode: rmComunas[i % 3]!,
      status: i <= 20 ? 'enviada' : i <= 25 ? 'en_revision' : 'observada',
      submittedDaysAgo: i, // PVT-TEST-0011 … 0020 are «enviada» for more than 10 days
      bands: i % 5 === 0 ? [[1, 1], [2, 4], [3, 1]] : [[1, 1], [2, 4]],
      workers: i === 7 ? 0 : i % 4,
      workerRuts: i === 7 ? [RM_WORKER, rut(21_555_010), rut(21_555_011), rut(21_555_012), rut(21_555_013), rut(21_555_014), rut(21_555_015)] : undefined,
    });
  }
  // Observed files: 0026 with a passed correction deadline, 0027 with a future one.
  await handle.db.insert(observationRounds).values([
    { applicationId: ids['PVT-TEST-0026']!, number: 1, sentAt: new Date(NOW.getTime() - 20 * DAY), deadlineAt: new Date(NOW.getTime() - DAY) },
    { applicationId: ids['PVT-TEST-0027']!, number: 1, sentAt: new Date(NOW.getTime() - 2 * DAY), deadlineAt: new Date(NOW.getTime() + 5 * DAY) },
  ]);
  await insertApplication({ number: 'PVT-TEST-BORR', regionCode: '13', comunaCode: '13101', status: 'borrador', workerRuts: [DRAFT_WORKER] });
  await insertApplication({ number: 'PVT-TEST-NORTE', regionCode: '02', comunaCode: '02101', status: 'en_revision', workerRuts: [NORTH_WORKER] });
  await handle.db.update(applications).set({ assignedReviewerId: people['analista.rm@demo.cl']!.id }).where(eq(applications.number, 'PVT-TEST-0003'));
});

afterAll(async () => {
  resetClock();
  await handle?.close();
});

afterEach(() => resetClock());

describe('review queue scope', () => {
  it('an Antofagasta reviewer never sees RM files, even searching their numbers or their workers’ RUTs', async () => {
    setClock(NOW);
    const antofagasta = 'analista.antofagasta@demo.cl';
    expect((await numbers(antofagasta)).sort()).toEqual(['PVT-DEMO-0003', 'PVT-TEST-NORTE']);
    expect(await numbers(antofagasta, { q: 'PVT-TEST-0007' })).toEqual([]);
    expect(await numbers(antofagasta, { q: 'PVT-DEMO-0002' })).toEqual([]);
    expect(await numbers(antofagasta, { q: formatRut(RM_WORKER) })).toEqual([]);
    expect(await numbers(antofagasta, { q: 'Sindicato de Trabajadores Demo Uno' })).toEqual([]);
    expect(await numbers(antofagasta, { comuna: '13101' })).toEqual([]);
    expect(await numbers(antofagasta, { q: formatRut(NORTH_WORKER) })).toEqual(['PVT-TEST-NORTE']);
    const counts = await getReviewQueueCounts(people[antofagasta]!);
    expect(counts.total).toBe(2);
    expect(counts.byStatus.enviada).toBe(1);
    expect(counts.byStatus.en_revision).toBe(1);
    expect((await listQueueComunas(people[antofagasta]!)).map((c) => c.code)).toEqual(['02101']);
  });

  it('drafts are never listed, not for the region, national staff or a search', async () => {
    for (const email of ['analista.rm@demo.cl', 'director.rm@demo.cl', 'minvu@demo.cl', 'gore.magallanes@demo.cl']) {
      const all = await queue(email, { page: '1' });
      expect(all.rows.map((r) => r.number)).not.toContain('PVT-TEST-BORR');
      expect(all.rows.map((r) => r.number)).not.toContain('PVT-DEMO-0001');
      expect(await numbers(email, { q: 'PVT-TEST-BORR' })).toEqual([]);
      expect(await numbers(email, { q: DRAFT_WORKER })).toEqual([]);
      expect(await numbers(email, { q: 'PVT-DEMO-0001' })).toEqual([]);
    }
    const national = await getReviewQueueCounts(people['minvu@demo.cl']!);
    expect(national.total).toBe(30 + 2 + 1);
    expect(Object.keys(national.byStatus)).not.toContain('borrador');
  });

  it('GORE sees only D.S. N°49 files of its region, and a reviewer without region nothing', async () => {
    expect((await queue('gore.magallanes@demo.cl')).total).toBe(0);
    const orphan = { ...people['analista.rm@demo.cl']!, regionCode: null };
    expect((await listReviewQueue(orphan, parseReviewQueueQuery({}))).total).toBe(0);
  });

  it('national staff see every region and can cut by region', async () => {
    const all = await queue('minvu@demo.cl');
    expect(all.total).toBe(33);
    expect(await numbers('minvu@demo.cl', { region: '02' })).toEqual(expect.arrayContaining(['PVT-DEMO-0003', 'PVT-TEST-NORTE']));
    expect((await queue('minvu@demo.cl', { region: '02' })).total).toBe(2);
    expect((await queue('minvu@demo.cl', { q: formatRut(RM_WORKER) })).rows.map((r) => r.number)).toEqual(['PVT-TEST-0007']);
  });
});

describe('review queue filters, search, sort and pages', () => {
  const rm = 'analista.rm@demo.cl';

  it('filters by status, comuna and band mix', async () => {
    setClock(NOW);
    expect((await queue(rm, { estado: 'observada' })).rows.map((r) => r.number)).toEqual(['PVT-TEST-0026', 'PVT-TEST-0027', 'PVT-TEST-0028', 'PVT-TEST-0029', 'PVT-TEST-0030'].reverse());
    expect((await queue(rm, { estado: 'en_revision' })).total).toBe(5);
    const providencia = await queue(rm, { comuna: '13101', orden: 'numero' });
    expect(providencia.total).toBe(10);
    expect(providencia.rows.every((r) => r.comunaName === 'Santiago')).toBe(true);
    expect(await numbers(rm, { tramos: 'con_tramo_3', orden: 'numero' })).toEqual(['PVT-TEST-0005', 'PVT-TEST-0010', 'PVT-TEST-0015', 'PVT-TEST-0020', 'PVT-TEST-0025', 'PVT-TEST-0030']);
    const onlyLow = await queue(rm, { tramos: 'solo_tramos_1_2' });
    expect(onlyLow.total).toBe(31 - 6);
    expect(onlyLow.rows.map((r) => r.number)).not.toContain('PVT-TEST-0005');
    // An unknown value is no filter at all rather than an error.
    expect((await queue(rm, { estado: 'borrador' })).total).toBe(31);
    expect((await queue(rm, { tramos: 'x', comuna: '13', page: '-3' })).total).toBe(31);
  });

  it('overdue: «enviada» for more than the call’s 10 days, or «observada» past the correction deadline', async () => {
    setClock(NOW);
    const overdue = await queue(rm, { atrasadas: 'si', orden: 'numero' });
    // The seeded PVT-DEMO-0002 was sent four weeks before NOW and nobody took it.
    expect(overdue.rows.map((r) => r.number)).toEqual([
      'PVT-DEMO-0002', 'PVT-TEST-0011', 'PVT-TEST-0012', 'PVT-TEST-0013', 'PVT-TEST-0014', 'PVT-TEST-0015',
      'PVT-TEST-0016', 'PVT-TEST-0017', 'PVT-TEST-0018', 'PVT-TEST-0019', 'PVT-TEST-0020', 'PVT-TEST-0026',
    ]);
    expect(overdue.rows.find((r) => r.number === 'PVT-TEST-0011')?.overdue).toBe('revision');
    expect(overdue.rows.find((r) => r.number === 'PVT-TEST-0026')?.overdue).toBe('subsanacion');
    const all = await queue(rm, { estado: 'observada' });
    expect(all.rows.find((r) => r.number === 'PVT-TEST-0027')?.overdue).toBeNull();
    expect((await getReviewQueueCounts(people[rm]!)).overdue).toBe(12);
    // The server clock decides: a week later the second round is overdue too.
    setClock(new Date(NOW.getTime() + 7 * DAY));
    expect(await numbers(rm, { atrasadas: 'si', estado: 'observada', orden: 'numero' })).toEqual(['PVT-TEST-0026', 'PVT-TEST-0027']);
  });

  it('overdue review start is the call’s own parameter, not a fixed number of days', async () => {
    setClock(NOW);
    const [call] = await handle.db.select({ parameters: calls.parameters }).from(calls).where(eq(calls.id, callId));
    const stored = call!.parameters as { deadlines: Record<string, unknown> };
    try {
      await handle.db
        .update(calls)
        .set({ parameters: { ...stored, deadlines: { ...stored.deadlines, reviewStartDays: 17 } } })
        .where(eq(calls.id, callId));
      // Sent 18, 19 and 20 days ago (and the demo file, four weeks ago): only those passed 17 days.
      expect(await numbers(rm, { atrasadas: 'si', estado: 'enviada', orden: 'numero' })).toEqual(['PVT-DEMO-0002', 'PVT-TEST-0018', 'PVT-TEST-0019', 'PVT-TEST-0020']);
      expect((await getReviewQueueCounts(people[rm]!)).overdue).toBe(5);
    } finally {
      await handle.db.update(calls).set({ parameters: stored }).where(eq(calls.id, callId));
    }
  });

  it('filters by assignment', async () => {
    expect(await numbers(rm, { asignacion: 'mias' })).toEqual(['PVT-TEST-0003']);
    expect((await queue(rm, { asignacion: 'sin_asignar' })).total).toBe(30);
    expect(await numbers('analista2.rm@test.cl', { asignacion: 'mias' })).toEqual([]);
    const counts = await getReviewQueueCounts(people[rm]!);
    expect(counts.mine).toBe(1);
    expect(counts.unassigned).toBe(30);
  });

  it('searches by number, organisation name or RUT, and a worker’s RUT written with dots', async () => {
    expect(await numbers(rm, { q: formatRut(RM_WORKER) })).toEqual(['PVT-TEST-0007']);
    expect(await numbers(rm, { q: RM_WORKER.replace('-', '') })).toEqual(['PVT-TEST-0007']);
    expect(await numbers(rm, { q: ` ${formatRut(RM_WORKER).toLowerCase()} ` })).toEqual(['PVT-TEST-0007']);
    expect(await numbers(rm, { q: 'test-0012' })).toEqual(['PVT-TEST-0012']);
    const byOrgName = await queue(rm, { q: 'demo uno' });
    expect(byOrgName.total).toBe(31);
    const orgRut = (await handle.db.select({ rut: organizations.rut }).from(organizations).where(eq(organizations.id, rmUnionId)))[0]!.rut;
    expect((await queue(rm, { q: formatRut(orgRut) })).total).toBe(31);
    // A valid RUT that nobody has finds nothing; LIKE wildcards are taken literally.
    expect(await numbers(rm, { q: formatRut(rut(9_999_999)) })).toEqual([]);
    expect(await numbers(rm, { q: '%' })).toEqual([]);
    expect((await queue(rm, { q: formatRut(RM_WORKER) })).searchedRut).toBe(RM_WORKER);
  });

  it('sorts by number, workers, comuna, status and submission date', async () => {
    const byNumberDesc = await numbers(rm, { orden: 'numero', dir: 'desc' });
    expect(byNumberDesc[0]).toBe('PVT-TEST-0030');
    const byNumber = await numbers(rm, { orden: 'numero' });
    expect(byNumber[0]).toBe('PVT-DEMO-0002');
    expect(byNumber[1]).toBe('PVT-TEST-0001');
    const byWorkers = await queue(rm, { orden: 'trabajadores', dir: 'desc' });
    expect(byWorkers.rows[0]!.number).toBe('PVT-TEST-0007');
    expect(byWorkers.rows[0]!.workers).toBe(7);
    const workerCounts = byWorkers.rows.map((r) => r.workers);
    expect([...workerCounts].sort((a, b) => b - a)).toEqual(workerCounts);
    const byComuna = (await queue(rm, { orden: 'comuna' })).rows.map((r) => r.comunaName);
    expect(byComuna[0]).toBe('La Florida');
    expect(byComuna).toEqual([...byComuna].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'es')));
    expect(new Set(byComuna)).toEqual(new Set(['La Florida', 'Puente Alto', 'Santiago']));
    const byStatus = (await queue(rm, { orden: 'estado', dir: 'desc' })).rows.map((r) => r.status);
    expect(byStatus[0]).toBe('observada');
    // Default: oldest submission first (first come, first served).
    const oldest = await numbers(rm);
    expect(oldest[0]).toBe('PVT-TEST-0030');
  });

  it('pages on the server, 25 rows a page, clamping a page past the end', async () => {
    const first = await queue(rm, { orden: 'numero' });
    expect(first.total).toBe(31);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    const second = await queue(rm, { orden: 'numero', page: '2' });
    expect(second.page).toBe(2);
    expect(second.rows).toHaveLength(6);
    expect(second.rows[0]!.number).toBe('PVT-TEST-0025');
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(31);
    const past = await queue(rm, { orden: 'numero', page: '9' });
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const filtered = await queue(rm, { estado: 'en_revision', page: '2' });
    expect(filtered.page).toBe(1);
    expect(filtered.pageCount).toBe(1);
    const empty = await queue(rm, { q: 'no existe' });
    expect(empty).toMatchObject({ total: 0, page: 1, pageCount: 1, rows: [] });
  });

  it('counts files per status for the scope, regardless of the filters', async () => {
    const counts = await getReviewQueueCounts(people[rm]!);
    expect(counts.byStatus).toMatchObject({ enviada: 21, en_revision: 5, observada: 5, subsanada: 0, aprobada_tecnicamente: 0 });
    expect(counts.total).toBe(31);
  });
});

describe('assigning a file', () => {
  it('lists only active reviewers of the user’s own region', async () => {
    expect((await listAssignableReviewers(people['director.rm@demo.cl']!)).map((r) => r.name)).toEqual(['Beatriz Analista Dos', 'Felipe Araya Castro']);
    expect((await listAssignableReviewers(people['analista.antofagasta@demo.cl']!)).map((r) => r.name)).toEqual(['Daniela Tapia Rivera']);
    expect(await listAssignableReviewers(people['minvu@demo.cl']!)).toEqual([]);
    expect(await listAssignableReviewers(people['gore.magallanes@demo.cl']!)).toEqual([]);
  });

  it('a director assigns a file to a reviewer of the region, audited', async () => {
    const director = people['director.rm@demo.cl']!;
    const second = people['analista2.rm@test.cl']!;
    const result = await inTx((tx) => assignReviewer(tx, director, { applicationId: ids['PVT-TEST-0004']!, reviewerId: second.id }));
    expect(result).toMatchObject({ number: 'PVT-TEST-0004', changed: true, reviewer: { id: second.id, name: 'Beatriz Analista Dos' } });
    expect(await numbers('analista2.rm@test.cl', { asignacion: 'mias' })).toEqual(['PVT-TEST-0004']);
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.assign_reviewer'), eq(auditLog.entityId, ids['PVT-TEST-0004']!)));
    expect(audit).toMatchObject({ actorUserId: director.id, actorRole: 'director', entityType: 'application' });
    expect(audit!.after).toMatchObject({ assignedReviewerId: second.id, assignedReviewerName: 'Beatriz Analista Dos' });
    // Unassigning is an assignment too.
    await inTx((tx) => assignReviewer(tx, people['analista.rm@demo.cl']!, { applicationId: ids['PVT-TEST-0004']!, reviewerId: null }));
    const [row] = await handle.db.select({ a: applications.assignedReviewerId }).from(applications).where(eq(applications.id, ids['PVT-TEST-0004']!));
    expect(row!.a).toBeNull();
  });

  it('refuses an assignee of another region, a director, or a disabled reviewer', async () => {
    const director = people['director.rm@demo.cl']!;
    for (const email of ['analista.antofagasta@demo.cl', 'director.rm@demo.cl', 'analista.baja@test.cl', 'dirigente@demo.cl']) {
      await expect(inTx((tx) => assignReviewer(tx, director, { applicationId: ids['PVT-TEST-0005']!, reviewerId: people[email]!.id }))).rejects.toBeInstanceOf(
        DomainError,
      );
    }
    const [row] = await handle.db.select({ a: applications.assignedReviewerId }).from(applications).where(eq(applications.id, ids['PVT-TEST-0005']!));
    expect(row!.a).toBeNull();
  });

  it('another region’s file, a draft or a role without the right reads as not found', async () => {
    const antofagasta = people['analista.antofagasta@demo.cl']!;
    await expect(
      inTx((tx) => assignReviewer(tx, antofagasta, { applicationId: ids['PVT-TEST-0006']!, reviewerId: antofagasta.id })),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      inTx((tx) => assignReviewer(tx, people['analista.rm@demo.cl']!, { applicationId: ids['PVT-TEST-BORR']!, reviewerId: people['analista.rm@demo.cl']!.id })),
    ).rejects.toBeInstanceOf(NotFoundError);
    for (const email of ['minvu@demo.cl', 'gore.magallanes@demo.cl', 'dirigente@demo.cl']) {
      await expect(
        inTx((tx) => assignReviewer(tx, people[email]!, { applicationId: ids['PVT-TEST-0006']!, reviewerId: people['analista.rm@demo.cl']!.id })),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    const [row] = await handle.db.select({ a: applications.assignedReviewerId }).from(applications).where(eq(applications.id, ids['PVT-TEST-0006']!));
    expect(row!.a).toBeNull();
  });
});
