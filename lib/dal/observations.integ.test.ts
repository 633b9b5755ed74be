import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq, like } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { applications, auditLog, jobs, observationRounds, observations, rosterEntries, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { createReviewFixture, seedDemoReviewRoster } from '@/db/seed/demo-review';
import { seedReferenceData } from '@/db/seed/reference';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now, resetClock, setClock } from '@/lib/clock';
import { isWorkingDay } from '@/lib/domain/deadlines';
import { resetEnvForTests } from '@/lib/env';
import { createTestDb } from '@/lib/test/db';
import { ZLandSectionInput, ZProjectSectionInput } from '@/lib/validations/sections';
import { SUBMITTED_SECTIONS, landValues, projectValues, REVIEW_REASON } from './correction-fixtures';
import { updateLandSection, updateProjectSection } from './application-sections';
import { takeIntoReview } from './decisions';
import { storeDocumentVersion, uploadApplicationDocument } from './documents';
import {
  answerObservation,
  createObservation,
  decodeRuleCitation,
  deleteObservation,
  getApplicantObservations,
  getObservationsBanner,
  getReviewObservations,
  hasOpenObservations,
  listOpenBlockingObservations,
  reviewObservation,
  sendObservationRound,
  submitCorrection,
} from './observations';
import { proposeReplacement } from './replacements';
import { getRosterEntry, updateRosterEntry } from './roster';

let handle: DbHandle;
let uploadDir: string;
let pdf: Uint8Array;
const people: Record<string, SessionUser> = {};
const SEEDED_AT = new Date('2026-11-22T12:00:00Z');

const reviewer = () => people['analista.rm@demo.cl']!;
const _director = () => people['director.rm@demo.cl']!;
const leader = () => people['dirigente@demo.cl']!;
const employer = () => people['empleador@demo.cl']!;
const sponsor = () => people['patrocinante@demo.cl']!;

async function versionOf(id: string): Promise<number> {
  const [row] = await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, id));
  return row!.version;
}

async function nameOf(id: string): Promise<string> {
  const [row] = await handle.db.select({ projectName: applications.projectName }).from(applications).where(eq(applications.id, id));
  return row!.projectName;
}

async function workerName(entryId: string): Promise<string> {
  const [row] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.id, entryId));
  return `${row!.firstNames} ${row!.lastNames}`;
}

function inTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(fn);
}

/** A fresh submitted application in Región Metropolitana, taken into review by the RM reviewer. */
async function fileUnderReview(): Promise<{ id: string; number: string; roster: { id: string; band: number; rut: string }[] }> {
  const app = await createReviewFixture(handle.db, now());
  await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: app.id, reason: REVIEW_REASON }));
  const roster = await handle.db
    .select({ id: rosterEntries.id, band: rosterEntries.band, rut: rosterEntries.rut })
    .from(rosterEntries)
    .where(eq(rosterEntries.applicationId, app.id))
    .orderBy(asc(rosterEntries.band), asc(rosterEntries.rut));
  return { ...app, roster };
}

const citation = { ruleId: 'worker.savings_min', ruleSource: 'Programa de Vivienda para Organizaciones de Trabajadores, «Características de los proyectos»' };

async function draftOnWorker(applicationId: string, rosterEntryId: string, severity: 'bloqueante' | 'advertencia' = 'bloqueante') {
  return inTx((tx) =>
    createObservation(tx, reviewer(), {
      applicationId,
      targetKind: 'trabajador',
      rosterEntryId,
      severity,
      ...citation,
      message: 'Acredite el ahorro depositado con la cartola de la cuenta de ahorro para la vivienda.',
    }),
  );
}

async function draftOnField(applicationId: string, section: 'terreno' | 'proyecto', severity: 'bloqueante' | 'advertencia' = 'bloqueante') {
  return inTx((tx) =>
    createObservation(tx, reviewer(), {
      applicationId,
      targetKind: 'campo',
      section,
      field: 'Fecha del certificado de dominio',
      severity,
      ruleSource: 'Requisitos de postulación',
      message: 'El certificado de dominio vigente tiene más de 30 días al presentar; adjunte uno nuevo.',
    }),
  );
}

async function sendRound(applicationId: string, workingDays = 10) {
  return inTx((tx) => sendObservationRound(tx, reviewer(), { applicationId, deadlineKind: 'dias_habiles', workingDays }));
}

async function jobsFor(prefix: string) {
  return handle.db.select().from(jobs).where(like(jobs.dedupeKey, `${prefix}%`));
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), 'obs-uploads-'));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, SEEDED_AT);
  await seedDemoReviewRoster(handle.db);
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users))
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  pdf = await doc.save();
  setClock(new Date('2026-11-25T15:00:00Z'));
});

afterEach(() => {
  setClock(new Date('2026-11-25T15:00:00Z'));
});

afterAll(async () => {
  resetClock();
  await handle?.close();
  delete process.env.UPLOAD_DIR;
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
  await rm(uploadDir, { recursive: true, force: true });
});

describe('drafting and sending a round', () => {
  it('drafts observations pinned to a worker, a field and a document, and sends them as one round', async () => {
    const app = await fileUnderReview();
    const doc = await inTx((tx) =>
      storeDocumentVersion(tx, employer(), { applicationId: app.id, slot: 'convenio_trabajo', fileName: 'convenio.pdf', bytes: pdf }),
    );
    await draftOnWorker(app.id, app.roster[0]!.id);
    await draftOnField(app.id, 'terreno', 'advertencia');
    await inTx((tx) =>
      createObservation(tx, reviewer(), {
        applicationId: app.id,
        targetKind: 'documento',
        documentId: doc.id,
        severity: 'bloqueante',
        ruleSource: 'Antecedentes de postulación',
        message: 'El Convenio de Trabajo no está firmado ante notario.',
      }),
    );
    expect(await hasOpenObservations(handle.db, app.id)).toBe(false);

    const view = await getReviewObservations(reviewer(), app.id);
    expect(view.draft?.observations).toHaveLength(3);
    expect(view.canSend).toBe(true);
    const onWorker = view.draft!.observations.find((o) => o.target.kind === 'trabajador')!;
    expect(onWorker.rule).toEqual({ id: 'worker.savings_min', source: citation.ruleSource });
    expect(onWorker.owners).toEqual(['organizacion']);
    expect(view.draft!.observations.find((o) => o.target.kind === 'campo')!.owners).toEqual(['empleador']);
    expect(view.draft!.observations.find((o) => o.target.kind === 'documento')!.target.label).toContain('versión 1');

    const sent = await sendRound(app.id);
    expect(sent.observationCount).toBe(3);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('observada');
    const rounds = await handle.db.select().from(observationRounds).where(eq(observationRounds.applicationId, app.id));
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.sentAt).not.toBeNull();
    const obs = await handle.db.select().from(observations).where(eq(observations.applicationId, app.id));
    expect(obs.map((o) => o.status)).toEqual(['abierta', 'abierta', 'abierta']);
    expect(await hasOpenObservations(handle.db, app.id)).toBe(true);

    // The audit row of the round carries the move of status, for the status history.
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, app.id), eq(auditLog.action, 'observation.round.send')));
    expect(audit!.before).toEqual({ status: 'en_revision' });
    expect(audit!.after).toMatchObject({ status: 'observada', round: 1, observations: 3 });

    // One mail per participant of the parties (the fixture's workers have no e-mail).
    const mails = await jobsFor(`observations:${rounds[0]!.id}:`);
    expect(mails.map((j) => j.dedupeKey!.split(':').pop()).sort()).toEqual(['dirigente@demo.cl', 'empleador@demo.cl', 'patrocinante@demo.cl']);
    expect((mails[0]!.payload as { subject: string }).subject).toContain(app.number);

    const banner = await getObservationsBanner(leader(), app.id);
    expect(banner).toMatchObject({ observationCount: 3, blockingCount: 2, unansweredCount: 3, deadlinePassed: false });
  });

  it('refuses drafting before the file is taken into review, and sending an empty round', async () => {
    const app = await createReviewFixture(handle.db, now());
    const roster = await handle.db.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.applicationId, app.id));
    await expect(draftOnWorker(app.id, roster[0]!.id)).rejects.toThrow(/Tome la postulación para revisión/);
    await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: app.id, reason: REVIEW_REASON }));
    await expect(sendRound(app.id)).rejects.toThrow(/al menos una observación/);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('en_revision');
  });

  it('refuses pinning to a roster row or document of another application', async () => {
    const app = await fileUnderReview();
    const other = await fileUnderReview();
    await expect(draftOnWorker(app.id, other.roster[0]!.id)).rejects.toThrow(/no está en la nómina de esta postulación/);
  });

  it('deletes a draft observation but never a sent one', async () => {
    const app = await fileUnderReview();
    const first = await draftOnWorker(app.id, app.roster[0]!.id);
    const second = await draftOnWorker(app.id, app.roster[1]!.id);
    await inTx((tx) => deleteObservation(tx, reviewer(), { applicationId: app.id, observationId: first.id }));
    await sendRound(app.id);
    await expect(inTx((tx) => deleteObservation(tx, reviewer(), { applicationId: app.id, observationId: second.id }))).rejects.toThrow(
      /Solo se pueden eliminar observaciones en borrador/,
    );
  });

  it('counts a working-day deadline without the weekend and Chile’s public holiday (8 December)', async () => {
    const app = await fileUnderReview();
    await draftOnWorker(app.id, app.roster[0]!.id);
    // Wednesday 2 December 2026: Thu 3, Fri 4, [Sat 5, Sun 6], Mon 7, [Tue 8 holiday], Wed 9, Thu 10.
    setClock(new Date('2026-12-02T15:00:00Z'));
    expect(isWorkingDay('2026-12-08', { timeZone: 'America/Santiago' })).toBe(false);
    const sent = await sendRound(app.id, 5);
    // End of Thursday 10 December in Santiago (UTC−3 in summer).
    expect(sent.deadlineAt.toISOString()).toBe('2026-12-11T02:59:59.999Z');
  });

  it('uses the call’s «subsanación» date when asked, and refuses it once it has passed', async () => {
    const app = await fileUnderReview();
    await draftOnWorker(app.id, app.roster[0]!.id);
    const sent = await inTx((tx) => sendObservationRound(tx, reviewer(), { applicationId: app.id, deadlineKind: 'llamado' }));
    // Demo schedule: «subsanación» ends 48 days after the seeding day (22-11-2026) → 9 January 2027, 23:59:59.999 in Santiago.
    expect(sent.deadlineAt.toISOString()).toBe('2027-01-10T02:59:59.999Z');

    const late = await fileUnderReview();
    await draftOnWorker(late.id, late.roster[0]!.id);
    setClock(new Date('2027-01-15T15:00:00Z'));
    await expect(inTx((tx) => sendObservationRound(tx, reviewer(), { applicationId: late.id, deadlineKind: 'llamado' }))).rejects.toThrow(
      /ya pasó; fije el plazo en días hábiles/,
    );
  });
});

describe('another region’s file, by id', () => {
  it('is not found for Antofagasta’s reviewer and director, whatever they try', async () => {
    const app = await fileUnderReview();
    const obs = await draftOnWorker(app.id, app.roster[0]!.id);
    for (const email of ['analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl']) {
      const official = people[email]!;
      await expect(getReviewObservations(official, app.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        inTx((tx) =>
          createObservation(tx, official, { applicationId: app.id, targetKind: 'trabajador', rosterEntryId: app.roster[0]!.id, severity: 'bloqueante', ruleSource: 'x x x', message: 'Observación de otra región.' }),
        ),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(inTx((tx) => deleteObservation(tx, official, { applicationId: app.id, observationId: obs.id }))).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        inTx((tx) => sendObservationRound(tx, official, { applicationId: app.id, deadlineKind: 'dias_habiles', workingDays: 5 })),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    await sendRound(app.id);
    for (const email of ['analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl'])
      await expect(inTx((tx) => reviewObservation(tx, people[email]!, { applicationId: app.id, observationId: obs.id, verdict: 'aceptada' }))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    // Nothing moved.
    const [row] = await handle.db.select().from(observations).where(eq(observations.id, obs.id));
    expect(row!.status).toBe('abierta');
  });

  it('is not found for applicants of another organisation and for workers outside the roster', async () => {
    const app = await fileUnderReview();
    await draftOnWorker(app.id, app.roster[0]!.id);
    await sendRound(app.id);
    await expect(getApplicantObservations(people['trabajador@demo.cl']!, app.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewObservations(leader(), app.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('answering and correcting', () => {
  it('lets the owner of each item answer, refuses the others, and opens «enviar subsanación» when every blocking one is answered', async () => {
    const app = await fileUnderReview();
    const onWorker = await draftOnWorker(app.id, app.roster[0]!.id);
    const onLand = await draftOnField(app.id, 'terreno');
    const warning = await draftOnField(app.id, 'proyecto', 'advertencia');
    await sendRound(app.id);

    await expect(
      inTx((tx) => answerObservation(tx, employer(), { applicationId: app.id, observationId: onWorker.id, answer: 'Adjuntamos la cartola.' })),
    ).rejects.toThrow(/la responde otra de las organizaciones/);
    await expect(inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }))).rejects.toThrow(/Falta responder 2 observación/);

    await inTx((tx) =>
      answerObservation(tx, leader(), { applicationId: app.id, observationId: onWorker.id, answer: 'Se adjunta la cartola con 30 UF depositadas.' }),
    );
    let view = await getApplicantObservations(leader(), app.id);
    expect(view.canSubmitCorrection).toBe(false);
    expect(view.current!.observations.find((o) => o.id === onLand.id)!.canAnswer).toBe(false);
    expect(view.current!.observations.find((o) => o.id === warning.id)!.owners).toEqual(['patrocinante']);

    const answered = await inTx((tx) =>
      answerObservation(tx, employer(), {
        applicationId: app.id,
        observationId: onLand.id,
        answer: 'Se adjunta un certificado de dominio nuevo.',
        slot: 'certificado_dominio',
        issuedOn: '2026-11-24',
        file: { name: 'certificado.pdf', bytes: pdf },
      }),
    );
    expect(answered.documentId).not.toBeNull();
    view = await getApplicantObservations(leader(), app.id);
    expect(view.canSubmitCorrection).toBe(true);

    const result = await inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }));
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('subsanada');
    // The region's reviewers and the participants hear of it, once each, with what it answered.
    const mails = await jobsFor(`status:${app.id}:v${row!.version}:`);
    const recipients = mails.map((j) => j.dedupeKey!.split(':').pop()).sort();
    expect(recipients).toContain('analista.rm@demo.cl');
    expect(recipients).toContain('dirigente@demo.cl');
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(result.mailsQueued).toBe(recipients.length);
    for (const mail of mails) expect((mail.payload as { text: string }).text).toMatch(/Subsanación de la ronda 1: 2 observación\(es\) respondida\(s\)/);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.entityId, app.id), eq(auditLog.action, 'application.correction.submit')));
    expect((audit!.after as { reason: string }).reason).toMatch(/^Subsanación de la ronda 1/);
    await expect(inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }))).rejects.toThrow(/ya fue enviada/);
    expect(await jobsFor(`status:${app.id}:v${row!.version}:`)).toHaveLength(recipients.length);
    // After the correction nothing more can be answered.
    await expect(
      inTx((tx) => answerObservation(tx, leader(), { applicationId: app.id, observationId: onWorker.id, answer: 'Otra respuesta posterior.' })),
    ).rejects.toThrow(/no tiene observaciones pendientes/);
  });

  it('refuses answers and the correction after the deadline, by the server clock', async () => {
    const app = await fileUnderReview();
    const obs = await draftOnWorker(app.id, app.roster[0]!.id);
    const sent = await sendRound(app.id, 3);
    setClock(new Date(sent.deadlineAt.getTime())); // the last millisecond is still on time
    await inTx((tx) => answerObservation(tx, leader(), { applicationId: app.id, observationId: obs.id, answer: 'Respuesta a tiempo.' }));
    setClock(new Date(sent.deadlineAt.getTime() + 1));
    await expect(
      inTx((tx) => answerObservation(tx, leader(), { applicationId: app.id, observationId: obs.id, answer: 'Respuesta tardía.' })),
    ).rejects.toThrow(/El plazo para subsanar las observaciones venció/);
    await expect(inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }))).rejects.toThrow(/venció/);
    const view = await getApplicantObservations(leader(), app.id);
    expect(view.current!.deadlinePassed).toBe(true);
    expect(view.current!.observations[0]!.canAnswer).toBe(false);
    expect(view.submitBlockedReason).toMatch(/venció/);
    const [row] = await handle.db.select().from(observations).where(eq(observations.id, obs.id));
    expect(row!.answer).toBe('Respuesta a tiempo.');
  });

  it('shows a worker only the observations about their own roster row', async () => {
    const app = await fileUnderReview();
    const [mine, other] = app.roster;
    // The worker's RUT, proven (as by ClaveÚnica), is the row's.
    await handle.db.update(users).set({ rut: mine!.rut, rutVerifiedAt: new Date() }).where(eq(users.email, 'trabajador@demo.cl'));
    try {
      const worker = { ...people['trabajador@demo.cl']!, rut: mine!.rut };
      await draftOnWorker(app.id, mine!.id);
      await draftOnWorker(app.id, other!.id);
      await draftOnField(app.id, 'terreno');
      await sendRound(app.id);
      const view = await getApplicantObservations(worker, app.id);
      expect(view.current!.observations).toHaveLength(1);
      expect(view.current!.observations[0]!.canAnswer).toBe(false);
    } finally {
      await handle.db.update(users).set({ rut: people['trabajador@demo.cl']!.rut, rutVerifiedAt: null }).where(eq(users.email, 'trabajador@demo.cl'));
    }
  });
});

describe('SERVIU evaluates the correction', () => {
  it('sees only what changed since the round was sent: fields, roster rows and new document versions, from real edits', async () => {
    const app = await fileUnderReview();
    // As the file arrived: Terreno and Proyecto filled in, a Convenio version uploaded before the round.
    await handle.db.update(applications).set({ sections: SUBMITTED_SECTIONS }).where(eq(applications.id, app.id));
    await inTx((tx) => storeDocumentVersion(tx, employer(), { applicationId: app.id, slot: 'convenio_trabajo', fileName: 'convenio-v1.pdf', bytes: pdf }));
    const onLand = await draftOnField(app.id, 'terreno');
    const onWorker = await draftOnWorker(app.id, app.roster[1]!.id);
    const onReplaced = await draftOnWorker(app.id, app.roster[2]!.id);
    await sendRound(app.id);

    // The correction, through the same functions the portal's forms call.
    const land = ZLandSectionInput.parse({ applicationId: app.id, version: await versionOf(app.id), values: landValues('1240') });
    await inTx((tx) => updateLandSection(tx, employer(), land));
    const project = ZProjectSectionInput.parse({ applicationId: app.id, version: await versionOf(app.id), values: projectValues('1550', await nameOf(app.id)) });
    await inTx((tx) => updateProjectSection(tx, sponsor(), project));
    const worker = await getRosterEntry(leader(), app.id, app.roster[1]!.id);
    await inTx((tx) =>
      updateRosterEntry(tx, leader(), {
        applicationId: app.id,
        entryId: worker.id,
        expectedStamp: worker.stamp,
        entry: { ...worker.entry, householdSize: 4, savingsDepositedUf: '50' },
      }),
    );
    const corrected = await inTx((tx) =>
      uploadApplicationDocument(tx, employer(), { applicationId: app.id, slot: 'convenio_trabajo', fileName: 'convenio-v2.pdf', bytes: pdf, issuedOn: null }),
    );
    await inTx((tx) =>
      proposeReplacement(tx, leader(), {
        applicationId: app.id,
        replacedEntryId: app.roster[2]!.id,
        entry: {
          rut: demoRut(31_555_666),
          firstNames: 'Tomás',
          lastNames: 'Reemplazo Soto',
          unionMember: true,
          rshPercentile: 60,
          householdSize: 3,
          monthlyIncomeClp: 800_000,
          savingsUf: '80',
          savingsDepositedUf: '40',
          band: 2,
          birthDate: null,
          email: null,
        },
      }),
    );
    // Saving a section again with the same values changes nothing SERVIU must read.
    const again = ZLandSectionInput.parse({ applicationId: app.id, version: await versionOf(app.id), values: landValues('1240') });
    await inTx((tx) => updateLandSection(tx, employer(), again));
    for (const [id, by] of [
      [onLand.id, employer()],
      [onWorker.id, leader()],
      [onReplaced.id, leader()],
    ] as const)
      await inTx((tx) => answerObservation(tx, by, { applicationId: app.id, observationId: id, answer: 'Corregido en la postulación.' }));

    // While the applicant may still change things, SERVIU does not see a partial diff.
    expect((await getReviewObservations(reviewer(), app.id)).changes).toBeNull();
    await inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }));

    const view = await getReviewObservations(reviewer(), app.id);
    expect(view.changes).not.toBeNull();
    const changes = view.changes!;
    expect(changes.fields).toEqual([
      {
        section: 'proyecto',
        sectionLabel: 'Proyecto',
        field: 'dwellings.2.0.priceUf',
        label: 'Tramo 2 › línea 1 › Precio por vivienda (UF)',
        before: '1.600',
        after: '1.550',
      },
      {
        section: 'terreno',
        sectionLabel: 'Terreno',
        field: 'dominio.fojas',
        label: 'Certificado de dominio vigente › Fojas',
        before: '1234',
        after: '1240',
      },
    ]);
    const edited = changes.roster.find((r) => r.kind === 'modificado');
    expect(edited).toMatchObject({ entryId: app.roster[1]!.id, worker: expect.stringContaining(await workerName(app.roster[1]!.id)) });
    expect(edited?.kind === 'modificado' && edited.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Integrantes del hogar', '3', '4'],
      // Every band-2 worker of the fixture has between 36 and 45 UF deposited.
      [expect.stringMatching(/depositado/i), worker.cells.savingsDepositedUf, '50'],
    ]);
    const replacement = changes.roster.find((r) => r.kind === 'reemplazo');
    expect(replacement).toMatchObject({ worker: expect.stringContaining('Tomás Reemplazo Soto'), replaced: expect.stringContaining(await workerName(app.roster[2]!.id)) });
    expect(changes.roster).toHaveLength(2);
    expect(changes.documents.map((d) => [d.id, d.fileName, d.version])).toEqual([[corrected.id, 'convenio-v2.pdf', 2]]);

    // The correction's audit row names what it changed.
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, app.id), eq(auditLog.action, 'application.correction.submit')));
    expect(audit!.after).toMatchObject({
      changes: {
        fields: ['proyecto.dwellings.2.0.priceUf', 'terreno.dominio.fojas'],
        rosterEntries: expect.arrayContaining([app.roster[1]!.id]),
        documents: [corrected.id],
      },
    });
  });

  it('shows the changes once the deadline passed without a correction, and nothing when nothing changed', async () => {
    const app = await fileUnderReview();
    await draftOnWorker(app.id, app.roster[0]!.id);
    const sent = await sendRound(app.id, 3);
    setClock(new Date(sent.deadlineAt.getTime() + 1));
    const view = await getReviewObservations(reviewer(), app.id);
    expect(view.changes).toMatchObject({ fields: [], roster: [], documents: [] });
  });

  it('accepts or repeats each observation; a repeated one goes, as a draft, into the next round', async () => {
    const app = await fileUnderReview();
    const a = await draftOnWorker(app.id, app.roster[0]!.id);
    const b = await draftOnWorker(app.id, app.roster[1]!.id);
    await sendRound(app.id);
    // Not before the applicant had their turn.
    await expect(inTx((tx) => reviewObservation(tx, reviewer(), { applicationId: app.id, observationId: a.id, verdict: 'aceptada' }))).rejects.toThrow(
      /todavía no se pueden evaluar/,
    );
    for (const id of [a.id, b.id]) await inTx((tx) => answerObservation(tx, leader(), { applicationId: app.id, observationId: id, answer: 'Respondida.' }));
    await inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }));

    await inTx((tx) => reviewObservation(tx, reviewer(), { applicationId: app.id, observationId: a.id, verdict: 'aceptada' }));
    const repeated = await inTx((tx) => reviewObservation(tx, reviewer(), { applicationId: app.id, observationId: b.id, verdict: 'reiterada' }));
    expect(repeated.followUpId).not.toBeNull();
    await expect(inTx((tx) => reviewObservation(tx, reviewer(), { applicationId: app.id, observationId: a.id, verdict: 'reiterada' }))).rejects.toThrow(
      /ya fue evaluada/,
    );
    const view = await getReviewObservations(reviewer(), app.id);
    expect(view.rounds[0]!.observations.map((o) => o.status).sort()).toEqual(['aceptada', 'reiterada']);
    expect(view.draft?.number).toBe(2);
    expect(view.draft?.observations.map((o) => o.id)).toEqual([repeated.followUpId]);
    expect(decodeRuleCitation((await handle.db.select().from(observations).where(eq(observations.id, repeated.followUpId!)))[0]!.ruleId)?.id).toBe(
      'worker.savings_min',
    );
    expect(await hasOpenObservations(handle.db, app.id)).toBe(false);
    expect((await listOpenBlockingObservations(handle.db, app.id)).map((o) => o.status)).toEqual(['borrador']);

    // The second round goes out from «subsanada»: back to «observada».
    const second = await sendRound(app.id);
    expect(second.roundNumber).toBe(2);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('observada');
    expect(await hasOpenObservations(handle.db, app.id)).toBe(true);
    const applicant = await getApplicantObservations(leader(), app.id);
    expect(applicant.current!.number).toBe(2);
    expect(applicant.earlier.map((r) => r.number)).toEqual([1]);
  });

  it('refuses a new round while the previous one still has observations to evaluate', async () => {
    const app = await fileUnderReview();
    const a = await draftOnWorker(app.id, app.roster[0]!.id);
    await sendRound(app.id);
    await inTx((tx) => answerObservation(tx, leader(), { applicationId: app.id, observationId: a.id, answer: 'Respondida.' }));
    await inTx((tx) => submitCorrection(tx, leader(), { applicationId: app.id }));
    await draftOnWorker(app.id, app.roster[2]!.id);
    await expect(sendRound(app.id)).rejects.toThrow(/acepte o reitere las 1 observación/);
  });
});

