import 'server-only';
import { and, asc, eq, gt, like, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applications, calls } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import { ForbiddenError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import type { TNewApplication } from '@/lib/validations/organization';
import { writeAudit } from './audit';
import { getOrganizationForUser } from './organizations';

export interface OpenCallDto {
  id: string;
  code: string;
  name: string;
  closesAt: Date;
}

/**
 * Calls of the workers' programme that take new applications right now (server clock): open, started
 * and not yet closed. D.S. N°49 calls have their own rules and are not filed through this form.
 */
export async function listOpenCalls(db: DbOrTx, at: Date = now()): Promise<OpenCallDto[]> {
  return db
    .select({ id: calls.id, code: calls.code, name: calls.name, closesAt: calls.closesAt })
    .from(calls)
    .where(and(eq(calls.status, 'abierto'), eq(calls.programme, 'ds1_trabajadores'), lte(calls.opensAt, at), gt(calls.closesAt, at)))
    .orderBy(asc(calls.closesAt));
}

/** `PVT-DEMO-` for call `PVT-DEMO`, `PVT-2022-` for `PVT-2022`. */
export function applicationNumberPrefix(callCode: string): string {
  return `PVT-${callCode.replace(/^PVT-/i, '')}-`;
}

/**
 * Creates a draft application of the caller's organisation under an open call, numbered
 * `PVT-<call>-<sequence>`. The call row is locked while numbering, so concurrent creations under the same
 * call wait for each other and never share a number (the unique index on `number` is the last guard).
 */
export async function createApplication(tx: DbOrTx, user: SessionUser, input: TNewApplication): Promise<{ id: string; number: string }> {
  if (!hasPermission(user.role, 'application.create')) throw new ForbiddenError();
  const organization = await getOrganizationForUser(tx, user);
  if (!organization) throw new DomainError('Registre primero su organización: la postulación se presenta a su nombre.');

  const [call] = await tx.select().from(calls).where(eq(calls.id, input.callId)).limit(1).for('update');
  if (!call || call.programme !== 'ds1_trabajadores' || call.status === 'borrador')
    throw new DomainError('Revise los campos marcados.', { callId: 'Elija uno de los llamados abiertos.' });
  const at = now();
  if (call.status !== 'abierto' || at.getTime() >= call.closesAt.getTime())
    throw new DomainError(`El ${call.name} cerró el ${formatSantiagoDateTime(call.closesAt)}; ya no recibe postulaciones.`, {
      callId: 'Este llamado ya cerró.',
    });
  if (at.getTime() < call.opensAt.getTime())
    throw new DomainError(`El ${call.name} abre el ${formatSantiagoDateTime(call.opensAt)}.`, { callId: 'Este llamado aún no abre.' });

  const prefix = applicationNumberPrefix(call.code);
  const [last] = await tx
    .select({ n: sql<number | null>`max(substring(${applications.number} from '([0-9]+)$')::int)` })
    .from(applications)
    .where(and(eq(applications.callId, call.id), like(applications.number, `${prefix.replace(/[\\%_]/g, '\\$&')}%`)));
  const number = `${prefix}${String((last?.n ?? 0) + 1).padStart(4, '0')}`;

  const [created] = await tx
    .insert(applications)
    .values({
      number,
      callId: call.id,
      organizationId: organization.id,
      projectName: input.projectName,
      status: 'borrador',
      createdBy: user.id,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: applications.id, number: applications.number });
  await writeAudit(tx, user, {
    action: 'application.create',
    entityType: 'application',
    entityId: created!.id,
    after: { number, callId: call.id, organizationId: organization.id, projectName: input.projectName, status: 'borrador' },
  });
  return created!;
}

/** For the new-application page. */
export async function listOpenCallsNow(): Promise<OpenCallDto[]> {
  return listOpenCalls(await getDb());
}
