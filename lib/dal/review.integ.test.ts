import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, calls, documents, rosterEntries, sponsors, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { computeCheckDigit, formatRut } from '@/lib/domain/rut';
import { createTestDb } from '@/lib/test/db';
import { buildAntecedentChecklist, describeAuditEntry, getReviewFile, getReviewHeader } from './review';
import type { AntecedentGroup, ReviewDocumentDto } from './review';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const ids: Record<string, string> = {};
const entryIds: Record<string, string> = {};

function rut(body: number): string {
  return `${body}-${computeCheckDigit(body)}`;
}

const SUBMITTED_AT = new Date('2026-11-20T15:00:00Z');
const NORTH_WORKER = rut(22_777_001);
const builderRut = rut(77_222_444);

function stateOf(groups: AntecedentGroup[], id: string): string | undefined {
  return groups.flatMap((g) => g.items).find((i) => i.id === id)?.state;
}

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  for (const a of await handle.db.select({ id: applications.id, number: applications.number }).from(applications)) ids[a.number] = a.id;
  const [call] = await handle.db.select({ id: calls.id }).from(calls).where(eq(calls.code, 'PVT-DEMO'));
  const [builder] = await handle.db.select({ id: sponsors.id }).from(sponsors).where(eq(sponsors.rut, builderRut));

  // PVT-DEMO-0002 (RM, submitted): land by title, a Convenio with gaps, three workers.
  await handle.db
    .update(applications)
    .set({
      submittedAt: SUBMITTED_AT,
      builderId: builder!.id,
      sections: {
        proyecto: { projectType: 'pequeno_condominio', typologies: [{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }] },
        terreno: {
          situation: 'dominio',
          address: 'Camino Los Castaños 1234',
          rolAvaluo: '123-45',
          dominio: { conservador: 'Santiago', fojas: '1234', numero: '567', anio: 2019 },
        },
        convenio: {
          landCession: 'si',
          landCessionDescription: 'Lote 4 del predio Los Castaños.',
          unionWorkers: 2,
          nonUnionWorkers: 1,
          contributions: [],
          builder: { name: 'Constructora Demo SpA', rut: builderRut, registryNumber: 'RNC-5678' },
          postSaleReport: true,
          technicalSupport: 'Oficina técnica de la empresa.',
        },
        comite: {
          committee: [
            { name: 'Carolina Vega', rut: rut(10_111_222), side: 'empleador', position: 'Gerenta' },
            { name: 'Juan Rojas', rut: rut(12_333_444), side: 'organizacion', position: 'Presidente' },
          ],
        },
        gantt: { gantt: [{ title: 'Permiso de edificación', startOn: '2027-01-10', endOn: '2027-03-30' }] },
      },
    })
    .where(eq(applications.id, ids['PVT-DEMO-0002']!));
  const base = { applicationId: ids['PVT-DEMO-0002']!, callId: call!.id, householdSize: 3, monthlyIncomeClp: 800_000 };
  const inserted = await handle.db
    .insert(rosterEntries)
    .values([
      { ...base, rut: rut(23_111_001), firstNames: 'Ana', lastNames: 'Zúñiga Rojas', unionMember: true, rshPercentile: 40, savingsUf: '55', savingsDepositedUf: '30', band: 1, incorporationConfirmedAt: SUBMITTED_AT, incorporationMethod: 'en_linea' as const },
      { ...base, rut: rut(23_111_002), firstNames: 'Bruno', lastNames: 'Aravena Soto', unionMember: true, rshPercentile: 80, savingsUf: '55', savingsDepositedUf: '30', band: 1 },
      { ...base, rut: rut(23_111_003), firstNames: 'Carla', lastNames: 'Muñoz Vidal', unionMember: false, rshPercentile: 100, householdSize: 1, monthlyIncomeClp: 2_000_000, savingsUf: '130', savingsDepositedUf: '70', band: 3 },
    ])
    .returning({ id: rosterEntries.id, rut: rosterEntries.rut });
  for (const e of inserted) entryIds[e.rut] = e.id;
  // A worker of the Antofagasta file: must never reach the RM file's DTO.
  await handle.db.insert(rosterEntries).values({ ...base, applicationId: ids['PVT-DEMO-0003']!, rut: NORTH_WORKER, firstNames: 'Norte', lastNames: 'Secreto', unionMember: true, rshPercentile: 40, savingsUf: '55', savingsDepositedUf: '30', band: 1 });

  const doc = (slot: string, fileName: string, contentType: string, extra: Partial<typeof documents.$inferInsert> = {}) => ({
    applicationId: ids['PVT-DEMO-0002']!,
    slot,
    version: 1,
    fileName,
    contentType,
    sizeBytes: 1000,
    sha256: 'a'.repeat(64),
    storageKey: `test/${slot}`,
    uploadedAt: new Date('2026-11-15T12:00:00Z'),
    ...extra,
  });
  const docs = await handle.db
    .insert(documents)
    .values([
      doc('certificado_dominio', 'certificado.pdf', 'application/pdf', { issuedOn: '2026-11-10' }),
      doc('convenio_trabajo', 'convenio-v1.pdf', 'application/pdf'),
      doc('convenio_trabajo', 'convenio-v2.pdf', 'application/pdf', { version: 2 }),
      doc('formulario_incorporacion', 'firma-bruno.jpg', 'image/jpeg', { rosterEntryId: entryIds[rut(23_111_002)]! }),
    ])
    .returning({ id: documents.id, slot: documents.slot, version: documents.version });
  await handle.db.update(rosterEntries).set({ incorporationConfirmedAt: SUBMITTED_AT, incorporationMethod: 'formulario_firmado' }).where(eq(rosterEntries.id, entryIds[rut(23_111_002)]!));
  const northDocs = await handle.db
    .insert(documents)
    .values({ ...doc('convenio_trabajo', 'convenio-norte.pdf', 'application/pdf'), applicationId: ids['PVT-DEMO-0003']! })
    .returning({ id: documents.id });

  const dirigente = people['dirigente@demo.cl']!;
  await handle.db.insert(auditLog).values([
    { at: new Date('2026-11-15T12:00:00Z'), actorUserId: dirigente.id, actorRole: 'org_rep', action: 'document.upload', entityType: 'document', entityId: docs[0]!.id, after: { applicationId: ids['PVT-DEMO-0002'], slot: 'certificado_dominio', fileName: 'certificado.pdf', version: 1 } },
    { at: SUBMITTED_AT, actorUserId: dirigente.id, actorRole: 'org_rep', action: 'application.submit', entityType: 'application', entityId: ids['PVT-DEMO-0002'], before: { status: 'borrador' }, after: { status: 'enviada', number: 'PVT-DEMO-0002' } },
    { at: new Date('2026-11-21T12:00:00Z'), actorUserId: people['director.rm@demo.cl']!.id, actorRole: 'director', action: 'application.assign_reviewer', entityType: 'application', entityId: ids['PVT-DEMO-0002'], after: { assignedReviewerId: people['analista.rm@demo.cl']!.id, assignedReviewerName: 'Felipe Araya Castro' } },
    { at: new Date('2026-11-22T12:00:00Z'), actorUserId: people['analista.rm@demo.cl']!.id, actorRole: 'reviewer', action: 'application.some_future_action', entityType: 'application', entityId: ids['PVT-DEMO-0002'], before: { status: 'enviada' }, after: { status: 'en_revision', reason: 'Inicio de revisión' } },
    { actorUserId: dirigente.id, actorRole: 'org_rep', action: 'document.upload', entityType: 'document', entityId: northDocs[0]!.id, after: { slot: 'convenio_trabajo', fileName: 'convenio-norte.pdf' } },
    { actorUserId: dirigente.id, actorRole: 'org_rep', action: 'application.submit', entityType: 'application', entityId: ids['PVT-DEMO-0003'], after: { status: 'enviada' } },
  ]);
});

afterAll(async () => {
  await handle?.close();
});

describe('review file scope', () => {
  it('another region’s file by id is not found, exactly like a missing one', async () => {
    const antofagasta = people['analista.antofagasta@demo.cl']!;
    await expect(getReviewFile(antofagasta, ids['PVT-DEMO-0002']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewHeader(antofagasta, ids['PVT-DEMO-0002']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewFile(people['director.antofagasta@demo.cl']!, ids['PVT-DEMO-0002']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0003']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewFile(antofagasta, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewFile(antofagasta, 'no-es-un-id')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('drafts, GORE outside D.S. N°49 and applicant roles get nothing', async () => {
    await expect(getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0001']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewFile(people['minvu@demo.cl']!, ids['PVT-DEMO-0001']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getReviewFile(people['gore.magallanes@demo.cl']!, ids['PVT-DEMO-0002']!)).rejects.toBeInstanceOf(NotFoundError);
    for (const email of ['dirigente@demo.cl', 'empleador@demo.cl', 'trabajador@demo.cl']) {
      await expect(getReviewFile(people[email]!, ids['PVT-DEMO-0002']!)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it('national staff read any region’s file', async () => {
    const file = await getReviewFile(people['minvu@demo.cl']!, ids['PVT-DEMO-0003']!);
    expect(file.header.number).toBe('PVT-DEMO-0003');
    expect(file.header.regionName).toBe('Antofagasta');
  });

  it('the DTO carries nothing of other files', async () => {
    const file = await getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0002']!);
    const text = JSON.stringify(file);
    expect(text).not.toContain('PVT-DEMO-0003');
    expect(text).not.toContain(NORTH_WORKER);
    expect(text).not.toContain(formatRut(NORTH_WORKER));
    expect(text).not.toContain('Secreto');
    expect(text).not.toContain('convenio-norte.pdf');
    expect(text).not.toContain('storage');
    expect(text).not.toContain('passwordHash');
  });
});

describe('review file contents', () => {
  it('marks each antecedent present, missing or with a problem', async () => {
    const file = await getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0002']!);
    const groups = file.checklist;
    expect(stateOf(groups, 'terreno.dominio')).toBe('presente');
    expect(stateOf(groups, 'convenio.documento')).toBe('presente');
    expect(stateOf(groups, 'convenio.cesion')).toBe('presente');
    expect(stateOf(groups, 'convenio.trabajadores')).toBe('presente');
    expect(stateOf(groups, 'convenio.proyecto')).toBe('presente');
    expect(stateOf(groups, 'convenio.aportes')).toBe('falta');
    expect(stateOf(groups, 'convenio.comite')).toBe('problema');
    expect(stateOf(groups, 'convenio.constructora')).toBe('presente');
    expect(stateOf(groups, 'convenio.postventa')).toBe('presente');
    expect(stateOf(groups, 'convenio.gantt')).toBe('presente');
    expect(stateOf(groups, 'carta')).toBe('falta');
    expect(stateOf(groups, 'incorporacion')).toBe('problema');
    expect(stateOf(groups, 'documento.personalidad_juridica')).toBe('falta');
    expect(stateOf(groups, 'documento.proyecto_tecnico')).toBe('falta');
    const items = groups.flatMap((g) => g.items);
    const committee = items.find((i) => i.id === 'convenio.comite')!;
    expect(committee.problem).toContain('el grupo postulante');
    const land = items.find((i) => i.id === 'terreno.dominio')!;
    expect(land.details.join(' ')).toContain('fojas 1234 N° 567 del año 2019');
    // The issue date is the uploaded certificate's, the only one the file carries.
    expect(land.details).toContain('Certificado emitido el 10-11-2026.');
    expect(land.documents.map((d) => d.fileName)).toEqual(['certificado.pdf']);
    // The current version of the Convenio, not the first.
    expect(items.find((i) => i.id === 'convenio.documento')!.documents.map((d) => [d.fileName, d.version, d.kind])).toEqual([['convenio-v2.pdf', 2, 'pdf']]);
    expect(items.find((i) => i.id === 'incorporacion')!.problem).toBe('Faltan 1 formulario(s) de incorporación.');
    expect(file.checklistSummary.falta).toBeGreaterThanOrEqual(4);
  });

  it('lists the roster with each worker’s results, RUT with dots and incorporation', async () => {
    const file = await getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0002']!);
    expect(file.workers.map((w) => w.name)).toEqual(['Bruno Aravena Soto', 'Carla Muñoz Vidal', 'Ana Zúñiga Rojas']);
    const [bruno, carla, ana] = file.workers;
    expect(bruno!.rut).toBe(formatRut(rut(23_111_002)));
    expect(bruno!.eligible).toBe(false);
    expect(bruno!.reasons.find((r) => r.id === 'worker.rsh')).toMatchObject({ ok: false });
    expect(bruno!.reasons.every((r) => r.source.length > 0)).toBe(true);
    expect(bruno!.incorporation).toMatchObject({ status: 'formulario_firmado' });
    expect(bruno!.incorporation.form).toMatchObject({ fileName: 'firma-bruno.jpg', kind: 'imagen' });
    expect(carla!.incomeCap.state).toBe('no_cumple');
    expect(carla!.incorporation.status).toBe('pendiente');
    expect(carla!.unionMember).toBe(false);
    expect(ana!.incomeCap.state).toBe('no_aplica');
    expect(ana!.eligible).toBe(true);
    expect(ana!.incorporation.status).toBe('en_linea');
    expect(file.workerSummary).toMatchObject({ total: 3, eligible: 1, incorporated: 2, union: 2, nonUnion: 1, byBand: { 1: 2, 2: 0, 3: 1 } });
    expect(file.eligibility.rules.length).toBeGreaterThan(0);
    expect(file.eligibility.rules.every((r) => r.message && r.source)).toBe(true);
    // Application-level documents only, in slot order; worker forms stay with their worker.
    expect(file.documents.map((d) => d.fileName)).toEqual(['certificado.pdf', 'convenio-v2.pdf']);
  });

  it('tells the file’s history in words: action, who, role, when', async () => {
    const file = await getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0002']!);
    const history = file.history;
    expect(history.map((h) => h.action)).toEqual(['Cambio de estado', 'Asignación de analista', 'Postulación enviada', 'Documento subido']);
    expect(history[0]).toMatchObject({ actorName: 'Felipe Araya Castro', actorRole: 'Analista SERVIU' });
    expect(history[0]!.details).toEqual(['Estado: Enviada → En revisión.', 'Motivo: Inicio de revisión']);
    expect(history[1]!.details).toEqual(['Asignada a Felipe Araya Castro.']);
    expect(history[3]!.details).toEqual(['Certificado de dominio vigente del terreno', 'Archivo «certificado.pdf», versión 1.']);
    expect(history.flatMap((h) => [h.action, ...h.details]).join(' ')).not.toMatch(/[{}\[\]]/);
    expect(file.historyTruncated).toBe(false);
  });

  it('serves the header to the layout', async () => {
    const header = await getReviewHeader(people['director.rm@demo.cl']!, ids['PVT-DEMO-0002']!);
    expect(header).toMatchObject({ number: 'PVT-DEMO-0002', status: 'enviada', regionName: 'Metropolitana', comunaName: 'La Florida', organizationName: 'Sindicato de Trabajadores Demo Uno' });
  });
});

describe('antecedent checklist (pure)', () => {
  const empty = { total: 0, union: 0, nonUnion: 0, incorporated: 0, ruts: new Set<string>() };

  it('reads sections defensively and marks everything missing on an empty file', () => {
    for (const sections of [{}, null, 'texto', { convenio: 'x', terreno: [], proyecto: { typologies: 'no' } }, { comite: { committee: [null, 3, 'a'] }, gantt: { gantt: {} } }, { comite: 'x', gantt: [1] }]) {
      const groups = buildAntecedentChecklist({ sections, slots: [], documentsById: new Map(), dwellings: [], roster: empty, invitedBuilder: null, cbrInscriptionDays: 90 });
      const states = groups.flatMap((g) => g.items.map((i) => i.state));
      expect(states).not.toContain('presente');
      expect(stateOf(groups, 'terreno')).toBe('falta');
      expect(stateOf(groups, 'incorporacion')).toBe('falta');
    }
  });

  it('asks for the promise and the seller’s inscription when the land is promised', () => {
    const slots = [
      { slot: 'promesa_compraventa', label: 'Promesa', required: true, owner: 'empleador' as const, rule: '', current: { id: 'd1', version: 1, fileName: 'p.pdf', sha256: 'x', uploadedAt: new Date(), issuedOn: null }, ok: true, problem: null },
      { slot: 'inscripcion_dominio_vendedor', label: 'Inscripción', required: true, owner: 'empleador' as const, rule: '', current: null, ok: false, problem: 'Falta subir este documento.' },
    ];
    const doc: ReviewDocumentDto = { id: 'd1', label: 'Promesa', fileName: 'p.pdf', version: 1, kind: 'pdf', sizeBytes: 1, uploadedAt: new Date(), issuedOn: null };
    const groups = buildAntecedentChecklist({
      cbrInscriptionDays: 120,
      sections: { terreno: { situation: 'promesa', address: 'X', promesa: { notary: 'Notaría Uno', signedOn: '2026-10-01', sellerName: 'Vendedor', sellerRut: rut(9_888_777) } } },
      slots,
      documentsById: new Map([['d1', doc]]),
      dwellings: [],
      roster: empty,
      invitedBuilder: null,
    });
    expect(stateOf(groups, 'terreno.promesa')).toBe('presente');
    expect(stateOf(groups, 'terreno.inscripcion_vendedor')).toBe('falta');
    expect(stateOf(groups, 'terreno.dominio')).toBeUndefined();
    const promise = groups.flatMap((g) => g.items).find((i) => i.id === 'terreno.promesa')!;
    // The call's term, whatever it is.
    expect(promise.details.join(' ')).toContain('dentro de 120 días desde la publicación');
  });

  it('flags a Convenio whose worker counts or builder disagree with the file', () => {
    const groups = buildAntecedentChecklist({
      cbrInscriptionDays: 90,
      sections: { convenio: { unionWorkers: '5', nonUnionWorkers: '0', builder: { name: 'Otra', rut: rut(76_000_111), registryNumber: '1' } } },
      slots: [],
      documentsById: new Map(),
      dwellings: [],
      roster: { total: 4, union: 4, nonUnion: 0, incorporated: 4, ruts: new Set() },
      invitedBuilder: { name: 'Constructora Demo SpA', rut: builderRut, registryNumber: 'RNC-5678' },
    });
    expect(stateOf(groups, 'convenio.trabajadores')).toBe('problema');
    expect(stateOf(groups, 'convenio.constructora')).toBe('problema');
    expect(stateOf(groups, 'incorporacion')).toBe('presente');
  });

  it('describes unknown audit actions without dumping them', () => {
    expect(describeAuditEntry('algo.raro', { x: 1 }, { y: { z: 2 } })).toEqual({ label: 'Otra acción registrada', details: [] });
    expect(describeAuditEntry('roster.entry.create', null, { firstNames: 'Ana', lastNames: 'Pérez', rut: rut(15_111_222) }).details).toEqual([
      `Ana Pérez (RUT ${formatRut(rut(15_111_222))})`,
    ]);
  });
});
