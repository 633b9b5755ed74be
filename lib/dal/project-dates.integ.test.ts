import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, projectDates, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { SELECTION_DEMO_COMMITTEE_EMAIL, createSelectionTestCall } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { createTestDb } from '@/lib/test/db';
import { ZUpdateProjectDates } from '@/lib/validations/followup';
import type { TUpdateProjectDates } from '@/lib/validations/followup';
import { getFollowupView } from './followup';
import { getProjectDates, updateProjectDates } from './project-dates';
import { confirmSelectionRun, createSelectionPreview } from './selection';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
// 22 November 2026, 09:00 in Chile.
const today = new Date('2026-11-22T12:00:00Z');
let rmId = '';

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  setDbForTests(handle);
  setClock(today);
  const { callId, applications: created } = await handle.db.transaction((tx) => createSelectionTestCall(tx, today));
  rmId = created[0]!.id;
  // Land under a promise of sale: the deed must reach the CBR, so the timeline carries that item.
  await handle.db.update(applications).set({ sections: { terreno: { situation: 'promesa' } } }).where(eq(applications.id, rmId));
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  const run = await handle.db.transaction((tx) => createSelectionPreview(tx, people['minvu@demo.cl']!, { callId, budgetUf: '12000' }));
  await handle.db.transaction((tx) => confirmSelectionRun(tx, people['minvu@demo.cl']!, { runId: run.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20', publishedOn: '2026-11-20' }));
}, 180_000);

afterAll(async () => {
  resetClock();
  await handle?.close();
});

const reviewer = () => people['analista.rm@demo.cl']!;
const update = (user: SessionUser, input: Omit<TUpdateProjectDates, 'applicationId'>) =>
  handle.db.transaction((tx) => updateProjectDates(tx, user, { applicationId: rmId, ...input }));

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('project dates schema', () => {
  const applicationId = '00000000-0000-4000-8000-000000000000';
  it('needs at least one date, keeps empty fields out and checks the order of the dates typed together', () => {
    expect(ZUpdateProjectDates.safeParse({ applicationId, cbrInscribedOn: '', municipalReceptionOn: ' ' }).success).toBe(false);
    const one = ZUpdateProjectDates.parse({ applicationId, cbrInscribedOn: '2026-11-02', municipalReceptionOn: '', handedOverOn: '' });
    expect(one).toEqual({ applicationId, cbrInscribedOn: '2026-11-02' });
    const reversed = ZUpdateProjectDates.safeParse({ applicationId, cbrInscribedOn: '2026-11-02', municipalReceptionOn: '2026-10-30' });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]?.path).toEqual(['municipalReceptionOn']);
    expect(ZUpdateProjectDates.safeParse({ applicationId, handedOverOn: '2026-02-30' }).success).toBe(false);
  });
});

describe('SERVIU records the follow-up dates', () => {
  it('outside the region, or without the right to verify, the project is not found', async () => {
    await expect(update(people['analista.antofagasta@demo.cl']!, { cbrInscribedOn: '2026-11-21' })).rejects.toThrow(NotFoundError);
    await expect(update(people['director.antofagasta@demo.cl']!, { cbrInscribedOn: '2026-11-21' })).rejects.toThrow(NotFoundError);
    await expect(update(people[SELECTION_DEMO_COMMITTEE_EMAIL]!, { cbrInscribedOn: '2026-11-21' })).rejects.toThrow(NotFoundError);
    await expect(getProjectDates(people['analista.antofagasta@demo.cl']!, rmId)).rejects.toThrow(NotFoundError);
  });

  it('refuses a date after today by the server clock, in Chile', async () => {
    const error = await refusal(update(reviewer(), { cbrInscribedOn: '2026-11-23' }));
    expect(error.fieldErrors?.cbrInscribedOn).toMatch(/posterior a hoy \(22-11-2026\)/);
    // 23:30 of the 22nd in Chile is already the 23rd in UTC: the 22nd is still "today".
    setClock(new Date('2026-11-23T02:30:00Z'));
    await refusal(update(reviewer(), { cbrInscribedOn: '2026-11-23' }));
    setClock(today);
  });

  it('records the CBR inscription with its audit row; the timeline shows it done', async () => {
    await update(reviewer(), { cbrInscribedOn: '2026-11-21' });
    const [row] = await handle.db.select().from(projectDates).where(eq(projectDates.applicationId, rmId));
    expect(row).toMatchObject({ selectionPublishedOn: '2026-11-20', cbrInscribedOn: '2026-11-21', municipalReceptionOn: null });
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.dates'), eq(auditLog.entityId, rmId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: reviewer().id,
      actorRole: 'reviewer',
      entityType: 'project_dates',
      before: { cbrInscribedOn: null, municipalReceptionOn: null, handedOverOn: null },
      after: { cbrInscribedOn: '2026-11-21', municipalReceptionOn: null, handedOverOn: null },
    });
    const view = await getFollowupView(reviewer(), rmId);
    expect(view.timeline.find((t) => t.key === 'cbr')).toMatchObject({ status: 'cumplido', doneOn: '2026-11-21' });
    expect(view.timeline.find((t) => t.key === 'pago_subsidio')).toBeUndefined();
    await refusal(update(reviewer(), { cbrInscribedOn: '2026-11-21' })); // nothing changes: no second audit row
  });

  it('refuses a reception before the recorded CBR inscription, then opens the 24-month payment window', async () => {
    const error = await refusal(update(reviewer(), { municipalReceptionOn: '2026-11-20' }));
    expect(error.fieldErrors?.municipalReceptionOn).toMatch(/no puede ser anterior a la inscripción/);
    await update(people['director.rm@demo.cl']!, { municipalReceptionOn: '2026-11-22' });
    expect(await getProjectDates(reviewer(), rmId)).toEqual({ cbrInscribedOn: '2026-11-21', municipalReceptionOn: '2026-11-22', handedOverOn: null });
    const payment = (await getFollowupView(reviewer(), rmId)).timeline.find((t) => t.key === 'pago_subsidio');
    // From 1 December 2026, 24 months: until 1 December 2028 at 23:59:59.999 in Chile (summer time, UTC−3).
    expect(payment?.dueAt?.getTime()).toBe(Date.parse('2028-12-02T02:59:59.999Z'));
    expect(payment?.status).toBe('pendiente');
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.dates'), eq(auditLog.entityId, rmId)));
    expect(audits).toHaveLength(2);
  });
});
