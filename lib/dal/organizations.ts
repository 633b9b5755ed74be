import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applications, calls, comunas, employers, memberships, organizations, regions, sponsors, users } from '@/db/schema';
import type { ApplicationStatus, Role } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import { applicationScope } from '@/lib/auth/scope';
import { ForbiddenError, NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { formatRut } from '@/lib/domain/rut';
import type { EmployerKind, OrganizationKind, SponsorKind, TOrganization } from '@/lib/validations/organization';
import { loadApplication } from './application-access';
import type { ApplicationAccess } from './application-access';
import { writeAudit } from './audit';
import { findUsableInvitation, invitationRole, listOrganizationInvitations } from './invitations';
import type { InvitationDto } from './invitations';

export interface OrganizationDto {
  id: string;
  kind: OrganizationKind;
  name: string;
  rut: string;
  legalPersonalityNumber: string | null;
  legalPersonalityDate: string | null;
  legalPersonalityAuthority: string | null;
  regionName: string | null;
  comunaName: string | null;
  createdAt: Date;
}

export interface PersonDto {
  userId: string;
  name: string;
  email: string;
  membershipRole: 'representative' | 'member';
}

export interface PartyEntityDto {
  id: string;
  name: string;
  rut: string;
  kind: EmployerKind | SponsorKind;
  registryNumber: string | null;
  accredited: boolean;
  people: PersonDto[];
}

export interface ApplicationParticipantsDto {
  applicationId: string;
  number: string;
  projectName: string;
  status: ApplicationStatus;
  callName: string;
  employer: PartyEntityDto | null;
  sponsor: PartyEntityDto | null;
  builder: PartyEntityDto | null;
}

export interface OrganizationWorkspaceDto {
  organization: OrganizationDto;
  members: PersonDto[];
  applications: ApplicationParticipantsDto[];
  invitations: InvitationDto[];
}

/**
 * The organisation a union leader represents, or null when they have not registered one yet.
 * Only org_rep accounts speak for an organisation here; other roles always get null.
 */
export async function getOrganizationForUser(db: DbOrTx, user: SessionUser): Promise<OrganizationDto | null> {
  if (!hasPermission(user.role, 'organization.manage')) return null;
  const [row] = await db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      name: organizations.name,
      rut: organizations.rut,
      legalPersonalityNumber: organizations.legalPersonalityNumber,
      legalPersonalityDate: organizations.legalPersonalityDate,
      legalPersonalityAuthority: organizations.legalPersonalityAuthority,
      regionName: regions.name,
      comunaName: comunas.name,
      createdAt: organizations.createdAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(comunas, eq(comunas.code, organizations.comunaCode))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Registers the union leader's organisation and makes them its representative, with audit rows.
 * One organisation per leader account; the RUT is unique across the portal.
 */
export async function createOrganization(tx: DbOrTx, user: SessionUser, input: TOrganization): Promise<{ id: string }> {
  if (!hasPermission(user.role, 'organization.manage')) throw new ForbiddenError();
  const current = await getOrganizationForUser(tx, user);
  if (current) throw new DomainError(`Usted ya representa a «${current.name}». Cada cuenta de dirigente administra una sola organización.`);

  const [comuna] = await tx
    .select({ code: comunas.code })
    .from(comunas)
    .where(and(eq(comunas.code, input.comunaCode), eq(comunas.regionCode, input.regionCode)))
    .limit(1);
  if (!comuna) throw new DomainError('Revise los campos marcados.', { comunaCode: 'La comuna elegida no pertenece a la región. Elija de nuevo la comuna.' });

  const duplicate = rutTakenError(input.rut, 'una organización');
  const [taken] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.rut, input.rut)).limit(1);
  if (taken) throw duplicate;
  const values = {
    kind: input.kind,
    name: input.name,
    rut: input.rut,
    legalPersonalityNumber: input.legalPersonalityNumber,
    legalPersonalityDate: input.legalPersonalityDate,
    legalPersonalityAuthority: input.legalPersonalityAuthority,
    regionCode: input.regionCode,
    comunaCode: input.comunaCode,
    createdBy: user.id,
  };
  // The unique index settles a race between two registrations of the same RUT.
  const [created] = await tx.insert(organizations).values(values).onConflictDoNothing().returning({ id: organizations.id });
  if (!created) throw duplicate;
  const [membership] = await tx
    .insert(memberships)
    .values({ userId: user.id, organizationId: created.id, role: 'representative' })
    .returning({ id: memberships.id });
  await writeAudit(tx, user, { action: 'organization.create', entityType: 'organization', entityId: created.id, after: values });
  await writeAudit(tx, user, {
    action: 'membership.create',
    entityType: 'membership',
    entityId: membership!.id,
    after: { userId: user.id, organizationId: created.id, role: 'representative' },
  });
  return created;
}

export function rutTakenError(rut: string, what: string): DomainError {
  return new DomainError('Revise los campos marcados.', {
    rut: `Ya hay ${what} registrada en el portal con el RUT ${formatRut(rut)}. Si la representa, pida a quien la registró que le envíe una invitación.`,
  });
}

async function peopleOf(db: DbOrTx, column: 'organizationId' | 'employerId' | 'sponsorId', ids: string[]): Promise<Map<string, PersonDto[]>> {
  const out = new Map<string, PersonDto[]>();
  if (ids.length === 0) return out;
  const col = memberships[column];
  const rows = await db
    .select({ entityId: col, userId: users.id, name: users.name, email: users.email, membershipRole: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(col, ids))
    .orderBy(asc(memberships.createdAt));
  for (const r of rows) {
    if (!r.entityId) continue;
    const list = out.get(r.entityId) ?? [];
    list.push({ userId: r.userId, name: r.name, email: r.email, membershipRole: r.membershipRole });
    out.set(r.entityId, list);
  }
  return out;
}

async function participantsOf(
  db: DbOrTx,
  rows: { id: string; number: string; projectName: string; status: ApplicationStatus; callName: string; employerId: string | null; sponsorId: string | null; builderId: string | null }[],
): Promise<ApplicationParticipantsDto[]> {
  const employerIds = [...new Set(rows.map((r) => r.employerId).filter((v): v is string => !!v))];
  const sponsorIds = [...new Set(rows.flatMap((r) => [r.sponsorId, r.builderId]).filter((v): v is string => !!v))];
  const employerRows = employerIds.length ? await db.select().from(employers).where(inArray(employers.id, employerIds)) : [];
  const sponsorRows = sponsorIds.length ? await db.select().from(sponsors).where(inArray(sponsors.id, sponsorIds)) : [];
  const employerPeople = await peopleOf(db, 'employerId', employerIds);
  const sponsorPeople = await peopleOf(db, 'sponsorId', sponsorIds);
  const employer = (id: string | null): PartyEntityDto | null => {
    const e = id ? employerRows.find((x) => x.id === id) : undefined;
    return e ? { id: e.id, name: e.name, rut: e.rut, kind: e.kind, registryNumber: null, accredited: true, people: employerPeople.get(e.id) ?? [] } : null;
  };
  const sponsor = (id: string | null): PartyEntityDto | null => {
    const s = id ? sponsorRows.find((x) => x.id === id) : undefined;
    return s
      ? { id: s.id, name: s.name, rut: s.rut, kind: s.kind, registryNumber: s.registryNumber, accredited: s.accreditedAt !== null, people: sponsorPeople.get(s.id) ?? [] }
      : null;
  };
  return rows.map((r) => ({
    applicationId: r.id,
    number: r.number,
    projectName: r.projectName,
    status: r.status,
    callName: r.callName,
    employer: employer(r.employerId),
    sponsor: sponsor(r.sponsorId),
    builder: sponsor(r.builderId),
  }));
}

const participantColumns = {
  id: applications.id,
  number: applications.number,
  projectName: applications.projectName,
  status: applications.status,
  callName: calls.name,
  employerId: applications.employerId,
  sponsorId: applications.sponsorId,
  builderId: applications.builderId,
};

/**
 * Everything the union leader manages about their organisation: its data, its members, the employer,
 * sponsor and builder linked to each of its applications, and its invitations. Null without an organisation.
 */
export async function getOrganizationWorkspace(db: DbOrTx, user: SessionUser): Promise<OrganizationWorkspaceDto | null> {
  const organization = await getOrganizationForUser(db, user);
  if (!organization) return null;
  const members = (await peopleOf(db, 'organizationId', [organization.id])).get(organization.id) ?? [];
  const rows = await db
    .select(participantColumns)
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(applications.organizationId, organization.id), applicationScope(user, 'organization.manage')))
    .orderBy(desc(applications.createdAt), asc(applications.number));
  return {
    organization,
    members,
    applications: await participantsOf(db, rows),
    invitations: await listOrganizationInvitations(db, user),
  };
}

/** The parties of one application the caller has already loaded through `loadApplication` (scope checked there). */
export async function getApplicationParticipants(db: DbOrTx, access: ApplicationAccess): Promise<ApplicationParticipantsDto> {
  const [row] = await db
    .select(participantColumns)
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(applications.id, access.application.id))
    .limit(1);
  const [dto] = await participantsOf(db, row ? [row] : []);
  return dto!;
}

/** The employer or sponsor entity the user already represents, if any (an invitee may already have one). */
export async function getRepresentedEntity(
  db: DbOrTx,
  user: SessionUser,
  type: 'employer' | 'sponsor',
): Promise<{ id: string; name: string; rut: string; kind: EmployerKind | SponsorKind } | null> {
  if (type === 'employer') {
    const [row] = await db
      .select({ id: employers.id, name: employers.name, rut: employers.rut, kind: employers.kind })
      .from(memberships)
      .innerJoin(employers, eq(employers.id, memberships.employerId))
      .where(and(eq(memberships.userId, user.id), isNotNull(memberships.employerId)))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    return row ?? null;
  }
  const [row] = await db
    .select({ id: sponsors.id, name: sponsors.name, rut: sponsors.rut, kind: sponsors.kind })
    .from(memberships)
    .innerJoin(sponsors, eq(sponsors.id, memberships.sponsorId))
    .where(and(eq(memberships.userId, user.id), isNotNull(memberships.sponsorId)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

export interface NewAccountInput {
  name: string;
  rut: string;
  email: string;
  passwordHash: string;
  invitationToken?: string;
}

/**
 * Creates an applicant account. Without an invitation it is a union leader (org_rep); with a usable
 * invitation addressed to the same e-mail, the role is the one the invitation names — never a form field.
 */
export async function createApplicantAccount(tx: DbOrTx, input: NewAccountInput): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  let role: Role = 'org_rep';
  let invitationId: string | null = null;
  if (input.invitationToken) {
    const invitation = await findUsableInvitation(tx, input.invitationToken);
    if (invitation.email !== email)
      throw new DomainError('Revise los campos marcados.', {
        email: `Esta invitación fue enviada a ${invitation.email}. Cree la cuenta con ese correo.`,
      });
    role = invitationRole(invitation.kind);
    invitationId = invitation.id;
  }
  const created = await insertAccount(tx, {
    email,
    name: input.name,
    rut: input.rut,
    passwordHash: input.passwordHash,
    role,
    // Arriving through the e-mailed link proves the address.
    emailVerified: invitationId ? now() : null,
  });
  await writeAudit(tx, created, {
    action: 'user.sign_up',
    entityType: 'user',
    entityId: created.id,
    after: { email, name: input.name, rut: input.rut, role, invitationId },
  });
  return created;
}

export const EMAIL_TAKEN_MESSAGE = 'Ya existe una cuenta con este correo electrónico. Ingrese con su contraseña o use otro correo.';
/** Says the RUT has an account without saying whose: no name, no e-mail. */
export const RUT_TAKEN_MESSAGE =
  'Ya existe una cuenta con este RUT. Si es suya, ingrese con ella; si usted no la creó, avise a su organización o al SERVIU de su región.';

/**
 * Inserts an account after checking that neither its e-mail nor its RUT has one (one account per RUT:
 * a worker's account reaches their roster entries by RUT). The unique indexes settle a race between two
 * sign-ups; either refusal comes back as a message next to its field.
 */
export async function insertAccount(
  tx: DbOrTx,
  values: { email: string; name: string; rut: string; passwordHash: string; role: Role; emailVerified: Date | null },
): Promise<SessionUser> {
  const taken = async () => {
    const fieldErrors: Record<string, string> = {};
    const [byEmail] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${values.email}`).limit(1);
    if (byEmail) fieldErrors.email = EMAIL_TAKEN_MESSAGE;
    const [byRut] = await tx.select({ id: users.id }).from(users).where(eq(users.rut, values.rut)).limit(1);
    if (byRut) fieldErrors.rut = RUT_TAKEN_MESSAGE;
    return Object.keys(fieldErrors).length > 0 ? new DomainError('Revise los campos marcados.', fieldErrors) : null;
  };
  const before = await taken();
  if (before) throw before;
  const [created] = await tx
    .insert(users)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role, regionCode: users.regionCode, rut: users.rut });
  if (!created) throw (await taken()) ?? new DomainError('Revise los campos marcados.', { email: EMAIL_TAKEN_MESSAGE });
  return created;
}

/** Sign-up: creates the account in its own transaction (see createApplicantAccount). */
export async function signUpApplicant(input: NewAccountInput): Promise<SessionUser> {
  const db = await getDb();
  return db.transaction((tx) => createApplicantAccount(tx, input));
}

/** The signed-in leader's organisation, for pages. */
export async function getMyOrganization(user: SessionUser): Promise<OrganizationDto | null> {
  return getOrganizationForUser(await getDb(), user);
}

/** The signed-in leader's organisation workspace, for pages. */
export async function getMyOrganizationWorkspace(user: SessionUser): Promise<OrganizationWorkspaceDto | null> {
  return getOrganizationWorkspace(await getDb(), user);
}

/**
 * One application's parties and invitations as its union manages them. Outside the union's scope
 * (another organisation, another role) it throws NotFoundError, like a missing record.
 */
export async function getApplicationParticipantsForUnion(
  user: SessionUser,
  applicationId: string,
): Promise<{ participants: ApplicationParticipantsDto; invitations: InvitationDto[]; canInvite: boolean }> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'organization.manage');
  if (!access.parties.includes('organizacion')) throw new NotFoundError('No se encontró la postulación.');
  const participants = await getApplicationParticipants(db, access);
  const invitationRows = await listOrganizationInvitations(db, user, { applicationId });
  const at = now();
  const canInvite =
    (access.application.status === 'borrador' && access.call.status === 'abierto' && at.getTime() <= access.call.closesAt.getTime()) ||
    access.application.status === 'seleccionada';
  return { participants, invitations: invitationRows, canInvite };
}

/** The employer or sponsor the signed-in user represents, for the invitation page. */
export async function getMyRepresentedEntity(user: SessionUser, type: 'employer' | 'sponsor') {
  return getRepresentedEntity(await getDb(), user, type);
}
