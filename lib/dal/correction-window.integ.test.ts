import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { applicationDwellings, applications, documents, observations, rosterEntries, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { createReviewFixture, seedDemoReviewRoster } from '@/db/seed/demo-review';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now, resetClock, setClock } from '@/lib/clock';
import { resetEnvForTests } from '@/lib/env';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { createTestDb } from '@/lib/test/db';
import { ZLandSectionInput, ZProjectSectionInput, ZWorkAgreementSectionInput } from '@/lib/validations/sections';
import type { WorkAgreementFormValues } from '@/lib/validations/sections';
import { SUBMITTED_SECTIONS, landValues, projectValues, REVIEW_REASON } from './correction-fixtures';
import { getLandSectionView, getProjectSectionView, updateLandSection, updateProjectSection, updateWorkAgreementSection } from './application-sections';
import { approveTechnically, takeIntoReview } from './decisions';
import { getApplicationDocuments, uploadApplicationDocument } from './documents';
import { createIncorporationLink } from './incorporation';
import {
  answerObservation,
  createObservation,
  getApplicantObservations,
  getCorrectionPanel,
  reviewObservation,
  sendObservationRound,
  submitCorrection,
} from './observations';
import { proposeReplacement } from './replacements';
import { addRosterEntry, getRosterEntry, getRosterView, importRosterFile, removeRosterEntry, updateRosterEntry } from './roster';
import { getApplicationOverview } from './section-status';

let handle: DbHandle;
let uploadDir: string;
let pdf: Uint8Array;
const people: Record<string, SessionUser> = {};
const reviewer = () => people['analista.rm@demo.cl']!;
const director = () => people['director.rm@demo.cl']!;
const leader = () => people['dirigente@demo.cl']!;
const employer = () => people['empleador@demo.cl']!;
const sponsor = () => people['patrocinante@demo.cl']!;
const NOW = new Date('2026-11-25T15:00:00Z');
let nextRut = 33_000_001;

function inTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(fn);
}

function agreementValues(): WorkAgreementFormValues {
  return {
    landCession: 'si',
    landCessionDescription: 'El lote de Av. Los Castaños 1200 se transfiere al grupo al firmar la compraventa.',
    unionWorkers: '5',
    nonUnionWorkers: '0',
    contributions: [{ party: 'empleador', description: 'Urbanización', materialization: 'Obras antes del inicio', amountUf: '500' }],
    builder: { name: 'Constructora Demo SpA', rut: demoRut(77_222_444), registryNumber: 'RNC-5678' },
    postSaleReport: true,
    technicalSupport: 'Oficina técnica de la empresa.',
  };
}

async function versionOf(id: string): Promise<number> {
  const [row] = await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, id));
  return row!.version;
}

// Inputs are built before the transaction opens: PGlite has one connection.
async function saveLand(user: SessionUser, id: string, fojas: string) {
  const input = ZLandSectionInput.parse({ applicationId: id, version: await versionOf(id), values: landValues(fojas) });
  return inTx((tx) => updateLandSection(tx, user, input));
}
async function saveProject(user: SessionUser, id: string, band2Price: string) {
  const [row] = await handle.db.select({ projectName: applications.projectName }).from(applications).where(eq(applications.id, id));
  const input = ZProjectSectionInput.parse({ applicationId: id, version: await versionOf(id), values: projectValues(band2Price, row!.projectName) });
  return inTx((tx) => updateProjectSection(tx, user, input));
}
async function saveAgreement(user: SessionUser, id: string) {
  const input = ZWorkAgreementSectionInput.parse({ applicationId: id, version: await versionOf(id), values: agreementValues() });
  return inTx((tx) => updateWorkAgreementSection(tx, user, input));
}
async function editWorker(user: SessionUser, id: string, entryId: string, change: Partial<TRosterEntryInput>) {
  const current = await getRosterEntry(leader(), id, entryId);
  return inTx((tx) => updateRosterEntry(tx, user, { applicationId: id, entryId, expectedStamp: current.stamp, entry: { ...current.entry, ...change } }));
}
async function upload(user: SessionUser, id: string, slot = 'convenio_trabajo', fileName = 'convenio-corregido.pdf') {
  return inTx((tx) => uploadApplicationDocument(tx, user, { applicationId: id, slot, fileName, bytes: pdf, issuedOn: null }));
}
function newWorker(overrides: Partial<TRosterEntryInput> = {}): TRosterEntryInput {
  return {
    rut: demoRut(nextRut++),
    firstNames: 'Daniela',
    lastNames: 'Nueva Ruiz',
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

/** A fresh submitted file (Terreno and Proyecto filled in, 5 workers) taken into review. */
async function fileInReview(): Promise<{ id: string; roster: Entry[] }> {
  const app = await createReviewFixture(handle.db, now());
  await handle.db.update(applications).set({ sections: SUBMITTED_SECTIONS }).where(eq(applications.id, app.id));
  await inTx((tx) => takeIntoReview(tx, reviewer(), { applicationId: app.id, reason: REVIEW_REASON }));
  const roster = await handle.db
    .select({ id: rosterEntries.id, band: rosterEntries.band, rut: rosterEntries.rut })
    .from(rosterEntries)
    .where(eq(rosterEntries.applicationId, app.id))
    .orderBy(asc(rosterEntries.band), asc(rosterEntries.rut));
  return { id: app.id, roster };
}

/** The same file observed: a blocking observation on the land's certificate date and one on a worker; 10 working days. */
async function observedFile(): Promise<{ id: string; roster: Entry[]; deadlineAt: Date; onLand: string; onWorker: string }> {
  const file = await fileInReview();
  const onLand = await inTx((tx) =>
    createObservation(tx, reviewer(), {
      applicationId: file.id,
      targetKind: 'campo',
      section: 'terreno',
      field: 'Fecha del certificado de dominio',
      severity: 'bloqueante',
      ruleSource: 'Requisitos de postulación',
      message: 'El certificado de dominio vigente tiene más de 30 días; adjunte uno nuevo y corrija la fecha.',
    }),
  );
  const onWorker = await inTx((tx) =>
    createObservation(tx, reviewer(), {
      applicationId: file.id,
      targetKind: 'trabajador',
      rosterEntryId: file.roster[1]!.id,
      severity: 'advertencia',
      ruleSource: 'Registro Social de Hogares',
      message: 'Corrija el número de integrantes del hogar según la cartola del RSH.',
    }),
  );
  const sent = await inTx((tx) => sendObservationRound(tx, reviewer(), { applicationId: file.id, deadlineKind: 'dias_habiles', workingDays: 10 }));
  return { ...file, deadlineAt: sent.deadlineAt, onLand: onLand.id, onWorker: onWorker.id };
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), 'correction-uploads-'));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  await seedDemoReviewRoster(handle.db);
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users))
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  pdf = await doc.save();
  setClock(NOW);
});

afterEach(() => setClock(NOW));

afterAll(async () => {
  resetClock();
  await handle?.close();
  delete process.env.UPLOAD_DIR;
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
  await rm(uploadDir, { recursive: true, force: true });
});

describe('while observed and before the deadline', () => {
  it('lets each owner party correct its sections, its workers’ data and its documents', async () => {
    const file = await observedFile();
    const before = await versionOf(file.id);

    const land = await saveLand(employer(), file.id, '1240');
    expect(land.version).toBe(before + 1);
    await saveProject(sponsor(), file.id, '1550');
    await saveAgreement(employer(), file.id);
    const edited = await editWorker(leader(), file.id, file.roster[1]!.id, { householdSize: 4 });
    expect(edited.entryId).toBe(file.roster[1]!.id);
    const stored = await upload(employer(), file.id);
    expect(stored.version).toBe(1);
    const link = await inTx((tx) => createIncorporationLink(tx, leader(), { applicationId: file.id, entryId: file.roster[2]!.id, sendEmail: false }));
    expect(link.url).toContain('/incorporacion/');

    const [row] = await handle.db.select().from(applications).where(eq(applications.id, file.id));
    expect(row!.status).toBe('observada');
    expect((row!.sections as { terreno: { dominio: { fojas: string } } }).terreno.dominio.fojas).toBe('1240');
    const [band2] = await handle.db
      .select({ priceUf: applicationDwellings.priceUf })
      .from(applicationDwellings)
      .where(and(eq(applicationDwellings.applicationId, file.id), eq(applicationDwellings.band, 2)));
    expect(band2!.priceUf).toBe('1550.00');
    const [worker] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.id, file.roster[1]!.id));
    expect(worker!.householdSize).toBe(4);
  });

  it('says on each page that the part can be corrected, until when, and which observations point at it', async () => {
    const file = await observedFile();
    const view = await getLandSectionView(employer(), file.id);
    expect(view.edit).toMatchObject({ canEdit: true, reason: null, correction: { deadlineAt: file.deadlineAt } });
    const panel = await getCorrectionPanel(employer(), file.id, 'terreno');
    expect(panel).toMatchObject({ roundNumber: 1, deadlineAt: file.deadlineAt, open: true });
    expect(panel!.observations.map((o) => o.id)).toEqual([file.onLand]);
    expect(panel!.observations[0]!.href).toBe(`/portal/postulaciones/${file.id}/observaciones#observacion-${file.onLand}`);
    expect((await getCorrectionPanel(leader(), file.id, 'nomina'))!.observations.map((o) => o.id)).toEqual([file.onWorker]);
    expect((await getCorrectionPanel(sponsor(), file.id, 'proyecto'))!.observations).toEqual([]);

    const roster = await getRosterView(leader(), file.id);
    expect(roster).toMatchObject({ canEdit: true, readOnlyReason: null, canChangeComposition: false, correction: { deadlineAt: file.deadlineAt } });
    expect(roster.compositionReason).toMatch(/solo con reemplazos \(hasta el 30% de la nómina presentada\)/);
    const entry = await getRosterEntry(leader(), file.id, file.roster[1]!.id);
    expect(entry).toMatchObject({ canEdit: true, canRemove: false, rutLocked: true });
    const docs = await getApplicationDocuments(employer(), file.id);
    expect(docs).toMatchObject({ editable: true, lockedReason: null, correction: { deadlineAt: file.deadlineAt } });
    expect(docs.slots.find((s) => s.slot === 'convenio_trabajo')!.canUpload).toBe(true);

    const overview = await getApplicationOverview(employer(), file.id);
    expect(overview.correction).toEqual({ roundNumber: 1, deadlineAt: file.deadlineAt, open: true, closedReason: null });
    const terreno = overview.sections.find((s) => s.id === 'terreno')!;
    expect(terreno).toMatchObject({ status: 'con_observaciones', readOnly: false });
    expect(terreno.observations.map((o) => o.id)).toEqual([file.onLand]);
    expect(overview.sections.find((s) => s.id === 'nomina')!.readOnly).toBe(true);

    // The observations page links each observation to where it is corrected, for the party that owns it.
    const answers = await getApplicantObservations(employer(), file.id);
    expect(answers.current!.observations.find((o) => o.id === file.onLand)!.correctionHref).toBe(`/portal/postulaciones/${file.id}/terreno`);
    const union = await getApplicantObservations(leader(), file.id);
    expect(union.current!.observations.find((o) => o.id === file.onWorker)!.correctionHref).toBe(
      `/portal/postulaciones/${file.id}/nomina/trabajador/${file.roster[1]!.id}`,
    );
    expect(union.current!.observations.find((o) => o.id === file.onLand)!.correctionHref).toBeNull();
  });

  it('refuses a party that does not own the part, as in the draft', async () => {
    const file = await observedFile();
    const version = await versionOf(file.id);
    await expect(saveLand(leader(), file.id, '2026-11-24')).rejects.toThrow(/la completa otra de las organizaciones/);
    await expect(saveLand(sponsor(), file.id, '2026-11-24')).rejects.toThrow(/la completa otra de las organizaciones/);
    await expect(saveProject(employer(), file.id, '1550')).rejects.toThrow(/la completa otra de las organizaciones/);
    // The employer has no right to manage a roster: the file is not found for that purpose.
    await expect(editWorker(employer(), file.id, file.roster[1]!.id, { householdSize: 4 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(upload(sponsor(), file.id)).rejects.toThrow('Este documento lo sube el empleador; usted puede verlo, pero no subir versiones.');
    await expect(upload(people['analista.rm@demo.cl']!, file.id, 'otros')).rejects.toBeInstanceOf(NotFoundError);
    expect(await versionOf(file.id)).toBe(version);
    expect((await getLandSectionView(leader(), file.id)).edit.canEdit).toBe(false);
  });

  it('keeps the roster’s membership to replacements: no adding, removing, importing or changing a RUT', async () => {
    const file = await observedFile();
    const refusal = /no se pueden agregar ni quitar trabajadores.*solo con reemplazos/;
    const entry = newWorker();
    await expect(inTx((tx) => addRosterEntry(tx, leader(), { applicationId: file.id, entry }))).rejects.toThrow(refusal);
    await expect(inTx((tx) => removeRosterEntry(tx, leader(), { applicationId: file.id, entryId: file.roster[3]!.id }))).rejects.toThrow(refusal);
    const csv = new TextEncoder().encode('RUT;Nombres;Apellidos\n');
    await expect(inTx((tx) => importRosterFile(tx, leader(), { applicationId: file.id, fileName: 'nomina.csv', bytes: csv }))).rejects.toThrow(refusal);
    const rutChange = await editWorker(leader(), file.id, file.roster[3]!.id, { rut: demoRut(nextRut++) }).catch((e: unknown) => e);
    expect(rutChange).toBeInstanceOf(DomainError);
    expect((rutChange as DomainError).fieldErrors?.['entry.rut']).toMatch(/no se puede cambiar el RUT.*proponga un reemplazante/);
    expect(await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, file.id))).toHaveLength(5);

    // A replacement still works, within the call's share (30% of 5 presented → 1).
    const replacement = newWorker({ firstNames: 'Tomás' });
    await inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: file.roster[4]!.id, entry: replacement }));
    const second = newWorker({ firstNames: 'Rosa' });
    await expect(
      inTx((tx) => proposeReplacement(tx, leader(), { applicationId: file.id, replacedEntryId: file.roster[3]!.id, entry: second })),
    ).rejects.toThrow(/30%/);
  });
});

describe('outside the correction window', () => {
  it('refuses every change after the deadline by the server clock, and accepts its last millisecond', async () => {
    const file = await observedFile();
    setClock(file.deadlineAt);
    await saveLand(employer(), file.id, '1240');
    setClock(new Date(file.deadlineAt.getTime() + 1));
    const late = /El plazo para subsanar las observaciones venció/;
    await expect(saveLand(employer(), file.id, '2026-11-20')).rejects.toThrow(late);
    await expect(saveProject(sponsor(), file.id, '1550')).rejects.toThrow(late);
    await expect(saveAgreement(employer(), file.id)).rejects.toThrow(late);
    await expect(editWorker(leader(), file.id, file.roster[1]!.id, { householdSize: 4 })).rejects.toThrow(late);
    await expect(upload(employer(), file.id)).rejects.toThrow(late);
    await expect(
      inTx((tx) => createIncorporationLink(tx, leader(), { applicationId: file.id, entryId: file.roster[2]!.id, sendEmail: false })),
    ).rejects.toThrow(late);
    expect(await handle.db.select().from(documents).where(eq(documents.applicationId, file.id))).toHaveLength(0);

    const view = await getLandSectionView(employer(), file.id);
    expect(view.edit).toMatchObject({ canEdit: false, reason: expect.stringMatching(late), correction: null });
    expect((await getRosterView(leader(), file.id)).readOnlyReason).toMatch(late);
    expect((await getApplicationDocuments(employer(), file.id)).lockedReason).toMatch(late);
    expect(await getCorrectionPanel(employer(), file.id, 'terreno')).toMatchObject({ open: false, closedReason: expect.stringMatching(late) });
    expect((await getApplicationOverview(employer(), file.id)).correction).toMatchObject({ open: false });
  });

  it('refuses every change while sent, in review, corrected and approved, each with its reason', async () => {
    const expectClosed = async (id: string, roster: Entry[], reason: RegExp) => {
      await expect(saveLand(employer(), id, '2026-11-24')).rejects.toThrow(reason);
      await expect(saveProject(sponsor(), id, '1550')).rejects.toThrow(reason);
      await expect(editWorker(leader(), id, roster[1]!.id, { householdSize: 4 })).rejects.toThrow(reason);
      await expect(upload(employer(), id)).rejects.toThrow(reason);
      const view = await getProjectSectionView(sponsor(), id);
      expect(view.edit.canEdit).toBe(false);
      expect(view.edit.reason).toMatch(reason);
      expect(await getCorrectionPanel(sponsor(), id, 'proyecto')).toBeNull();
    };

    const sent = await createReviewFixture(handle.db, now());
    const sentRoster = await handle.db.select({ id: rosterEntries.id, band: rosterEntries.band, rut: rosterEntries.rut }).from(rosterEntries).where(eq(rosterEntries.applicationId, sent.id));
    await expectClosed(sent.id, sentRoster, /^La postulación ya fue enviada y no puede modificarse\.$/);

    const inReview = await fileInReview();
    await expectClosed(inReview.id, inReview.roster, /SERVIU la está revisando/);

    const corrected = await observedFile();
    await inTx((tx) => answerObservation(tx, employer(), { applicationId: corrected.id, observationId: corrected.onLand, answer: 'Se adjunta un certificado nuevo.' }));
    await inTx((tx) => submitCorrection(tx, leader(), { applicationId: corrected.id }));
    await expectClosed(corrected.id, corrected.roster, /La subsanación ya fue enviada y SERVIU la está revisando/);

    for (const o of await handle.db.select({ id: observations.id }).from(observations).where(eq(observations.applicationId, corrected.id)))
      await inTx((tx) => reviewObservation(tx, reviewer(), { applicationId: corrected.id, observationId: o.id, verdict: 'aceptada' }));
    await inTx((tx) => approveTechnically(tx, director(), { applicationId: corrected.id, reason: 'Cumple los requisitos técnicos del llamado.' }));
    const [row] = await handle.db.select({ status: applications.status }).from(applications).where(eq(applications.id, corrected.id));
    expect(row!.status).toBe('aprobada_tecnicamente');
    await expectClosed(corrected.id, corrected.roster, /aprobada técnicamente y ya no puede modificarse/);
  });
});
