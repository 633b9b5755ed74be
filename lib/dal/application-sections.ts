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
import { callDateOf, checkTitleCertificateAge } from '@/lib/domain/deadlines';
import type { RuleResult } from '@/lib/domain/explain';
import { formatRut } from '@/lib/domain/rut';
import { partyLabels } from '@/lib/validations/sections';
import type {
  LandFormValues,
  LandSectionData,
  ProjectFormValues,
  SectionKey,
  StoredProjectSection,
  TLandSectionInput,
  TProjectSectionInput,
  TWorkAgreementSectionInput,
  WorkAgreementFormValues,
  WorkAgreementSectionData,
} from '@/lib/validations/sections';
import { landFormValues, projectFormValues, workAgreementFormValues } from '@/lib/validations/sections';
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

interface SectionViewBase {
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
    .select({ code: comunas.code, regionCode: comunas.regionCode, name: comunas.name })
    .from(comunas)
    .where(eq(comunas.code, values.comunaCode))
    .limit(1);
  if (!comuna)
    throw new DomainError('Revise los campos marcados.', { comunaCode: 'La comuna elegida no está en la lista oficial de comunas. Elíjala de la lista.' });

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
  const lines = values.dwellings.filter((d) => d.count > 0 && d.priceUf !== null);
  if (lines.length > 0)
    await tx
      .insert(applicationDwellings)
      .values(lines.map((d) => ({ applicationId: access.application.id, band: d.band, count: d.count, priceUf: d.priceUf! })));
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
    dwellings: dwellings.sort((a, b) => a.band - b.band),
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
  /** Names of committee members said to represent the group whose RUT is not in the active roster. */
  groupMembersNotInRoster: string[];
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

/** Committee members representing the group who are not workers of the active roster (by RUT). */
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
    applicationId: access.application.id,
    number: access.application.number,
    version: access.application.version,
    sectionHash: fingerprintOf('convenio', { ...access.application, dwellings: [] }),
    edit: await getSectionEditState(db, user, access, 'convenio'),
    saved: stored !== null,
    values: workAgreementFormValues(stored, { builder }),
    roster: { total: counts.total, union: counts.union, nonUnion: counts.nonUnion },
    groupMembersNotInRoster: groupMembersOutsideRoster(stored, counts.ruts),
  };
}

/**
 * Saves the Convenio de Trabajo section (empleador). Its Gantt chart is also written as the
 * project's 'gantt' milestones (replacing the previous ones) in the same transaction, so follow-up
 * after selection measures progress against it. project_milestones has a single planned date: it
 * holds the milestone's planned END (what SERVIU checks progress against); the start stays in the section.
 */
export async function updateWorkAgreementSection(
  tx: DbOrTx,
  user: SessionUser,
  input: TWorkAgreementSectionInput,
): Promise<SectionSaveResult> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
  await assertEditWindow(tx, access, 'seccion');
  assertCanEditSection(access, 'convenio');
  const before = readStoredSection(access, 'convenio');
  const version = await bumpVersion(tx, access.application.id, await resolveExpectedVersion(tx, access, 'convenio', input));
  const section: WorkAgreementSectionData = input.values;
  await tx
    .update(applications)
    .set({ sections: { ...sectionsOf(access), convenio: section } })
    .where(eq(applications.id, access.application.id));
  await tx.delete(projectMilestones).where(and(eq(projectMilestones.applicationId, access.application.id), eq(projectMilestones.kind, 'gantt')));
  await tx.insert(projectMilestones).values(
    section.gantt.map((m) => ({ applicationId: access.application.id, kind: 'gantt', title: m.title, plannedOn: m.endOn, reportedBy: user.id })),
  );
  await writeAudit(tx, user, {
    action: 'application.section.update',
    entityType: 'application',
    entityId: access.application.id,
    before: { section: 'convenio', data: before, version: access.application.version },
    after: { section: 'convenio', data: section, version },
  });
  return { version, sectionHash: await sectionFingerprint(tx, access.application.id, 'convenio') };
}

// ——— Terreno ———

export interface LandSectionView extends SectionViewBase {
  values: LandFormValues;
  employerName: string | null;
  cbrInscriptionDays: number;
  titleCertificateMaxAgeDays: number;
  /** Age of the saved certificate of current title against the call's limit, today (server clock). */
  certificateAge: RuleResult | null;
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
  const values = landFormValues(stored);
  return {
    applicationId: access.application.id,
    number: access.application.number,
    version: access.application.version,
    sectionHash: fingerprintOf('terreno', { ...access.application, dwellings: [] }),
    edit: await getSectionEditState(db, user, access, 'terreno'),
    saved: stored !== null,
    values,
    employerName,
    cbrInscriptionDays: access.call.parameters.deadlines.cbrInscriptionDays,
    titleCertificateMaxAgeDays: access.call.parameters.deadlines.titleCertificateMaxAgeDays,
    certificateAge: landCertificateAge(stored, access.call.parameters),
  };
}

/** The title certificate's age rule (rules engine) for a saved Terreno section in the 'dominio' situation. */
export function landCertificateAge(stored: Record<string, unknown> | null, params: TCallParameters, at: Date = now()): RuleResult | null {
  if (stored?.situation !== 'dominio') return null;
  const issuedOn = (stored.dominio as Record<string, unknown> | undefined)?.certificateIssuedOn;
  if (typeof issuedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) return null;
  return checkTitleCertificateAge(issuedOn, at, params);
}

/**
 * Saves the Terreno section (empleador): certificate of current title in the employer's name, or a
 * notarised promise of sale with the seller's inscription (seed 003, «Requisitos de postulación»).
 * Dates in the future are refused by the server clock in the call's time zone.
 */
export async function updateLandSection(tx: DbOrTx, user: SessionUser, input: TLandSectionInput): Promise<SectionSaveResult> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
  await assertEditWindow(tx, access, 'seccion');
  assertCanEditSection(access, 'terreno');
  const section: LandSectionData = input.values;
  const today = callDateOf(now(), access.call.parameters);
  if (section.situation === 'dominio' && section.dominio.certificateIssuedOn > today)
    throw new DomainError('Revise los campos marcados.', {
      'dominio.certificateIssuedOn': 'La fecha de emisión del certificado no puede ser posterior a hoy.',
    });
  if (section.situation === 'promesa' && section.promesa.signedOn > today)
    throw new DomainError('Revise los campos marcados.', { 'promesa.signedOn': 'La fecha de la promesa no puede ser posterior a hoy.' });
  const before = readStoredSection(access, 'terreno');
  const version = await bumpVersion(tx, access.application.id, await resolveExpectedVersion(tx, access, 'terreno', input));
  await tx
    .update(applications)
    .set({ sections: { ...sectionsOf(access), terreno: section } })
    .where(eq(applications.id, access.application.id));
  await writeAudit(tx, user, {
    action: 'application.section.update',
    entityType: 'application',
    entityId: access.application.id,
    before: { section: 'terreno', data: before, version: access.application.version },
    after: { section: 'terreno', data: section, version },
  });
  return { version, sectionHash: await sectionFingerprint(tx, access.application.id, 'terreno') };
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
          dwellings: [...source.dwellings].sort((a, b) => a.band - b.band).map((d) => ({ band: d.band, count: d.count, priceUf: d.priceUf })),
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
