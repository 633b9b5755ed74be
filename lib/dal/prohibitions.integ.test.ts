import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, dwellingProhibitions, earlySaleRequests, jobs, rosterEntries, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { SELECTION_DEMO_COMMITTEE_EMAIL, createSelectionTestCall, seedProhibitionsDemo, seedSelectionDemo } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { ForbiddenError, NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { createTestDb } from '@/lib/test/db';
import { ZDecideEarlySaleRequest, ZFileEarlySaleRequest, ZRecordCbrInscription } from '@/lib/validations/prohibitions';
import { createEarlySaleRequest, decideEarlySaleRequest, getProhibitionsView, recordCbrInscription } from './prohibitions';
import { confirmSelectionRun, createSelectionPreview } from './selection';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const today = new Date('2026-11-22T12:00:00Z');
let runs = 0;

type Tx = Parameters<Parameters<DbHandle['db']['transaction']>[0]>[0];
const tx = <T>(fn: (t: Tx) => Promise<T>) => handle.db.transaction(fn);

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  setDbForTests(handle);
  setClock(today);
  await loadPeople();
}, 180_000);
afterAll(async () => {
  resetClock();
  await handle?.close();
});

async function loadPeople() {
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
}

const committee = () => people[SELECTION_DEMO_COMMITTEE_EMAIL]!;
const reviewer = () => people['analista.rm@demo.cl']!;
const director = () => people['director.rm@demo.cl']!;

/** A freshly selected RM project (its own call), with a worker account for the first family. */
async function selectedProject() {
  const { callId, applications } = await tx((t) => createSelectionTestCall(t, today));
  // The committee's account is created with the first test call.
  await loadPeople();
  const minvu = people['minvu@demo.cl']!;
  const run = await tx((t) => createSelectionPreview(t, minvu, { callId, budgetUf: '12000' }));
  runs += 1;
  await tx((t) => confirmSelectionRun(t, minvu, { runId: run.id, resolutionNumber: `R-${runs}`, resolutionDate: '2026-11-20' }));
  const applicationId = applications[0]!.id;
  const entries = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, applicationId)).orderBy(rosterEntries.lastNames);
  // One account per RUT: each test call lists the same families, so the first call's account serves them all.
  const [existing] = await handle.db.select().from(users).where(eq(users.rut, entries[0]!.rut));
  const [w] = existing
    ? [existing]
    : await handle.db.insert(users).values({ email: `familia.${runs}@prueba.cl`, name: 'Familia de prueba', role: 'worker', rut: entries[0]!.rut, rutVerifiedAt: new Date() }).returning();
  const worker: SessionUser = { id: w!.id, email: w!.email, name: w!.name, role: 'worker', regionCode: null, rut: w!.rut };
  return { applicationId, entries, worker };
}

async function record(applicationId: string, rosterEntryId: string, cbrInscribedOn: string, dwellingLabel = 'Casa 1') {
  const input = ZRecordCbrInscription.parse({ applicationId, rosterEntryId, dwellingLabel, handedOverOn: '2024-03-10', cbrInscribedOn, cbrReference: 'Fs. 1234 N° 567 año 2024' });
  return tx((t) => recordCbrInscription(t, reviewer(), input));
}

const requestInput = (applicationId: string, prohibitionId: string, over: Record<string, string> = {}) =>
  ZFileEarlySaleRequest.parse({
    applicationId,
    prohibitionId,
    reason: 'Traslado laboral de la familia a otra región.',
    buyerProgramme: 'mismo_programa',
    proceedsForNewDwelling: 'si',
    newDwellingDescription: 'Casa en Temuco, ya elegida.',
    ...over,
  });

const decide = (user: SessionUser, applicationId: string, requestId: string, decision: string, reason = 'Antecedentes revisados por la dirección.') =>
  tx((t) => decideEarlySaleRequest(t, user, ZDecideEarlySaleRequest.parse({ applicationId, requestId, decision, reason })));

describe('dwelling prohibitions', () => {
  it('SERVIU of the region records the CBR inscription per dwelling; the end date follows the call (29-02 + 10 years)', async () => {
    const { applicationId, entries } = await selectedProject();
    const { id, endsOn } = await record(applicationId, entries[0]!.id, '2024-02-29');
    expect(endsOn).toBe('2034-02-28');
    // A correction updates the same row.
    const again = await record(applicationId, entries[0]!.id, '2024-03-01', 'Casa 1-A');
    expect(again.id).toBe(id);
    expect(again.endsOn).toBe('2034-03-01');
    const rows = await handle.db.select().from(dwellingProhibitions).where(eq(dwellingProhibitions.applicationId, applicationId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dwellingLabel: 'Casa 1-A', prohibitionYears: 10, subsidyUf: '1000.00' });
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'prohibition.record'), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(2);
    const mails = await handle.db.select().from(jobs).where(like(jobs.dedupeKey, `prohibition:${id}:%`));
    expect(mails.length).toBeGreaterThan(0);

    const future = ZRecordCbrInscription.parse({ applicationId, rosterEntryId: entries[1]!.id, dwellingLabel: 'Casa 2', handedOverOn: '2026-11-20', cbrInscribedOn: '2026-11-23' });
    await expect(tx((t) => recordCbrInscription(t, reviewer(), future))).rejects.toThrow(/fechas/);
    const ok = { ...future, cbrInscribedOn: '2026-11-22' };
    await expect(tx((t) => recordCbrInscription(t, people['analista.antofagasta@demo.cl']!, ok))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => recordCbrInscription(t, committee(), ok))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => recordCbrInscription(t, director(), ok))).resolves.toMatchObject({ endsOn: '2036-11-22' });
  });

  it('the family files a request; officials of another region get NotFound; only one open request per dwelling', async () => {
    const { applicationId, entries, worker } = await selectedProject();
    const own = await record(applicationId, entries[0]!.id, '2024-02-29');
    const other = await record(applicationId, entries[1]!.id, '2024-02-29', 'Casa 2');

    // The worker sees and asks only for their own dwelling.
    const mine = await getProhibitionsView(worker, applicationId);
    expect(mine.dwellings.map((d) => d.id)).toEqual([own.id]);
    expect(mine.dwellings[0]!.canRequest).toBe(true);
    await expect(tx((t) => createEarlySaleRequest(t, worker, requestInput(applicationId, other.id)))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => createEarlySaleRequest(t, people['empleador@demo.cl']!, requestInput(applicationId, own.id)))).rejects.toThrow(ForbiddenError);
    const { id } = await tx((t) => createEarlySaleRequest(t, worker, requestInput(applicationId, own.id)));
    await expect(tx((t) => createEarlySaleRequest(t, committee(), requestInput(applicationId, own.id)))).rejects.toThrow(/solicitud pendiente/);
    await tx((t) => createEarlySaleRequest(t, committee(), requestInput(applicationId, other.id, { buyerProgramme: 'otro' })));

    const union = await getProhibitionsView(committee(), applicationId);
    expect(union.dwellings).toHaveLength(2);
    expect(union.requests).toHaveLength(2);
    expect(union.canDecide).toBe(false);

    for (const email of ['director.antofagasta@demo.cl', 'analista.antofagasta@demo.cl']) {
      await expect(getProhibitionsView(people[email]!, applicationId)).rejects.toThrow(NotFoundError);
      await expect(decide(people[email]!, applicationId, id, 'restitucion')).rejects.toThrow(NotFoundError);
    }
    const directorMail = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `early-sale:${id}:solicitud:director.rm@demo.cl`));
    expect(directorMail).toHaveLength(1);
  });

  it('only the director decides; mobility needs conditions a) and b); the decision is audited and final', async () => {
    const { applicationId, entries } = await selectedProject();
    const p1 = await record(applicationId, entries[0]!.id, '2024-02-29');
    const p2 = await record(applicationId, entries[1]!.id, '2024-02-29', 'Casa 2');
    const noB = await tx((t) => createEarlySaleRequest(t, committee(), requestInput(applicationId, p1.id, { proceedsForNewDwelling: 'no', newDwellingDescription: '' })));
    const both = await tx((t) => createEarlySaleRequest(t, committee(), requestInput(applicationId, p2.id, { buyerProgramme: 'programa_mayor_vulnerabilidad', buyerProgrammeName: 'Fondo Solidario de Elección de Vivienda' })));

    await expect(decide(reviewer(), applicationId, noB.id, 'restitucion')).rejects.toThrow(NotFoundError);
    await expect(decide(committee(), applicationId, noB.id, 'restitucion')).rejects.toThrow(NotFoundError);
    await expect(decide(director(), applicationId, noB.id, 'movilidad_habitacional')).rejects.toThrow(/Condición b\) no se cumple/);

    await expect(decide(director(), applicationId, noB.id, 'restitucion')).resolves.toEqual({ decision: 'restitucion', restitutionUf: '1000.00' });
    await expect(decide(director(), applicationId, noB.id, 'rechazada')).rejects.toThrow(/ya fue resuelta/);
    await expect(decide(director(), applicationId, both.id, 'movilidad_habitacional')).resolves.toEqual({ decision: 'movilidad_habitacional', restitutionUf: null });
    await expect(tx((t) => createEarlySaleRequest(t, committee(), requestInput(applicationId, p1.id)))).rejects.toThrow(/ya fue autorizada/);

    const [row] = await handle.db.select().from(earlySaleRequests).where(eq(earlySaleRequests.id, noB.id));
    expect(row).toMatchObject({ decision: 'restitucion', restitutionUf: '1000.00', decidedBy: director().id });
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'prohibition.early_sale.decide'));
    expect(audits.find((a) => a.entityId === noB.id)).toMatchObject({ actorUserId: director().id, after: expect.objectContaining({ decision: 'restitucion', restitutionUf: '1000.00', conditionB: false }) });
    expect(audits.find((a) => a.entityId === both.id)).toBeTruthy();

    const view = await getProhibitionsView(director(), applicationId);
    expect(view.canDecide).toBe(true);
    expect(view.requests.map((r) => r.decision).sort()).toEqual(['movilidad_habitacional', 'restitucion']);
    expect(view.dwellings.every((d) => !d.hasOpenRequest)).toBe(true);
    const decisionMails = await handle.db.select().from(jobs).where(like(jobs.dedupeKey, `early-sale:${noB.id}:decision:%`));
    expect(decisionMails.length).toBeGreaterThan(0);
  });

  it('after the prohibition ends no authorisation is needed, so no request is filed', async () => {
    const { applicationId, entries } = await selectedProject();
    const old = await record(applicationId, entries[0]!.id, '2016-11-22');
    const view = await getProhibitionsView(committee(), applicationId);
    expect(view.dwellings[0]).toMatchObject({ endsOn: '2026-11-22', canRequest: true });
    setClock(new Date('2026-11-23T03:00:00Z')); // 00:00 of 23-11 in Santiago (UTC−3)
    try {
      expect((await getProhibitionsView(committee(), applicationId)).dwellings[0]!.canRequest).toBe(false);
      await expect(tx((t) => createEarlySaleRequest(t, committee(), requestInput(applicationId, old.id)))).rejects.toThrow(/terminó el 22-11-2026/);
    } finally {
      setClock(today);
    }
  });

  it('the demo seed gives the selected demo project prohibitions and one pending request, once', async () => {
    await seedSelectionDemo(handle.db, today);
    expect(await seedProhibitionsDemo(handle.db, today)).toBe(false); // not selected yet
    const [app] = await handle.db.update(applications).set({ status: 'seleccionada' }).where(eq(applications.number, 'PVT-DEMO-SEL-01')).returning();
    expect(await seedProhibitionsDemo(handle.db, today)).toBe(true);
    expect(await seedProhibitionsDemo(handle.db, today)).toBe(false);
    const view = await getProhibitionsView(director(), app!.id);
    expect(view.dwellings).toHaveLength(5);
    expect(view.dwellings[0]).toMatchObject({ cbrInscribedOn: '2026-10-23', endsOn: '2036-10-23', subsidyUf: '1000' });
    expect(view.requests.filter((r) => r.decision === null && r.mobility.ok)).toHaveLength(1);
  });
});
