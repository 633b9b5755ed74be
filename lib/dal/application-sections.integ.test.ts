import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { formatRut } from '@/lib/domain/rut';
import { resetEnvForTests } from '@/lib/env';
import { createTestDb } from '@/lib/test/db';
import {
  ZGanttSectionInput,
  ZLandSectionInput,
  ZProjectCommitteeSectionInput,
  ZProjectSectionInput,
  ZWorkAgreementSectionInput,
} from '@/lib/validations/sections';
import type { GanttFormValues, LandFormValues, ProjectCommitteeFormValues, ProjectFormValues, WorkAgreementFormValues } from '@/lib/validations/sections';
import { bumpVersion, loadApplication } from './application-access';
import {
  getGanttSectionView,
  getLandSectionView,
  getProjectCommitteeSectionView,
  getProjectSectionView,
  getWorkAgreementSectionView,
  updateGanttSection,
  updateLandSection,
  updateProjectCommitteeSection,
  updateProjectSection,
  updateWorkAgreementSection,
} from './application-sections';
import { storeDocumentVersion } from './documents';
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
let uploadDir = '';

const TODAY = new Date('2026-11-22T15:00:00Z');

beforeAll(async () => {
  // The title certificate test stores a file: a folder of its own, never the project's.
  uploadDir = await mkdtemp(path.join(tmpdir(), 'portal-sections-'));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
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
  await rm(uploadDir, { recursive: true, force: true });
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
      { band: '1', count: '1', priceUf: '1.200' },
      { band: '2', count: '3', priceUf: '1600' },
      { band: '3', count: '', priceUf: '' },
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
    builder: { name: 'Constructora Demo SpA', rut: demoRut(77_222_444), registryNumber: 'RNC-5678' },
    postSaleReport: true,
    technicalSupport: 'Oficina técnica de la empresa y una entidad de gestión contratada.',
  };
}

function committeeValues(): ProjectCommitteeFormValues {
  return {
    committee: [
      { name: 'Carolina Vega', rut: demoRut(11_111_111), side: 'empleador', position: 'Gerenta' },
      { name: 'Juan Rojas', rut: demoRut(12_333_444), side: 'organizacion', position: 'Presidente' },
      { name: 'María Pérez', rut: demoRut(15_111_222), side: 'grupo', position: '' },
    ],
  };
}

function ganttValues(): GanttFormValues {
  return {
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
    dominio: { conservador: 'Puente Alto', fojas: '1234', numero: '567', anio: '2019' },
    promesa: { notary: '', signedOn: '', sellerName: '', sellerRut: '', sellerTitle: { conservador: '', fojas: '', numero: '', anio: '' } },
  };
}

const projectInput = async (values = projectValues(), v?: number) =>
  ZProjectSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values });
const agreementInput = async (v?: number) => ZWorkAgreementSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values: agreementValues() });
const landInput = async (values = landValues(), v?: number) => ZLandSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values });
const committeeInput = async (values = committeeValues(), v?: number) =>
  ZProjectCommitteeSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values });
const ganttInput = async (values = ganttValues(), v?: number) => ZGanttSectionInput.parse({ applicationId: appId, version: v ?? (await version()), values });

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

  it('keeps several lines of one band at different prices (the 2022 call: band 3 at 1.800 and 2.000 UF in the centro zone)', async () => {
    const values = projectValues({
      dwellings: [
        { band: '3', count: '1', priceUf: '2.000' },
        { band: '1', count: '2', priceUf: '1200' },
        { band: '2', count: '6', priceUf: '1600' },
        { band: '3', count: '1', priceUf: '1800' },
      ],
    });
    await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput(values));
    const dwellings = await handle.db
      .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
      .from(applicationDwellings)
      .where(eq(applicationDwellings.applicationId, appId))
      .orderBy(asc(applicationDwellings.band), asc(applicationDwellings.priceUf));
    expect(dwellings).toEqual([
      { band: 1, count: 2, priceUf: '1200.00' },
      { band: 2, count: 6, priceUf: '1600.00' },
      { band: 3, count: 1, priceUf: '1800.00' },
      { band: 3, count: 1, priceUf: '2000.00' },
    ]);
    // The form reads them back in band and price order; the composition counts band 3 as 2 of 10.
    const view = await getProjectSectionView(people['patrocinante@demo.cl']!, appId);
    expect(view.values.dwellings.map((d) => [d.band, d.count, d.priceUf])).toEqual([
      ['1', '2', '1200'],
      ['2', '6', '1600'],
      ['3', '1', '1800'],
      ['3', '1', '2000'],
    ]);
    const access = await loadApplication(handle.db, people['patrocinante@demo.cl']!, appId, 'application.read');
    const project = (await getSectionStatuses(handle.db, access)).find((s) => s.id === 'proyecto')!;
    expect(project.missing.join(' ')).not.toMatch(/tramo 3 no puede exceder/);
  });

  it('refuses a price outside its band’s range for the zone, next to that line, and writes nothing', async () => {
    const before = await version();
    const values = projectValues({
      dwellings: [
        { band: '1', count: '1', priceUf: '1200' },
        { band: '', count: '', priceUf: '' },
        { band: '2', count: '3', priceUf: '1700' },
      ],
    });
    const error = await saveWith(updateProjectSection, people['patrocinante@demo.cl']!, projectInput(values)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors).toEqual({
      'dwellings.2.priceUf': 'El precio de 1.700 UF corresponde al tramo 3 en la zona centro, no al tramo 2 (más de 1.200 UF y hasta 1.600 UF).',
    });
    expect(await version()).toBe(before);
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

  it('each task has one owner: the others are refused with the read-only reason', async () => {
    const v = await version();
    const byEmployer = await saveWith(updateProjectSection, people['empleador@demo.cl']!, projectInput()).catch((e: unknown) => e);
    expect(byEmployer).toBeInstanceOf(DomainError);
    expect((byEmployer as DomainError).message).toMatch(/otra de las organizaciones/);
    const bySponsor = await saveWith(updateWorkAgreementSection, people['patrocinante@demo.cl']!, agreementInput()).catch((e: unknown) => e);
    expect(bySponsor).toBeInstanceOf(DomainError);
    const landBySponsor = await saveWith(updateLandSection, people['patrocinante@demo.cl']!, landInput()).catch((e: unknown) => e);
    expect(landBySponsor).toBeInstanceOf(DomainError);
    // The committee is the union's; the Gantt chart the sponsor's — no longer the employer's.
    for (const [update, user, input] of [
      [updateProjectCommitteeSection, people['empleador@demo.cl']!, committeeInput()],
      [updateProjectCommitteeSection, people['patrocinante@demo.cl']!, committeeInput()],
      [updateGanttSection, people['empleador@demo.cl']!, ganttInput()],
      [updateGanttSection, people['dirigente@demo.cl']!, ganttInput()],
    ] as const) {
      const refused = await saveWith(update as typeof updateGanttSection, user, input as ReturnType<typeof ganttInput>).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).message).toMatch(/otra de las organizaciones/);
    }
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
    await expect(saveWith(updateProjectCommitteeSection, user, committeeInput())).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveWith(updateGanttSection, user, ganttInput())).rejects.toBeInstanceOf(NotFoundError);
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

describe('updateWorkAgreementSection, updateProjectCommitteeSection and updateGanttSection', () => {
  it('the employer saves the convenio without committee or Gantt; the union saves the committee under sections.comite', async () => {
    const audits = await auditRows();
    await saveWith(updateWorkAgreementSection, people['empleador@demo.cl']!, agreementInput());
    await saveWith(updateProjectCommitteeSection, people['dirigente@demo.cl']!, committeeInput());
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    const sections = row!.sections as Record<string, Record<string, unknown>>;
    expect(sections.convenio).toMatchObject({ unionWorkers: 4, nonUnionWorkers: 0, postSaleReport: true, landCession: 'si' });
    expect(sections.convenio).not.toHaveProperty('committee');
    expect(sections.convenio).not.toHaveProperty('gantt');
    expect((sections.comite!.committee as { rut: string }[]).map((m) => m.rut)).toEqual([demoRut(11_111_111), demoRut(12_333_444), demoRut(15_111_222)]);
    expect(await auditRows()).toBe(audits + 2);
    // The committee's page reads what was saved, and flags the group member outside the (empty) roster.
    const view = await getProjectCommitteeSectionView(people['empleador@demo.cl']!, appId);
    expect(view.edit.canEdit).toBe(false);
    expect(view.values.committee).toHaveLength(3);
    expect(view.groupMembersNotInRoster).toEqual([`María Pérez (${formatRut(demoRut(15_111_222))})`]);
  });

  it('the sponsor’s Gantt chart replaces the gantt milestones in the same transaction, with one audit row', async () => {
    const sponsor = people['patrocinante@demo.cl']!;
    const audits = await auditRows();
    await saveWith(updateGanttSection, sponsor, ganttInput());
    await handle.db.insert(projectMilestones).values({ applicationId: appId, kind: 'permiso_edificacion', title: 'Otro tipo de hito' });
    await saveWith(updateGanttSection, sponsor, ganttInput());
    // The convenio no longer touches the milestones.
    await saveWith(updateWorkAgreementSection, people['empleador@demo.cl']!, agreementInput());
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
    expect((row!.sections as Record<string, Record<string, unknown>>).gantt).toEqual(ganttValues());
    expect(await auditRows()).toBe(audits + 3);
    expect((await getGanttSectionView(sponsor, appId)).edit.canEdit).toBe(true);
  });

  it('a stale Gantt save leaves the milestones untouched', async () => {
    const sponsor = people['patrocinante@demo.cl']!;
    const v = await version();
    await saveWith(updateGanttSection, sponsor, ganttInput(ganttValues(), v));
    const error = await saveWith(updateGanttSection, sponsor, ganttInput(ganttValues(), v)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const [n] = await handle.db.select({ n: count() }).from(projectMilestones).where(eq(projectMilestones.applicationId, appId));
    expect(n!.n).toBe(2);
  });
});

describe('updateLandSection', () => {
  it('stores only the chosen alternative, with no issue date of its own', async () => {
    const employer = people['empleador@demo.cl']!;
    await saveWith(updateLandSection, employer, landInput());
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    const terreno = (row!.sections as Record<string, Record<string, unknown>>).terreno!;
    expect(terreno).toEqual({ situation: 'dominio', address: 'Camino Las Vizcachas 1234', rolAvaluo: '1234-56', dominio: { conservador: 'Puente Alto', fojas: '1234', numero: '567', anio: 2019 } });
  });

  it('shows the uploaded certificate’s issue date and its age rule, the one source of both', async () => {
    const employer = people['empleador@demo.cl']!;
    await saveWith(updateLandSection, employer, landInput());
    expect((await getLandSectionView(employer, appId)).titleCertificate).toBeNull();
    const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    await inTx((tx) => storeDocumentVersion(tx, employer, { applicationId: appId, slot: 'certificado_dominio', fileName: 'dominio.pdf', bytes, issuedOn: '2026-11-10' }));
    expect((await getLandSectionView(people['patrocinante@demo.cl']!, appId)).titleCertificate).toMatchObject({
      fileName: 'dominio.pdf',
      version: 1,
      issuedOn: '2026-11-10',
      ok: true,
      problem: null,
    });
    // Eleven months later it is too old to file: the slot's rule says so, in Terreno and in Documentos alike.
    setClock(new Date('2027-10-22T15:00:00Z'));
    const later = await getLandSectionView(employer, appId);
    expect(later.titleCertificate).toMatchObject({ issuedOn: '2026-11-10', ok: false });
    expect(later.titleCertificate!.problem).toMatch(/30 días/);
  });

  it('refuses a promise of sale dated after today (server clock)', async () => {
    const values = landValues();
    values.situation = 'promesa';
    values.promesa = {
      notary: '44ª Notaría de Santiago',
      signedOn: '2026-11-23',
      sellerName: 'Inmobiliaria Vendedora Ltda.',
      sellerRut: demoRut(76_555_666),
      sellerTitle: { conservador: 'Santiago', fojas: '100', numero: '200', anio: '2015' },
    };
    const error = await saveWith(updateLandSection, people['empleador@demo.cl']!, landInput(values)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors).toEqual({ 'promesa.signedOn': 'La fecha de la promesa no puede ser posterior a hoy.' });
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
      ['gantt', 'no_iniciado'],
      ['convenio', 'no_iniciado'],
      ['terreno', 'no_iniciado'],
      ['nomina', 'no_iniciado'],
      ['comite', 'no_iniciado'],
      ['documentos', 'no_iniciado'],
    ]);
    expect(first[0]).toMatchObject({ title: 'Proyecto', owner: 'patrocinante', href: `/portal/postulaciones/${appId}/proyecto` });
    expect(first[1]).toMatchObject({ title: 'Carta Gantt', owner: 'patrocinante', href: `/portal/postulaciones/${appId}/carta-gantt` });
    expect(first[5]).toMatchObject({ title: 'Comité de Proyecto', owner: 'organizacion', href: `/portal/postulaciones/${appId}/comite` });

    await saveWith(updateProjectSection, sponsor, projectInput());
    await saveWith(updateGanttSection, sponsor, ganttInput());
    await saveWith(updateLandSection, people['empleador@demo.cl']!, landInput());
    await saveWith(updateWorkAgreementSection, people['empleador@demo.cl']!, agreementInput());
    await saveWith(updateProjectCommitteeSection, people['dirigente@demo.cl']!, committeeInput());
    const second = await getSectionStatuses(handle.db, await access());
    const byId = Object.fromEntries(second.map((s) => [s.id, s]));
    expect(byId.proyecto!.status).toBe('completo');
    expect(byId.gantt!.status).toBe('completo');
    expect(byId.terreno!.status).toBe('completo');
    // The roster of this fresh application is empty: the convenio's 4 union workers do not match it,
    // and the committee's member for the group is not in it.
    expect(byId.convenio!.status).toBe('en_progreso');
    expect(byId.convenio!.missing.join(' ')).toMatch(/4 trabajadores del sindicato o asociación y la nómina tiene 0/);
    expect(byId.comite!.status).toBe('en_progreso');
    expect(byId.comite!.missing.join(' ')).toMatch(/María Pérez .* no está en la nómina/);
    expect(byId.convenio!.missing.join(' ')).not.toMatch(/Comité/);
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
    expect(readOnly).toMatchObject({ proyecto: false, gantt: false, convenio: true, terreno: true, nomina: true, comite: true });
    const union = await getApplicationOverview(people['dirigente@demo.cl']!, appId);
    expect(Object.fromEntries(union.sections.map((s) => [s.id, s.readOnly]))).toMatchObject({ proyecto: true, gantt: true, convenio: true, nomina: false, comite: false });
    const employer = await getApplicationOverview(people['empleador@demo.cl']!, appId);
    expect(Object.fromEntries(employer.sections.map((s) => [s.id, s.readOnly]))).toMatchObject({ gantt: true, convenio: false, terreno: false, comite: true });
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
