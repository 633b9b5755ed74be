import { now } from '../lib/clock';
import { env, isBuildPhase, shouldAutoSetupDb } from '../lib/env';
import { migrateDb, openDb } from './client';
import type { Db, DbHandle } from './client';
import { seedPortalData } from './seed/all';

export type { Db, DbOrTx, Tx } from './client';

const globalForDb = globalThis as unknown as { __portalDb?: Promise<DbHandle> };

/**
 * The application's database, opened lazily (never at import time, so `next build` does not open it)
 * and shared across hot reloads. The embedded database migrates and seeds itself on first open.
 */
export function getDb(): Promise<Db> {
  if (isBuildPhase()) throw new Error('La base de datos no se abre durante la compilación.');
  globalForDb.__portalDb ??= (async () => {
    const e = env();
    const handle = await openDb({ databaseUrl: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR });
    if (shouldAutoSetupDb(e)) {
      await migrateDb(handle);
      await seedPortalData(handle.db, now());
    }
    return handle;
  })().catch((error: unknown) => {
    globalForDb.__portalDb = undefined;
    throw error;
  });
  return globalForDb.__portalDb.then((h) => h.db);
}

/** Points the data layer at a test database (integration tests only). */
export function setDbForTests(handle: DbHandle): void {
  globalForDb.__portalDb = Promise.resolve(handle);
}
