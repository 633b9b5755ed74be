import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applications, calls, employers, invitations, memberships, organizations, sponsors, users } from '@/db/schema';
import type { InvitationKind, Role } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission, roleLabels } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/jobs/queue';
import { invitationMail } from '@/lib/mail/templates';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { invitationKindLabels } from '@/lib/validations/invitation';
import type { TCreateInvitation, TEmployerEntity, TSponsorEntity } from '@/lib/validations/invitation';
import { sponsorKindLabels } from '@/lib/validations/organization';
import { loadApplication } from './application-access';
import type { ApplicationRow } from './application-access';
import { writeAudit } from './audit';
import { getRepresentedEntity, rutTakenError } from './organizations';

/** An invitation link is valid this long (server clock). */
export const INVITATION_TTL_DAYS = 7;

export type InvitationState = 'pendiente' | 'aceptada' | 'vencida' | 'revocada';

type InvitationRow = typeof invitations.$inferSelect;

export interface InvitationDto {
  id: string;
  kind: InvitationKind;
  kindLabel: string;
  email: string;
  state: InvitationState;
  expiresAt: Date;
  createdAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  applicationId: string | null;
  applicationNumber: string | null;
  projectName: string | null;
  invitedByName: string;
}

/** Only this digest is stored: a copy of the table does not yield usable links. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationState(row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, at: Date = now()): InvitationState {
  if (row.revokedAt) return 'revocada';
  if (row.acceptedAt) return 'aceptada';
  if (row.expiresAt.getTime() <= at.getTime()) return 'vencida';
  return 'pendiente';
}

/** The account role an invitation leads to. */
export function invitationRole(kind: InvitationKind): Role {
  switch (kind) {
    case 'employer_rep':
      return 'employer_rep';
    case 'sponsor':
    case 'builder':
      return 'sponsor';
    case 'org_member':
      return 'org_rep';
  }
}

/** The application column an accepted invitation fills. */
const slotOf = { employer_rep: 'employerId', sponsor: 'sponsorId', builder: 'builderId' } as const;
type InvitableKind = keyof typeof slotOf;

function isInvitable(kind: InvitationKind): kind is InvitableKind {
  return kind in slotOf;
}

function stateMessage(state: Exclude<InvitationState, 'pendiente'>, row: Pick<InvitationRow, 'expiresAt'>, organizationName: string): string {
  switch (state) {
    case 'revocada':
      return `Esta invitación fue revocada por ${organizationName}. Si cree que es un error, pídales que le envíen una nueva.`;
    case 'aceptada':
      return 'Esta invitación ya fue usada. Cada invitación sirve una sola vez: ingrese al portal con su cuenta para ver la postulación.';
    case 'vencida':
      return `Esta invitación venció el ${formatSantiagoDateTime(row.expiresAt)}. Pida a ${organizationName} que le envíe una nueva.`;
  }
}

const INVALID_LINK = 'Este enlace de invitación no es válido. Revise que lo copió completo desde el correo.';

/**
 * Whether the application can still take this party: employer and sponsor join a draft while the call is
 * open; a builder may also be named after selection (the 2022 call: the builder is hired after selection).
 */
function assertApplicationTakes(kind: InvitableKind, application: ApplicationRow, call: { status: string; closesAt: Date }): void {
  const draftOpen = application.status === 'borrador' && call.status === 'abierto' && now().getTime() <= call.closesAt.getTime();
  if (draftOpen) return;
  if (kind === 'builder' && application.status === 'seleccionada') return;
  if (application.status !== 'borrador')
    throw new DomainError('La postulación ya fue enviada: no se pueden sumar participantes.');
  throw new DomainError(`El llamado cerró el ${formatSantiagoDateTime(call.closesAt)}; ya no se pueden sumar participantes.`);
}

/**
 * Invites, by e-mail, the employer's representative, a sponsor or a builder to one of the union's
 * applications. Scope: only the union (org_rep) of that application; anyone else gets NotFoundError.
 * Queues the mail in the same transaction and returns the one-time token (never stored, never shown).
 */
export async function createInvitation(
  tx: DbOrTx,
  user: SessionUser,
  input: TCreateInvitation,
): Promise<{ id: string; token: string; expiresAt: Date; url: string }> {
  const access = await loadApplication(tx, user, input.applicationId, 'organization.manage', { forUpdate: true });
  if (!access.parties.includes('organizacion')) throw new NotFoundError('No se encontró la postulación.');
  const { application } = access;
  assertApplicationTakes(input.kind, application, access.call);
  const email = input.email.trim().toLowerCase();

  const filled = application[slotOf[input.kind]];
  if (filled) {
    const name = await entityName(tx, input.kind, filled);
    throw new DomainError(`La postulación ya tiene ${input.kind === 'employer_rep' ? 'empleador' : invitationKindLabels[input.kind]}: ${name}.`, {
      kind: `Esta postulación ya tiene ${invitationKindLabels[input.kind]} (${name}).`,
    });
  }
  if (email === user.email.toLowerCase())
    throw new DomainError('Revise los campos marcados.', { email: 'No puede invitarse a sí mismo: escriba el correo de la persona que invita.' });

  const pending = await tx
    .select({ email: invitations.email })
    .from(invitations)
    .where(
      and(
        eq(invitations.applicationId, application.id),
        eq(invitations.kind, input.kind),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
      ),
    )
    .limit(1);
  if (pending[0])
    throw new DomainError('Revise los campos marcados.', {
      kind: `Ya hay una invitación pendiente para ${invitationKindLabels[input.kind]} enviada a ${pending[0].email}. Revóquela antes de invitar a otra persona.`,
    });

  // An existing account of another role could never accept: say so now rather than after the mail.
  const [account] = await tx.select({ role: users.role }).from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  if (account && account.role !== invitationRole(input.kind))
    throw new DomainError('Revise los campos marcados.', {
      email: `${email} ya tiene una cuenta de ${roleLabels[account.role].toLowerCase()} y no puede participar como ${invitationKindLabels[input.kind]}. Invite a otra persona.`,
    });

  const token = randomBytes(32).toString('base64url');
  // One reading of the clock, so the link lasts exactly the TTL from the moment it is created.
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  const [created] = await tx
    .insert(invitations)
    .values({
      tokenHash: hashInvitationToken(token),
      kind: input.kind,
      email,
      organizationId: application.organizationId,
      applicationId: application.id,
      invitedBy: user.id,
      expiresAt,
      createdAt,
    })
    .returning({ id: invitations.id });
  const [organization] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, application.organizationId));
  const url = `${env().PUBLIC_BASE_URL.replace(/\/$/, '')}/invitacion/${token}`;
  const mail = invitationMail({
    inviterName: user.name,
    organizationName: organization!.name,
    projectName: application.projectName,
    roleLabel: invitationKindLabels[input.kind],
    expiresAt,
    url,
  });
  await enqueueMail(tx, { to: [email], ...mail }, `invitation:${created!.id}`);
  await writeAudit(tx, user, {
    action: 'invitation.create',
    entityType: 'invitation',
    entityId: created!.id,
    after: { kind: input.kind, email, applicationId: application.id, organizationId: application.organizationId, expiresAt },
  });
  return { id: created!.id, token, expiresAt, url };
}

async function entityName(db: DbOrTx, kind: InvitableKind, id: string): Promise<string> {
  if (kind === 'employer_rep') {
    const [e] = await db.select({ name: employers.name }).from(employers).where(eq(employers.id, id));
    return e?.name ?? 'otra entidad';
  }
  const [s] = await db.select({ name: sponsors.name }).from(sponsors).where(eq(sponsors.id, id));
  return s?.name ?? 'otra entidad';
}

/** What a visitor with the link sees: who invites, to what, and whether it can still be used. */
export type InvitationView =
  | { state: 'inexistente'; message: string }
  | {
      state: InvitationState;
      message: string | null;
      kind: InvitationKind;
      kindLabel: string;
      email: string;
      organizationName: string;
      inviterName: string;
      applicationNumber: string | null;
      projectName: string | null;
      callName: string | null;
      expiresAt: Date;
    };

/** Reads an invitation by its token for the public invitation page. Changes nothing. */
export async function getInvitationView(db: DbOrTx, token: string): Promise<InvitationView> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: 'inexistente', message: INVALID_LINK };
  const [row] = await db
    .select({
      invitation: invitations,
      organizationName: organizations.name,
      inviterName: users.name,
      applicationNumber: applications.number,
      projectName: applications.projectName,
      callName: calls.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(applications, eq(applications.id, invitations.applicationId))
    .leftJoin(calls, eq(calls.id, applications.callId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  if (!row) return { state: 'inexistente', message: INVALID_LINK };
  const state = invitationState(row.invitation);
  return {
    state,
    message: state === 'pendiente' ? null : stateMessage(state, row.invitation, row.organizationName),
    kind: row.invitation.kind,
    kindLabel: invitationKindLabels[row.invitation.kind],
    email: row.invitation.email,
    organizationName: row.organizationName,
    inviterName: row.inviterName,
    applicationNumber: row.applicationNumber,
    projectName: row.projectName,
    callName: row.callName,
    expiresAt: row.invitation.expiresAt,
  };
}

/**
 * The invitation behind a token, locked, when it can still be used; otherwise a DomainError saying why
 * (expired, used, revoked or unknown) — nothing else happens.
 */
export async function findUsableInvitation(tx: DbOrTx, token: string): Promise<InvitationRow> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new DomainError(INVALID_LINK);
  const [row] = await tx
    .select({ invitation: invitations, organizationName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1)
    .for('update', { of: invitations });
  if (!row) throw new DomainError(INVALID_LINK);
  const state = invitationState(row.invitation);
  if (state !== 'pendiente') throw new DomainError(stateMessage(state, row.invitation, row.organizationName));
  return row.invitation;
}

export type AcceptEntity = { type: 'employer'; data: TEmployerEntity } | { type: 'sponsor'; data: TSponsorEntity } | null;

/**
 * Accepts an invitation for the signed-in invitee: the invited e-mail and the matching role only.
 * In one transaction: registers the invitee's entity if they have none, gives them a membership, sets the
 * application's employer, sponsor or builder, marks the invitation used and writes the audit rows.
 */
export async function acceptInvitation(tx: DbOrTx, user: SessionUser, token: string, entity: AcceptEntity): Promise<{ applicationId: string }> {
  const invitation = await findUsableInvitation(tx, token);
  if (invitation.email !== user.email.trim().toLowerCase())
    throw new DomainError(
      `Esta invitación fue enviada a ${invitation.email} y usted ingresó como ${user.email}. Cierre sesión e ingrese (o cree una cuenta) con ${invitation.email}.`,
    );
  const kind = invitation.kind;
  if (!isInvitable(kind) || !invitation.applicationId) throw new DomainError(INVALID_LINK);
  if (user.role !== invitationRole(kind) || !hasPermission(user.role, 'application.edit'))
    throw new DomainError(
      `Su cuenta es de ${roleLabels[user.role].toLowerCase()}; esta invitación es para ${invitationKindLabels[kind]}. Ingrese con una cuenta de ese tipo.`,
    );

  const [application] = await tx.select().from(applications).where(eq(applications.id, invitation.applicationId)).limit(1).for('update');
  if (!application) throw new DomainError(INVALID_LINK);
  const [call] = await tx.select({ status: calls.status, closesAt: calls.closesAt }).from(calls).where(eq(calls.id, application.callId));
  assertApplicationTakes(kind, application, call!);

  const entityId = kind === 'employer_rep' ? await resolveEmployer(tx, user, entity) : await resolveSponsor(tx, user, kind, entity);
  const slot = slotOf[kind];
  const before = application[slot];
  if (before && before !== entityId) {
    const name = await entityName(tx, kind, before);
    throw new DomainError(`La postulación ya tiene ${invitationKindLabels[kind]} (${name}). Pida a la organización que revise la invitación.`);
  }
  if (before !== entityId) {
    await tx
      .update(applications)
      .set({ [slot]: entityId, version: sql`${applications.version} + 1`, updatedAt: now() })
      .where(eq(applications.id, application.id));
    await writeAudit(tx, user, {
      action: 'application.participant_set',
      entityType: 'application',
      entityId: application.id,
      before: { [slot]: before },
      after: { [slot]: entityId, invitationId: invitation.id },
    });
  }
  const [used] = await tx
    .update(invitations)
    .set({ acceptedAt: now(), acceptedBy: user.id })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (!used) throw new DomainError('Esta invitación ya fue usada.');
  await writeAudit(tx, user, {
    action: 'invitation.accept',
    entityType: 'invitation',
    entityId: invitation.id,
    before: { acceptedAt: null },
    after: { acceptedAt: now(), acceptedBy: user.id, applicationId: application.id, kind },
  });
  return { applicationId: application.id };
}

async function addMembership(tx: DbOrTx, user: SessionUser, column: 'employerId' | 'sponsorId', entityId: string): Promise<void> {
  const [membership] = await tx
    .insert(memberships)
    .values({ userId: user.id, [column]: entityId, role: 'representative' })
    .returning({ id: memberships.id });
  await writeAudit(tx, user, {
    action: 'membership.create',
    entityType: 'membership',
    entityId: membership!.id,
    after: { userId: user.id, [column]: entityId, role: 'representative' },
  });
}

async function resolveEmployer(tx: DbOrTx, user: SessionUser, entity: AcceptEntity): Promise<string> {
  const current = await getRepresentedEntity(tx, user, 'employer');
  if (current) return current.id;
  if (entity?.type !== 'employer') throw new DomainError('Registre los datos del empleador que representa para aceptar la invitación.');
  const data = entity.data;
  const [taken] = await tx.select({ id: employers.id }).from(employers).where(eq(employers.rut, data.rut)).limit(1);
  if (taken) throw rutTakenError(data.rut, 'un empleador');
  const [created] = await tx
    .insert(employers)
    .values({ kind: data.kind, name: data.name, rut: data.rut })
    .onConflictDoNothing()
    .returning({ id: employers.id });
  if (!created) throw rutTakenError(data.rut, 'un empleador');
  await writeAudit(tx, user, { action: 'employer.create', entityType: 'employer', entityId: created.id, after: data });
  await addMembership(tx, user, 'employerId', created.id);
  return created.id;
}

async function resolveSponsor(tx: DbOrTx, user: SessionUser, kind: 'sponsor' | 'builder', entity: AcceptEntity): Promise<string> {
  const allowed: readonly string[] = kind === 'builder' ? ['constructora'] : ['entidad_patrocinante', 'entidad_gestora'];
  const current = await getRepresentedEntity(tx, user, 'sponsor');
  if (current) {
    if (!allowed.includes(current.kind))
      throw new DomainError(
        `Usted representa a ${current.name}, registrada como ${sponsorKindLabels[current.kind as keyof typeof sponsorKindLabels].toLowerCase()}; esta invitación es para ${invitationKindLabels[kind]}.`,
      );
    return current.id;
  }
  if (entity?.type !== 'sponsor') throw new DomainError('Registre los datos de la entidad que representa para aceptar la invitación.');
  const data = entity.data;
  if (!allowed.includes(data.kind))
    throw new DomainError('Revise los campos marcados.', {
      'entity.kind': kind === 'builder' ? 'Esta invitación es para una constructora.' : 'Elija Entidad Patrocinante o entidad gestora.',
    });
  const [taken] = await tx.select({ id: sponsors.id }).from(sponsors).where(eq(sponsors.rut, data.rut)).limit(1);
  if (taken) throw rutTakenError(data.rut, 'una entidad');
  const [created] = await tx
    .insert(sponsors)
    .values({ kind: data.kind, name: data.name, rut: data.rut, registryNumber: data.registryNumber })
    .onConflictDoNothing()
    .returning({ id: sponsors.id });
  if (!created) throw rutTakenError(data.rut, 'una entidad');
  await writeAudit(tx, user, { action: 'sponsor.create', entityType: 'sponsor', entityId: created.id, after: data });
  await addMembership(tx, user, 'sponsorId', created.id);
  return created.id;
}

/** Revokes a pending invitation of the caller's own organisation; another organisation's reads as not found. */
export async function revokeInvitation(tx: DbOrTx, user: SessionUser, invitationId: string): Promise<void> {
  if (!hasPermission(user.role, 'organization.manage')) throw new NotFoundError('No se encontró la invitación.');
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), inArray(invitations.organizationId, myOrganizations(user))))
    .limit(1)
    .for('update');
  if (!row) throw new NotFoundError('No se encontró la invitación.');
  const state = invitationState(row);
  if (state !== 'pendiente') throw new DomainError(`Solo se pueden revocar invitaciones pendientes; esta está ${state}.`);
  const revokedAt = now();
  await tx.update(invitations).set({ revokedAt }).where(eq(invitations.id, row.id));
  await writeAudit(tx, user, {
    action: 'invitation.revoke',
    entityType: 'invitation',
    entityId: row.id,
    before: { revokedAt: null },
    after: { revokedAt, email: row.email, kind: row.kind, applicationId: row.applicationId },
  });
}

function myOrganizations(user: SessionUser) {
  return sql`(select ${memberships.organizationId} from ${memberships} where ${memberships.userId} = ${user.id} and ${memberships.organizationId} is not null)`;
}

const invitationColumns = {
  invitation: invitations,
  applicationNumber: applications.number,
  projectName: applications.projectName,
  invitedByName: users.name,
};

function toDto(row: { invitation: InvitationRow; applicationNumber: string | null; projectName: string | null; invitedByName: string }, at: Date): InvitationDto {
  const i = row.invitation;
  return {
    id: i.id,
    kind: i.kind,
    kindLabel: invitationKindLabels[i.kind],
    email: i.email,
    state: invitationState(i, at),
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    acceptedAt: i.acceptedAt,
    revokedAt: i.revokedAt,
    applicationId: i.applicationId,
    applicationNumber: row.applicationNumber,
    projectName: row.projectName,
    invitedByName: row.invitedByName,
  };
}

/** The invitations of the caller's organisation (optionally of one application), newest first. */
export async function listOrganizationInvitations(db: DbOrTx, user: SessionUser, options: { applicationId?: string } = {}): Promise<InvitationDto[]> {
  if (!hasPermission(user.role, 'organization.manage')) return [];
  const conditions = [inArray(invitations.organizationId, myOrganizations(user))];
  if (options.applicationId) conditions.push(eq(invitations.applicationId, options.applicationId));
  const rows = await db
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(applications, eq(applications.id, invitations.applicationId))
    .where(and(...conditions))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
  const at = now();
  return rows.map((r) => toDto(r, at));
}

export interface PendingInvitationDto {
  id: string;
  kindLabel: string;
  organizationName: string;
  projectName: string | null;
  applicationNumber: string | null;
  invitedByName: string;
  expiresAt: Date;
}

/**
 * Pending invitations addressed to the signed-in user's e-mail, for the dashboard. Accepting still
 * needs the e-mailed link: the token, not the address alone, proves the mailbox.
 */
export async function listPendingInvitationsForUser(db: DbOrTx, user: SessionUser): Promise<PendingInvitationDto[]> {
  const rows = await db
    .select({
      id: invitations.id,
      kind: invitations.kind,
      organizationName: organizations.name,
      projectName: applications.projectName,
      applicationNumber: applications.number,
      invitedByName: users.name,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .leftJoin(applications, eq(applications.id, invitations.applicationId))
    .where(
      and(
        eq(invitations.email, user.email.trim().toLowerCase()),
        // An address typed at sign-up proves nothing: who invited whom, to what, is shown only to an
        // account that confirmed it (the mailed link itself still works for anyone holding it).
        sql`exists (select 1 from ${users} as "me" where "me"."id" = ${user.id} and "me"."email_verified" is not null)`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(20);
  return rows.map((r) => ({ ...r, kindLabel: invitationKindLabels[r.kind] }));
}

/** For the public invitation page. */
export async function getInvitationForToken(token: string): Promise<InvitationView> {
  return getInvitationView(await getDb(), token);
}

/** For the dashboard. */
export async function listMyPendingInvitations(user: SessionUser): Promise<PendingInvitationDto[]> {
  return listPendingInvitationsForUser(await getDb(), user);
}
