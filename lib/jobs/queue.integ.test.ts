import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { jobs } from '@/db/schema';
import { resetClock, setClock } from '@/lib/clock';
import type { Mailer, MailMessage } from '@/lib/mail';
import { createTestDb } from '@/lib/test/db';
import { enqueueMail, runMailJobs } from './queue';

let handle: DbHandle;
let delivered: MailMessage[] = [];
/** Fails the next `failures` sends, as an SMTP server that refuses a message does. */
let failures = 0;

const mailer: Mailer = {
  send: async (message) => {
    if (failures > 0) {
      failures--;
      throw new Error('421 Servicio no disponible');
    }
    delivered.push(message);
    return { messageId: String(delivered.length) };
  },
};

const at = new Date('2027-03-01T10:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
}, 180_000);

afterAll(async () => {
  resetClock();
  await handle?.close();
});

beforeEach(async () => {
  await handle.db.delete(jobs);
  delivered = [];
  failures = 0;
  setClock(at);
});

const message = (subject: string) => ({ to: ['persona@demo.cl'], subject, text: subject });

async function jobByKey(key: string) {
  const [row] = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, key));
  return row!;
}

describe('mail queue: at most once per dedupe key', () => {
  it('the same key queued twice is one mail', async () => {
    await enqueueMail(handle.db, message('Uno'), 'clave-1');
    await enqueueMail(handle.db, message('Uno otra vez'), 'clave-1');
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 1, failed: 0 });
    expect(delivered.map((m) => m.subject)).toEqual(['Uno']);
    // Queued again after it went out: still nothing new.
    await enqueueMail(handle.db, message('Uno'), 'clave-1');
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 0, failed: 0 });
  });

  it('the table refuses a mail without a dedupe key', async () => {
    await expect(handle.db.insert(jobs).values({ kind: 'mail', payload: message('Sin clave') })).rejects.toThrow();
  });

  it('when the database fails after the SMTP server accepted the mail, the mail is not sent again', async () => {
    await enqueueMail(handle.db, message('Aviso'), 'clave-2');
    // The "sent" mark cannot be written: as if the database went away right after the SMTP exchange.
    await handle.db.execute(sql`
      create function refuse_done() returns trigger language plpgsql as $$
      begin
        if new.done_at is not null then raise exception 'base de datos no disponible'; end if;
        return new;
      end $$`);
    await handle.db.execute(sql`create trigger refuse_done before update on jobs for each row execute function refuse_done()`);
    try {
      expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 1, failed: 0 });
    } finally {
      await handle.db.execute(sql`drop trigger refuse_done on jobs`);
      await handle.db.execute(sql`drop function refuse_done()`);
    }
    const job = await jobByKey('clave-2');
    expect(job.lockedAt).not.toBeNull(); // marked as sending, committed before the SMTP exchange
    expect(job.doneAt).toBeNull();
    // Later runs, even much later, leave it alone: it may have been delivered.
    setClock(new Date(at.getTime() + 86_400_000));
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 0, failed: 0 });
    expect(delivered.map((m) => m.subject)).toEqual(['Aviso']);
  });

  it('a mail the SMTP server refused goes back to the queue with back-off and leaves once', async () => {
    await enqueueMail(handle.db, message('Reintento'), 'clave-3');
    failures = 1;
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 0, failed: 1 });
    const failed = await jobByKey('clave-3');
    expect(failed).toMatchObject({ attempts: 1, lockedAt: null, doneAt: null, lastError: 'Error: 421 Servicio no disponible' });
    expect(failed.runAt.toISOString()).toBe('2027-03-01T10:01:00.000Z');
    // Not before its retry time.
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 0, failed: 0 });
    setClock(new Date('2027-03-01T10:01:00Z'));
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 1, failed: 0 });
    expect(await runMailJobs(handle.db, mailer)).toEqual({ sent: 0, failed: 0 });
    expect(delivered.map((m) => m.subject)).toEqual(['Reintento']);
    expect(await jobByKey('clave-3')).toMatchObject({ attempts: 2, lastError: null });
  });

  it('two senders at once deliver each mail once', async () => {
    for (let i = 0; i < 12; i++) await enqueueMail(handle.db, message(`Correo ${i}`), `clave-par-${i}`);
    const [a, b] = await Promise.all([runMailJobs(handle.db, mailer), runMailJobs(handle.db, mailer)]);
    expect(a!.sent + b!.sent).toBe(12);
    expect(delivered.map((m) => m.subject).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Correo ${i}`).sort());
  });
});
