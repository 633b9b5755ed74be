import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, employers } from '@/db/schema';
import { writeAudit } from '@/lib/dal/audit';
import { createTestDb } from '@/lib/test/db';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

/** The database's own message (drizzle wraps it as the cause of a "Failed query" error). */
async function failure(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  return 'no falló';
}

const actor = { id: '00000000-0000-4000-8000-000000000001', role: 'minvu_admin' as const };

describe('audit log', () => {
  it('is written in the same transaction as the change it records', async () => {
    const { db } = handle;
    await db.transaction(async (tx) => {
      const [row] = await tx.insert(employers).values({ kind: 'privado', name: 'Empresa A', rut: '76555666-2' }).returning();
      await writeAudit(tx, actor, { action: 'employer.create', entityType: 'employer', entityId: row!.id, after: row });
    });
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'employer.create'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorRole).toBe('minvu_admin');
  });

  it('leaves no audit row when the change fails', async () => {
    const { db } = handle;
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await expect(
      db.transaction(async (tx) => {
        await writeAudit(tx, actor, { action: 'employer.create.duplicate', entityType: 'employer' });
        // Same RUT again: the unique constraint fails after the audit row was written in this transaction.
        await tx.insert(employers).values({ kind: 'privado', name: 'Empresa A bis', rut: '76555666-2' });
      }),
    ).rejects.toThrow();
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after[0]!.n).toBe(before[0]!.n);
    const orphan = await db.select().from(auditLog).where(eq(auditLog.action, 'employer.create.duplicate'));
    expect(orphan).toHaveLength(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const { db } = handle;
    await writeAudit(db, actor, { action: 'probe', entityType: 'system' });
    await expect(failure(db.update(auditLog).set({ action: 'tampered' }).where(eq(auditLog.action, 'probe')))).resolves.toMatch(/solo inserción/);
    await expect(failure(db.delete(auditLog).where(eq(auditLog.action, 'probe')))).resolves.toMatch(/solo inserción/);
    await expect(failure(db.execute(sql`truncate audit_log`))).resolves.toMatch(/solo inserción/);
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'probe'));
    expect(rows).toHaveLength(1);
  });
});
