import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applicationDwellings, applications, auditLog, calls, memberships, organizations, projectMilestones, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { createTestDb } from '@/lib/test/db';
import { ZLandSectionInput, ZProjectSectionInput, ZWorkAgreementSectionInput } from '@/lib/validations/sections';
import type { LandFormValues, ProjectFormValues, WorkAgreementFormValues } from '@/lib/validations/sections';
import { bumpVersion, loadApplication } from './application-access';
import {
  getProjectSectionView,
  getWorkAgreementSectionView,
  updateLandSection,
  updateProjectSection,
  updateWorkAgreementSection,
} from './application-sections';
import { getApplicationOverview, getSectionStatuses, getWorkerApplicationView, timeLeftText } from './section-status';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
let callId = '';
let organizationId = '';
let employerId: string | null = null;
let sponsorId: string | null = null;
let builderId: string | null = null;
let appId = '';
let closesAt: Date;
let sequence = 0;

const TODAY = new Date('2026-11-22T15:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, TODAY);
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users))
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  const [demo] = await handle.db.select().from(applications).where(eq(applications.number, 'PVT-DEMO-0001'));
  callId = demo!.callId;
  organizationId = demo!.organizationId;
  employerId = demo!.employerId;
  sponsorId = demo!.sponsorId;
  builderId = demo!.builderId;
  const [call] = await handle.db.select().from(calls).where(eq(calls.id, callId));
  closesAt = call!.closesAt;
});
afterAll(async () => {
  resetClock();
  await handle?.close();
});

// Each test works on a fresh draft of the demo parties, so no test depends on another's writes.
beforeEach(async () => {
  setClock(TODAY);
  sequence += 1;
  const [row] = await handle.db
    .insert(applications)
    .values({
      number: `PVT-TEST-${String(sequence).padStart(4, '0')}`,
      callId,
      organizationId,
      employerId,
      sponsorId,
      builderId,
      projectName: 'Proyecto de prueba',
    })
    .returning({ id: applications.id });
  appId = row!.id;
});
afterEach(() => resetClock());

async function version(): Promise<number> {
  const [row] = await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, appId));
  return row!.version;
}

async function auditRows(): Promise<number> {
  const [row] = await handle.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, appId)));
  return row!.n;
}

function projectValues(overrides: Partial<ProjectFormValues> = {}): ProjectFormValues {
  return {
    projectName: 'Condominio Las Acacias',
    comunaCode: '13201',
    projectType: 'construccion_nuevos_terrenos',
    typologies: [{ name: 'Casa A', areaM2: '55,4', bedrooms: '3' }],
    dwellings: [
      { band: 1, count: '1', priceUf: '1.200' },
      { band: 2, count: '3', priceUf: '1600' },
      { band: 3, count: '', priceUf: '' },
    ],
    ...overrides,
  };
}

function agreementValues(): WorkAgreementFormValues {
  return {
    landCession: 'si',
    landCessionDescription: 'Lote 3 del fundo, 1,2 ha, se transfiere al grupo al firmar la compraventa.',
    unionWorkers: '4',
    nonUnionWorkers: '0',
    contributions: [{ party: 'empleador', description: 'Urbanización', materialization: 'Obras antes del inicio', amountUf: '500' }],
    committee: [
      { name: 'Carolina Vega', rut: demoRut(11_111_111), side: 'empleador', position: 'Gerenta' },
      { name: 'Juan Rojas', rut: demoRut(12_333_444), side: 'organizacion', position: 'Presidente' },
      { name: 'María Pérez', rut: demoRut(15_111_222), side: 'grupo', position: '' },
    ],
    builder: { name: 'Constructora Demo SpA', rut: demoRut(77_222_444), registryNumber: 'RNC-5678' },
    postSaleReport: true,
    technicalSupport: 'Oficina técnica de la empresa y una entidad de gestión contratada.',
    gantt: [
      { title: 'Permiso de edificación', startOn: '2027-01-10', endOn: '2027-04-30' },
      { title: 'Obras', startOn: '2027-05-01', endOn: '2028-06-30' },
    ],
  };
}

function landValues(): LandFormValues {
  return {
    situation: 'dominio',
    address: 'Camino Las Vizcachas 1234',
    rolAvaluo: '1234-56',
    dominio: { conservador: 'Puente Alto', fojas: '1234', numero: '567', anio: '2019', certificateIssuedOn: '2026-11-10' },
    promesa: { notary: '', signedOn: '', sellerName: '', sellerRut: '', sellerTitle: { conservador: '', fojas: '', numero: '', anio: '' } },
  };
}

const projectInput = async (values = projectValues(), v?: number) =>
  ZProjectSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values });
const agreementInput = async (v?: number) => ZWorkAgreementSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values: agreementValues() });
const landInput = async (values = landValues(), v?: number) => ZLandSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values });

function inTx<T>(run: (tx: Parameters<Parameters<DbHandle['db']['transaction']>[0]>[0]) => Promise<T>): Promise<T> {
  return handle.db.transaction(run);
}

/**
 * Builds the input first, then saves in its own transaction (as defineAction does). PGlite has one
 * connection: a query outside an open transaction would wait for it forever.
 */
async function saveWith<I, T>(update: (tx: Parameters<Parameters<DbHandle['db']['transaction']>[0]>[0], user: SessionUser, input: I) => Promise<T>, user: SessionUser, input: Promise<I>): Promise<T> {
  const ready = await input;
  return inTx((tx) => update(tx, user, ready));
}

describe('updateProjectSection', () => {
  it('saves name, comuna with the region from the reference table, section data and dwellings; bumps the version', async () => {
    const before = await version();
    const saved = await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput());
    expect(saved.version).toBe(before + 1);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    expect(row).toMatchObject({ projectName: 'Condominio Las Acacias', comunaCode: '13201', regionCode: '13', version: before + 1 });
    expect((row!.sections as Record<string, unknown>).proyecto).toEqual({
      projectType: 'construccion_nuevos_terrenos',
      typologies: [{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }],
    });
    const dwellings = await handle.db
      .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
      .from(applicationDwellings)
      .where(eq(applicationDwellings.applicationId, appId))
      .orderBy(asc(applicationDwellings.band));
    expect(dwellings).toEqual([
      { band: 1, count: 1, priceUf: '1200.00' },
      { band: 2, count: 3, priceUf: '1600.00' },
    ]);
  });

  it('takes the region of a comuna from the reference table (Castro → Los Lagos), whatever the client sends', async () => {
    const input = await projectInput(projectValues({ comunaCode: '10201' }));
    // A forged region in the input is not part of the schema: it is stripped before the DAL sees it.
    const forged = ZProjectSectionInput.parse({ ...input, values: { ...projectValues({ comunaCode: '10201' }), regionCode: '13' } });
    await inTx((tx) => updateProjectSection(tx, people['patrocinante@demo.cl']!, forged));
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    expect(row).toMatchObject({ comunaCode: '10201', regionCode: '10' });
  });

  it('refuses a comuna code that is not in the official list, and writes nothing', async () => {
    const before = await version();
    const audits = await auditRows();
    const error = await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput(projectValues({ comunaCode: '99999' }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors?.comunaCode).toMatch(/lista oficial/);
    expect(await version()).toBe(before);
    expect(await auditRows()).toBe(audits);
  });

  it('a stale version is a ConflictError and nothing is written (no version bump, no data, no audit row)', async () => {
    const v = await version();
    await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput(projectValues(), v));
    const audits = await auditRows();
    const stale = await projectInput(projectValues({ projectName: 'Nombre de la otra pestaña' }), v);
    const error = await inTx((tx) => updateProjectSection(tx, people['patrocinante@demo.cl']!, stale)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    expect(row!.projectName).toBe('Condominio Las Acacias');
    expect(row!.version).toBe(v + 1);
    expect(await auditRows()).toBe(audits);
  });

  it('the employer cannot save the sponsor’s section, and the sponsor cannot save the employer’s', async () => {
    const v = await version();
    const byEmployer = await saveWith(updateProjectSection, people['empleador@demo.cl']!, projectInput()).catch((e: unknown) => e);
    expect(byEmployer).toBeInstanceOf(DomainError);
    expect((byEmployer as DomainError).message).toMatch(/otra de las organizaciones/);
    const bySponsor = await saveWith(updateWorkAgreementSection, people['patrocinante@demo.cl']!, agreementInput()).catch((e: unknown) => e);
    expect(bySponsor).toBeInstanceOf(DomainError);
    const landBySponsor = await saveWith(updateLandSection, people['patrocinante@demo.cl']!, landInput()).catch((e: unknown) => e);
    expect(landBySponsor).toBeInstanceOf(DomainError);
    // The builder of the same application reads it but owns no section here.
    const byBuilder = await saveWith(updateProjectSection, people['constructora@demo.cl']!, projectInput()).catch((e: unknown) => e);
    expect(byBuilder).toBeInstanceOf(DomainError);
    expect(await version()).toBe(v);
  });

  it('after the call’s closing time (server clock) a save is refused', async () => {
    setClock(new Date(closesAt.getTime() + 1));
    const v = await version();
    const error = await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/El llamado cerró/);
    expect(await version()).toBe(v);
    // One millisecond before, it is still open.
    setClock(new Date(closesAt.getTime() - 1));
    await expect(saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput())).resolves.toMatchObject({ version: v + 1 });
  });

  it('another organisation’s user gets NotFoundError, as if the application did not exist', async () => {
    const [other] = await handle.db.insert(organizations).values({ kind: 'sindicato', name: 'Otro sindicato', rut: demoRut(65_999_888) }).returning();
    const [stranger] = await handle.db
      .insert(users)
      .values({ email: `otro${sequence}@demo.cl`, name: 'Otra Dirigenta', role: 'org_rep', passwordHash: 'x' })
      .returning();
    await handle.db.insert(memberships).values({ userId: stranger!.id, organizationId: other!.id });
    const user: SessionUser = { id: stranger!.id, email: stranger!.email, name: stranger!.name, role: 'org_rep', regionCode: null, rut: null };
    await expect(saveWith(updateProjectSection, user, projectInput())).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveWith(updateWorkAgreementSection, user, agreementInput())).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveWith(updateLandSection, user, landInput())).rejects.toBeInstanceOf(NotFoundError);
    // A worker (read-only right) is also outside the edit scope.
    await expect(saveWith(updateProjectSection, people['trabajador@demo.cl']!, projectInput())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('each save writes exactly one audit row with the section before and after', async () => {
    const audits = await auditRows();
    await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput());
    await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput(projectValues({ projectName: 'Segundo nombre' })));
    expect(await auditRows()).toBe(audits + 2);
    const [last] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, appId)))
      .orderBy(asc(auditLog.id))
      .offset(audits + 1);
    expect(last).toMatchObject({ action: 'application.section.update', actorUserId: people['patrocinante@demo.cl']!.id, actorRole: 'sponsor' });
    expect(last!.before).toMatchObject({ section: 'proyecto', projectName: 'Condominio Las Acacias' });
    expect(last!.after).toMatchObject({ section: 'proyecto', projectName: 'Segundo nombre', comunaCode: '13201', regionCode: '13' });
  });
});

describe('concurrency by section', () => {
  it('a page loaded before a change to ANOTHER section saves without conflict; a second tab on the same section conflicts', async () => {
    const sponsor = people['patrocinante@demo.cl']!;
    const view = await getProjectSectionView(sponsor, appId);
    // Meanwhile the employer saves the land section: the application's version moves on.
    await saveWith(updateLandSection, people['empleador@demo.cl']!, landInput());
    const first = ZProjectSectionInput.parse({ applicationId: appId, version: view.version, sectionHash: view.sectionHash, values: projectValues() });
    const saved = await inTx((tx) => updateProjectSection(tx, sponsor, first));
    expect(saved.version).toBe(view.version + 2);
    // A second tab opened on the same old page, then edits the same section: that is a real conflict.
    const audits = await auditRows();
    const second = ZProjectSectionInput.parse({
      applicationId: appId,
      version: view.version,
      sectionHash: view.sectionHash,
      values: projectValues({ projectName: 'Nombre de la segunda pestaña' }),
    });
    await expect(inTx((tx) => updateProjectSection(tx, sponsor, second))).rejects.toBeInstanceOf(ConflictError);
    expect(await auditRows()).toBe(audits);
    // What the save answers is what a fresh page would carry.
    const fresh = await getProjectSectionView(sponsor, appId);
    expect(fresh).toMatchObject({ version: saved.version, sectionHash: saved.sectionHash });
    expect(fresh.values.projectName).toBe('Condominio Las Acacias');
  });

  it('the convenio ignores a roster change in between but not a forged fingerprint', async () => {
    const employer = people['empleador@demo.cl']!;
    const view = await getWorkAgreementSectionView(employer, appId);
    await inTx((tx) => bumpVersion(tx, appId, view.version));
    const values = view.values;
    Object.assign(values, agreementValues());
    const ok = ZWorkAgreementSectionInput.parse({ applicationId: appId, version: view.version, sectionHash: view.sectionHash, values });
    await expect(inTx((tx) => updateWorkAgreementSection(tx, employer, ok))).resolves.toMatchObject({ version: view.version + 2 });
    const forged = ZWorkAgreementSectionInput.parse({ applicationId: appId, version: view.version, sectionHash: 'f'.repeat(64), values });
    await expect(inTx((tx) => updateWorkAgreementSection(tx, employer, forged))).rejects.toBeInstanceOf(ConflictError);
    // Without a fingerprint the form's version alone decides.
    const bare = ZWorkAgreementSectionInput.parse({ applicationId: appId, version: view.version, values });
    await expect(inTx((tx) => updateWorkAgreementSection(tx, employer, bare))).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('updateWorkAgreementSection', () => {
  it('saves the convenio and replaces the gantt milestones in the same transaction, with one audit row', async () => {
    const employer = people['empleador@demo.cl']!;
    const audits = await auditRows();
    await saveWith(updateWorkAgreementSection, employer, agreementInput());
    await handle.db.insert(projectMilestones).values({ applicationId: appId, kind: 'permiso_edificacion', title: 'Otro tipo de hito' });
    await saveWith(updateWorkAgreementSection, employer, agreementInput());
    const milestones = await handle.db
      .select({ kind: projectMilestones.kind, title: projectMilestones.title, plannedOn: projectMilestones.plannedOn })
      .from(projectMilestones)
      .where(eq(projectMilestones.applicationId, appId))
      .orderBy(asc(projectMilestones.plannedOn));
    expect(milestones.filter((m) => m.kind === 'gantt')).toEqual([
      { kind: 'gantt', title: 'Permiso de edificación', plannedOn: '2027-04-30' },
      { kind: 'gantt', title: 'Obras', plannedOn: '2028-06-30' },
    ]);
    expect(milestones.filter((m) => m.kind !== 'gantt')).toHaveLength(1);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    const convenio = (row!.sections as Record<string, Record<string, unknown>>).convenio!;
    expect(convenio).toMatchObject({ unionWorkers: 4, nonUnionWorkers: 0, postSaleReport: true, landCession: 'si' });
    expect((convenio.committee as { rut: string }[]).map((m) => m.rut)).toEqual([demoRut(11_111_111), demoRut(12_333_444), demoRut(15_111_222)]);
    expect(await auditRows()).toBe(audits + 2);
  });

  it('a stale convenio save leaves the milestones untouched', async () => {
    const employer = people['empleador@demo.cl']!;
    const v = await version();
    await saveWith(updateWorkAgreementSection, employer, agreementInput(v));
    const error = await saveWith(updateWorkAgreementSection, employer, agreementInput(v)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const [n] = await handle.db.select({ n: count() }).from(projectMilestones).where(eq(projectMilestones.applicationId, appId));
    expect(n!.n).toBe(2);
  });
});

describe('updateLandSection', () => {
  it('stores only the chosen alternative and refuses a certificate dated after today (server clock)', async () => {
    const employer = people['empleador@demo.cl']!;
    await saveWith(updateLandSection, employer, landInput());
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    const terreno = (row!.sections as Record<string, Record<string, unknown>>).terreno!;
    expect(terreno).toMatchObject({ situation: 'dominio', dominio: { anio: 2019, certificateIssuedOn: '2026-11-10' } });
    expect(terreno.promesa).toBeUndefined();

    const future = landValues();
    future.dominio.certificateIssuedOn = '2026-11-23';
    const error = await saveWith(updateLandSection, employer, landInput(future)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors).toEqual({ 'dominio.certificateIssuedOn': 'La fecha de emisión del certificado no puede ser posterior a hoy.' });
  });

  it('a promise of sale is stored with the seller’s normalised RUT', async () => {
    const values = landValues();
    values.situation = 'promesa';
    values.promesa = {
      notary: '44ª Notaría de Santiago',
      signedOn: '2026-10-01',
      sellerName: 'Inmobiliaria Vendedora Ltda.',
      sellerRut: '76.555.666-' + demoRut(76_555_666).split('-')[1],
      sellerTitle: { conservador: 'Santiago', fojas: '100', numero: '200', anio: '2015' },
    };
    await saveWith(updateLandSection, people['empleador@demo.cl']!, landInput(values));
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    const terreno = (row!.sections as Record<string, Record<string, unknown>>).terreno!;
    expect(terreno).toMatchObject({ situation: 'promesa', promesa: { sellerRut: demoRut(76_555_666), sellerTitle: { anio: 2015 } } });
    expect(terreno.dominio).toBeUndefined();
  });
});

describe('getSectionStatuses', () => {
  it('goes from «no iniciado» to «completo» or «en progreso» as sections are saved, with what is missing', async () => {
    const sponsor = people['patrocinante@demo.cl']!;
    const access = () => loadApplication(handle.db, sponsor, appId, 'application.read');
    const first = await getSectionStatuses(handle.db, await access());
    expect(first.map((s) => [s.id, s.status])).toEqual([
      ['proyecto', 'no_iniciado'],
      ['convenio', 'no_iniciado'],
      ['terreno', 'no_iniciado'],
      ['nomina', 'no_iniciado'],
      ['documentos', 'no_iniciado'],
    ]);
    expect(first[0]).toMatchObject({ title: 'Proyecto', owner: 'patrocinante', href: `/portal/postulaciones/${appId}/proyecto` });

    await saveWith(updateProjectSection, sponsor, projectInput());
    await saveWith(updateLandSection, people['empleador@demo.cl']!, landInput());
    await saveWith(updateWorkAgreementSection, people['empleador@demo.cl']!, agreementInput());
    const second = await getSectionStatuses(handle.db, await access());
    const byId = Object.fromEntries(second.map((s) => [s.id, s]));
    expect(byId.proyecto!.status).toBe('completo');
    expect(byId.terreno!.status).toBe('completo');
    // The roster of this fresh application is empty: the convenio's 4 union workers do not match it.
    expect(byId.convenio!.status).toBe('en_progreso');
    expect(byId.convenio!.missing.join(' ')).toMatch(/4 trabajadores del sindicato o asociación y la nómina tiene 0/);
    expect(byId.convenio!.missing.join(' ')).toMatch(/María Pérez .* no está en la nómina/);

    // Eleven months later the title certificate is too old to file.
    setClock(new Date('2027-10-22T15:00:00Z'));
    const later = await getSectionStatuses(handle.db, await access());
    expect(later.find((s) => s.id === 'terreno')).toMatchObject({ status: 'en_progreso' });
  });

  it('reads the seeded draft: roster of 4 against 4 dwellings, incorporation pending', async () => {
    const [demo] = await handle.db.select().from(applications).where(eq(applications.number, 'PVT-DEMO-0001'));
    const access = await loadApplication(handle.db, people['dirigente@demo.cl']!, demo!.id, 'application.read');
    const statuses = await getSectionStatuses(handle.db, access);
    const nomina = statuses.find((s) => s.id === 'nomina')!;
    expect(nomina.status).toBe('en_progreso');
    expect(nomina.missing.join(' ')).toMatch(/4 trabajador\(es\) aún no confirman su incorporación/);
    expect(statuses.find((s) => s.id === 'proyecto')!.status).toBe('en_progreso');
  });
});

describe('overview and worker view', () => {
  it('marks the sections the viewer does not own as read-only and counts down to the closing by the server clock', async () => {
    const overview = await getApplicationOverview(people['patrocinante@demo.cl']!, appId);
    const readOnly = Object.fromEntries(overview.sections.map((s) => [s.id, s.readOnly]));
    expect(readOnly).toMatchObject({ proyecto: false, convenio: true, terreno: true, nomina: true });
    expect(overview.sections.find((s) => s.id === 'proyecto')!.ownerLabel).toBe('la entidad patrocinante');
    expect(overview.isOpen).toBe(true);
    expect(overview.timeLeftText).toMatch(/^Quedan? \d+ días?/);
    setClock(new Date(closesAt.getTime() + 60_000));
    const closed = await getApplicationOverview(people['empleador@demo.cl']!, appId);
    expect(closed).toMatchObject({ isOpen: false, timeLeftText: null });
  });

  it('a worker of the roster sees the state in plain words, their band and their pending incorporation', async () => {
    const [demo] = await handle.db.select().from(applications).where(eq(applications.number, 'PVT-DEMO-0001'));
    const view = await getWorkerApplicationView(people['trabajador@demo.cl']!, demo!.id);
    expect(view).toMatchObject({ number: 'PVT-DEMO-0001', inRoster: true, band: 1, incorporationConfirmedAt: null, comunaName: 'Puente Alto' });
    expect(view.statusText).toMatch(/^Su organización está preparando la postulación/);
    await expect(getWorkerApplicationView(people['trabajador@demo.cl']!, appId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('time left reads naturally in Spanish', () => {
    const at = new Date('2026-11-22T12:00:00Z');
    const plus = (ms: number) => new Date(at.getTime() + ms);
    expect(timeLeftText(plus(8 * 86_400_000 + 3 * 3_600_000 + 59_000), at)).toBe('Quedan 8 días y 3 horas');
    expect(timeLeftText(plus(86_400_000), at)).toBe('Queda 1 día');
    expect(timeLeftText(plus(86_400_000 + 3_600_000), at)).toBe('Quedan 1 día y 1 hora');
    expect(timeLeftText(plus(5 * 3_600_000 + 12 * 60_000), at)).toBe('Quedan 5 horas y 12 minutos');
    expect(timeLeftText(plus(60 * 60_000), at)).toBe('Queda 1 hora');
    expect(timeLeftText(plus(90_000), at)).toBe('Queda 1 minuto');
    expect(timeLeftText(plus(30_000), at)).toBe('Queda menos de un minuto');
    expect(timeLeftText(at, at)).toBeNull();
  });
});
