import 'server-only';
import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, ne, not, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, applications, calls, comunas, observationRounds, organizations, regions, rosterEntries, users } from '@/db/schema';
import { applicationStatuses } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import { applicationScope } from '@/lib/auth/scope';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import { parseDs49Parameters } from '@/lib/domain/ds49/parameters';
import { normalizeRut } from '@/lib/domain/rut';
import { comunas as allComunas, regions as allRegions } from '@/lib/territory';
import { loadApplication } from './application-access';
import { writeAudit } from './audit';

/** Rows per page of the queue (`?page=`). */
export const QUEUE_PAGE_SIZE = 25;

/**
 * "Atrasada" (overdue), as the queue's filter and flag define it:
 * - a file «Enviada» (review not started) submitted more calendar days ago than its call gives SERVIU to
 *   take it into review (the call's `deadlines.reviewStartDays`), or
 * - a file «Observada» whose latest sent observation round's deadline passed without a correction
 *   (once the applicant sends the correction the status moves to «Subsanada»).
 */
const DAY_MS = 86_400_000;

/** Per call, the submission instant before which a file still «Enviada» is overdue (server clock `at`). */
async function reviewStartCutoffs(db: DbOrTx, at: Date): Promise<{ callId: string; cutoff: Date }[]> {
  const rows = await db.select({ id: calls.id, programme: calls.programme, parameters: calls.parameters }).from(calls);
  return rows.map((c) => {
    const days =
      c.programme === 'ds49_gore' ? parseDs49Parameters(c.parameters).reviewStartDays : ZCallParameters.parse(c.parameters).deadlines.reviewStartDays;
    return { callId: c.id, cutoff: new Date(at.getTime() - days * DAY_MS) };
  });
}

/** Statuses a queue can show: every one but the applicant's draft. */
export const queueStatuses = applicationStatuses.filter((s): s is Exclude<ApplicationStatus, 'borrador'> => s !== 'borrador');
export type QueueStatus = (typeof queueStatuses)[number];

export const queueSorts = ['numero', 'enviada', 'comuna', 'estado', 'trabajadores'] as const;
export type QueueSort = (typeof queueSorts)[number];
export const bandMixes = ['con_tramo_3', 'solo_tramos_1_2'] as const;
export type BandMix = (typeof bandMixes)[number];
export const assignmentFilters = ['mias', 'sin_asignar'] as const;
export type AssignmentFilter = (typeof assignmentFilters)[number];
export type OverdueKind = 'revision' | 'subsanacion';

/** The workflow order used by the "estado" sort. */
const statusOrder = queueStatuses;

function firstValue(value: unknown): unknown {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
}

/**
 * The queue's URL parameters. A GET form sends every field, empty or not; anything unreadable falls back
 * to "no filter" rather than an error, so a hand-edited URL still shows a queue.
 */
export const ZReviewQueueQuery = z.object({
  estado: z.preprocess(firstValue, z.enum(queueStatuses).optional()).catch(undefined),
  region: z.preprocess(firstValue, z.string().regex(/^\d{2}$/).optional()).catch(undefined),
  comuna: z.preprocess(firstValue, z.string().regex(/^\d{5}$/).optional()).catch(undefined),
  tramos: z.preprocess(firstValue, z.enum(bandMixes).optional()).catch(undefined),
  atrasadas: z.preprocess(firstValue, z.literal('si').optional()).catch(undefined),
  asignacion: z.preprocess(firstValue, z.enum(assignmentFilters).optional()).catch(undefined),
  q: z.preprocess(firstValue, z.string().trim().max(100).optional()).catch(undefined),
  orden: z.preprocess(firstValue, z.enum(queueSorts).default('enviada')).catch('enviada'),
  dir: z.preprocess(firstValue, z.enum(['asc', 'desc']).default('asc')).catch('asc'),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1),
});
export type ReviewQueueQuery = z.output<typeof ZReviewQueueQuery>;

export function parseReviewQueueQuery(params: Record<string, string | string[] | undefined>): ReviewQueueQuery {
  return ZReviewQueueQuery.parse(params);
}

export interface ReviewQueueRow {
  id: string;
  number: string;
  projectName: string;
  organizationName: string;
  organizationRut: string;
  comunaName: string | null;
  regionName: string | null;
  status: QueueStatus;
  submittedAt: Date | null;
  workers: number;
  assignedReviewer: { id: string; name: string } | null;
  overdue: OverdueKind | null;
}

export interface ReviewQueuePage {
  rows: ReviewQueueRow[];
  /** Files matching the filters (all pages). */
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

export interface ReviewQueueCounts {
  /** Files in the user's scope per status (drafts never count). */
  byStatus: Record<QueueStatus, number>;
  total: number;
  overdue: number;
  unassigned: number;
  mine: number;
}

export interface ReviewQueueDto extends ReviewQueuePage {
  query: ReviewQueueQuery;
  counts: ReviewQueueCounts;
  /** Comunas that have files in scope, for the comuna filter. */
  comunaOptions: { code: string; name: string; regionName: string }[];
  /** Regions for the region filter; empty for regional officials (their scope is one region). */
  regionOptions: { code: string; name: string }[];
  /** Reviewers of the user's region a file may be assigned to; empty when the user cannot assign. */
  reviewers: { id: string; name: string }[];
  canAssign: boolean;
  /** The search was read as a RUT (normalised), to tell the user how it was understood. */
  searchedRut: string | null;
}

const assignedReviewer = alias(users, 'assigned_reviewer');

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

function bandThree(): SQL {
  return exists(
    sql`(select 1 from ${applicationDwellings} where ${applicationDwellings.applicationId} = ${applications.id} and ${applicationDwellings.band} = 3 and ${applicationDwellings.count} > 0)`,
  );
}

function anyDwelling(): SQL {
  return exists(
    sql`(select 1 from ${applicationDwellings} where ${applicationDwellings.applicationId} = ${applications.id} and ${applicationDwellings.count} > 0)`,
  );
}

/** Deadline of the latest sent observation round (null when none was sent). */
function correctionDeadline(): SQL<Date | null> {
  return sql`(select max(${observationRounds.deadlineAt}) from ${observationRounds} where ${observationRounds.applicationId} = ${applications.id} and ${observationRounds.sentAt} is not null)`;
}

/** Whether a file «Enviada» waited longer than its call allows for the review to start. */
function reviewStartLate(cutoffs: { callId: string; cutoff: Date }[]): SQL {
  if (cutoffs.length === 0) return sql`false`;
  const cases = sql.join(
    cutoffs.map((c) => sql`when ${c.callId}::uuid then ${c.cutoff.toISOString()}::timestamptz`),
    sql` `,
  );
  return sql`(${applications.status} = 'enviada' and ${applications.submittedAt} < (case ${applications.callId} ${cases} end))`;
}

/** See «Atrasada» above. Evaluated at `at`, the server clock. */
function overdueCondition(at: Date, cutoffs: { callId: string; cutoff: Date }[]): SQL {
  return sql`(${reviewStartLate(cutoffs)} or (${applications.status} = 'observada' and ${correctionDeadline()} < ${at.toISOString()}::timestamptz))`;
}

function overdueKind(at: Date, cutoffs: { callId: string; cutoff: Date }[]): SQL<OverdueKind | null> {
  return sql<OverdueKind | null>`case
    when ${reviewStartLate(cutoffs)} then 'revision'
    when ${applications.status} = 'observada' and ${correctionDeadline()} < ${at.toISOString()}::timestamptz then 'subsanacion'
    else null end`;
}

/**
 * Search text → condition. A valid RUT (any writing: dots, no dash, lower-case k) matches the
 * organisation's RUT or any worker of the roster; the text also matches the number, the organisation's
 * name or the project's name, so a number that happens to look like a RUT still finds its file.
 */
function searchCondition(q: string): { condition: SQL; rut: string | null } {
  const pattern = likePattern(q);
  const text = or(ilike(applications.number, pattern), ilike(organizations.name, pattern), ilike(applications.projectName, pattern))!;
  const rut = normalizeRut(q);
  if (!rut) return { condition: text, rut: null };
  const byRut = or(
    eq(organizations.rut, rut),
    exists(sql`(select 1 from ${rosterEntries} where ${rosterEntries.applicationId} = ${applications.id} and ${rosterEntries.rut} = ${rut})`),
  )!;
  return { condition: or(byRut, text)!, rut };
}

/** The user's scope (never a draft) plus the filters, as one WHERE condition. */
function queueWhere(
  user: SessionUser,
  query: ReviewQueueQuery,
  at: Date,
  cutoffs: { callId: string; cutoff: Date }[],
): { where: SQL; searchedRut: string | null } {
  const conditions: SQL[] = [applicationScope(user, 'review.read'), ne(applications.status, 'borrador')];
  if (query.estado) conditions.push(eq(applications.status, query.estado));
  if (query.region) conditions.push(eq(applications.regionCode, query.region));
  if (query.comuna) conditions.push(eq(applications.comunaCode, query.comuna));
  if (query.tramos === 'con_tramo_3') conditions.push(bandThree());
  if (query.tramos === 'solo_tramos_1_2') conditions.push(anyDwelling(), not(bandThree()));
  if (query.atrasadas === 'si') conditions.push(overdueCondition(at, cutoffs));
  if (query.asignacion === 'mias') conditions.push(eq(applications.assignedReviewerId, user.id));
  if (query.asignacion === 'sin_asignar') conditions.push(isNull(applications.assignedReviewerId));
  let searchedRut: string | null = null;
  if (query.q) {
    const search = searchCondition(query.q);
    conditions.push(search.condition);
    searchedRut = search.rut;
  }
  return { where: and(...conditions)!, searchedRut };
}

function orderOf(query: ReviewQueueQuery): SQL[] {
  const direction = query.dir === 'desc' ? desc : asc;
  const byNumber = asc(applications.number);
  switch (query.orden) {
    case 'numero':
      return [direction(applications.number)];
    case 'comuna':
      return [query.dir === 'desc' ? sql`${comunas.name} desc nulls last` : sql`${comunas.name} asc nulls last`, byNumber];
    case 'estado':
      return [
        direction(sql`array_position(array[${sql.join(statusOrder.map((s) => sql`${s}`), sql`, `)}]::text[], ${applications.status})`),
        asc(applications.submittedAt),
        byNumber,
      ];
    case 'trabajadores':
      return [query.dir === 'desc' ? sql`"workers" desc` : sql`"workers" asc`, byNumber];
    case 'enviada':
    default:
      return [query.dir === 'desc' ? sql`${applications.submittedAt} desc nulls last` : sql`${applications.submittedAt} asc nulls last`, byNumber];
  }
}

async function queryPage(
  db: DbOrTx,
  query: ReviewQueueQuery,
  where: SQL,
  overdue: SQL<OverdueKind | null>,
  page: number,
) {
  const rows = await db
    .select({
      id: applications.id,
      number: applications.number,
      projectName: applications.projectName,
      organizationName: organizations.name,
      organizationRut: organizations.rut,
      comunaName: comunas.name,
      regionName: regions.shortName,
      status: applications.status,
      submittedAt: applications.submittedAt,
      workers: sql<number>`(select count(*)::int from ${rosterEntries} where ${rosterEntries.applicationId} = ${applications.id} and ${rosterEntries.status} = 'activo')`.as(
        'workers',
      ),
      assignedId: assignedReviewer.id,
      assignedName: assignedReviewer.name,
      overdue: overdue.as('overdue'),
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(comunas, eq(comunas.code, applications.comunaCode))
    .leftJoin(regions, eq(regions.code, applications.regionCode))
    .leftJoin(assignedReviewer, eq(assignedReviewer.id, applications.assignedReviewerId))
    .where(where)
    .orderBy(...orderOf(query))
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return rows.map(
    (r): ReviewQueueRow => ({
      id: r.id,
      number: r.number,
      projectName: r.projectName,
      organizationName: r.organizationName,
      organizationRut: r.organizationRut,
      comunaName: r.comunaName,
      regionName: r.regionName,
      status: r.status as QueueStatus,
      submittedAt: r.submittedAt,
      workers: Number(r.workers),
      assignedReviewer: r.assignedId && r.assignedName ? { id: r.assignedId, name: r.assignedName } : null,
      overdue: r.overdue,
    }),
  );
}

/**
 * One page of the back-office queue: the files of the user's region (every region for national staff;
 * D.S. N°49 files of their region for GORE), never drafts, filtered, searched and sorted in the database.
 * Scope is part of the WHERE clause, so another region's file is never read, not even to be discarded.
 */
export async function listReviewQueue(user: SessionUser, query: ReviewQueueQuery, db?: DbOrTx): Promise<ReviewQueuePage & { searchedRut: string | null }> {
  const conn = db ?? (await getDb());
  const at = now();
  const cutoffs = await reviewStartCutoffs(conn, at);
  const { where, searchedRut } = queueWhere(user, query, at, cutoffs);
  const overdue = overdueKind(at, cutoffs);
  const totalQuery = conn
    .select({ n: count() })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(where);
  const [[totalRow], firstTry] = await Promise.all([totalQuery, queryPage(conn, query, where, overdue, query.page)]);
  const total = Number(totalRow?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  // A page past the end (an old link, a filter that shrank the list) shows the last page instead.
  const page = Math.min(query.page, pageCount);
  const rows = page === query.page ? firstTry : await queryPage(conn, query, where, overdue, page);
  return { rows, total, page, pageCount, pageSize: QUEUE_PAGE_SIZE, searchedRut };
}

/** Files in the user's scope per status, and how many are overdue, unassigned or assigned to the user. */
export async function getReviewQueueCounts(user: SessionUser, db?: DbOrTx): Promise<ReviewQueueCounts> {
  const conn = db ?? (await getDb());
  const at = now();
  const cutoffs = await reviewStartCutoffs(conn, at);
  const rows = await conn
    .select({
      status: applications.status,
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueCondition(at, cutoffs)}))::int`,
      unassigned: sql<number>`(count(*) filter (where ${applications.assignedReviewerId} is null))::int`,
      mine: sql<number>`(count(*) filter (where ${applications.assignedReviewerId} = ${user.id}))::int`,
    })
    .from(applications)
    .where(and(applicationScope(user, 'review.read'), ne(applications.status, 'borrador')))
    .groupBy(applications.status);
  const byStatus = Object.fromEntries(queueStatuses.map((s) => [s, 0])) as Record<QueueStatus, number>;
  const counts: ReviewQueueCounts = { byStatus, total: 0, overdue: 0, unassigned: 0, mine: 0 };
  for (const r of rows) {
    if (r.status === 'borrador') continue;
    byStatus[r.status] = Number(r.n);
    counts.total += Number(r.n);
    counts.overdue += Number(r.overdue);
    counts.unassigned += Number(r.unassigned);
    counts.mine += Number(r.mine);
  }
  return counts;
}

/** Comunas with at least one file in the user's scope (reference names from the territorial division). */
export async function listQueueComunas(user: SessionUser, db?: DbOrTx): Promise<{ code: string; name: string; regionName: string }[]> {
  const conn = db ?? (await getDb());
  const rows = await conn
    .selectDistinct({ code: applications.comunaCode })
    .from(applications)
    .where(and(applicationScope(user, 'review.read'), ne(applications.status, 'borrador')));
  const codes = new Set(rows.map((r) => r.code).filter((c): c is string => c !== null));
  const regionName = new Map(allRegions.map((r) => [r.code, r.shortName]));
  return allComunas
    .filter((c) => codes.has(c.code))
    .map((c) => ({ code: c.code, name: c.name, regionName: regionName.get(c.regionCode) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

/** Whether the user may assign files: SERVIU reviewers and directors of a region (the right to work files). */
export function canAssignReviewers(user: SessionUser): boolean {
  return hasPermission(user.role, 'review.observe') && user.regionCode !== null;
}

/** Active reviewers of the user's own region, the people a file of that region may be assigned to. */
export async function listAssignableReviewers(user: SessionUser, db?: DbOrTx): Promise<{ id: string; name: string }[]> {
  if (!canAssignReviewers(user)) return [];
  const conn = db ?? (await getDb());
  return conn
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, 'reviewer'), eq(users.regionCode, user.regionCode!), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
}

/** Everything the queue page shows, read in parallel. */
export async function getReviewQueue(user: SessionUser, params: Record<string, string | string[] | undefined>): Promise<ReviewQueueDto> {
  const db = await getDb();
  const query = parseReviewQueueQuery(params);
  const national = user.role === 'minvu_admin';
  if (!national) query.region = undefined;
  const [page, counts, comunaOptions, reviewers] = await Promise.all([
    listReviewQueue(user, query, db),
    getReviewQueueCounts(user, db),
    listQueueComunas(user, db),
    listAssignableReviewers(user, db),
  ]);
  const { searchedRut, ...rest } = page;
  return {
    ...rest,
    query: { ...query, page: rest.page },
    counts,
    comunaOptions,
    regionOptions: national ? [...allRegions].sort((a, b) => a.order - b.order).map((r) => ({ code: r.code, name: r.shortName })) : [],
    reviewers,
    canAssign: canAssignReviewers(user),
    searchedRut,
  };
}

// ——— assignment ———

export const ZAssignReviewerInput = z.object({
  applicationId: z.uuid({ error: 'Postulación no válida.' }),
  reviewerId: z.union([z.uuid({ error: 'Elija un analista de la lista.' }), z.literal('')]).transform((v) => (v === '' ? null : v)),
});
export type TAssignReviewerInput = z.output<typeof ZAssignReviewerInput>;

/**
 * Assigns a file to a reviewer (or leaves it unassigned). The file must be in the caller's scope for
 * 'review.observe' (their region, not a draft: otherwise "not found"), and the assignee must be an active
 * reviewer of the file's own region — both conditions sit in the UPDATE's WHERE clause. Audited.
 */
export async function assignReviewer(
  tx: DbOrTx,
  user: SessionUser,
  input: TAssignReviewerInput,
): Promise<{ number: string; reviewer: { id: string; name: string } | null; changed: boolean }> {
  const access = await loadApplication(tx, user, input.applicationId, 'review.observe', { forUpdate: true });
  const { application } = access;
  const previousId = application.assignedReviewerId;
  const ids = [previousId, input.reviewerId].filter((v): v is string => v !== null);
  const names = ids.length
    ? new Map((await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]))
    : new Map<string, string>();
  const reviewer = input.reviewerId ? { id: input.reviewerId, name: names.get(input.reviewerId) ?? '' } : null;
  if (previousId === input.reviewerId) return { number: application.number, reviewer, changed: false };

  const assigneeInRegion = input.reviewerId
    ? exists(
        sql`(select 1 from ${users} where ${users.id} = ${input.reviewerId} and ${users.role} = 'reviewer' and ${users.regionCode} = ${applications.regionCode} and ${users.disabledAt} is null)`,
      )
    : sql`true`;
  const [updated] = await tx
    .update(applications)
    .set({ assignedReviewerId: input.reviewerId, updatedAt: now() })
    .where(and(eq(applications.id, application.id), applicationScope(user, 'review.observe'), ne(applications.status, 'borrador'), assigneeInRegion))
    .returning({ id: applications.id });
  if (!updated) {
    const message = 'Solo puede asignar la postulación a un analista SERVIU de la región de la postulación.';
    throw new DomainError(message, { reviewerId: message });
  }
  await writeAudit(tx, user, {
    action: 'application.assign_reviewer',
    entityType: 'application',
    entityId: application.id,
    before: { assignedReviewerId: previousId, assignedReviewerName: previousId ? (names.get(previousId) ?? null) : null },
    after: { assignedReviewerId: input.reviewerId, assignedReviewerName: reviewer?.name ?? null },
  });
  return { number: application.number, reviewer, changed: true };
}
