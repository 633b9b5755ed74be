import { createHash } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import {
  applicationDwellings,
  applications,
  auditLog,
  calls,
  documents,
  employers,
  jobs,
  memberships,
  organizations,
  rosterEntries,
  sponsors,
  submissionApprovals,
  users,
} from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { readPdfText } from '@/lib/pdf/test-pdf-text';
import { createTestDb } from '@/lib/test/db';
import { bumpVersion } from './application-access';
import {
  approveSubmission,
  canonicalJson,
  getApplicationStatus,
  getPublicReceipt,
  getSubmissionReceipt,
  getSubmissionReview,
  receiptVerificationCode,
  snapshotHash,
  submitApplication,
  verifyReceiptDocument,
} from './submission';
import type { SubmissionResult } from './submission';

const SEEDED_AT = new Date('2026-11-22T15:00:00Z');
let handle: DbHandle;
const people: Record<string, SessionUser> = {};
let ids: { callId: string; organizationId: string; otherOrganizationId: string; employerId: string; sponsorId: string; builderId: string };

function asUser(row: typeof users.$inferSelect): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, regionCode: row.regionCode, rut: row.rut };
}

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, SEEDED_AT);
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users)) people[u.email] = asUser(u);
  const [call] = await handle.db.select().from(calls).where(eq(calls.code, 'PVT-DEMO'));
  const [union] = await handle.db.select().from(organizations).where(eq(organizations.name, 'Sindicato de Trabajadores Demo Uno'));
  const [other] = await handle.db.select().from(organizations).where(eq(organizations.name, 'Sindicato Minero Demo Norte'));
  const [employer] = await handle.db.select().from(employers);
  const [ep] = await handle.db.select().from(sponsors).where(eq(sponsors.kind, 'entidad_patrocinante'));
  const [builder] = await handle.db.select().from(sponsors).where(eq(sponsors.kind, 'constructora'));
  ids = { callId: call!.id, organizationId: union!.id, otherOrganizationId: other!.id, employerId: employer!.id, sponsorId: ep!.id, builderId: builder!.id };
  // The other union's leader, to prove another organisation cannot reach this file.
  const [stranger] = await handle.db
    .insert(users)
    .values({ email: 'dirigente.norte@prueba.cl', name: 'Dirigente Norte', role: 'org_rep' })
    .returning();
  await handle.db.insert(memberships).values({ userId: stranger!.id, organizationId: other!.id });
  people[stranger!.email] = asUser(stranger!);
});

afterAll(async () => {
  resetClock();
  await handle?.close();
});

beforeEach(() => setClock(SEEDED_AT));
afterEach(() => resetClock());

const orgRep = () => people['dirigente@demo.cl']!;
const employerRep = () => people['empleador@demo.cl']!;

let counter = 0;
const fileBytes = (text: string) => new TextEncoder().encode(text);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface BuiltApplication {
  id: string;
  number: string;
  workerEmails: string[];
  documentHashes: Record<string, string>;
}

/**
 * A complete, valid application of the demo union in the open call: 5 dwellings (1 in band 1, 4 in
 * band 2), 5 eligible union workers who confirmed their incorporation, the three sections, and every
 * required document (the title certificate issued 5 days ago).
 */
async function buildValidApplication(): Promise<BuiltApplication> {
  counter += 1;
  const number = `PVT-PRUEBA-${String(counter).padStart(4, '0')}`;
  const db = handle.db;
  const workers = Array.from({ length: 5 }, (_, i) => ({
    rut: demoRut(21_000_000 + counter * 100 + i),
    band: i === 0 ? 1 : 2,
    email: i < 3 ? `trabajador${counter}-${i}@prueba.cl` : null,
  }));
  const [app] = await db
    .insert(applications)
    .values({
      number,
      callId: ids.callId,
      organizationId: ids.organizationId,
      employerId: ids.employerId,
      sponsorId: ids.sponsorId,
      builderId: ids.builderId,
      projectName: `Condominio Prueba ${counter}`,
      regionCode: '13',
      comunaCode: '13201',
      createdBy: orgRep().id,
      sections: {
        proyecto: { projectType: 'construccion_nuevos_terrenos', typologies: [{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }] },
        convenio: {
          landCession: 'si',
          landCessionDescription: 'El empleador cede el lote 4 al grupo.',
          unionWorkers: 5,
          nonUnionWorkers: 0,
          contributions: [],
          builder: { name: 'Constructora Demo SpA', rut: demoRut(77_222_444), registryNumber: 'RNC-5678' },
          postSaleReport: true,
          technicalSupport: 'Apoyo de la oficina técnica del empleador.',
        },
        comite: {
          committee: [
            { name: 'Carolina Vega', rut: demoRut(9_111_222), side: 'empleador', position: 'Gerenta' },
            { name: 'Juan Rojas', rut: demoRut(12_333_444), side: 'organizacion', position: 'Presidente' },
            { name: 'Trabajador Uno', rut: workers[0]!.rut, side: 'grupo', position: '' },
          ],
        },
        gantt: { gantt: [{ title: 'Permiso de edificación', startOn: '2027-01-10', endOn: '2027-03-30' }] },
        terreno: {
          situation: 'dominio',
          address: 'Camino Los Aromos 123, Puente Alto',
          rolAvaluo: '1234-5',
          dominio: { conservador: 'Puente Alto', fojas: '123', numero: '456', anio: 2020 },
        },
      },
    })
    .returning({ id: applications.id });
  const id = app!.id;
  await db.insert(applicationDwellings).values([
    { applicationId: id, band: 1, count: 1, priceUf: '1200' },
    { applicationId: id, band: 2, count: 4, priceUf: '1600' },
  ]);
  await db.insert(rosterEntries).values(
    workers.map((w, i) => ({
      applicationId: id,
      callId: ids.callId,
      rut: w.rut,
      firstNames: `Nombre${i}`,
      lastNames: `Apellido${i} Prueba`,
      email: w.email,
      unionMember: true,
      rshPercentile: w.band === 1 ? 40 : 70,
      householdSize: 3,
      monthlyIncomeClp: 850_000,
      savingsUf: w.band === 1 ? '55' : '80',
      savingsDepositedUf: '40',
      band: w.band,
      incorporationConfirmedAt: SEEDED_AT,
      incorporationMethod: 'en_linea' as const,
      scoreFacts: { memberAges: [40 + i, 12, 8], headOfHousehold: 'con_pareja' as const, overcrowding: 'medio' as const },
    })),
  );
  const slots: { slot: string; issuedOn?: string }[] = [
    { slot: 'certificado_dominio', issuedOn: '2026-11-17' },
    { slot: 'convenio_trabajo' },
    { slot: 'carta_financiamiento' },
    { slot: 'personalidad_juridica' },
    { slot: 'proyecto_tecnico' },
  ];
  const documentHashes: Record<string, string> = {};
  for (const s of slots) {
    const bytes = fileBytes(`%PDF-1.4 ${s.slot} de ${number}`);
    documentHashes[s.slot] = sha(bytes);
    await db.insert(documents).values({
      applicationId: id,
      slot: s.slot,
      version: 1,
      fileName: `${s.slot}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: bytes.byteLength,
      sha256: documentHashes[s.slot]!,
      storageKey: `prueba/${id}/${s.slot}`,
      issuedOn: s.issuedOn ?? null,
      // As the upload action does: stamped by the server clock, not by the database's own.
      uploadedAt: SEEDED_AT,
      uploadedBy: orgRep().id,
    });
  }
  return { id, number, workerEmails: workers.flatMap((w) => (w.email ? [w.email] : [])), documentHashes };
}

async function currentVersion(id: string): Promise<number> {
  const [row] = await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, id));
  return row!.version;
}

async function approve(user: SessionUser, id: string) {
  const expectedVersion = await currentVersion(id);
  return handle.db.transaction((tx) => approveSubmission(tx, user, { applicationId: id, expectedVersion }));
}

async function approveBoth(id: string) {
  await approve(orgRep(), id);
  await approve(employerRep(), id);
}

async function submit(user: SessionUser, id: string, expectedVersion?: number): Promise<SubmissionResult> {
  const version = expectedVersion ?? (await currentVersion(id));
  return handle.db.transaction((tx) => submitApplication(tx, user, { applicationId: id, expectedVersion: version }));
}

async function submitError(user: SessionUser, id: string, expectedVersion?: number): Promise<Error> {
  try {
    await submit(user, id, expectedVersion);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the submission to be refused');
}

async function auditCount(id: string, action: string): Promise<number> {
  const [row] = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, id), eq(auditLog.action, action)));
  return row!.n;
}

async function participantEmails(): Promise<string[]> {
  const rows = await handle.db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      sql`${memberships.organizationId} = ${ids.organizationId} or ${memberships.employerId} = ${ids.employerId} or ${memberships.sponsorId} in (${ids.sponsorId}, ${ids.builderId})`,
    );
  return rows.map((r) => r.email);
}

describe('review before sending', () => {
  it('a complete file lists only the two missing approvals, and is ready once both approve', async () => {
    const app = await buildValidApplication();
    const review = await getSubmissionReview(orgRep(), app.id);
    expect(review.eligibility.ok).toBe(true);
    expect(review.blockers.map((b) => b.kind)).toEqual(['aprobacion', 'aprobacion']);
    expect(review.roster).toEqual({ total: 5, byBand: { 1: 1, 2: 4, 3: 0 }, unionMembers: 5, nonUnionMembers: 0, incorporationConfirmed: 5 });
    expect(review.canApprove).toBe(true);
    expect(review.canSubmit).toBe(false);
    await approveBoth(app.id);
    const ready = await getSubmissionReview(employerRep(), app.id);
    expect(ready.blockers).toEqual([]);
    expect(ready.approvals.every((a) => a.latest?.isCurrent)).toBe(true);
    expect(ready.canSubmit).toBe(true);
    // The sponsor reads the review but neither approves nor sends.
    const sponsorView = await getSubmissionReview(people['patrocinante@demo.cl']!, app.id);
    expect(sponsorView.approvalParty).toBeNull();
    expect(sponsorView.canSubmit).toBe(false);
  });

  it('approving is refused for a version the person did not see, and while something else is missing', async () => {
    const app = await buildValidApplication();
    const version = await currentVersion(app.id);
    await expect(
      handle.db.transaction((tx) => approveSubmission(tx, orgRep(), { applicationId: app.id, expectedVersion: version - 1 })),
    ).rejects.toBeInstanceOf(ConflictError);
    await handle.db.delete(documents).where(and(eq(documents.applicationId, app.id), eq(documents.slot, 'convenio_trabajo')));
    await expect(approve(orgRep(), app.id)).rejects.toThrow(/Convenio de Trabajo suscrito ante notario: Falta subir este documento/);
    const sponsor = people['patrocinante@demo.cl']!;
    await expect(handle.db.transaction((tx) => approveSubmission(tx, sponsor, { applicationId: app.id, expectedVersion: version }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('approving twice at the same version keeps one approval and one audit row', async () => {
    const app = await buildValidApplication();
    await approve(orgRep(), app.id);
    await approve(orgRep(), app.id);
    const rows = await handle.db.select().from(submissionApprovals).where(eq(submissionApprovals.applicationId, app.id));
    expect(rows).toHaveLength(1);
    expect(await auditCount(app.id, 'application.approve_submission')).toBe(1);
  });
});

describe('submitApplication', () => {
  it('a double click from two tabs files once: one snapshot, one audit row, one mail per participant', async () => {
    const app = await buildValidApplication();
    await approveBoth(app.id);
    const version = await currentVersion(app.id);
    const results = await Promise.all([submit(orgRep(), app.id, version), submit(orgRep(), app.id, version)]);
    // The same person retrying from the same version gets the first submission back, not an error.
    expect(results.filter((r) => !r.alreadySubmitted)).toHaveLength(1);
    expect(results.filter((r) => r.alreadySubmitted)).toHaveLength(1);
    expect(results[0]!.submissionHash).toBe(results[1]!.submissionHash);
    expect(results[0]!.submittedAt.getTime()).toBe(SEEDED_AT.getTime());

    const [row] = await handle.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('enviada');
    expect(row!.submittedAt?.getTime()).toBe(SEEDED_AT.getTime());
    expect(row!.submissionHash).toBe(snapshotHash(row!.submissionSnapshot));
    expect(row!.submissionHash).toBe(createHash('sha256').update(canonicalJson(row!.submissionSnapshot)).digest('hex'));
    const snapshot = row!.submissionSnapshot as Record<string, unknown> & {
      application: { version: number; sections: Record<string, Record<string, unknown[]>> };
      roster: unknown[];
      documents: { sha256: string }[];
      call: { parametersVersion: number };
      eligibility: { ok: boolean };
      approvals: unknown[];
    };
    expect(snapshot.application.version).toBe(version);
    // The committee and the Gantt chart are frozen as their own sections.
    expect(snapshot.application.sections.comite!.committee).toHaveLength(3);
    expect(snapshot.application.sections.gantt!.gantt).toHaveLength(1);
    expect(snapshot.application.sections.convenio).not.toHaveProperty('committee');
    expect(snapshot.roster).toHaveLength(5);
    // Each worker's household facts (what the group score reads) are frozen with the file.
    const entries = await handle.db.select({ id: rosterEntries.id, scoreFacts: rosterEntries.scoreFacts }).from(rosterEntries).where(eq(rosterEntries.applicationId, app.id));
    const frozen = new Map((snapshot.roster as { id: string; scoreFacts: unknown }[]).map((r) => [r.id, r.scoreFacts]));
    expect(entries.filter((e) => frozen.has(e.id))).toHaveLength(5);
    for (const entry of entries.filter((e) => frozen.has(e.id))) expect(frozen.get(entry.id)).toMatchObject({ headOfHousehold: 'con_pareja', memberAges: expect.any(Array) });
    expect(snapshot.documents.map((d) => d.sha256).sort()).toEqual(Object.values(app.documentHashes).sort());
    expect(snapshot.call.parametersVersion).toBe(1);
    expect(snapshot.eligibility.ok).toBe(true);
    expect(snapshot.approvals).toHaveLength(2);

    expect(await auditCount(app.id, 'application.submit')).toBe(1);
    const queued = await handle.db.select({ key: jobs.dedupeKey, payload: jobs.payload }).from(jobs).where(like(jobs.dedupeKey, `submitted:${app.id}:%`));
    const expected = [...new Set([...(await participantEmails()), ...app.workerEmails].map((e) => e.toLowerCase()))].sort();
    expect(queued.map((j) => j.key!.split(':')[2]).sort()).toEqual(expected);
    for (const job of queued) expect((job.payload as { to: string[] }).to).toHaveLength(1);

    // Another person, or the same one later from another version: refused, naming when it was sent.
    await expect(submit(employerRep(), app.id, version)).rejects.toThrow(/^Esta postulación ya fue enviada el 22 de noviembre de 2026 a las 12:00 \(hora de Chile\)\.$/);
    await expect(submit(orgRep(), app.id)).rejects.toThrow(/ya fue enviada el/);
    expect(await auditCount(app.id, 'application.submit')).toBe(1);
    // Nothing can be approved after sending.
    await expect(approve(employerRep(), app.id)).rejects.toThrow(/ya fue enviada/);
  });

  it('the union and the employer pressing "Enviar" at once: exactly one succeeds', async () => {
    const app = await buildValidApplication();
    await approveBoth(app.id);
    const version = await currentVersion(app.id);
    const settled = await Promise.allSettled([submit(orgRep(), app.id, version), submit(employerRep(), app.id, version)]);
    const ok = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(DomainError);
    expect(String(refused[0]!.reason.message)).toMatch(/^Esta postulación ya fue enviada el /);
    expect(await auditCount(app.id, 'application.submit')).toBe(1);
  });

  it('is refused after the call closes, by the server clock, naming the closing date and time', async () => {
    const app = await buildValidApplication();
    await approveBoth(app.id);
    const [call] = await handle.db.select().from(calls).where(eq(calls.id, ids.callId));
    setClock(new Date(call!.closesAt.getTime() + 60_000));
    const error = await submitError(orgRep(), app.id);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe('El llamado cerró el 13 de diciembre de 2026 a las 23:59 (hora de Chile); ya no se pueden enviar postulaciones.');
    // One millisecond before the close it still goes through.
    setClock(new Date(call!.closesAt.getTime() - 1));
    const ok = await submit(orgRep(), app.id);
    expect(ok.alreadySubmitted).toBe(false);
  });

  it('a change after the approvals voids them: refused until both approve the new version', async () => {
    const app = await buildValidApplication();
    await approveBoth(app.id);
    const version = await currentVersion(app.id);
    const next = await handle.db.transaction((tx) => bumpVersion(tx, app.id, version));
    const error = await submitError(orgRep(), app.id, next);
    expect(error.message).toMatch(/aprobación del representante de la organización de trabajadores corresponde a una versión anterior/);
    expect(error.message).toMatch(/aprobación del representante del empleador corresponde a una versión anterior/);
    const review = await getSubmissionReview(orgRep(), app.id);
    expect(review.approvals.map((a) => a.latest?.isCurrent)).toEqual([false, false]);
    // Sending the version one reviewed before the change is refused as a conflict, not filed.
    await expect(submit(orgRep(), app.id, version)).rejects.toBeInstanceOf(ConflictError);
    await approveBoth(app.id);
    expect((await submit(employerRep(), app.id)).alreadySubmitted).toBe(false);
  });

  it('a failing programme rule blocks it with the rule’s own message', async () => {
    const app = await buildValidApplication();
    await approveBoth(app.id);
    // A sixth worker for five dwellings, slipped in without a version change.
    await handle.db.insert(rosterEntries).values({
      applicationId: app.id,
      callId: ids.callId,
      rut: demoRut(29_999_000 + counter),
      firstNames: 'Extra',
      lastNames: 'Prueba',
      unionMember: true,
      rshPercentile: 70,
      householdSize: 2,
      monthlyIncomeClp: 800_000,
      savingsUf: '80',
      savingsDepositedUf: '40',
      band: 2,
      incorporationConfirmedAt: SEEDED_AT,
    });
    const error = await submitError(orgRep(), app.id);
    expect(error.message).toMatch(/^La postulación todavía no se puede enviar\./);
    expect(error.message).toContain('La nómina debe tener un trabajador por vivienda: el proyecto tiene 5 viviendas y la nómina 6 trabajadores');
    expect(error.message).toContain('cada tramo debe tener tantos trabajadores como viviendas (tramo 2: 5 trabajadores para 4 viviendas)');
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('borrador');
    expect(row!.submissionSnapshot).toBeNull();
  });

  it('a title certificate that grew too old by the day of sending blocks it', async () => {
    const app = await buildValidApplication();
    // Issued 28 days before today: it serves today, not three days later (the call allows 30 days).
    await handle.db.update(documents).set({ issuedOn: '2026-10-25' }).where(and(eq(documents.applicationId, app.id), eq(documents.slot, 'certificado_dominio')));
    await approveBoth(app.id);
    setClock(new Date('2026-11-26T15:00:00Z'));
    const error = await submitError(orgRep(), app.id);
    expect(error.message).toMatch(/Certificado de dominio vigente del terreno/);
  });

  it('another organisation’s leader, a worker and a sponsor cannot send it: not found', async () => {
    const app = await buildValidApplication();
    await approveBoth(app.id);
    for (const email of ['dirigente.norte@prueba.cl', 'trabajador@demo.cl', 'patrocinante@demo.cl', 'analista.rm@demo.cl']) {
      await expect(submit(people[email]!, app.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getSubmissionReview(people['dirigente.norte@prueba.cl']!, app.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSubmissionReceipt(people['dirigente.norte@prueba.cl']!, app.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getApplicationStatus(people['dirigente.norte@prueba.cl']!, app.id)).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await handle.db.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe('borrador');
  });
});

describe('receipt and public verification', () => {
  let app: BuiltApplication;
  let result: SubmissionResult;
  beforeAll(async () => {
    setClock(SEEDED_AT);
    app = await buildValidApplication();
    await approveBoth(app.id);
    result = await submit(orgRep(), app.id);
    resetClock();
  });

  it('renders the same receipt bytes every time, with every full SHA-256 and the QR link', async () => {
    const first = await getSubmissionReceipt(orgRep(), app.id);
    const second = await getSubmissionReceipt(employerRep(), app.id);
    expect(first.fileName).toBe(`comprobante-${app.number}.pdf`);
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    const text = (await readPdfText(first.bytes)).join('\n');
    expect(text).toContain(app.number);
    expect(text).toContain('22 de noviembre de 2026, 12:00 (hora de Chile)');
    for (const hash of Object.values(app.documentHashes)) expect(text).toContain(`SHA-256: ${hash}`);
    expect(text).toMatch(/Viviendas del proyecto\nTramo\nViviendas\nPrecio por vivienda\nTramo 1\n1\n1\.200 UF\nTramo 2\n4\n1\.600 UF\nTotal\n5/);
    expect(text.replace(/\n/g, '')).toContain(`/verificar/${app.number}?c=${receiptVerificationCode(result.submissionHash)}`);
    // The seeded demo worker is not in this roster: to them the receipt does not exist.
    await expect(getSubmissionReceipt(people['trabajador@demo.cl']!, app.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows the receipt to whoever holds number and code, and nothing personal', async () => {
    const code = receiptVerificationCode(result.submissionHash);
    const receipt = await getPublicReceipt(app.number, code);
    expect(receipt).not.toBeNull();
    expect(receipt!.status).toBe('enviada');
    expect(receipt!.submittedAt.getTime()).toBe(SEEDED_AT.getTime());
    expect(receipt!.documents.map((d) => d.sha256).sort()).toEqual(Object.values(app.documentHashes).sort());
    const json = JSON.stringify(receipt);
    const [entry] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, app.id));
    for (const secret of [entry!.rut, entry!.firstNames, entry!.lastNames, String(entry!.monthlyIncomeClp), 'Juan Rojas', '.pdf']) expect(json).not.toContain(secret);
  });

  it('a wrong code reads exactly like a missing number', async () => {
    const code = receiptVerificationCode(result.submissionHash);
    const wrong = code.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await getPublicReceipt(app.number, wrong)).toBeNull();
    expect(await getPublicReceipt('PVT-NO-EXISTE', code)).toBeNull();
    expect(await getPublicReceipt(app.number, '')).toBeNull();
    expect(await verifyReceiptDocument(app.number, wrong, app.documentHashes.convenio_trabajo!)).toBeNull();
    // A draft has no receipt at all.
    const draft = await buildValidApplication();
    expect(await getPublicReceipt(draft.number, code)).toBeNull();
  });

  it('tells whether a file’s SHA-256 is one of the filed documents', async () => {
    const code = receiptVerificationCode(result.submissionHash);
    expect(await verifyReceiptDocument(app.number, code, app.documentHashes.convenio_trabajo!.toUpperCase())).toEqual({
      match: true,
      document: { label: 'Convenio de Trabajo suscrito ante notario', version: 1 },
    });
    expect(await verifyReceiptDocument(app.number, code, sha(fileBytes('otro archivo')))).toEqual({ match: false });
  });

  it('the status page tells the state, the next steps and the history by role, without names', async () => {
    const status = await getApplicationStatus(orgRep(), app.id);
    expect(status.status).toBe('enviada');
    expect(status.hasReceipt).toBe(true);
    expect(status.nextSteps.map((s) => s.code)).toEqual(['revision', 'observaciones']);
    const last = status.history.at(-1)!;
    expect(last).toMatchObject({ from: 'borrador', to: 'enviada', actor: 'Representante de la organización' });
    expect(JSON.stringify(status.history)).not.toContain('Juan Rojas');
  });
});
