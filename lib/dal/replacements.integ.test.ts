import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { auditLog, rosterEntries, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { createReviewFixture } from '@/db/seed/demo-review';
import { seedReferenceData } from '@/db/seed/reference';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now, resetClock, setClock } from '@/lib/clock';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { createTestDb } from '@/lib/test/db';
import { takeIntoReview } from './decisions';
import { createObservation, sendObservationRound } from './observations';
import { getReplacementsView, proposeReplacement } from './replacements';
import { REVIEW_REASON } from './correction-fixtures';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const reviewer = () => people['analista.rm@demo.cl']!;
const leader = () => people['dirigente@demo.cl']!;
let nextRut = 32_000_001;

function inTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(fn);
}

function worker(overrides: Partial<TRosterEntryInput> = {}): TRosterEntryInput {
  return {
    rut: demoRut(nextRut++),
    firstNames: 'Daniela',
    lastNames: 'Reemplazo Ruiz',
    unionMember: true,
    rshPercentile: 40,
    householdSize: 3,
    monthlyIncomeClp: 700_000,
    savingsUf: '80',
    savingsDepositedUf: '40',
    band: 2,
    birthDate: null,
    email: null,
    ...overrides,
  };
}

type Entry = { id: string; band: number; rut: string };

/** A fresh file of 5 workers (1 in band 1, 4 in band 2), observed, inside its correction window. */
async function inCorrectionWindow(): Promise<{ id: string; roster: Entry[]; deadlineAt: Date }> {
  const app = await createReviewFixture(handle.db, now());
  await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: app.id, reason: REVIEW_REASON }));
  const roster = await handle.db
    .select({ id: rosterEntries.id, band: rosterEntries.band, rut: rosterEntries.rut })
    .from(rosterEntries)
    .where(eq(rosterEntries.applicationId, app.id))
    .orderBy(asc(rosterEntries.band), asc(rosterEntries.rut));
  await inTx((tx) =>
    createObservation(tx, reviewer(), {
      applicationId: app.id,
      targetKind: 'trabajador',
      rosterEntryId: roster[0]!.id,
      severity: 'bloqueante',
      ruleSource: 'Antecedentes de postulación',
      message: 'El trabajador renunció a la empresa; propongan un reemplazante.',
    }),
  );
  const sent = await inTx((tx) => sendObservationRound(tx, reviewer(), { applicationId: app.id, deadlineKind: 'dias_habiles', workingDays: 10 }));
  return { id: app.id, roster, deadlineAt: sent.deadlineAt };
}

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users))
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  setClock(new Date('2026-11-25T15:00:00Z'));
});

afterEach(() => setClock(new Date('2026-11-25T15:00:00Z')));

afterAll(async () => {
  resetClock();
  await handle?.close();
});

describe('proposing a replacement', () => {
  it('replaces a worker: the old row «reemplazado», the new one active with the replaced worker’s band, audited', async () => {
    const file = await inCorrectionWindow();
    const replaced = file.roster.find((e) => e.band === 2)!;
    // The form's band is ignored: the replacement takes the replaced worker's band.
    const entry = worker({ band: 1, rshPercentile: 70 });
    const { entryId } = await inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: replaced.id, entry }));
    const [oldRow] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.id, replaced.id));
    const [newRow] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.id, entryId));
    expect(oldRow!.status).toBe('reemplazado');
    expect(newRow).toMatchObject({ status: 'activo', band: 2, isReplacement: true, replacesEntryId: replaced.id, rut: entry.rut });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, file.id), eq(auditLog.action, 'roster.replacement.create')));
    expect(audit!.actorUserId).toBe(leader().id);
    expect(audit!.after).toMatchObject({ replaced: { entryId: replaced.id, status: 'reemplazado' }, replacement: { entryId, band: 2 }, replacementsUsed: 1, presented: 5 });

    const view = await getReplacementsView(leader(), file.id);
    expect(view).toMatchObject({ presented: 5, used: 1, max: 1, canPropose: false });
    expect(view.blockedReason).toMatch(/Ya se usaron los 1 reemplazos permitidos/);
    expect(view.entries.find((e) => e.id === replaced.id)!.replacedBy).toBe('Daniela Reemplazo Ruiz');
  });

  it('refuses going over 30% of the roster presented (every replacement of the application counts)', async () => {
    const file = await inCorrectionWindow();
    const [first, second] = file.roster.filter((e) => e.band === 2);
    await inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: first!.id, entry: worker() }));
    await expect(inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: second!.id, entry: worker() }))).rejects.toThrow(
      /Se puede reemplazar hasta el 30% de los trabajadores presentados \(1,5 de 5\); se pidieron 2/,
    );
    const [row] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.id, second!.id));
    expect(row!.status).toBe('activo');
  });

  it('refuses a replacement who does not meet the band requirements of the worker replaced', async () => {
    const file = await inCorrectionWindow();
    const bandOne = file.roster.find((e) => e.band === 1)!;
    // Band 1 asks RSH ≤ 50% and 50 UF of savings: RSH 70% fails even with enough savings.
    await expect(
      inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: bandOne.id, entry: worker({ rshPercentile: 70, band: 2 }) })),
    ).rejects.toThrow(/debe cumplir los requisitos del tramo 1 del trabajador reemplazado.*RSH hasta el 50%/);
    const bandTwo = file.roster.find((e) => e.band === 2)!;
    await expect(
      inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: bandTwo.id, entry: worker({ savingsUf: '60', savingsDepositedUf: '40' }) })),
    ).rejects.toThrow(/ahorro mínimo de 70 UF/);
    const rows = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, file.id));
    expect(rows.every((r) => r.status === 'activo' && !r.isReplacement)).toBe(true);
  });

  it('refuses a RUT already in another application of the call, or in this roster, with a clear message', async () => {
    const file = await inCorrectionWindow();
    const target = file.roster.find((e) => e.band === 2)!;
    // 16.222.333 is a worker of the draft PVT-DEMO-0001 in the same call.
    await expect(
      inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: target.id, entry: worker({ rut: demoRut(16_222_333) }) })),
    ).rejects.toThrow(/ya figura en otra postulación de este llamado/);
    await expect(
      inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: target.id, entry: worker({ rut: file.roster[0]!.rut }) })),
    ).rejects.toThrow(/ya está en esta nómina/);
  });

  it('is refused outside the correction window: before observations and after the deadline', async () => {
    const app = await createReviewFixture(handle.db, now());
    const [entry] = await handle.db.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.applicationId, app.id)).limit(1);
    await expect(inTx((tx) => proposeReplacement(tx, leader(), { applicationId: app.id, replacedEntryId: entry!.id, entry: worker() }))).rejects.toThrow(
      /no tiene observaciones pendientes de subsanar/,
    );
    const file = await inCorrectionWindow();
    setClock(new Date(file.deadlineAt.getTime() + 1));
    await expect(
      inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: file.roster[1]!.id, entry: worker() })),
    ).rejects.toThrow(/venció/);
    expect((await getReplacementsView(leader(), file.id)).canPropose).toBe(false);
  });

  it('only the union proposes; other parties, workers and other regions’ officials get not found', async () => {
    const file = await inCorrectionWindow();
    for (const email of ['empleador@demo.cl', 'patrocinante@demo.cl', 'trabajador@demo.cl', 'analista.rm@demo.cl', 'analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl'])
      await expect(
        inTx((tx) => proposeReplacement(tx, people[email]!, { applicationId: file.id, replacedEntryId: file.roster[1]!.id, entry: worker() })),
      ).rejects.toBeInstanceOf(NotFoundError);
    for (const email of ['trabajador@demo.cl', 'analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl'])
      await expect(getReplacementsView(people[email]!, file.id)).rejects.toBeInstanceOf(NotFoundError);
    const view = await getReplacementsView(people['empleador@demo.cl']!, file.id);
    expect(view.canPropose).toBe(false);
    expect(view.blockedReason).toMatch(/la organización de trabajadores/);
  });
});
