import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applications, calls, comunas, memberships } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { applicationScope } from '@/lib/auth/scope';
import type { Permission } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

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

/** The applicant side may change the file only while it is a draft and the call is open (server clock). */
export function assertDraftOpen(access: ApplicationAccess, at: Date = now()): void {
  if (access.application.status !== 'borrador')
    throw new DomainError('La postulación ya fue enviada y no puede modificarse.');
  if (access.call.status !== 'abierto' || at.getTime() > access.call.closesAt.getTime())
    throw new DomainError(`El llamado cerró el ${formatSantiagoDateTime(access.call.closesAt)}; ya no se pueden hacer cambios.`);
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
