import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, jobs, rosterEntries, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { findAccountIdByUniqueRut, recordRutProvenByClaveUnica } from '@/lib/auth/claveunica-match';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { formatRut } from '@/lib/domain/rut';
import { createTestDb } from '@/lib/test/db';
import { ZWorkerSignUp } from '@/lib/validations/organization';
import { listApplications } from './applications';
import { confirmIncorporationOnline, getWorkerIncorporation } from './incorporation';
import { EMAIL_TAKEN_MESSAGE, RUT_TAKEN_MESSAGE, createApplicantAccount } from './organizations';
import { createWorkerAccount } from './worker-accounts';
import { EMAIL_VERIFICATION_HOURS, confirmEmail } from './worker-identity';
import type { MailJobPayload } from '@/lib/jobs/queue';

/** A production server: demo accounts off. */
const real = { allowDemo: false };

const TODAY = new Date('2026-11-22T15:00:00Z');
// Pedro González Lillo is in the roster of PVT-DEMO-0001 and has no account in the demo data.
const PEDRO = demoRut(16_222_333);
const ROSA = demoRut(17_333_444);
const LUIS = demoRut(18_444_555);

let handle: DbHandle;
let draftId = '';

beforeAll(async () => {
  setClock(TODAY);
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, TODAY);
  setDbForTests(handle);
  const [draft] = await handle.db.select({ id: applications.id }).from(applications).where(eq(applications.number, 'PVT-DEMO-0001'));
  draftId = draft!.id;
});
afterAll(async () => {
  resetClock();
  await handle?.close();
});

function signUp(values: { name: string; rut: string; email: string }): Promise<SessionUser> {
  const parsed = ZWorkerSignUp.parse({ ...values, password: 'Una frase de prueba 2026', passwordConfirmation: 'Una frase de prueba 2026' });
  return handle.db.transaction((tx) => createWorkerAccount(tx, { name: parsed.name, rut: parsed.rut, email: parsed.email, passwordHash: 'hash' }));
}

/** The confirmation token of the newest mail queued for `email`. */
async function mailedToken(email: string): Promise<string> {
  const rows = await handle.db.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.kind, 'mail')).orderBy(desc(jobs.createdAt));
  const mail = rows.map((r) => r.payload as MailJobPayload).find((p) => p.to.includes(email));
  const token = mail?.text.match(/\/verificar-correo\/([A-Za-z0-9_.-]+)/)?.[1];
  if (!token) throw new Error(`No hay correo de confirmación para ${email}`);
  return token;
}

async function refusal(run: Promise<unknown>): Promise<DomainError> {
  const error = await run.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('worker sign-up', () => {
  it('checks the RUT’s check digit with the form’s schema', () => {
    const wrong = ZWorkerSignUp.safeParse({ name: 'Pedro González', rut: '16.222.333-0', email: 'p@correo.cl', password: 'x'.repeat(12), passwordConfirmation: 'x'.repeat(12) });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({ path: ['rut'], message: expect.stringMatching(/^El RUT 16\.222\.333-0 no es válido: el dígito verificador debería ser/) });
  });

  it('creates a worker account that opens its roster row once the e-mail the union recorded is confirmed', async () => {
    const pedro = await signUp({ name: 'Pedro González Lillo', rut: formatRut(PEDRO), email: 'Pedro.Gonzalez@Correo.cl' });
    expect(pedro).toMatchObject({ role: 'worker', rut: PEDRO, email: 'pedro.gonzalez@correo.cl' });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.sign_up'), eq(auditLog.entityId, pedro.id)));
    expect(audit!.after).toMatchObject({ role: 'worker', rut: PEDRO, activeRosterEntries: 1 });

    // A typed RUT proves nothing: no access before the address is confirmed.
    expect(await listApplications(pedro)).toEqual([]);
    await expect(getWorkerIncorporation(pedro, draftId)).rejects.toBeInstanceOf(NotFoundError);
    const token = await mailedToken('pedro.gonzalez@correo.cl');
    expect(await handle.db.transaction((tx) => confirmEmail(tx, token))).toEqual({ email: 'pedro.gonzalez@correo.cl', alreadyConfirmed: false });
    expect(await handle.db.transaction((tx) => confirmEmail(tx, token))).toEqual({ email: 'pedro.gonzalez@correo.cl', alreadyConfirmed: true });
    expect(await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.email_verified'), eq(auditLog.entityId, pedro.id)))).toHaveLength(1);
    // Confirmed, but the union recorded no address on his row: still nothing.
    expect(await listApplications(pedro)).toEqual([]);
    const entry = and(eq(rosterEntries.applicationId, draftId), eq(rosterEntries.rut, PEDRO));
    await handle.db.update(rosterEntries).set({ email: ' Pedro.Gonzalez@correo.cl ' }).where(entry);

    expect((await listApplications(pedro)).map((a) => a.number)).toEqual(['PVT-DEMO-0001']);
    const view = await getWorkerIncorporation(pedro, draftId);
    expect(view).toMatchObject({ firstName: 'Pedro', confirmedAt: null, summary: { band: 2 } });
    await handle.db.transaction((tx) => confirmIncorporationOnline(tx, pedro, { applicationId: draftId, accepted: true }));
    const [row] = await handle.db
      .select({ confirmedAt: rosterEntries.incorporationConfirmedAt, method: rosterEntries.incorporationMethod })
      .from(rosterEntries)
      .where(entry);
    expect(row).toEqual({ confirmedAt: TODAY, method: 'en_linea' });
  });

  it('someone who signs up with another worker’s RUT sees nothing, even with a confirmed address of their own', async () => {
    const rosa = and(eq(rosterEntries.applicationId, draftId), eq(rosterEntries.rut, ROSA));
    await handle.db.update(rosterEntries).set({ email: 'rosa.contreras@correo.cl' }).where(rosa);
    const impostor = await signUp({ name: 'Rosa Contreras Vera', rut: ROSA, email: 'otra.cuenta@correo.cl' });
    const token = await mailedToken('otra.cuenta@correo.cl');
    await handle.db.transaction((tx) => confirmEmail(tx, token));
    expect(await listApplications(impostor)).toEqual([]);
    await expect(getWorkerIncorporation(impostor, draftId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a tampered, expired or outdated confirmation link', async () => {
    const lone = await signUp({ name: 'Tomás Enlace', rut: demoRut(21_777_888), email: 'tomas@correo.cl' });
    const token = await mailedToken('tomas@correo.cl');
    const [data, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(data!, 'base64url').toString()), e: 'otro@correo.cl' })).toString('base64url')}.${signature}`;
    const otherSignature = `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    for (const bad of [forged, `${data}.${otherSignature}`, 'basura', `${token}.extra`])
      await expect(handle.db.transaction((tx) => confirmEmail(tx, bad))).rejects.toThrow(/no es válido/);
    setClock(new Date(TODAY.getTime() + (EMAIL_VERIFICATION_HOURS * 3600 + 1) * 1000));
    try {
      await expect(handle.db.transaction((tx) => confirmEmail(tx, token))).rejects.toThrow(/venció/);
    } finally {
      setClock(TODAY);
    }
    // The account changed its address since: the old link confirms nothing.
    await handle.db.update(users).set({ email: 'tomas.nuevo@correo.cl' }).where(eq(users.id, lone.id));
    await expect(handle.db.transaction((tx) => confirmEmail(tx, token))).rejects.toThrow(/no es válido/);
    const [account] = await handle.db.select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, lone.id));
    expect(account!.emailVerified).toBeNull();
  });

  it('refuses a RUT that already has an account, without saying whose', async () => {
    const again = await refusal(signUp({ name: 'Otra Persona', rut: PEDRO, email: 'otra.persona@correo.cl' }));
    expect(again.fieldErrors).toEqual({ rut: RUT_TAKEN_MESSAGE });
    expect(JSON.stringify(again)).not.toMatch(/Pedro|pedro\.gonzalez/);
    // The union leader's RUT (an org_rep account) is taken just the same.
    const leader = await refusal(signUp({ name: 'Juan Rojas', rut: demoRut(12_333_444), email: 'juan.otro@correo.cl' }));
    expect(leader.fieldErrors).toEqual({ rut: RUT_TAKEN_MESSAGE });
    expect(JSON.stringify(leader)).not.toMatch(/Juan Rojas Díaz|dirigente@demo\.cl/);
    // Both taken: both fields say so.
    const both = await refusal(signUp({ name: 'X Y', rut: PEDRO, email: 'pedro.gonzalez@correo.cl' }));
    expect(both.fieldErrors).toEqual({ rut: RUT_TAKEN_MESSAGE, email: EMAIL_TAKEN_MESSAGE });
    // A leader's sign-up follows the same rule.
    const asLeader = await refusal(
      handle.db.transaction((tx) => createApplicantAccount(tx, { name: 'Pedro Dirigente', rut: PEDRO, email: 'pedro.dirigente@correo.cl', passwordHash: 'x' })),
    );
    expect(asLeader.fieldErrors).toEqual({ rut: RUT_TAKEN_MESSAGE });
    expect(await handle.db.select().from(users).where(eq(users.rut, PEDRO))).toHaveLength(1);
  });

  it('an account whose RUT is in no roster yet sees nothing until a union lists it', async () => {
    const lone = await signUp({ name: 'Lucía Nueva', rut: demoRut(21_333_444), email: 'lucia@correo.cl' });
    expect(await listApplications(lone)).toEqual([]);
    await expect(getWorkerIncorporation(lone, draftId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a replaced worker loses access to the application', async () => {
    const pedro = await findAccountIdByUniqueRut(handle.db, PEDRO, real);
    const [account] = await handle.db.select().from(users).where(eq(users.id, pedro!));
    const user: SessionUser = { id: account!.id, email: account!.email, name: account!.name, role: 'worker', regionCode: null, rut: account!.rut };
    const entry = and(eq(rosterEntries.applicationId, draftId), eq(rosterEntries.rut, PEDRO));
    await handle.db.update(rosterEntries).set({ status: 'reemplazado' }).where(entry);
    expect(await listApplications(user)).toEqual([]);
    await expect(getWorkerIncorporation(user, draftId)).rejects.toBeInstanceOf(NotFoundError);
    await handle.db.update(rosterEntries).set({ status: 'activo' }).where(entry);
  });
});

describe('ClaveÚnica proves the RUT', () => {
  it('opens the roster rows of the RUT without any e-mail, audited once', async () => {
    const luis = await signUp({ name: 'Luis Sepúlveda Toro', rut: LUIS, email: 'luis.sin.confirmar@correo.cl' });
    expect(await listApplications(luis)).toEqual([]);
    await recordRutProvenByClaveUnica(handle.db, luis.id);
    await recordRutProvenByClaveUnica(handle.db, luis.id);
    expect((await listApplications(luis)).map((a) => a.number)).toEqual(['PVT-DEMO-0001']);
    expect(await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.rut_verified'), eq(auditLog.entityId, luis.id)))).toHaveLength(1);
  });
});

describe('ClaveÚnica matching', () => {
  it('signs in only into the one enabled account with exactly that RUN', async () => {
    const [pedro] = await handle.db.select({ id: users.id }).from(users).where(eq(users.rut, PEDRO));
    expect(await findAccountIdByUniqueRut(handle.db, PEDRO, real)).toBe(pedro!.id);
    // ClaveÚnica sends the RUN as number and check digit; any usual writing matches.
    expect(await findAccountIdByUniqueRut(handle.db, formatRut(PEDRO), real)).toBe(pedro!.id);
    expect(await findAccountIdByUniqueRut(handle.db, demoRut(22_444_555), real)).toBeNull();
    expect(await findAccountIdByUniqueRut(handle.db, '16222333-0', real)).toBeNull();
    expect(await findAccountIdByUniqueRut(handle.db, 'sub-opaco', real)).toBeNull();
    expect(await findAccountIdByUniqueRut(handle.db, null, real)).toBeNull();
    await handle.db.update(users).set({ disabledAt: TODAY }).where(eq(users.id, pedro!.id));
    expect(await findAccountIdByUniqueRut(handle.db, PEDRO, real)).toBeNull();
    await handle.db.update(users).set({ disabledAt: null }).where(eq(users.id, pedro!.id));
  });

  it('never lands a real person in a demo account that carries their RUN, unless demo accounts are on', async () => {
    const [demo] = await handle.db.select({ id: users.id, rut: users.rut }).from(users).where(eq(users.email, 'trabajador@demo.cl'));
    expect(await findAccountIdByUniqueRut(handle.db, demo!.rut, real)).toBeNull();
    expect(await findAccountIdByUniqueRut(handle.db, demo!.rut, { allowDemo: true })).toBe(demo!.id);
  });
});
