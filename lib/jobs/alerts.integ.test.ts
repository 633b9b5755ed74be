import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { bridgeLoans, calls, jobs, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { SELECTION_DEMO_COMMITTEE_EMAIL, createSelectionTestCall } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { confirmSelectionRun, createSelectionPreview } from '@/lib/dal/selection';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import { createTestDb } from '@/lib/test/db';
import type { MailJobPayload } from './queue';
import { runDailyAlerts } from './alerts';

let handle: DbHandle;
const today = new Date('2026-11-22T12:00:00Z');
let rmId = '';
let antofagastaId = '';
let callId = '';

const RM_OFFICIALS = ['analista.rm@demo.cl', 'director.rm@demo.cl'];
const ANTOFAGASTA_OFFICIALS = ['analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl'];
/** Members of the RM project's union, employer, sponsor and builder. */
const RM_PARTIES = ['constructora@demo.cl', 'empleador@demo.cl', 'patrocinante@demo.cl', SELECTION_DEMO_COMMITTEE_EMAIL].sort();

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  setDbForTests(handle);
  setClock(today);
  const created = await handle.db.transaction((tx) => createSelectionTestCall(tx, today));
  callId = created.callId;
  rmId = created.applications[0]!.id;
  antofagastaId = created.applications[1]!.id;
  // The demo call keeps the 2022 schedule (works started by July 2023); this call's start of works is
  // still ahead, so the test can walk up to it.
  const [call] = await handle.db.select().from(calls).where(eq(calls.id, callId));
  const params = ZCallParameters.parse(call!.parameters);
  await handle.db
    .update(calls)
    .set({ parameters: { ...params, deadlines: { ...params.deadlines, startOfWorksBy: '2027-03-31' } } })
    .where(eq(calls.id, callId));
  const [minvu] = await handle.db.select().from(users).where(eq(users.email, 'minvu@demo.cl'));
  const admin: SessionUser = { id: minvu!.id, email: minvu!.email, name: minvu!.name, role: minvu!.role, regionCode: null, rut: null };
  const run = await handle.db.transaction((tx) => createSelectionPreview(tx, admin, { callId, budgetUf: '12000' }));
  await handle.db.transaction((tx) => confirmSelectionRun(tx, admin, { runId: run.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20' }));
}, 180_000);

afterAll(async () => {
  resetClock();
  await handle?.close();
});

/** The daily run as the worker does it: one transaction, the clock at that morning. */
async function runAt(iso: string) {
  const at = new Date(iso);
  setClock(at);
  return handle.db.transaction((tx) => runDailyAlerts(tx, at));
}

async function alertMails(applicationId: string, item: string) {
  const rows = await handle.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, 'mail'), like(jobs.dedupeKey, `alerta:${applicationId}:${item}:%`)));
  return rows.map((r) => ({ key: r.dedupeKey!, ...(r.payload as MailJobPayload) }));
}

const recipients = (mails: Array<{ to: string[] }>) => mails.flatMap((m) => m.to).sort();

describe('daily alerts', () => {
  it('queues nothing before the due-soon window', async () => {
    // 07:00 in Chile, 39 days before the start of works (31-03-2027).
    const result = await runAt('2027-02-20T10:00:00Z');
    expect(result.applications).toBe(2);
    expect(await alertMails(rmId, 'inicio_obras')).toEqual([]);
    expect(await alertMails(antofagastaId, 'inicio_obras')).toEqual([]);
  });

  it('within the window, the applicant parties get the due mail once, one mail each', async () => {
    await runAt('2027-03-05T10:00:00Z');
    const due = await alertMails(rmId, 'inicio_obras');
    expect(recipients(due)).toEqual(RM_PARTIES);
    expect(due.every((m) => m.to.length === 1)).toBe(true);
    expect(due[0]!.subject).toMatch(/^Hito próximo a vencer: Inicio de obras verificado por SERVIU/);
    expect(due[0]!.text).toContain('vence el 31 de marzo de 2027, 23:59 (hora de Chile)');
    expect(due[0]!.text).toContain(`/portal/postulaciones/${rmId}/seguimiento`);
    expect(due.every((m) => m.key.includes(':due:2027-03-31:'))).toBe(true);

    await runAt('2027-03-05T10:00:30Z');
    await runAt('2027-03-06T10:00:00Z');
    expect(await alertMails(rmId, 'inicio_obras')).toHaveLength(due.length);
  });

  it('after the due date, the overdue mail goes once to the parties and to SERVIU of the region', async () => {
    await runAt('2027-04-01T10:00:00Z');
    const overdue = (await alertMails(rmId, 'inicio_obras')).filter((m) => m.key.includes(':overdue:'));
    expect(recipients(overdue)).toEqual([...RM_PARTIES, ...RM_OFFICIALS].sort());
    const toOfficial = overdue.find((m) => m.to[0] === 'director.rm@demo.cl')!;
    expect(toOfficial.subject).toMatch(/^Hito vencido sin informar/);
    expect(toOfficial.text).toContain(`/gestion/seguimiento/${rmId}`);
    const toCommittee = overdue.find((m) => m.to[0] === SELECTION_DEMO_COMMITTEE_EMAIL)!;
    expect(toCommittee.subject).toMatch(/^Hito vencido: /);

    const before = (await alertMails(rmId, 'inicio_obras')).length;
    await runAt('2027-04-02T10:00:00Z');
    await runAt('2027-04-09T10:00:00Z');
    expect(await alertMails(rmId, 'inicio_obras')).toHaveLength(before);
  });

  it("an application of another region does not mail this region's officials", async () => {
    const rm = recipients(await alertMails(rmId, 'inicio_obras'));
    const antofagasta = recipients(await alertMails(antofagastaId, 'inicio_obras'));
    // The Antofagasta project has no party accounts: only its own SERVIU hears of the overdue start.
    expect(antofagasta).toEqual(ANTOFAGASTA_OFFICIALS);
    for (const email of ANTOFAGASTA_OFFICIALS) expect(rm).not.toContain(email);
    for (const email of RM_OFFICIALS) expect(antofagasta).not.toContain(email);
  });

  it("the builder's guarantee is warned once, to SERVIU of the region and the builder, as many days ahead as the call says", async () => {
    await handle.db.insert(bridgeLoans).values({
      applicationId: rmId,
      amountUf: '4000',
      termMonths: 24,
      guaranteeKind: 'boleta_bancaria',
      guaranteeAmountUf: '4000',
      guaranteeExpiresOn: '2027-05-15',
    });
    await runAt('2027-04-10T10:00:00Z'); // 36 days before: outside the call's 30
    expect(await alertMails(rmId, 'garantia')).toEqual([]);
    await runAt('2027-04-14T11:00:00Z'); // 07:00 in Chile, 31 calendar days before
    expect(await alertMails(rmId, 'garantia')).toEqual([]);

    // 07:00 in Chile exactly 30 calendar days before (30 days and 17 hours to the end of that day): warned.
    await runAt('2027-04-15T11:00:00Z');
    const warned = await alertMails(rmId, 'garantia');
    expect(recipients(warned)).toEqual([...RM_OFFICIALS, 'constructora@demo.cl'].sort());
    expect(warned[0]!.subject).toMatch(/^La garantía del préstamo de enlace vence el 15 de mayo de 2027 \(postulación PVT-SEL-/);
    expect(warned[0]!.text).toContain('Monto garantizado: 4.000 UF');
    await runAt('2027-04-20T10:00:00Z');
    await runAt('2027-05-15T10:00:00Z');
    expect(await alertMails(rmId, 'garantia')).toHaveLength(warned.length);

    // Once lapsed, one more mail says so.
    await runAt('2027-05-16T10:00:00Z');
    const expired = (await alertMails(rmId, 'garantia')).filter((m) => m.key.includes(':expired:'));
    expect(recipients(expired)).toEqual([...RM_OFFICIALS, 'constructora@demo.cl'].sort());
    await runAt('2027-05-17T10:00:00Z');
    expect(await alertMails(rmId, 'garantia')).toHaveLength(warned.length + expired.length);
  });

  it('reads the warning days from the call', async () => {
    const [call] = await handle.db.select().from(calls).where(eq(calls.id, callId));
    const params = ZCallParameters.parse(call!.parameters);
    await handle.db
      .update(calls)
      .set({ parameters: { ...params, bridgeLoan: { ...params.bridgeLoan, guaranteeWarningDays: 60 } } })
      .where(eq(calls.id, callId));
    await handle.db.insert(bridgeLoans).values({
      applicationId: antofagastaId,
      amountUf: '4000',
      termMonths: 24,
      guaranteeKind: 'certificado_fianza',
      guaranteeAmountUf: '4000',
      guaranteeExpiresOn: '2027-07-10',
    });
    await runAt('2027-05-17T10:00:00Z'); // 54 days before: inside 60, outside the default 30
    expect(recipients(await alertMails(antofagastaId, 'garantia'))).toEqual(ANTOFAGASTA_OFFICIALS);
  });
});
