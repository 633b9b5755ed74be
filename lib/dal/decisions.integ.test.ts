import type { AddressInfo } from 'node:net';
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { applications, auditLog, jobs, rosterEntries, users } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { createReviewFixture } from '@/db/seed/demo-review';
import { seedReferenceData } from '@/db/seed/reference';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now, resetClock, setClock } from '@/lib/clock';
import { runMailJobs } from '@/lib/jobs/queue';
import { createMailer } from '@/lib/mail';
import type { SmtpMailer } from '@/lib/mail';
import { readMail } from '@/lib/mail/test-mime';
import { createTestDb } from '@/lib/test/db';
import { loadApplication } from './application-access';
import { approveTechnically, getDecisionView, listApprovalBlockers, rejectApplication, takeIntoReview } from './decisions';
import { answerObservation, createObservation, reviewObservation, sendObservationRound, submitCorrection } from './observations';
import { REVIEW_REASON } from './correction-fixtures';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const reviewer = () => people['analista.rm@demo.cl']!;
const director = () => people['director.rm@demo.cl']!;
const leader = () => people['dirigente@demo.cl']!;
const MEMBERS = ['dirigente@demo.cl', 'empleador@demo.cl', 'patrocinante@demo.cl'];
const REASON = 'Cumple los requisitos del llamado según el informe técnico de la región.';

function inTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(fn);
}

async function statusOf(id: string): Promise<ApplicationStatus> {
  const [row] = await handle.db.select({ status: applications.status }).from(applications).where(eq(applications.id, id));
  return row!.status;
}

async function fresh(): Promise<string> {
  return (await createReviewFixture(handle.db, now())).id;
}

async function underReview(): Promise<string> {
  const id = await fresh();
  await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: id, reason: REVIEW_REASON }));
  return id;
}

/** A file observed with one blocking observation on its first worker; returns the observation id. */
async function observed(): Promise<{ id: string; observationId: string; deadlineAt: Date }> {
  const id = await underReview();
  const [entry] = await handle.db.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.applicationId, id)).orderBy(asc(rosterEntries.rut));
  const obs = await inTx((tx) =>
    createObservation(tx, reviewer(), {
      applicationId: id,
      targetKind: 'trabajador',
      rosterEntryId: entry!.id,
      severity: 'bloqueante',
      ruleSource: 'Características de los proyectos',
      message: 'Acredite el ahorro mínimo del tramo con la cartola de la cuenta.',
    }),
  );
  const sent = await inTx((tx) => sendObservationRound(tx, reviewer(), { applicationId: id, deadlineKind: 'dias_habiles', workingDays: 5 }));
  return { id, observationId: obs.id, deadlineAt: sent.deadlineAt };
}

async function corrected(): Promise<{ id: string; observationId: string }> {
  const file = await observed();
  await inTx((tx) => answerObservation(tx, leader(), { applicationId: file.id, observationId: file.observationId, answer: 'Se adjunta la cartola.' }));
  await inTx((tx) => submitCorrection(tx, leader(), { applicationId: file.id }));
  return file;
}

async function statusJobs(applicationId: string) {
  return handle.db.select().from(jobs).where(like(jobs.dedupeKey, `status:${applicationId}:%`));
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

describe('taking a file into review', () => {
  it('moves «enviada» to «en revisión», audits it and mails each participant exactly once', async () => {
    const id = await fresh();
    const before = await handle.db.select().from(applications).where(eq(applications.id, id));
    const result = await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: id, reason: REVIEW_REASON }));
    expect(result).toEqual({ status: 'en_revision', mailsQueued: 3 });
    expect(await statusOf(id)).toBe('en_revision');
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'application.review.start')));
    expect(audit!.actorUserId).toBe(reviewer().id);
    expect(audit!.before).toMatchObject({ status: 'enviada', version: before[0]!.version });
    expect(audit!.after).toMatchObject({ status: 'en_revision', reason: REVIEW_REASON });

    const mails = await statusJobs(id);
    expect(mails.map((j) => j.dedupeKey!.split(':').pop()).sort()).toEqual(MEMBERS);
    expect((mails[0]!.payload as { subject: string; to: string[] }).subject).toMatch(/En revisión/);

    // A second press (another tab): refused by the state machine, and no second mail.
    await expect(inTx((tx) => takeIntoReview(tx, director(), { applicationId: id, reason: REVIEW_REASON }))).rejects.toThrow(/no puede pasar a «En revisión»/);
    expect(await statusJobs(id)).toHaveLength(3);
  });

  it('queues one mail per participant per transition: a worker with an e-mail included, a repeated one ignored', async () => {
    const id = await fresh();
    const [entry] = await handle.db.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.applicationId, id)).limit(1);
    await handle.db.update(rosterEntries).set({ email: 'Trabajadora.Uno@Example.cl' }).where(eq(rosterEntries.id, entry!.id));
    const [other] = await handle.db.select({ id: rosterEntries.id }).from(rosterEntries).where(and(eq(rosterEntries.applicationId, id))).offset(1).limit(1);
    // Same person twice (a member's address typed on a roster row): still one mail.
    await handle.db.update(rosterEntries).set({ email: 'dirigente@demo.cl' }).where(eq(rosterEntries.id, other!.id));
    await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: id, reason: REVIEW_REASON }));
    const keys = (await statusJobs(id)).map((j) => j.dedupeKey!.split(':').pop()).sort();
    expect(keys).toEqual([...MEMBERS, 'trabajadora.uno@example.cl'].sort());
  });
});

describe('forbidden moves are refused and change nothing', () => {
  it.each([
    ['approve from «enviada»', 'enviada', (id: string) => inTx((tx) => approveTechnically(tx, director(), { applicationId: id, reason: REASON })), /no puede pasar/],
    ['reject from «enviada»', 'enviada', (id: string) => inTx((tx) => rejectApplication(tx, reviewer(), { applicationId: id, reason: REASON })), /no puede pasar/],
    ['review again from «en revisión»', 'en_revision', (id: string) => inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: id, reason: REVIEW_REASON })), /no puede pasar/],
    ['approve by a reviewer', 'en_revision', (id: string) => inTx((tx) => approveTechnically(tx, reviewer(), { applicationId: id, reason: REASON })), /Solo el Director/],
    ['reject without a reason', 'en_revision', (id: string) => inTx((tx) => rejectApplication(tx, reviewer(), { applicationId: id, reason: '   ' })), /debe indicar el motivo/],
    ['approve without a reason', 'en_revision', (id: string) => inTx((tx) => approveTechnically(tx, director(), { applicationId: id, reason: '' })), /debe indicar el motivo/],
    ['take into review without a reason', 'enviada', (id: string) => inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: id, reason: ' ' })), /debe indicar el motivo/],
  ] as const)('%s', async (_name, state, attempt, message) => {
    const id = state === 'enviada' ? await fresh() : await underReview();
    await expect(attempt(id)).rejects.toThrow(message);
    expect(await statusOf(id)).toBe(state);
  });

  it('an observed file waits for the correction or the deadline before SERVIU decides', async () => {
    const file = await observed();
    await expect(inTx((tx) => approveTechnically(tx, director(), { applicationId: file.id, reason: REASON }))).rejects.toThrow(/no puede pasar/);
    await expect(inTx((tx) => rejectApplication(tx, reviewer(), { applicationId: file.id, reason: REASON }))).rejects.toThrow(/aún no vence/);
    await expect(inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: file.id, reason: REVIEW_REASON }))).rejects.toThrow(/aún no vence/);
    expect(await statusOf(file.id)).toBe('observada');
    // After the deadline (server clock) the file can be rejected with a reason.
    setClock(new Date(file.deadlineAt.getTime() + 1));
    const view = await getDecisionView(reviewer(), file.id);
    expect(view.reject.allowed).toBe(true);
    await inTx((tx) => rejectApplication(tx, reviewer(), { applicationId: file.id, reason: 'No subsanó la observación bloqueante dentro del plazo.' }));
    expect(await statusOf(file.id)).toBe('rechazada');
  });

  it('a closed file cannot move again', async () => {
    const id = await underReview();
    await inTx((tx) => rejectApplication(tx, director(), { applicationId: id, reason: 'El terreno no está a nombre del empleador.' }));
    await expect(inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: id, reason: REVIEW_REASON }))).rejects.toThrow(/no puede pasar/);
    await expect(inTx((tx) => approveTechnically(tx, director(), { applicationId: id, reason: REASON }))).rejects.toThrow(/no puede pasar/);
    expect(await statusOf(id)).toBe('rechazada');
  });

  it('applicants cannot reach SERVIU’s decisions at all (not found)', async () => {
    const id = await fresh();
    for (const email of ['dirigente@demo.cl', 'empleador@demo.cl', 'patrocinante@demo.cl', 'trabajador@demo.cl']) {
      await expect(inTx((tx) => takeIntoReview(tx, people[email]!, { applicationId: id, reason: REVIEW_REASON }))).rejects.toBeInstanceOf(NotFoundError);
      await expect(inTx((tx) => rejectApplication(tx, people[email]!, { applicationId: id, reason: REASON }))).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await statusOf(id)).toBe('enviada');
  });
});

describe('another region’s file, by id', () => {
  it('is not found for Antofagasta’s reviewer and director: view, review, approve, reject', async () => {
    const id = await underReview();
    for (const email of ['analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl']) {
      const official = people[email]!;
      await expect(getDecisionView(official, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(inTx((tx) => approveTechnically(tx, official, { applicationId: id, reason: REASON }))).rejects.toBeInstanceOf(NotFoundError);
      await expect(inTx((tx) => rejectApplication(tx, official, { applicationId: id, reason: REASON }))).rejects.toBeInstanceOf(NotFoundError);
    }
    const pending = await fresh();
    await expect(inTx((tx) => takeIntoReview(tx, people['director.antofagasta@demo.cl']!, { applicationId: pending, reason: REVIEW_REASON }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await statusOf(id)).toBe('en_revision');
    expect(await statusOf(pending)).toBe('enviada');
  });
});

describe('technical approval', () => {
  it('is refused while a blocking observation is open, naming it', async () => {
    const file = await corrected();
    await expect(inTx((tx) => approveTechnically(tx, director(), { applicationId: file.id, reason: REASON }))).rejects.toThrow(
      /Observación bloqueante de la ronda 1 respondida, sin aceptar: «Acredite el ahorro mínimo/,
    );
    const view = await getDecisionView(director(), file.id);
    expect(view.approve.allowed).toBe(true);
    expect(view.approvalBlockers.map((b) => b.kind)).toEqual(['observacion']);
    expect(await statusOf(file.id)).toBe('subsanada');
  });

  it('is refused while a rule of the programme fails, naming the rule', async () => {
    const id = await underReview();
    const [entry] = await handle.db.select().from(rosterEntries).where(and(eq(rosterEntries.applicationId, id), eq(rosterEntries.band, 2))).limit(1);
    await handle.db.update(rosterEntries).set({ savingsUf: '10', savingsDepositedUf: '5' }).where(eq(rosterEntries.id, entry!.id));
    await expect(inTx((tx) => approveTechnically(tx, director(), { applicationId: id, reason: REASON }))).rejects.toThrow(/\[worker\.savings_min\]/);
    const access = await loadApplication(handle.db, director(), id, 'review.decide');
    const blockers = await listApprovalBlockers(handle.db, access);
    expect(blockers.some((b) => b.ruleId === 'worker.savings_min' && b.message.startsWith(`${entry!.firstNames} ${entry!.lastNames}:`))).toBe(true);
    expect(await statusOf(id)).toBe('en_revision');
  });

  it('the director approves a corrected file once its observations are accepted, with the reason audited and mailed', async () => {
    const file = await corrected();
    await inTx((tx) => reviewObservation(tx, reviewer(), { applicationId: file.id, observationId: file.observationId, verdict: 'aceptada' }));
    expect((await getDecisionView(reviewer(), file.id)).approve).toEqual({
      allowed: false,
      reason: 'Solo el Director o la Directora SERVIU de la región puede aprobar técnicamente una postulación.',
    });
    const result = await inTx((tx) => approveTechnically(tx, director(), { applicationId: file.id, reason: REASON }));
    expect(result.status).toBe('aprobada_tecnicamente');
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, file.id), eq(auditLog.action, 'application.approve_technical')));
    expect(audit!.actorRole).toBe('director');
    expect(audit!.after).toMatchObject({ status: 'aprobada_tecnicamente', reason: REASON });
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, file.id));
    const mails = await handle.db.select().from(jobs).where(like(jobs.dedupeKey, `status:${file.id}:v${row!.version}:%`));
    expect(mails.map((j) => j.dedupeKey!.split(':').pop()).sort()).toEqual(MEMBERS);
    expect((mails[0]!.payload as { text: string }).text).toContain(REASON);
    const history = (await getDecisionView(reviewer(), file.id)).history.map((h) => h.action);
    expect(history).toEqual([
      'application.submit',
      'application.review.start',
      'observation.round.send',
      'application.correction.submit',
      'application.approve_technical',
    ]);
  });
});

describe('the mails arrive', () => {
  let server: SMTPServer;
  let mailer: SmtpMailer;
  const received: { to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.server.address() as AddressInfo).port;
    mailer = createMailer({ transport: 'smtp', host: '127.0.0.1', port, secure: false, from: 'Portal de Vivienda <no-responder@portal.example.cl>' }) as SmtpMailer;
  });

  afterAll(async () => {
    mailer?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('runMailJobs delivers the rejection to every participant through a real SMTP server', async () => {
    // Only this test's mails are pending.
    await handle.db.update(jobs).set({ doneAt: now() }).where(isNull(jobs.doneAt));
    const id = await underReview();
    await handle.db.update(jobs).set({ doneAt: now() }).where(isNull(jobs.doneAt));
    const reason = 'El Convenio de Trabajo no fue suscrito ante notario.';
    await inTx((tx) => rejectApplication(tx, director(), { applicationId: id, reason }));

    const result = await runMailJobs(handle.db, mailer);
    expect(result).toEqual({ sent: 3, failed: 0 });
    expect(received.map((m) => m.to[0]).sort()).toEqual(MEMBERS);
    const mail = readMail(received[0]!.raw);
    const [row] = await handle.db.select({ number: applications.number }).from(applications).where(eq(applications.id, id));
    expect(mail.headers.get('subject')).toBe(`Postulación ${row!.number}: Rechazada`);
    expect(mail.text).toContain(reason);
    expect(mail.text).toContain(`/portal/postulaciones/${id}/estado`);
    // Sent jobs are done: a second run sends nothing.
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 0, failed: 0 });
  });
});
