import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, applications, comunas, employers, projectMilestones, rosterEntries, sponsors } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { dwellingPriceProblem } from '@/lib/domain/application-check';
import type { Band } from '@/lib/domain/call-parameters';
import { callDateOf } from '@/lib/domain/deadlines';
import { TITLE_CERTIFICATE_SLOT } from '@/lib/domain/document-slots';
import { formatRut } from '@/lib/domain/rut';
import { zoneForComuna } from '@/lib/domain/zones';
import { partyLabels, sortDwellingLines } from '@/lib/validations/sections';
import type {
  GanttFormValues,
  GanttSectionData,
  LandFormValues,
  LandSectionData,
  ProjectCommitteeFormValues,
  ProjectCommitteeSectionData,
  ProjectFormValues,
  SectionKey,
  StoredProjectSection,
  TGanttSectionInput,
  TLandSectionInput,
  TProjectCommitteeSectionInput,
  TProjectSectionInput,
  TWorkAgreementSectionInput,
  WorkAgreementFormValues,
  WorkAgreementSectionData,
} from '@/lib/validations/sections';
import { ganttFormValues, landFormValues, projectCommitteeFormValues, projectFormValues, workAgreementFormValues } from '@/lib/validations/sections';
import {
  assertCanEditSection,
  assertEditWindow,
  bumpVersion,
  canEditSection,
  getEditWindow,
  loadApplication,
  sectionOwners,
} from './application-access';
import type { ApplicationAccess, Party } from './application-access';
import { getApplicationWorkspace } from './application-workspace';
import { writeAudit } from './audit';
import { listDocumentSlots } from './documents';
import type { DocumentSlotStatus } from './documents';
import { listComunas } from './territory';
import type { ComunaOption } from './territory';

/** What a save answers: the application's new version and the section's new fingerprint. */
export interface SectionSaveResult {
  version: number;
  sectionHash: string;
}

/** Whether the viewer may change a section now, and if not, the Spanish reason shown on the page. */
export interface SectionEditState {
  canEdit: boolean;
  reason: string | null;
  ownerLabel: string;
  /** Set while the file is observed and its correction deadline has not passed. */
  correction: { deadlineAt: Date | null } | null;
}

/** The section as stored in applications.sections, or null when it was never saved. */
export function readStoredSection(access: Pick<ApplicationAccess, 'application'>, key: SectionKey): Record<string, unknown> | null {
  const sections = access.application.sections;
  if (sections === null || typeof sections !== 'object' || Array.isArray(sections)) return null;
  const value = (sections as Record<string, unknown>)[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Who may edit `section` right now, and if not, the Spanish reason shown on the page: the
 * owning party, while the file is a draft of an open call or while it is observed and the round's
 * correction deadline has not passed (server clock). `correction` is set in the correction window.
 */
export async function getSectionEditState(
  db: DbOrTx,
  user: SessionUser,
  access: ApplicationAccess,
  section: SectionKey,
  at: Date = now(),
): Promise<SectionEditState> {
  const ownerLabel = (sectionOwners[section] as readonly Party[]).map((p) => partyLabels[p]).join(' o ');
  const window = await getEditWindow(db, access, 'seccion', at);
  const correction = window.open && window.stage === 'subsanacion' ? { deadlineAt: window.deadlineAt } : null;
  if (!hasPermission(user.role, 'application.edit') || !canEditSection(access, section))
    return { canEdit: false, reason: `Esta sección la completa ${ownerLabel}. Usted puede verla, pero no modificarla.`, ownerLabel, correction };
  if (!window.open) return { canEdit: false, reason: window.reason, ownerLabel, correction: null };
  return { canEdit: true, reason: null, ownerLabel, correction };
}

export interface SectionViewBase {
  applicationId: string;
  number: string;
  version: number;
  /** Fingerprint of the section as loaded; sent back on save (see resolveExpectedVersion). */
  sectionHash: string;
  edit: SectionEditState;
  /** True once the section was saved at least once. */
  saved: boolean;
}

// ——— Proyecto ———

export interface ProjectSectionView extends SectionViewBase {
  values: ProjectFormValues;
  comunas: ComunaOption[];
  params: TCallParameters;
}

/** The Proyecto section as the form starts from it (read scope: application.read). */
export async function getProjectSectionView(user: SessionUser, id: string): Promise<ProjectSectionView> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  const dwellings = await db
    .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
    .from(applicationDwellings)
    .where(eq(applicationDwellings.applicationId, access.application.id));
  const stored = readStoredSection(access, 'proyecto');
  return {
    applicationId: access.application.id,
    number: access.application.number,
    version: access.application.version,
    sectionHash: fingerprintOf('proyecto', { ...access.application, dwellings }),
    edit: await getSectionEditState(db, user, access, 'proyecto'),
    saved: stored !== null,
    values: projectFormValues(stored, { projectName: access.application.projectName, comunaCode: access.application.comunaCode }, dwellings),
    comunas: await listComunas(),
    params: access.call.parameters,
  };
}

/**
 * Saves the Proyecto section (entidad patrocinante): name, comuna (region taken from the reference
 * table, never from the client), project type, typologies and dwellings per band. Optimistic
 * concurrency on the application's version; one audit row with the section before and after.
 */
export async function updateProjectSection(tx: DbOrTx, user: SessionUser, input: TProjectSectionInput): Promise<SectionSaveResult> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
  await assertEditWindow(tx, access, 'seccion');
  assertCanEditSection(access, 'proyecto');
  const { values } = input;
  const [comuna] = await tx
    .select({ code: comunas.code, provinceCode: comunas.provinceCode, regionCode: comunas.regionCode, name: comunas.name })
    .from(comunas)
    .where(eq(comunas.code, values.comunaCode))
    .limit(1);
  if (!comuna)
    throw new DomainError('Revise los campos marcados.', { comunaCode: 'La comuna elegida no está en la lista oficial de comunas. Elíjala de la lista.' });

  // Each price must fall in its band's range for the zone of the comuna (the 2022 call, «Características de
  // los proyectos y su financiamiento»); several lines may share a band at different prices.
  const zone = zoneForComuna({ comunaCode: comuna.code, provinceCode: comuna.provinceCode, regionCode: comuna.regionCode }, access.call.parameters).zone;
  if (zone) {
    const priceErrors: Record<string, string> = {};
    for (const line of values.dwellings) {
      const problem = dwellingPriceProblem({ band: line.band as Band, priceUf: line.priceUf }, zone, access.call.parameters);
      if (problem) priceErrors[`dwellings.${line.formIndex}.priceUf`] = problem;
    }
    if (Object.keys(priceErrors).length > 0) throw new DomainError('Revise los campos marcados.', priceErrors);
  }

  const before = await projectSnapshot(tx, access);
  const version = await bumpVersion(tx, access.application.id, await resolveExpectedVersion(tx, access, 'proyecto', input));
  const section: StoredProjectSection = { projectType: values.projectType, typologies: values.typologies };
  await tx
    .update(applications)
    .set({
      projectName: values.projectName,
      comunaCode: comuna.code,
      regionCode: comuna.regionCode,
      sections: { ...sectionsOf(access), proyecto: section },
    })
    .where(eq(applications.id, access.application.id));
  await tx.delete(applicationDwellings).where(eq(applicationDwellings.applicationId, access.application.id));
  const lines = sortDwellingLines(values.dwellings);
  if (lines.length > 0)
    await tx
      .insert(applicationDwellings)
      .values(lines.map((d) => ({ applicationId: access.application.id, band: d.band, count: d.count, priceUf: d.priceUf })));
  await writeAudit(tx, user, {
    action: 'application.section.update',
    entityType: 'application',
    entityId: access.application.id,
    before: { section: 'proyecto', ...before },
    after: {
      section: 'proyecto',
      projectName: values.projectName,
      comunaCode: comuna.code,
      regionCode: comuna.regionCode,
      data: section,
      dwellings: lines.map((d) => ({ band: d.band, count: d.count, priceUf: d.priceUf })),
      version,
    },
  });
  return { version, sectionHash: await sectionFingerprint(tx, access.application.id, 'proyecto') };
}

async function projectSnapshot(tx: DbOrTx, access: ApplicationAccess) {
  const dwellings = await tx
    .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
    .from(applicationDwellings)
    .where(eq(applicationDwellings.applicationId, access.application.id));
  return {
    projectName: access.application.projectName,
    comunaCode: access.application.comunaCode,
    regionCode: access.application.regionCode,
    data: readStoredSection(access, 'proyecto'),
    dwellings: sortDwellingLines(dwellings),
    version: access.application.version,
  };
}

// ——— Convenio de Trabajo ———

export interface RosterCounts {
  total: number;
  union: number;
  nonUnion: number;
}

export interface WorkAgreementSectionView extends SectionViewBase {
  values: WorkAgreementFormValues;
  roster: RosterCounts;
}

/** Active roster rows of an application, split by union membership (for the Convenio's cross-check). */
export async function getRosterCounts(db: DbOrTx, applicationId: string): Promise<RosterCounts & { ruts: Set<string> }> {
  const rows = await db
    .select({ rut: rosterEntries.rut, unionMember: rosterEntries.unionMember })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')));
  const union = rows.filter((r) => r.unionMember).length;
  return { total: rows.length, union, nonUnion: rows.length - union, ruts: new Set(rows.map((r) => r.rut)) };
}

/** Committee members representing the group who are not workers of the active roster (by RUT); `stored` is sections.comite. */
export function groupMembersOutsideRoster(stored: Record<string, unknown> | null, ruts: ReadonlySet<string>): string[] {
  const committee = Array.isArray(stored?.committee) ? (stored.committee as Record<string, unknown>[]) : [];
  return committee
    .filter((m) => m.side === 'grupo' && typeof m.rut === 'string' && !ruts.has(m.rut))
    .map((m) => `${String(m.name ?? '')} (${formatRut(String(m.rut))})`);
}

/** The Convenio de Trabajo section with the roster counts it must agree with (read scope: application.read). */
export async function getWorkAgreementSectionView(user: SessionUser, id: string): Promise<WorkAgreementSectionView> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  const stored = readStoredSection(access, 'convenio');
  const counts = await getRosterCounts(db, access.application.id);
  let builder: { name: string; rut: string; registryNumber: string } | null = null;
  if (access.application.builderId) {
    const [row] = await db
      .select({ name: sponsors.name, rut: sponsors.rut, registryNumber: sponsors.registryNumber })
      .from(sponsors)
      .where(eq(sponsors.id, access.application.builderId))
      .limit(1);
    if (row) builder = { name: row.name, rut: formatRut(row.rut), registryNumber: row.registryNumber ?? '' };
  }
  return {
    ...(await sectionViewBase(db, user, access, 'convenio')),
    values: workAgreementFormValues(stored, { builder }),
    roster: { total: counts.total, union: counts.union, nonUnion: counts.nonUnion },
  };
}

/**
 * Saves the Convenio de Trabajo section (empleador): land cession, workers, other contributions,
 * builder, post-sale commitment and technical support. The committee and the Gantt chart the Convenio
 * also names are their own sections (union and sponsor).
 */
export async function updateWorkAgreementSection(
  tx: DbOrTx,
  user: SessionUser,
  input: TWorkAgreementSectionInput,
): Promise<SectionSaveResult> {
  const section: WorkAgreementSectionData = input.values;
  return saveJsonSection(tx, user, input, 'convenio', section);
}

// ——— Comité de Proyecto ———

export interface ProjectCommitteeSectionView extends SectionViewBase {
  values: ProjectCommitteeFormValues;
  /** Names of committee members said to represent the group whose RUT is not in the active roster. */
  groupMembersNotInRoster: string[];
}

/** The Comité de Proyecto section (read scope: application.read). */
export async function getProjectCommitteeSectionView(user: SessionUser, id: string): Promise<ProjectCommitteeSectionView> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  const stored = readStoredSection(access, 'comite');
  const counts = await getRosterCounts(db, access.application.id);
  return {
    ...(await sectionViewBase(db, user, access, 'comite')),
    values: projectCommitteeFormValues(stored),
    groupMembersNotInRoster: groupMembersOutsideRoster(stored, counts.ruts),
  };
}

/** Saves the Comité de Proyecto (organización de trabajadores): its members and whom each represents. */
export async function updateProjectCommitteeSection(
  tx: DbOrTx,
  user: SessionUser,
  input: TProjectCommitteeSectionInput,
): Promise<SectionSaveResult> {
  const section: ProjectCommitteeSectionData = input.values;
  return saveJsonSection(tx, user, input, 'comite', section);
}

// ——— Carta Gantt ———

export interface GanttSectionView extends SectionViewBase {
  values: GanttFormValues;
}

/** The Carta Gantt section (read scope: application.read). */
export async function getGanttSectionView(user: SessionUser, id: string): Promise<GanttSectionView> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  return { ...(await sectionViewBase(db, user, access, 'gantt')), values: ganttFormValues(readStoredSection(access, 'gantt')) };
}

/**
 * Saves the Carta Gantt (entidad patrocinante). Its milestones are also written as the project's 'gantt'
 * milestones (replacing the previous ones) in the same transaction, so follow-up after selection measures
 * progress against them. project_milestones has a single planned date: it holds the milestone's planned
 * END (what SERVIU checks progress against); the start stays in the section.
 */
export async function updateGanttSection(tx: DbOrTx, user: SessionUser, input: TGanttSectionInput): Promise<SectionSaveResult> {
  const section: GanttSectionData = input.values;
  return saveJsonSection(tx, user, input, 'gantt', section, {
    alsoWrite: async (applicationId) => {
      await tx.delete(projectMilestones).where(and(eq(projectMilestones.applicationId, applicationId), eq(projectMilestones.kind, 'gantt')));
      await tx
        .insert(projectMilestones)
        .values(section.gantt.map((m) => ({ applicationId, kind: 'gantt', title: m.title, plannedOn: m.endOn, reportedBy: user.id })));
    },
  });
}

// ——— Terreno ———

/** The uploaded title certificate as the Terreno section shows it: the one source of its issue date. */
export interface TitleCertificateDto {
  fileName: string;
  version: number;
  issuedOn: string | null;
  /** Whether it meets the call's age rule now (evaluated once, by the document slot's rule). */
  ok: boolean;
  problem: string | null;
}

export interface LandSectionView extends SectionViewBase {
  values: LandFormValues;
  employerName: string | null;
  cbrInscriptionDays: number;
  titleCertificateMaxAgeDays: number;
  /** The current version of the title certificate uploaded in Documentos, or null when none was. */
  titleCertificate: TitleCertificateDto | null;
}

/** The title certificate slot's current version and its rule, from the evaluated document slots. */
export function titleCertificateOf(slots: readonly DocumentSlotStatus[]): TitleCertificateDto | null {
  const slot = slots.find((s) => s.slot === TITLE_CERTIFICATE_SLOT);
  if (!slot?.current) return null;
  return { fileName: slot.current.fileName, version: slot.current.version, issuedOn: slot.current.issuedOn, ok: slot.ok, problem: slot.problem };
}

/** The Terreno section (read scope: application.read). */
export async function getLandSectionView(user: SessionUser, id: string): Promise<LandSectionView> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  const stored = readStoredSection(access, 'terreno');
  let employerName: string | null = null;
  if (access.application.employerId) {
    const [row] = await db.select({ name: employers.name }).from(employers).where(eq(employers.id, access.application.employerId)).limit(1);
    employerName = row?.name ?? null;
  }
  return {
    ...(await sectionViewBase(db, user, access, 'terreno')),
    values: landFormValues(stored),
    employerName,
    cbrInscriptionDays: access.call.parameters.deadlines.cbrInscriptionDays,
    titleCertificateMaxAgeDays: access.call.parameters.deadlines.titleCertificateMaxAgeDays,
    titleCertificate: titleCertificateOf(await listDocumentSlots(db, access)),
  };
}

/**
 * Saves the Terreno section (empleador): certificate of current title in the employer's name, or a
 * notarised promise of sale with the seller's inscription (the 2022 call, «Requisitos de postulación»).
 * A promise dated in the future is refused by the server clock in the call's time zone. The title
 * certificate's issue date is not typed here: it is the uploaded certificate's (Documentos).
 */
export async function updateLandSection(tx: DbOrTx, user: SessionUser, input: TLandSectionInput): Promise<SectionSaveResult> {
  const section: LandSectionData = input.values;
  return saveJsonSection(tx, user, input, 'terreno', section, {
    check: (access) => {
      const today = callDateOf(now(), access.call.parameters);
      if (section.situation === 'promesa' && section.promesa.signedOn > today)
        throw new DomainError('Revise los campos marcados.', { 'promesa.signedOn': 'La fecha de la promesa no puede ser posterior a hoy.' });
    },
  });
}

// ——— shared ———

async function sectionViewBase(
  db: DbOrTx,
  user: SessionUser,
  access: ApplicationAccess,
  key: Exclude<SectionKey, 'proyecto'>,
): Promise<SectionViewBase> {
  return {
    applicationId: access.application.id,
    number: access.application.number,
    version: access.application.version,
    sectionHash: fingerprintOf(key, { ...access.application, dwellings: [] }),
    edit: await getSectionEditState(db, user, access, key),
    saved: readStoredSection(access, key) !== null,
  };
}

/**
 * Saves one section kept as JSON under applications.sections[key], by its owner, while the file may be
 * edited (a draft of an open call, or the correction window of an observed file): the section's own checks, optimistic concurrency on the application's version
 * (see resolveExpectedVersion), the section's extra writes in the same transaction, one audit row with
 * the section before and after.
 */
async function saveJsonSection(
  tx: DbOrTx,
  user: SessionUser,
  input: { applicationId: string; version: number; sectionHash?: string | undefined },
  key: Exclude<SectionKey, 'proyecto'>,
  section: Record<string, unknown>,
  hooks: { check?: (access: ApplicationAccess) => void; alsoWrite?: (applicationId: string) => Promise<void> } = {},
): Promise<SectionSaveResult> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
  await assertEditWindow(tx, access, 'seccion');
  assertCanEditSection(access, key);
  hooks.check?.(access);
  const before = readStoredSection(access, key);
  const version = await bumpVersion(tx, access.application.id, await resolveExpectedVersion(tx, access, key, input));
  await tx
    .update(applications)
    .set({ sections: { ...sectionsOf(access), [key]: section } })
    .where(eq(applications.id, access.application.id));
  if (hooks.alsoWrite) await hooks.alsoWrite(access.application.id);
  await writeAudit(tx, user, {
    action: 'application.section.update',
    entityType: 'application',
    entityId: access.application.id,
    before: { section: key, data: before, version: access.application.version },
    after: { section: key, data: section, version },
  });
  return { version, sectionHash: await sectionFingerprint(tx, access.application.id, key) };
}

function sectionsOf(access: ApplicationAccess): Record<string, unknown> {
  const s = access.application.sections;
  return s !== null && typeof s === 'object' && !Array.isArray(s) ? { ...(s as Record<string, unknown>) } : {};
}

/** JSON with sorted keys, so the fingerprint does not depend on how jsonb orders an object's keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

interface SectionSource {
  sections: unknown;
  projectName: string;
  comunaCode: string | null;
  dwellings: { band: number; count: number; priceUf: string }[];
}

/**
 * Fingerprint of everything a section owns: its jsonb entry, plus name, comuna and dwellings for
 * Proyecto. Pages compute it from exactly the data the form shows, so a match at save time means the
 * section is still what the user saw.
 */
function fingerprintOf(key: SectionKey, source: SectionSource): string {
  const stored = readStoredSection({ application: { sections: source.sections } as ApplicationAccess['application'] }, key);
  const owned =
    key === 'proyecto'
      ? {
          data: stored,
          projectName: source.projectName,
          comunaCode: source.comunaCode,
          dwellings: sortDwellingLines(source.dwellings).map((d) => ({ band: d.band, count: d.count, priceUf: d.priceUf })),
        }
      : stored;
  return createHash('sha256').update(canonicalJson(owned)).digest('hex');
}

async function sectionFingerprint(db: DbOrTx, applicationId: string, key: SectionKey): Promise<string> {
  const [row] = await db
    .select({ sections: applications.sections, projectName: applications.projectName, comunaCode: applications.comunaCode })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .limit(1);
  const dwellings =
    key === 'proyecto'
      ? await db
          .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
          .from(applicationDwellings)
          .where(eq(applicationDwellings.applicationId, applicationId))
      : [];
  return fingerprintOf(key, { sections: row?.sections ?? {}, projectName: row?.projectName ?? '', comunaCode: row?.comunaCode ?? null, dwellings });
}

/**
 * The version a save must start from. Every change to the application raises its version, so a union
 * editing the roster would otherwise make the sponsor's project save look stale. When the form's
 * version is old but this section is exactly as the form loaded it (same fingerprint), nobody else
 * touched it: the save proceeds from the current (locked) version. A changed section keeps the form's
 * version, and bumpVersion answers with ConflictError.
 */
async function resolveExpectedVersion(
  tx: DbOrTx,
  access: ApplicationAccess,
  key: SectionKey,
  input: { version: number; sectionHash?: string | undefined },
): Promise<number> {
  if (input.version === access.application.version || !input.sectionHash) return input.version;
  const current = await sectionFingerprint(tx, access.application.id, key);
  return current === input.sectionHash ? access.application.version : input.version;
}
