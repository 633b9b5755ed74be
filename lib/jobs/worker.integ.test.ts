import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { calls, jobs, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { createSelectionTestCall } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { confirmSelectionRun, createSelectionPreview } from '@/lib/dal/selection';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { Mailer, MailMessage } from '@/lib/mail';
import { createTestDb } from '@/lib/test/db';
import { enqueueMail } from './queue';
import { DAILY_ALERTS_JOB, runDueJobs } from './worker';

let handle: DbHandle;
const today = new Date('2026-11-22T12:00:00Z');
let sent: MailMessage[] = [];
const mailer: Mailer = {
  send: async (message) => {
    sent.push(message);
    return { messageId: String(sent.length) };
  },
};

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  setDbForTests(handle);
  setClock(today);
  const { callId } = await handle.db.transaction((tx) => createSelectionTestCall(tx, today));
  // Start of works due by 31-03-2027: overdue on the mornings the test runs, so a run has mail to send.
  const [call] = await handle.db.select().from(calls).where(eq(calls.id, callId));
  const params = ZCallParameters.parse(call!.parameters);
  await handle.db
    .update(calls)
    .set({ parameters: { ...params, deadlines: { ...params.deadlines, startOfWorksBy: '2027-03-31' } } })
    .where(eq(calls.id, callId));
  const [minvu] = await handle.db.select().from(users).where(eq(users.email, 'minvu@demo.cl'));
  const admin: SessionUser = { id: minvu!.id, email: minvu!.email, name: minvu!.name, role: minvu!.role, regionCode: null, rut: null };
  const run = await handle.db.transaction((tx) => createSelectionPreview(tx, admin, { callId, budgetUf: '12000' }));
  await handle.db.transaction((tx) => confirmSelectionRun(tx, admin, { runId: run.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20' }));
}, 180_000);

afterAll(async () => {
  resetClock();
  await handle?.close();
});

beforeEach(async () => {
  await handle.db.delete(jobs).where(eq(jobs.kind, DAILY_ALERTS_JOB));
  sent = [];
});

async function tick(iso: string) {
  setClock(new Date(iso));
  return runDueJobs(handle.db, mailer);
}

async function alertJobs() {
  const rows = await handle.db.select().from(jobs).where(eq(jobs.kind, DAILY_ALERTS_JOB));
  return rows.map((r) => ({ key: r.dedupeKey, runAt: r.runAt.toISOString(), done: r.doneAt !== null })).sort((a, b) => a.runAt.localeCompare(b.runAt));
}

describe('jobs worker', () => {
  it('schedules the day at 07:00 in Chile, runs it once when due, sends its mail and schedules the next day across the April DST change', async () => {
    // Saturday 3 April 2027, 06:00 in Chile (UTC−3): the day is scheduled, nothing is due yet.
    const early = await tick('2027-04-03T09:00:00Z');
    expect(early.ran).toBe(0);
    expect(await alertJobs()).toEqual([{ key: `${DAILY_ALERTS_JOB}:2027-04-03`, runAt: '2027-04-03T10:00:00.000Z', done: false }]);

    const due = await tick('2027-04-03T10:00:00Z');
    expect(due.ran).toBe(1);
    // Sunday 4 April 2027 is already on winter time (UTC−4): 07:00 local is 11:00 UTC.
    expect(await alertJobs()).toEqual([
      { key: `${DAILY_ALERTS_JOB}:2027-04-03`, runAt: '2027-04-03T10:00:00.000Z', done: true },
      { key: `${DAILY_ALERTS_JOB}:2027-04-04`, runAt: '2027-04-04T11:00:00.000Z', done: false },
    ]);
    expect(due.mail.sent).toBeGreaterThan(0);
    // The alerts the run queued left in the same tick (next to the selection's own notices, queued earlier).
    expect(sent.filter((m) => m.subject.startsWith('Hito vencido sin informar')).map((m) => m.to[0])).toEqual(
      expect.arrayContaining(['analista.rm@demo.cl', 'director.rm@demo.cl', 'analista.antofagasta@demo.cl', 'director.antofagasta@demo.cl']),
    );

    // Later the same morning: nothing runs again and no mail repeats.
    const again = await tick('2027-04-03T10:05:00Z');
    expect(again).toEqual({ ran: 0, failed: 0, mail: { sent: 0, failed: 0 } });
    // Sunday 10:30 UTC is 06:30 in Chile: not yet.
    expect((await tick('2027-04-04T10:30:00Z')).ran).toBe(0);
    expect((await tick('2027-04-04T11:00:00Z')).ran).toBe(1);
  });

  it('across the September DST change the next run is 07:00 summer time', async () => {
    // Saturday 4 September 2027, 07:00 in Chile (UTC−4); Sunday starts at 01:00 on summer time (UTC−3).
    expect((await tick('2027-09-04T11:00:00Z')).ran).toBe(1);
    const pending = (await alertJobs()).filter((j) => !j.done);
    expect(pending).toEqual([{ key: `${DAILY_ALERTS_JOB}:2027-09-05`, runAt: '2027-09-05T10:00:00.000Z', done: false }]);
  });

  it('two workers at once run a due job once', async () => {
    setClock(new Date('2027-10-01T10:00:00Z'));
    await enqueueMail(handle.db, { to: ['alguien@demo.cl'], subject: 'Prueba', text: 'Prueba' }, 'prueba-worker-1');
    const [a, b] = await Promise.all([runDueJobs(handle.db, mailer), runDueJobs(handle.db, mailer)]);
    expect(a!.ran + b!.ran).toBe(1);
    expect(sent.filter((m) => m.subject === 'Prueba')).toHaveLength(1);
    const pending = await handle.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, DAILY_ALERTS_JOB), isNull(jobs.doneAt)));
    expect(pending.map((j) => j.dedupeKey)).toEqual([`${DAILY_ALERTS_JOB}:2027-10-02`]);
  });
});
