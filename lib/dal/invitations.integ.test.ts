import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, calls, invitations, jobs, memberships, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now, resetClock, setClock } from '@/lib/clock';
import { computeCheckDigit } from '@/lib/domain/rut';
import type { MailJobPayload } from '@/lib/jobs/queue';
import { createTestDb } from '@/lib/test/db';
import type { InvitableKind } from '@/lib/validations/invitation';
import { createApplication } from './application-create';
import {
  INVITATION_TTL_DAYS,
  acceptInvitation,
  createInvitation,
  getInvitationView,
  hashInvitationToken,
  listOrganizationInvitations,
  listPendingInvitationsForUser,
  revokeInvitation,
} from './invitations';
import { createApplicantAccount, createOrganization, getApplicationParticipantsForUnion } from './organizations';

let handle: DbHandle;
let demoCallId: string;
let dirigente: SessionUser;
let demoEmployerRep: SessionUser;
let demoDraftId: string;
let seq = 0;

const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date());
  setDbForTests(handle);
  demoCallId = (await handle.db.select({ id: calls.id }).from(calls).where(eq(calls.code, 'PVT-DEMO')))[0]!.id;
  demoDraftId = (await handle.db.select({ id: applications.id }).from(applications).where(eq(applications.number, 'PVT-DEMO-0001')))[0]!.id;
  const people = await handle.db.select().from(users);
  const asSession = (email: string): SessionUser => {
    const u = people.find((p) => p.email === email)!;
    return { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  };
  dirigente = asSession('dirigente@demo.cl');
  demoEmployerRep = asSession('empleador@demo.cl');
});
afterEach(() => resetClock());
afterAll(async () => {
  await handle?.close();
});

function tx<T>(fn: (tx: Parameters<Parameters<typeof handle.db.transaction>[0]>[0]) => Promise<T>): Promise<T> {
  return handle.db.transaction(fn);
}

async function account(email: string, invitationToken?: string): Promise<SessionUser> {
  seq += 1;
  return tx((t) => createApplicantAccount(t, { name: `Persona ${seq}`, rut: rut(15_000_000 + seq), email, passwordHash: 'no-usado', invitationToken }));
}

/** A new union leader with an organisation and a draft application in the open demo call. */
async function unionWithApplication(): Promise<{ leader: SessionUser; applicationId: string }> {
  seq += 1;
  const leader = await account(`lider.${seq}@prueba.cl`);
  await tx((t) =>
    createOrganization(t, leader, {
      name: `Sindicato ${seq}`,
      rut: rut(62_000_000 + seq),
      kind: 'sindicato',
      legalPersonalityNumber: `RSU ${seq}`,
      legalPersonalityDate: '2020-01-15',
      legalPersonalityAuthority: 'Inspección del Trabajo',
      regionCode: '13',
      comunaCode: '13201',
    }),
  );
  const { id } = await tx((t) => createApplication(t, leader, { callId: demoCallId, projectName: `Proyecto ${seq}` }));
  return { leader, applicationId: id };
}

async function invite(leader: SessionUser, applicationId: string, kind: InvitableKind, email: string) {
  return tx((t) => createInvitation(t, leader, { applicationId, kind, email }));
}

const employerData = () => ({ name: `Empresa ${++seq} S.A.`, rut: rut(76_100_000 + seq), kind: 'privado' as const });

describe('creating an invitation', () => {
  it('stores only the token’s SHA-256, queues the mail with the link and audits without the token', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const created = await invite(leader, applicationId, 'employer_rep', 'Jefa@Empresa.CL');
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, created.id));
    expect(row!.tokenHash).toBe(hashInvitationToken(created.token));
    expect(row!.tokenHash).not.toContain(created.token);
    expect(row!.email).toBe('jefa@empresa.cl');
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(INVITATION_TTL_DAYS * 24 * 3600 * 1000);
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `invitation:${created.id}`));
    const payload = job!.payload as MailJobPayload;
    expect(payload.to).toEqual(['jefa@empresa.cl']);
    expect(payload.text).toContain(`/invitacion/${created.token}`);
    expect(payload.text).toContain('representante del empleador');
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation.create'), eq(auditLog.entityId, created.id)));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain(created.token);
  });

  it("refuses another organisation's leader (not found), a filled slot and a second pending invitation", async () => {
    const { leader, applicationId } = await unionWithApplication();
    await expect(invite(dirigente, applicationId, 'sponsor', 'x@prueba.cl')).rejects.toBeInstanceOf(NotFoundError);
    await expect(invite(leader, demoDraftId, 'sponsor', 'x@prueba.cl')).rejects.toBeInstanceOf(NotFoundError);
    await expect(invite(demoEmployerRep, applicationId, 'sponsor', 'x@prueba.cl')).rejects.toBeInstanceOf(NotFoundError);
    expect(await listOrganizationInvitations(handle.db, dirigente, { applicationId })).toEqual([]);
    // PVT-DEMO-0001 already has its employer.
    await expect(invite(dirigente, demoDraftId, 'employer_rep', 'x@prueba.cl')).rejects.toThrow(/ya tiene empleador/);
    await invite(leader, applicationId, 'sponsor', 'ep1@prueba.cl');
    await expect(invite(leader, applicationId, 'sponsor', 'ep2@prueba.cl')).rejects.toMatchObject({
      fieldErrors: { kind: expect.stringContaining('pendiente') },
    });
    // An existing account of another role could never accept.
    await expect(invite(leader, applicationId, 'employer_rep', 'dirigente@demo.cl')).rejects.toMatchObject({ fieldErrors: { email: expect.any(String) } });
  });
});

describe('the dashboard’s pending invitations', () => {
  it('are shown only to an account that confirmed the invited address', async () => {
    const { leader, applicationId } = await unionWithApplication();
    // Someone who registered an address without confirming it is not shown what it was invited to.
    const squatted = `sin.confirmar.${seq}@prueba.cl`;
    const other = await invite(leader, applicationId, 'sponsor', squatted);
    const [squatter] = await handle.db.insert(users).values({ email: squatted, name: 'Sin Confirmar', role: 'sponsor' }).returning();
    const asSquatter = { id: squatter!.id, email: squatted, name: squatter!.name, role: 'sponsor' as const, regionCode: null, rut: null };
    expect(await listPendingInvitationsForUser(handle.db, asSquatter)).toEqual([]);
    await handle.db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, squatter!.id));
    expect((await listPendingInvitationsForUser(handle.db, asSquatter)).map((i) => i.id)).toEqual([other.id]);
  });
});

describe('accepting an invitation', () => {
  it('signs the invitee up with the role of the invitation, then links their new employer in one audited transaction', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const email = `empleador.${seq}@prueba.cl`;
    const { token, id } = await invite(leader, applicationId, 'employer_rep', email);
    expect((await getInvitationView(handle.db, token)).state).toBe('pendiente');

    await expect(account('otra.persona@prueba.cl', token)).rejects.toMatchObject({ fieldErrors: { email: expect.stringContaining(email) } });
    const invitee = await account(email.toUpperCase(), token);
    expect(invitee.role).toBe('employer_rep');
    expect((await listPendingInvitationsForUser(handle.db, invitee)).map((i) => i.id)).toEqual([id]);

    const data = employerData();
    const [before] = await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, applicationId));
    const result = await tx((t) => acceptInvitation(t, invitee, token, { type: 'employer', data }));
    expect(result.applicationId).toBe(applicationId);
    const [app] = await handle.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(app!.employerId).not.toBeNull();
    expect(app!.version).toBe(before!.version + 1);
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, invitee.id));
    expect(membership).toMatchObject({ employerId: app!.employerId, role: 'representative' });
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, id));
    expect(row).toMatchObject({ acceptedBy: invitee.id });
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.actorUserId, invitee.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.sign_up', 'employer.create', 'membership.create', 'application.participant_set', 'invitation.accept']));

    const parties = await getApplicationParticipantsForUnion(leader, applicationId);
    expect(parties.participants.employer).toMatchObject({ name: data.name, people: [expect.objectContaining({ email })] });
    expect(parties.invitations[0]).toMatchObject({ id, state: 'aceptada' });
  });

  it('is single use', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const email = `ep.${seq}@prueba.cl`;
    const { token } = await invite(leader, applicationId, 'sponsor', email);
    const invitee = await account(email, token);
    const data = { name: 'EP Uno Ltda.', rut: rut(77_500_000 + seq), kind: 'entidad_patrocinante' as const, registryNumber: 'EP-1' };
    await tx((t) => acceptInvitation(t, invitee, token, { type: 'sponsor', data }));
    await expect(tx((t) => acceptInvitation(t, invitee, token, { type: 'sponsor', data }))).rejects.toThrow(/ya fue usada/);
    expect((await getInvitationView(handle.db, token)).state).toBe('aceptada');
    await expect(account(`otro.${seq}@prueba.cl`, token)).rejects.toThrow(/ya fue usada/);
  });

  it('refuses a signed-in account with another e-mail, and an account of another role', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const email = `constructora.${seq}@prueba.cl`;
    const { token } = await invite(leader, applicationId, 'builder', email);
    const builderData = { name: 'Constructora X', rut: rut(78_000_000 + seq), kind: 'constructora' as const, registryNumber: 'RNC-1' };
    const stranger = await account(`extrano.${seq}@prueba.cl`);
    await expect(tx((t) => acceptInvitation(t, stranger, token, { type: 'sponsor', data: builderData }))).rejects.toThrow(/fue enviada a/);
    await expect(tx((t) => acceptInvitation(t, { ...demoEmployerRep, email }, token, null))).rejects.toThrow(/Su cuenta es de/);
    // A builder invitation cannot make an Entidad Patrocinante the builder.
    const invitee = await account(email, token);
    await expect(
      tx((t) => acceptInvitation(t, invitee, token, { type: 'sponsor', data: { ...builderData, kind: 'entidad_patrocinante' } })),
    ).rejects.toMatchObject({ fieldErrors: { 'entity.kind': expect.any(String) } });
    const [app] = await handle.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(app!.builderId).toBeNull();
    await tx((t) => acceptInvitation(t, invitee, token, { type: 'sponsor', data: builderData }));
  });

  it('refuses an expired invitation (server clock, 7 days) and changes nothing', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const email = `tarde.${seq}@prueba.cl`;
    const { token, id, expiresAt } = await invite(leader, applicationId, 'employer_rep', email);
    const invitee = await account(email, token);
    setClock(new Date(expiresAt.getTime() + 60_000));
    expect(now().getTime()).toBeGreaterThan(expiresAt.getTime());
    const view = await getInvitationView(handle.db, token);
    expect(view).toMatchObject({ state: 'vencida', message: expect.stringContaining('venció') });
    await expect(tx((t) => acceptInvitation(t, invitee, token, { type: 'employer', data: employerData() }))).rejects.toThrow(/venció/);
    await expect(account(`nuevo.${seq}@prueba.cl`, token)).rejects.toThrow(/venció/);
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, id));
    expect(row!.acceptedAt).toBeNull();
    const [app] = await handle.db.select().from(applications).where(eq(applications.id, applicationId));
    expect(app!.employerId).toBeNull();
    expect((await listOrganizationInvitations(handle.db, leader, { applicationId }))[0]?.state).toBe('vencida');
  });

  it('refuses a revoked invitation; only the inviting organisation can revoke, and only once', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const email = `revocada.${seq}@prueba.cl`;
    const { token, id } = await invite(leader, applicationId, 'employer_rep', email);
    const invitee = await account(email, token);
    await expect(tx((t) => revokeInvitation(t, dirigente, id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(tx((t) => revokeInvitation(t, invitee, id))).rejects.toBeInstanceOf(NotFoundError);
    await tx((t) => revokeInvitation(t, leader, id));
    await expect(tx((t) => revokeInvitation(t, leader, id))).rejects.toThrow(/pendientes/);
    await expect(tx((t) => acceptInvitation(t, invitee, token, { type: 'employer', data: employerData() }))).rejects.toThrow(/revocada/);
    expect((await getInvitationView(handle.db, token)).state).toBe('revocada');
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation.revoke'), eq(auditLog.entityId, id)));
    expect(audit?.actorUserId).toBe(leader.id);
    // Revoked, a new invitation for the same party can go out.
    await invite(leader, applicationId, 'employer_rep', `otra.${seq}@prueba.cl`);
  });

  it('answers an unknown or malformed token the same way, without details', async () => {
    expect(await getInvitationView(handle.db, 'x')).toMatchObject({ state: 'inexistente' });
    expect(await getInvitationView(handle.db, 'A'.repeat(43))).toMatchObject({ state: 'inexistente' });
    await expect(tx((t) => acceptInvitation(t, demoEmployerRep, 'A'.repeat(43), null))).rejects.toThrow(/no es válido/);
  });

  it('an employer already registered in the portal accepts in the name of its own company', async () => {
    const { leader, applicationId } = await unionWithApplication();
    const { token } = await invite(leader, applicationId, 'employer_rep', demoEmployerRep.email);
    await tx((t) => acceptInvitation(t, demoEmployerRep, token, null));
    const [app] = await handle.db.select().from(applications).where(eq(applications.id, applicationId));
    const [own] = await handle.db.select().from(memberships).where(eq(memberships.userId, demoEmployerRep.id));
    expect(app!.employerId).toBe(own!.employerId);
  });
});
