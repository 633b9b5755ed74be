import 'server-only';
import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applications, calls, comunas, memberships, observationRounds } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { applicationScope } from '@/lib/auth/scope';
import type { Permission } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { editWindowOf } from '@/lib/domain/edit-window';
import type { EditWindow, FileChange } from '@/lib/domain/edit-window';

/** Which of the three organisations behind an application the user speaks for. */
export type Party = 'organizacion' | 'empleador' | 'patrocinante' | 'constructora';

export type ApplicationRow = typeof applications.$inferSelect;

export interface ApplicationAccess {
  application: ApplicationRow;
  call: { id: string; code: string; name: string; status: string; closesAt: Date; timeZone: string; parameters: TCallParameters };
  parties: Party[];
  comuna: { code: string; provinceCode: string; regionCode: string; name: string } | null;
}

/**
 * Loads an application the user may act on with `permission`, with its call and the user's parties.
 * Outside scope it throws NotFoundError: the caller cannot tell "forbidden" from "missing".
 * Pass `forUpdate` inside a transaction that will change the row, to serialise concurrent saves.
 */
export async function loadApplication(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  permission: Permission,
  options: { forUpdate?: boolean } = {},
): Promise<ApplicationAccess> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('No se encontró la postulación.');
  const query = db
    .select({ application: applications })
    .from(applications)
    .where(and(eq(applications.id, id), applicationScope(user, permission)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('No se encontró la postulación.');
  const application = row.application;
  const [call] = await db.select().from(calls).where(eq(calls.id, application.callId)).limit(1);
  const comuna = application.comunaCode
    ? ((await db.select().from(comunas).where(eq(comunas.code, application.comunaCode)).limit(1))[0] ?? null)
    : null;
  const mine = await db.select().from(memberships).where(eq(memberships.userId, user.id));
  const parties: Party[] = [];
  if (mine.some((m) => m.organizationId === application.organizationId) && user.role === 'org_rep') parties.push('organizacion');
  if (mine.some((m) => m.employerId && m.employerId === application.employerId)) parties.push('empleador');
  if (mine.some((m) => m.sponsorId && m.sponsorId === application.sponsorId)) parties.push('patrocinante');
  if (mine.some((m) => m.sponsorId && m.sponsorId === application.builderId)) parties.push('constructora');
  return {
    application,
    call: {
      id: call!.id,
      code: call!.code,
      name: call!.name,
      status: call!.status,
      closesAt: call!.closesAt,
      timeZone: call!.timeZone,
      parameters: ZCallParameters.parse(call!.parameters),
    },
    parties,
    comuna: comuna ? { code: comuna.code, provinceCode: comuna.provinceCode, regionCode: comuna.regionCode, name: comuna.name } : null,
  };
}

/**
 * The tasks of the file and the party that owns each (issue: union — roster and committee; employer —
 * land, contributions and the agreement; sponsor — project, typologies and the Gantt chart). Typologies
 * are part of «proyecto» and the other contributions part of «convenio». Documents are owned slot by slot
 * (lib/domain/document-slots.ts).
 */
export const sectionOwners = {
  proyecto: ['patrocinante'],
  gantt: ['patrocinante'],
  convenio: ['empleador'],
  comite: ['organizacion'],
  terreno: ['empleador'],
  nomina: ['organizacion'],
} as const satisfies Record<string, readonly Party[]>;
export type SectionId = keyof typeof sectionOwners;

export function canEditSection(access: ApplicationAccess, section: SectionId): boolean {
  return (sectionOwners[section] as readonly Party[]).some((p) => access.parties.includes(p));
}

/** A round of observations without its baseline (the whole file, read only to compare against). */
export const roundColumns = {
  id: observationRounds.id,
  applicationId: observationRounds.applicationId,
  number: observationRounds.number,
  sentAt: observationRounds.sentAt,
  deadlineAt: observationRounds.deadlineAt,
  createdBy: observationRounds.createdBy,
};
export type RoundRow = Omit<typeof observationRounds.$inferSelect, 'baseline'>;

/** The latest round of observations sent to the applicant, if any (the one whose deadline is running or ran). */
export async function latestSentRound(db: DbOrTx, applicationId: string): Promise<RoundRow | null> {
  const [round] = await db
    .select(roundColumns)
    .from(observationRounds)
    .where(and(eq(observationRounds.applicationId, applicationId), isNotNull(observationRounds.sentAt)))
    .orderBy(desc(observationRounds.number))
    .limit(1);
  return round ?? null;
}

/** What the edit window is decided from: an application's state and its call (an ApplicationAccess will do). */
export interface EditWindowSubject {
  application: Pick<ApplicationRow, 'id' | 'status'>;
  call: { status: string; closesAt: Date; parameters?: TCallParameters };
}

/**
 * The one guard of every applicant-side write: whether `change` may be made now, by the server clock
 * (see lib/domain/edit-window.ts: the draft until the call closes; the correction of an observed file
 * until its round's deadline). Ownership of the part changed is checked apart (assertCanEditSection,
 * document slots), and is the same in both windows.
 */
export async function getEditWindow(db: DbOrTx, access: EditWindowSubject, change: FileChange, at: Date = now()): Promise<EditWindow> {
  const { application, call } = access;
  const round = application.status === 'observada' ? await latestSentRound(db, application.id) : null;
  return editWindowOf(
    {
      status: application.status,
      call: { status: call.status, closesAt: call.closesAt },
      round: round ? { number: round.number, deadlineAt: round.deadlineAt } : null,
      replacementsMaxShare: call.parameters?.roster.replacementsMaxShare,
    },
    change,
    at,
  );
}

/** getEditWindow that refuses with the Spanish reason (DomainError) when the window is closed. */
export async function assertEditWindow(
  db: DbOrTx,
  access: EditWindowSubject,
  change: FileChange,
  at: Date = now(),
): Promise<Extract<EditWindow, { open: true }>> {
  const window = await getEditWindow(db, access, change, at);
  if (!window.open) throw new DomainError(window.reason);
  return window;
}

/** The Spanish reason a change cannot be made now, or null when it can (for pages that show a read-only form). */
export async function editBlockedReason(
  db: DbOrTx,
  access: EditWindowSubject,
  change: FileChange,
  at: Date = now(),
): Promise<string | null> {
  const window = await getEditWindow(db, access, change, at);
  return window.open ? null : window.reason;
}

export function assertCanEditSection(access: ApplicationAccess, section: SectionId): void {
  if (!canEditSection(access, section))
    throw new DomainError('Esta sección la completa otra de las organizaciones de la postulación; usted puede verla, pero no modificarla.');
}

/**
 * Optimistic concurrency: the change applies only if nobody saved since `expectedVersion`.
 * Every change raises the version, which also voids earlier submission approvals.
 */
export async function bumpVersion(db: DbOrTx, applicationId: string, expectedVersion: number | null): Promise<number> {
  const conditions = [eq(applications.id, applicationId)];
  if (expectedVersion !== null) conditions.push(eq(applications.version, expectedVersion));
  const [row] = await db
    .update(applications)
    .set({ version: sql`${applications.version} + 1`, updatedAt: now() })
    .where(and(...conditions))
    .returning({ version: applications.version });
  if (!row) throw new ConflictError();
  return row.version;
}

/** Moves an application between states only from an expected one, so two concurrent moves cannot both win. */
export async function transitionStatus(
  db: DbOrTx,
  applicationId: string,
  from: ApplicationStatus,
  to: ApplicationStatus,
  extra: Partial<ApplicationRow> = {},
): Promise<ApplicationRow | null> {
  const [row] = await db
    .update(applications)
    .set({ ...extra, status: to, updatedAt: now(), version: sql`${applications.version} + 1` })
    .where(and(eq(applications.id, applicationId), eq(applications.status, from), ne(applications.status, to)))
    .returning();
  return row ?? null;
}
