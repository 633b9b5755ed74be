import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, calls, memberships, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { ForbiddenError, NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { computeCheckDigit } from '@/lib/domain/rut';
import { createTestDb } from '@/lib/test/db';
import { ZOrganization, ZSignUp } from '@/lib/validations/organization';
import type { TOrganization } from '@/lib/validations/organization';
import { loadApplication } from './application-access';
import { applicationNumberPrefix, createApplication, listOpenCalls } from './application-create';
import { createApplicantAccount, createOrganization, getApplicationParticipantsForUnion, getOrganizationWorkspace } from './organizations';

let handle: DbHandle;
let demoCallId: string;
let pilotCallId: string;
let dirigente: SessionUser;
let worker: SessionUser;
let seq = 0;

const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date());
  setDbForTests(handle);
  const all = await handle.db.select({ id: calls.id, code: calls.code }).from(calls);
  demoCallId = all.find((c) => c.code === 'PVT-DEMO')!.id;
  pilotCallId = all.find((c) => c.code === 'PVT-2022')!.id;
  const people = await handle.db.select().from(users);
  const asSession = (email: string): SessionUser => {
    const u = people.find((p) => p.email === email)!;
    return { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  };
  dirigente = asSession('dirigente@demo.cl');
  worker = asSession('trabajador@demo.cl');
});
afterEach(() => resetClock());
afterAll(async () => {
  await handle?.close();
});

function organizationInput(overrides: Partial<TOrganization> = {}): TOrganization {
  seq += 1;
  return {
    name: `Sindicato de Prueba ${seq}`,
    rut: rut(61_000_000 + seq),
    kind: 'sindicato',
    legalPersonalityNumber: `RSU 13.01.${1000 + seq}`,
    legalPersonalityDate: '2019-04-01',
    legalPersonalityAuthority: 'Inspección Provincial del Trabajo de Santiago',
    regionCode: '13',
    comunaCode: '13201',
    ...overrides,
  };
}

async function newLeader(): Promise<SessionUser> {
  seq += 1;
  return handle.db.transaction((tx) =>
    createApplicantAccount(tx, { name: `Dirigente ${seq}`, rut: rut(13_000_000 + seq), email: `dirigente.${seq}@prueba.cl`, passwordHash: 'no-usado' }),
  );
}

async function newLeaderWithOrganization(): Promise<{ leader: SessionUser; organizationId: string }> {
  const leader = await newLeader();
  const { id } = await handle.db.transaction((tx) => createOrganization(tx, leader, organizationInput()));
  return { leader, organizationId: id };
}

describe('sign-up', () => {
  it('creates a union leader with an audit row, and refuses the same e-mail in any case', async () => {
    const leader = await newLeader();
    expect(leader.role).toBe('org_rep');
    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.sign_up'), eq(auditLog.entityId, leader.id)));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.after)).not.toContain('no-usado');
    const again = handle.db.transaction((tx) =>
      createApplicantAccount(tx, { name: 'Otra', rut: rut(14_000_001), email: leader.email.toUpperCase(), passwordHash: 'x' }),
    );
    await expect(again).rejects.toMatchObject({ fieldErrors: { email: expect.stringContaining('Ya existe una cuenta') } });
  });

  it('validates RUT check digit, password length and confirmation', () => {
    const result = ZSignUp.safeParse({
      name: 'Ana Pérez',
      rut: '12.345.678-9',
      email: ' Ana@Prueba.CL ',
      password: 'corta',
      passwordConfirmation: 'otra',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages.rut).toBe('El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5.');
    expect(messages.password).toContain('al menos 10 caracteres');
    const ok = ZSignUp.parse({ name: 'Ana Pérez', rut: '12.345.678-5', email: ' Ana@Prueba.CL ', password: 'una frase larga', passwordConfirmation: 'una frase larga' });
    expect(ok).toMatchObject({ rut: '12345678-5', email: 'ana@prueba.cl' });
    const mismatch = ZSignUp.safeParse({ name: 'Ana Pérez', rut: '12345678-5', email: 'a@b.cl', password: 'una frase larga', passwordConfirmation: 'otra frase larga' });
    expect(mismatch.error?.issues[0]).toMatchObject({ path: ['passwordConfirmation'], message: expect.stringContaining('no coinciden') });
  });
});

describe('organisation registration', () => {
  it('names the expected check digit of a wrong organisation RUT and normalises a right one', () => {
    const body = 65_432_100;
    const right = computeCheckDigit(body);
    const wrong = right === '1' ? '2' : '1';
    const bad = ZOrganization.safeParse({ ...organizationInput(), rut: `65.432.100-${wrong}` });
    expect(bad.error?.issues.find((i) => i.path[0] === 'rut')?.message).toBe(
      `El RUT 65.432.100-${wrong} no es válido: el dígito verificador debería ser ${right}.`,
    );
    expect(ZOrganization.parse({ ...organizationInput(), rut: `65.432.100-${right.toLowerCase()}` }).rut).toBe(`${body}-${right}`);
    const future = ZOrganization.safeParse({ ...organizationInput(), legalPersonalityDate: '2999-01-01' });
    expect(future.error?.issues[0]?.message).toContain('posterior a hoy');
    const elsewhere = ZOrganization.safeParse({ ...organizationInput(), regionCode: '02' });
    expect(elsewhere.error?.issues[0]).toMatchObject({ path: ['comunaCode'] });
  });

  it('registers the organisation with the leader as representative, audited', async () => {
    const { leader, organizationId } = await newLeaderWithOrganization();
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.organizationId, organizationId));
    expect(membership).toMatchObject({ userId: leader.id, role: 'representative' });
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.actorUserId, leader.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.create', 'membership.create']));
    const workspace = await getOrganizationWorkspace(handle.db, leader);
    expect(workspace?.organization).toMatchObject({ id: organizationId, comunaName: 'Puente Alto' });
    expect(workspace?.members.map((m) => m.email)).toEqual([leader.email]);
  });

  it('refuses a second organisation for the same leader, a taken RUT and a comuna outside the region', async () => {
    const { leader } = await newLeaderWithOrganization();
    await expect(handle.db.transaction((tx) => createOrganization(tx, leader, organizationInput()))).rejects.toThrow(/ya representa/);
    const other = await newLeader();
    const taken = organizationInput({ rut: rut(65_111_222) }); // Sindicato de Trabajadores Demo Uno
    await expect(handle.db.transaction((tx) => createOrganization(tx, other, taken))).rejects.toMatchObject({
      fieldErrors: { rut: expect.stringContaining('65.111.222') },
    });
    // Passes the schema's prefix check only if forged; the DAL checks the reference table itself.
    const forged = { ...organizationInput(), regionCode: '13', comunaCode: '13999' };
    await expect(handle.db.transaction((tx) => createOrganization(tx, other, forged))).rejects.toMatchObject({ fieldErrors: { comunaCode: expect.any(String) } });
    await expect(handle.db.transaction((tx) => createOrganization(tx, worker, organizationInput()))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('new application', () => {
  it('lists only open calls of the workers’ programme', async () => {
    const open = await listOpenCalls(handle.db);
    expect(open.map((c) => c.code)).toEqual(['PVT-DEMO']);
  });

  it('numbers PVT-<call>-<sequence>, drafts it and audits it', async () => {
    expect(applicationNumberPrefix('PVT-DEMO')).toBe('PVT-DEMO-');
    const { leader, organizationId } = await newLeaderWithOrganization();
    const created = await handle.db.transaction((tx) => createApplication(tx, leader, { callId: demoCallId, projectName: 'Villa Nueva' }));
    expect(created.number).toMatch(/^PVT-DEMO-\d{4}$/);
    expect(Number(created.number.slice(-4))).toBeGreaterThanOrEqual(4);
    const [row] = await handle.db.select().from(applications).where(eq(applications.id, created.id));
    expect(row).toMatchObject({ status: 'borrador', organizationId, projectName: 'Villa Nueva', createdBy: leader.id });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'application.create'), eq(auditLog.entityId, created.id)));
    expect(audit?.actorUserId).toBe(leader.id);
  });

  it('gives two concurrent creations under the same call two distinct consecutive numbers', async () => {
    const a = await newLeaderWithOrganization();
    const b = await newLeaderWithOrganization();
    const [x, y] = await Promise.all([
      handle.db.transaction((tx) => createApplication(tx, a.leader, { callId: demoCallId, projectName: 'Proyecto A' })),
      handle.db.transaction((tx) => createApplication(tx, b.leader, { callId: demoCallId, projectName: 'Proyecto B' })),
    ]);
    expect(x.number).not.toBe(y.number);
    expect(Math.abs(Number(x.number.slice(-4)) - Number(y.number.slice(-4)))).toBe(1);
  });

  it('refuses a closed call (server clock), a leader without organisation and a worker', async () => {
    const { leader } = await newLeaderWithOrganization();
    await expect(handle.db.transaction((tx) => createApplication(tx, leader, { callId: pilotCallId, projectName: 'Tarde' }))).rejects.toBeInstanceOf(DomainError);
    const [demo] = await handle.db.select().from(calls).where(eq(calls.id, demoCallId));
    setClock(new Date(demo!.closesAt.getTime() + 1000));
    await expect(handle.db.transaction((tx) => createApplication(tx, leader, { callId: demoCallId, projectName: 'Tarde' }))).rejects.toThrow(/cerró/);
    resetClock();
    const loner = await newLeader();
    await expect(handle.db.transaction((tx) => createApplication(tx, loner, { callId: demoCallId, projectName: 'Sin org' }))).rejects.toThrow(/Registre primero/);
    await expect(handle.db.transaction((tx) => createApplication(tx, worker, { callId: demoCallId, projectName: 'No' }))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("another organisation's leader cannot read or manage the application: not found", async () => {
    const { leader } = await newLeaderWithOrganization();
    const created = await handle.db.transaction((tx) => createApplication(tx, leader, { callId: demoCallId, projectName: 'Privado' }));
    await expect(loadApplication(handle.db, dirigente, created.id, 'application.read')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getApplicationParticipantsForUnion(dirigente, created.id)).rejects.toBeInstanceOf(NotFoundError);
    const own = await getApplicationParticipantsForUnion(leader, created.id);
    expect(own.participants).toMatchObject({ number: created.number, employer: null, sponsor: null, builder: null });
    expect(own.canInvite).toBe(true);
    const workspace = await getOrganizationWorkspace(handle.db, dirigente);
    expect(workspace?.applications.map((a) => a.number)).not.toContain(created.number);
  });
});

describe('memberships', () => {
  it('the database holds one membership per person and party', async () => {
    const [mine] = await handle.db.select().from(memberships).where(and(eq(memberships.userId, dirigente.id)));
    expect(mine?.organizationId).toBeTruthy();
    await expect(handle.db.insert(memberships).values({ userId: dirigente.id, organizationId: mine!.organizationId, role: 'representative' })).rejects.toThrow();
  });
});
