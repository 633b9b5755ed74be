import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import {
  applicationDwellings,
  applications,
  auditLog,
  callMilestones,
  calls,
  employers,
  memberships,
  organizations,
  rosterEntries,
  sponsors,
  submissionApprovals,
  users,
} from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { authSecret } from '@/lib/auth/options';
import { roleLabels } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { checkTransition } from '@/lib/domain/application-state';
import { documentSlotById } from '@/lib/domain/document-slots';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/jobs/queue';
import { applicationStatusLabels } from '@/lib/labels';
import { applicationSubmittedMail } from '@/lib/mail/templates';
import { renderApplicationReceipt } from '@/lib/pdf';
import type { ApplicationReceiptData } from '@/lib/pdf';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import type { TApproveSubmission, TSubmitApplication } from '@/lib/validations/submission';
import { loadApplication, transitionStatus } from './application-access';
import type { ApplicationAccess, Party } from './application-access';
import { writeAudit } from './audit';
import { scheduleStates } from './calls';
import type { ScheduleStepDto } from './calls';
import { listDocumentSlots, listSubmittedDocuments } from './documents';
import type { DocumentSlotStatus } from './documents';
import { evaluateApplication } from './eligibility';
import type { EligibilityDto } from './eligibility';
import { getSectionStatuses } from './section-status';
import type { SectionStatus } from './section-status';

// ───────────────────────────── canonical JSON and hashes ─────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON with object keys sorted at every level and no insignificant spaces, so the same content always
 * gives the same text (and the same SHA-256), whatever order the database returns keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** SHA-256 of the canonical JSON of a submission snapshot: the seal printed (indirectly) on the receipt. */
export function snapshotHash(snapshot: unknown): string {
  return sha256Hex(canonicalJson(snapshot));
}

/**
 * The short code of the receipt's QR link: an HMAC of the snapshot hash, so the public verification page
 * answers only to someone holding the receipt, never to a visitor counting application numbers.
 */
export function receiptVerificationCode(submissionHash: string): string {
  return createHmac('sha256', authSecret()).update(`comprobante:${submissionHash}`).digest('hex').slice(0, 12);
}

function codeMatches(submissionHash: string, code: string): boolean {
  const expected = Buffer.from(receiptVerificationCode(submissionHash));
  const given = Buffer.from(code);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function receiptVerificationUrl(applicationNumber: string, submissionHash: string): string {
  const base = env().PUBLIC_BASE_URL.replace(/\/+$/, '');
  return `${base}/verificar/${encodeURIComponent(applicationNumber)}?c=${receiptVerificationCode(submissionHash)}`;
}

// ───────────────────────────── snapshot ─────────────────────────────

export interface RosterSummary {
  total: number;
  byBand: { 1: number; 2: number; 3: number };
  unionMembers: number;
  nonUnionMembers: number;
  incorporationConfirmed: number;
}

const ZRosterSummary = z.object({
  total: z.number(),
  byBand: z.object({ 1: z.number(), 2: z.number(), 3: z.number() }),
  unionMembers: z.number(),
  nonUnionMembers: z.number(),
  incorporationConfirmed: z.number(),
});

const ZSnapshotDocument = z.object({
  id: z.string(),
  slot: z.string(),
  label: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  version: z.number(),
});

/** The parts of a frozen snapshot read back for the receipt and the public verification page. */
const ZSubmissionSnapshot = z.object({
  format: z.literal(1),
  submittedAt: z.string(),
  application: z.object({ id: z.string(), number: z.string(), projectName: z.string(), version: z.number() }),
  submittedBy: z.object({ userId: z.string(), role: z.string() }),
  call: z.object({ id: z.string(), code: z.string(), name: z.string(), parametersVersion: z.number() }),
  organization: z.object({ name: z.string(), rut: z.string() }),
  rosterSummary: ZRosterSummary,
  documents: z.array(ZSnapshotDocument),
  dwellings: z.array(z.object({ band: z.number(), count: z.number(), priceUf: z.string() })).optional(),
});
export type SubmissionSnapshotSummary = z.output<typeof ZSubmissionSnapshot>;

export function readSnapshot(value: unknown): SubmissionSnapshotSummary {
  return ZSubmissionSnapshot.parse(value);
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

async function rosterSummaryOf(db: DbOrTx, applicationId: string): Promise<RosterSummary> {
  const rows = await db
    .select({
      band: rosterEntries.band,
      unionMember: rosterEntries.unionMember,
      n: sql<number>`count(*)::int`,
      confirmed: sql<number>`count(${rosterEntries.incorporationConfirmedAt})::int`,
    })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')))
    .groupBy(rosterEntries.band, rosterEntries.unionMember);
  const summary: RosterSummary = { total: 0, byBand: { 1: 0, 2: 0, 3: 0 }, unionMembers: 0, nonUnionMembers: 0, incorporationConfirmed: 0 };
  for (const r of rows) {
    summary.total += r.n;
    if (r.band === 1 || r.band === 2 || r.band === 3) summary.byBand[r.band] += r.n;
    if (r.unionMember) summary.unionMembers += r.n;
    else summary.nonUnionMembers += r.n;
    summary.incorporationConfirmed += r.confirmed;
  }
  return summary;
}

interface PartyNames {
  organization: { name: string; rut: string };
  employer: { name: string; rut: string } | null;
  sponsor: { name: string; rut: string; registryNumber: string | null } | null;
  builder: { name: string; rut: string; registryNumber: string | null } | null;
}

async function partyNamesOf(db: DbOrTx, application: ApplicationAccess['application']): Promise<PartyNames> {
  const [organization] = await db
    .select({ name: organizations.name, rut: organizations.rut })
    .from(organizations)
    .where(eq(organizations.id, application.organizationId));
  const [employer] = application.employerId
    ? await db.select({ name: employers.name, rut: employers.rut }).from(employers).where(eq(employers.id, application.employerId))
    : [];
  const sponsorIds = [application.sponsorId, application.builderId].filter((v): v is string => v !== null);
  const found = sponsorIds.length
    ? await db
        .select({ id: sponsors.id, name: sponsors.name, rut: sponsors.rut, registryNumber: sponsors.registryNumber })
        .from(sponsors)
        .where(inArray(sponsors.id, sponsorIds))
    : [];
  const pick = (id: string | null) => {
    const s = found.find((f) => f.id === id);
    return s ? { name: s.name, rut: s.rut, registryNumber: s.registryNumber } : null;
  };
  return {
    organization: organization ?? { name: '', rut: '' },
    employer: employer ?? null,
    sponsor: pick(application.sponsorId),
    builder: pick(application.builderId),
  };
}

/**
 * Everything that was filed, frozen at the moment of submission: the application and its sections,
 * dwellings, the active roster, the current version of every document (id + SHA-256), the rules engine's
 * verdict, the approvals and the version of the call's parameters. Dates are ISO strings, so the object
 * stored in jsonb and the one hashed are the same.
 */
async function buildSubmissionSnapshot(
  tx: DbOrTx,
  user: SessionUser,
  access: ApplicationAccess,
  at: Date,
  eligibility: EligibilityDto,
  approvals: ApprovalRow[],
): Promise<Record<string, Json>> {
  const { application } = access;
  const [call] = await tx.select({ parametersVersion: calls.parametersVersion, closesAt: calls.closesAt }).from(calls).where(eq(calls.id, application.callId));
  const names = await partyNamesOf(tx, application);
  const dwellings = await tx
    .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
    .from(applicationDwellings)
    .where(eq(applicationDwellings.applicationId, application.id))
    .orderBy(asc(applicationDwellings.band), asc(applicationDwellings.priceUf), asc(applicationDwellings.count));
  const roster = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, application.id), eq(rosterEntries.status, 'activo')))
    .orderBy(asc(rosterEntries.rut));
  const documents = await listSubmittedDocuments(tx, application.id);
  const snapshot = {
    format: 1,
    submittedAt: at.toISOString(),
    submittedBy: { userId: user.id, role: user.role },
    application: {
      id: application.id,
      number: application.number,
      projectName: application.projectName,
      callId: application.callId,
      organizationId: application.organizationId,
      employerId: application.employerId,
      sponsorId: application.sponsorId,
      builderId: application.builderId,
      regionCode: application.regionCode,
      comunaCode: application.comunaCode,
      sections: application.sections,
      version: application.version,
    },
    call: {
      id: access.call.id,
      code: access.call.code,
      name: access.call.name,
      closesAt: iso(call?.closesAt ?? access.call.closesAt),
      parametersVersion: call?.parametersVersion ?? 1,
    },
    organization: names.organization,
    employer: names.employer,
    sponsor: names.sponsor,
    builder: names.builder,
    dwellings: dwellings.map((d) => ({ band: d.band, count: d.count, priceUf: d.priceUf })),
    roster: roster.map((r) => ({
      id: r.id,
      rut: r.rut,
      firstNames: r.firstNames,
      lastNames: r.lastNames,
      email: r.email,
      birthDate: r.birthDate,
      unionMember: r.unionMember,
      rshPercentile: r.rshPercentile,
      householdSize: r.householdSize,
      monthlyIncomeClp: r.monthlyIncomeClp,
      savingsUf: r.savingsUf,
      savingsDepositedUf: r.savingsDepositedUf,
      band: r.band,
      // The household facts the group score reads (art. 65), as declared when the file was sent.
      scoreFacts: (r.scoreFacts ?? {}) as Json,
      incorporationConfirmedAt: iso(r.incorporationConfirmedAt),
      incorporationMethod: r.incorporationMethod,
    })),
    rosterSummary: await rosterSummaryOf(tx, application.id),
    documents: documents.map((d) => ({ id: d.id, slot: d.slot, label: d.label, fileName: d.fileName, sha256: d.sha256.toLowerCase(), version: d.version })),
    eligibility: {
      ok: eligibility.ok,
      zone: eligibility.zone,
      rules: eligibility.rules.map((r) => ({ id: r.id, ok: r.ok, message: r.message })),
      workers: eligibility.workers.map((w) => ({ entryId: w.entryId, ok: w.ok, failing: w.reasons.filter((r) => !r.ok).map((r) => r.id) })),
    },
    approvals: approvals.map((a) => ({ party: a.party, userId: a.userId, version: a.applicationVersion, approvedAt: a.approvedAt.toISOString() })),
  };
  // Round-trip through canonical JSON: what is stored is exactly what was hashed.
  return JSON.parse(canonicalJson(snapshot)) as Record<string, Json>;
}

// ───────────────────────────── review: what is filed and what still blocks ─────────────────────────────

export type ApprovalParty = 'organizacion' | 'empleador';
export const approvalParties: readonly ApprovalParty[] = ['organizacion', 'empleador'];

export const partyLabels: Record<Party, string> = {
  organizacion: 'la organización de trabajadores',
  empleador: 'el empleador',
  patrocinante: 'la entidad patrocinante',
  constructora: 'la constructora',
};

const approvalTitles: Record<ApprovalParty, string> = {
  organizacion: 'Representante de la organización de trabajadores',
  empleador: 'Representante del empleador',
};

type ApprovalRow = typeof submissionApprovals.$inferSelect;

export interface ApprovalStatusDto {
  party: ApprovalParty;
  title: string;
  /** The latest approval of this party, current or not. */
  latest: { userName: string; version: number; approvedAt: Date; isCurrent: boolean } | null;
}

export type BlockerKind = 'estado' | 'llamado' | 'seccion' | 'documento' | 'requisito' | 'trabajador' | 'aprobacion';

export interface SubmissionBlocker {
  kind: BlockerKind;
  message: string;
  /** Where to fix it, relative to the application (e.g. `/nomina`), when there is such a place. */
  href?: string;
}

export interface SubmissionReviewDto {
  application: {
    id: string;
    number: string;
    projectName: string;
    status: ApplicationStatus;
    version: number;
    submittedAt: Date | null;
    comunaName: string | null;
    /** The section drafts as stored (`applications.sections`), read with the sections' own helpers. */
    sections: unknown;
    hasReceipt: boolean;
  };
  call: { name: string; closesAt: Date; isOpen: boolean };
  parties: PartyNames;
  userParties: Party[];
  dwellings: { band: number; count: number; priceUf: string }[];
  sections: SectionStatus[];
  roster: RosterSummary;
  documents: DocumentSlotStatus[];
  eligibility: EligibilityDto;
  approvals: ApprovalStatusDto[];
  blockers: SubmissionBlocker[];
  /** The party the user approves for, if they are the union's or the employer's representative. */
  approvalParty: ApprovalParty | null;
  canApprove: boolean;
  canSubmit: boolean;
}

/** The party a user approves for: a union representative for the organisation, an employer representative for the employer. */
export function approvalPartyOf(access: ApplicationAccess, user: SessionUser): ApprovalParty | null {
  if (user.role === 'org_rep' && access.parties.includes('organizacion')) return 'organizacion';
  if (user.role === 'employer_rep' && access.parties.includes('empleador')) return 'empleador';
  return null;
}

function isCallOpen(access: ApplicationAccess, at: Date): boolean {
  return access.call.status === 'abierto' && at.getTime() <= access.call.closesAt.getTime();
}

function closedMessage(access: ApplicationAccess): string {
  return `El llamado cerró el ${formatSantiagoDateTime(access.call.closesAt)}; ya no se pueden enviar postulaciones.`;
}

function alreadySentMessage(access: ApplicationAccess): string {
  const { submittedAt } = access.application;
  return `Esta postulación ya fue enviada${submittedAt ? ` el ${formatSantiagoDateTime(submittedAt)}` : ''}.`;
}

function sectionIsComplete(section: SectionStatus): boolean {
  return section.status === 'completo' || (section.status === 'solo_lectura' && section.missing.length === 0);
}

/** "Falta indicar…" → "falta indicar…" after a colon (Spanish does not capitalise there), keeping names like «Convenio». */
function lowerFirst(text: string): string {
  return /^(Falta|Faltan|El|La|Los|Las|Indique|Hay)\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

const WORKERS_FAILING = /trabajador\(es\) de la nómina no cumplen los requisitos/;

interface BlockerInput {
  access: ApplicationAccess;
  at: Date;
  sections: SectionStatus[];
  documents: DocumentSlotStatus[];
  eligibility: EligibilityDto;
  approvals: ApprovalStatusDto[];
}

/** Every reason the file cannot be sent right now, in plain Spanish, in the order a person would fix them. */
export function submissionBlockers(input: BlockerInput, options: { includeApprovals: boolean } = { includeApprovals: true }): SubmissionBlocker[] {
  const { access, at } = input;
  const blockers: SubmissionBlocker[] = [];
  if (access.application.status !== 'borrador') return [{ kind: 'estado', message: alreadySentMessage(access) }];
  if (!isCallOpen(access, at)) blockers.push({ kind: 'llamado', message: closedMessage(access) });
  // Failing rules and workers are listed below with the rules engine's own words; a section that
  // quotes them would only say the same thing twice.
  const ruleMessages = new Set(input.eligibility.rules.filter((r) => !r.ok).map((r) => r.message.trim()));
  for (const section of input.sections) {
    // Documents are listed slot by slot below; the section's own status would only repeat them.
    if (section.id === 'documentos' || sectionIsComplete(section)) continue;
    const own = section.missing.filter((m) => !ruleMessages.has(m.trim()) && !WORKERS_FAILING.test(m));
    if (section.missing.length > 0 && own.length === 0) continue;
    const missing = own.length ? `: ${own.map((m) => lowerFirst(m.trim().replace(/\.$/, ''))).join('; ')}` : '';
    blockers.push({
      kind: 'seccion',
      message: `La sección «${section.title}» no está completa${missing}. La completa ${partyLabels[section.owner]}.`,
      href: section.href,
    });
  }
  for (const slot of input.documents) {
    if (!slot.required || slot.ok) continue;
    const problem = slot.problem ?? (slot.current ? 'el archivo no cumple lo exigido' : 'falta adjuntarlo');
    blockers.push({ kind: 'documento', message: sentence(`${slot.label}: ${problem}`), href: '/documentos' });
  }
  for (const rule of input.eligibility.rules) {
    if (!rule.ok) blockers.push({ kind: 'requisito', message: sentence(rule.message), href: ruleHref(rule.id) });
  }
  const failingWorkers = input.eligibility.workers.filter((w) => !w.ok);
  if (failingWorkers.length > 0) {
    blockers.push({
      kind: 'trabajador',
      message:
        failingWorkers.length === 1
          ? '1 trabajador de la nómina no cumple los requisitos de su tramo; revise el detalle en la nómina.'
          : `${failingWorkers.length} trabajadores de la nómina no cumplen los requisitos de su tramo; revise el detalle en la nómina.`,
      href: '/nomina',
    });
  }
  if (options.includeApprovals) {
    for (const approval of input.approvals) {
      if (approval.latest?.isCurrent) continue;
      blockers.push({
        kind: 'aprobacion',
        message: approval.latest
          ? `La aprobación del ${approval.title.toLowerCase()} corresponde a una versión anterior: la postulación cambió después y debe aprobarla nuevamente.`
          : `Falta la aprobación del ${approval.title.toLowerCase()}.`,
        href: '/enviar#aprobaciones',
      });
    }
  }
  return blockers;
}

function ruleHref(id: string): string | undefined {
  if (id.startsWith('roster') || id.startsWith('rut')) return '/nomina';
  if (id.startsWith('dwellings') || id.startsWith('composition') || id.startsWith('project')) return '/proyecto';
  return undefined;
}

async function approvalStatuses(db: DbOrTx, access: ApplicationAccess): Promise<{ rows: ApprovalRow[]; statuses: ApprovalStatusDto[] }> {
  const rows = await db
    .select({ approval: submissionApprovals, userName: users.name })
    .from(submissionApprovals)
    .innerJoin(users, eq(users.id, submissionApprovals.userId))
    .where(eq(submissionApprovals.applicationId, access.application.id))
    .orderBy(desc(submissionApprovals.applicationVersion), desc(submissionApprovals.approvedAt));
  const version = access.application.version;
  const statuses = approvalParties.map((party): ApprovalStatusDto => {
    const latest = rows.find((r) => r.approval.party === party);
    return {
      party,
      title: approvalTitles[party],
      latest: latest
        ? { userName: latest.userName, version: latest.approval.applicationVersion, approvedAt: latest.approval.approvedAt, isCurrent: latest.approval.applicationVersion === version }
        : null,
    };
  });
  const current = rows.filter((r) => r.approval.applicationVersion === version).map((r) => r.approval);
  return { rows: current, statuses };
}

interface ReviewParts {
  sections: SectionStatus[];
  documents: DocumentSlotStatus[];
  eligibility: EligibilityDto;
  approvals: ApprovalStatusDto[];
  currentApprovals: ApprovalRow[];
}

async function reviewParts(db: DbOrTx, access: ApplicationAccess, at: Date): Promise<ReviewParts> {
  const eligibility = await evaluateApplication(db, access);
  const sections = await getSectionStatuses(db, access, { eligibility, at });
  const documents = await listDocumentSlots(db, access, at);
  const { rows, statuses } = await approvalStatuses(db, access);
  return { sections, documents, eligibility, approvals: statuses, currentApprovals: rows };
}

/**
 * The "Revisar y enviar" page: the whole file as filed, the rules engine's verdict, both approvals and
 * every blocker. Read with 'application.read' (scope in the WHERE), so another organisation's id is "not found".
 */
export async function getSubmissionReview(user: SessionUser, applicationId: string): Promise<SubmissionReviewDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const at = now();
  const parts = await reviewParts(db, access, at);
  const { application } = access;
  const dwellings = await db
    .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
    .from(applicationDwellings)
    .where(eq(applicationDwellings.applicationId, application.id))
    .orderBy(asc(applicationDwellings.band), asc(applicationDwellings.priceUf), asc(applicationDwellings.count));
  const blockers = submissionBlockers({ access, at, ...parts });
  const approvalParty = approvalPartyOf(access, user);
  const blockingApproval = submissionBlockers({ access, at, ...parts }, { includeApprovals: false });
  const own = parts.approvals.find((a) => a.party === approvalParty);
  return {
    application: {
      id: application.id,
      number: application.number,
      projectName: application.projectName,
      status: application.status,
      version: application.version,
      submittedAt: application.submittedAt,
      comunaName: access.comuna?.name ?? null,
      sections: application.sections,
      hasReceipt: application.submissionHash !== null,
    },
    call: { name: access.call.name, closesAt: access.call.closesAt, isOpen: isCallOpen(access, at) },
    parties: await partyNamesOf(db, application),
    userParties: access.parties,
    dwellings: dwellings.filter((d) => d.count > 0),
    sections: parts.sections,
    roster: await rosterSummaryOf(db, application.id),
    documents: parts.documents,
    eligibility: parts.eligibility,
    approvals: parts.approvals,
    blockers,
    approvalParty,
    canApprove: approvalParty !== null && blockingApproval.length === 0 && !own?.latest?.isCurrent,
    canSubmit: approvalParty !== null && blockers.length === 0,
  };
}

// ───────────────────────────── approvals ─────────────────────────────

/**
 * Records the union's or the employer's approval of the application exactly as it stands (its current
 * version). Refused if the file changed since the person reviewed it, or while anything else blocks sending.
 */
export async function approveSubmission(tx: DbOrTx, user: SessionUser, input: TApproveSubmission): Promise<{ party: ApprovalParty; version: number }> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.submit', { forUpdate: true });
  const party = approvalPartyOf(access, user);
  if (!party) throw new DomainError('Solo el representante de la organización de trabajadores y el del empleador aprueban el envío.');
  const at = now();
  if (access.application.status !== 'borrador') throw new DomainError(alreadySentMessage(access));
  if (!isCallOpen(access, at)) throw new DomainError(closedMessage(access));
  if (access.application.version !== input.expectedVersion) {
    throw new ConflictError('La postulación cambió desde que usted la revisó. Revise el resumen actualizado y vuelva a aprobar.');
  }
  const parts = await reviewParts(tx, access, at);
  const blockers = submissionBlockers({ access, at, ...parts }, { includeApprovals: false });
  if (blockers.length > 0) throw new DomainError(refusal('Antes de aprobar el envío hay que resolver', blockers));
  const [inserted] = await tx
    .insert(submissionApprovals)
    .values({ applicationId: access.application.id, party, userId: user.id, applicationVersion: access.application.version, approvedAt: at })
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    await writeAudit(tx, user, {
      action: 'application.approve_submission',
      entityType: 'application',
      entityId: access.application.id,
      before: null,
      after: { party, version: inserted.applicationVersion, approvedAt: at.toISOString() },
    });
  }
  return { party, version: access.application.version };
}

function refusal(lead: string, blockers: SubmissionBlocker[]): string {
  const list = blockers.map((b) => b.message.replace(/\.$/, '')).join('; ');
  return blockers.length === 1 ? `${lead}: ${list}.` : `${lead} ${blockers.length} puntos: ${list}.`;
}

// ───────────────────────────── submission ─────────────────────────────

export interface SubmissionResult {
  applicationId: string;
  number: string;
  submittedAt: Date;
  submissionHash: string;
  /** True when this call found the file already sent by the same person from the same version (a retry). */
  alreadySubmitted: boolean;
}

/**
 * Sends the application, once. Refused after the call's closing (server clock), while any section,
 * document, rule or approval blocks it, or when it was already sent. The row is locked and the status
 * moves only from 'borrador', so a double click, a retry or a second tab cannot file it twice; a retry by
 * the same person from the same version gets the first submission back instead of an error.
 * Freezes the snapshot and its SHA-256, writes the audit row and queues one mail per participant.
 * The caller sends the queued mail after commit (dispatchMailAfterResponse).
 */
export async function submitApplication(tx: DbOrTx, user: SessionUser, input: TSubmitApplication): Promise<SubmissionResult> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.submit', { forUpdate: true });
  const { application } = access;
  if (application.status !== 'borrador') return alreadySubmitted(access, user, input);
  const party = approvalPartyOf(access, user);
  if (!party) throw new DomainError('Solo el representante de la organización de trabajadores o el del empleador puede enviar la postulación.');
  const reason = `Enviada por ${party === 'organizacion' ? 'la organización de trabajadores' : 'el empleador'}, con la aprobación de ambos representantes a la última versión.`;
  const allowed = checkTransition('borrador', 'enviada', user.role, reason);
  if (!allowed.ok) throw new DomainError(allowed.message);
  const at = now();
  if (!isCallOpen(access, at)) throw new DomainError(closedMessage(access));
  if (application.version !== input.expectedVersion) {
    throw new ConflictError('La postulación cambió desde que usted la revisó. Revise el resumen actualizado antes de enviarla.');
  }
  const parts = await reviewParts(tx, access, at);
  const blockers = submissionBlockers({ access, at, ...parts });
  if (blockers.length > 0) throw new DomainError(refusal('La postulación todavía no se puede enviar. Falta resolver', blockers));

  const snapshot = await buildSubmissionSnapshot(tx, user, access, at, parts.eligibility, parts.currentApprovals);
  const submissionHash = snapshotHash(snapshot);
  const moved = await transitionStatus(tx, application.id, 'borrador', 'enviada', { submittedAt: at, submissionSnapshot: snapshot, submissionHash });
  if (!moved) {
    const fresh = await loadApplication(tx, user, input.applicationId, 'application.submit');
    return alreadySubmitted(fresh, user, input);
  }
  await writeAudit(tx, user, {
    action: 'application.submit',
    entityType: 'application',
    entityId: application.id,
    before: { status: 'borrador', version: application.version },
    after: { status: 'enviada', version: moved.version, reason, submittedAt: at.toISOString(), submissionHash },
  });
  await queueSubmittedMails(tx, access, at, submissionHash);
  return { applicationId: application.id, number: application.number, submittedAt: at, submissionHash, alreadySubmitted: false };
}

function alreadySubmitted(access: ApplicationAccess, user: SessionUser, input: TSubmitApplication): SubmissionResult {
  const { application } = access;
  const snapshot = application.submissionSnapshot ? ZSubmissionSnapshot.safeParse(application.submissionSnapshot) : null;
  if (
    application.submittedAt &&
    application.submissionHash &&
    snapshot?.success &&
    snapshot.data.submittedBy.userId === user.id &&
    snapshot.data.application.version === input.expectedVersion
  ) {
    return {
      applicationId: application.id,
      number: application.number,
      submittedAt: application.submittedAt,
      submissionHash: application.submissionHash,
      alreadySubmitted: true,
    };
  }
  throw new DomainError(alreadySentMessage(access));
}

/** One mail per participant: every member of the four parties and every worker of the roster with an e-mail. */
async function queueSubmittedMails(tx: DbOrTx, access: ApplicationAccess, at: Date, submissionHash: string): Promise<void> {
  const { application } = access;
  const base = env().PUBLIC_BASE_URL.replace(/\/+$/, '');
  const partyConditions = [eq(memberships.organizationId, application.organizationId)];
  if (application.employerId) partyConditions.push(eq(memberships.employerId, application.employerId));
  const sponsorIds = [application.sponsorId, application.builderId].filter((v): v is string => v !== null);
  if (sponsorIds.length) partyConditions.push(inArray(memberships.sponsorId, sponsorIds));
  const members = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(or(...partyConditions), isNull(users.disabledAt)));
  const workers = await tx
    .select({ email: rosterEntries.email })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, application.id), eq(rosterEntries.status, 'activo')));
  const [organization] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, application.organizationId));

  // Members follow the file in the portal; workers may have no account, so they get the public receipt check.
  const recipients = new Map<string, string>();
  for (const m of members) recipients.set(m.email.trim().toLowerCase(), `${base}/portal/postulaciones/${application.id}/estado`);
  for (const w of workers) {
    const email = w.email?.trim().toLowerCase();
    if (email && !recipients.has(email)) recipients.set(email, receiptVerificationUrl(application.number, submissionHash));
  }
  for (const [email, url] of [...recipients].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mail = applicationSubmittedMail({
      applicationNumber: application.number,
      projectName: application.projectName,
      callName: access.call.name,
      organizationName: organization?.name ?? '',
      submittedAt: at,
      url,
    });
    await enqueueMail(tx, { to: [email], ...mail }, `submitted:${application.id}:${email}`);
  }
}

// ───────────────────────────── receipt ─────────────────────────────

/** The receipt's content, read only from the frozen snapshot: the live file may change status, never this. */
export function receiptDataFromSnapshot(snapshot: SubmissionSnapshotSummary, submissionHash: string): ApplicationReceiptData {
  const roster = snapshot.rosterSummary;
  return {
    applicationNumber: snapshot.application.number,
    projectName: snapshot.application.projectName,
    callName: snapshot.call.name,
    organization: snapshot.organization,
    submittedAt: new Date(snapshot.submittedAt),
    documents: snapshot.documents.map((d) => ({ typeLabel: d.label, fileName: d.fileName, sha256: d.sha256 })),
    dwellings: snapshot.dwellings?.filter((d) => d.count > 0) ?? [],
    roster: { total: roster.total, byBand: roster.byBand, unionMembers: roster.unionMembers, nonUnionMembers: roster.nonUnionMembers },
    verificationUrl: receiptVerificationUrl(snapshot.application.number, submissionHash),
  };
}

/**
 * The comprobante PDF of a submitted application, for anyone who may read it ('application.read' scope).
 * Rendered from the frozen snapshot, so the same submission always yields the same bytes.
 */
export async function getSubmissionReceipt(user: SessionUser, applicationId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const { application } = access;
  if (!application.submissionSnapshot || !application.submissionHash) throw new NotFoundError('Esta postulación aún no ha sido enviada; el comprobante se genera al enviarla.');
  const snapshot = readSnapshot(application.submissionSnapshot);
  const bytes = await renderApplicationReceipt(receiptDataFromSnapshot(snapshot, application.submissionHash));
  return { fileName: `comprobante-${safeFileName(application.number)}.pdf`, bytes };
}

function safeFileName(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-');
}

// ───────────────────────────── public verification ─────────────────────────────

export interface PublicReceiptDto {
  number: string;
  callName: string;
  submittedAt: Date;
  status: ApplicationStatus;
  statusLabel: string;
  /** Only what identifies the files, never who is in them: no file names, no people. */
  documents: { label: string; version: number; sha256: string }[];
}

/** The message for a wrong code and for a missing number alike, so neither can be told apart. */
export const RECEIPT_NOT_FOUND = 'No encontramos un comprobante con esos datos. Revise el número de postulación y el código de verificación del comprobante.';

/**
 * What anyone holding a receipt may see: that the application was submitted, when, under which call, its
 * status and the SHA-256 of each document. Null for an unknown number or a wrong code (the same answer).
 */
export async function getPublicReceipt(number: string, code: string): Promise<PublicReceiptDto | null> {
  const db = await getDb();
  const [row] = await db
    .select({ status: applications.status, snapshot: applications.submissionSnapshot, hash: applications.submissionHash })
    .from(applications)
    .where(eq(applications.number, number))
    .limit(1);
  if (!row?.hash || !row.snapshot || !codeMatches(row.hash, code)) return null;
  const snapshot = readSnapshot(row.snapshot);
  return {
    number: snapshot.application.number,
    callName: snapshot.call.name,
    submittedAt: new Date(snapshot.submittedAt),
    status: row.status,
    statusLabel: applicationStatusLabels[row.status],
    // The slot's generic name, never the snapshot's label: a worker's form is labelled with their name.
    documents: snapshot.documents.map((d) => ({ label: documentSlotById(d.slot)?.label ?? 'Documento', version: d.version, sha256: d.sha256 })),
  };
}

/** Whether a SHA-256 is one of the documents filed with that receipt. Null when the receipt is not found. */
export async function verifyReceiptDocument(
  number: string,
  code: string,
  sha256: string,
): Promise<{ match: boolean; document?: { label: string; version: number } } | null> {
  const receipt = await getPublicReceipt(number, code);
  if (!receipt) return null;
  const found = receipt.documents.find((d) => d.sha256 === sha256.toLowerCase());
  return found ? { match: true, document: { label: found.label, version: found.version } } : { match: false };
}

// ───────────────────────────── status page ─────────────────────────────

export interface StatusHistoryEntry {
  at: Date;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  /** Who acted, by role only: the page never names other people. */
  actor: string;
  /** Why the state changed, as the participants were told (every move carries one). */
  reason: string | null;
}

export interface ApplicationStatusDto {
  id: string;
  number: string;
  projectName: string;
  status: ApplicationStatus;
  submittedAt: Date | null;
  callName: string;
  closesAt: Date;
  hasReceipt: boolean;
  schedule: ScheduleStepDto[];
  /** The next step(s) of the call's schedule that concern this application in its current state. */
  nextSteps: ScheduleStepDto[];
  history: StatusHistoryEntry[];
}

const statusSteps: Record<ApplicationStatus, string[]> = {
  borrador: ['cierre'],
  enviada: ['revision', 'observaciones'],
  en_revision: ['revision', 'observaciones'],
  observada: ['subsanacion'],
  subsanada: ['revision_subsanacion', 'aprobacion_tecnica'],
  aprobada_tecnicamente: ['seleccion'],
  seleccionada: ['inicio_obras'],
  rechazada: [],
  no_seleccionada: [],
};

const statusNames = new Set<string>(Object.keys(statusSteps));
function asStatus(value: unknown): ApplicationStatus | null {
  return typeof value === 'string' && statusNames.has(value) ? (value as ApplicationStatus) : null;
}

/**
 * Where the application stands, for every participant and for the workers of its roster
 * ('application.read' scope): state, submission date, the call's next steps and the history of state
 * changes from the audit log, with actors named by role only.
 */
export async function getApplicationStatus(user: SessionUser, applicationId: string): Promise<ApplicationStatusDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const { application } = access;
  const steps = await db
    .select()
    .from(callMilestones)
    .where(eq(callMilestones.callId, application.callId))
    .orderBy(asc(callMilestones.sequence));
  const schedule = scheduleStates(
    steps.map((s) => ({ code: s.code, title: s.title, description: s.description, responsible: s.responsible, startsAt: s.startsAt, endsAt: s.endsAt })),
    now(),
  );
  const wanted = statusSteps[application.status];
  const nextSteps = schedule.filter((s) => wanted.includes(s.code));

  const audit = await db
    .select({ at: auditLog.at, actorRole: auditLog.actorRole, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, application.id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const history: StatusHistoryEntry[] = [];
  for (const row of audit) {
    const to = asStatus((row.after as { status?: unknown } | null)?.status);
    const from = asStatus((row.before as { status?: unknown } | null)?.status);
    if (!to || from === to) continue;
    const reason = (row.after as { reason?: unknown }).reason;
    history.push({ at: row.at, from, to, actor: actorLabel(row.actorRole), reason: typeof reason === 'string' ? reason : null });
  }
  if (!history.some((h) => h.from === null)) {
    history.unshift({ at: application.createdAt, from: null, to: 'borrador', actor: 'Representante de la organización', reason: null });
  }
  return {
    id: application.id,
    number: application.number,
    projectName: application.projectName,
    status: application.status,
    submittedAt: application.submittedAt,
    callName: access.call.name,
    closesAt: access.call.closesAt,
    hasReceipt: application.submissionHash !== null,
    schedule,
    nextSteps,
    history,
  };
}

function actorLabel(role: string | null): string {
  if (role === 'reviewer' || role === 'director') return 'SERVIU';
  if (role === 'minvu_admin') return 'MINVU';
  if (role && role in roleLabels) return roleLabels[role as keyof typeof roleLabels];
  return 'El sistema';
}
