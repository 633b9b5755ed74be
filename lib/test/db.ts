import { randomBytes } from 'node:crypto';
import { migrateDb, openDb } from '@/db/client';
import type { DbHandle } from '@/db/client';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/** Tests run only against a database on this machine: a shared or remote one could lose real data. */
export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Las pruebas se niegan a usar una base de datos no local (${host}).`);
}

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the server of
 * DATABASE_URL (dropped afterwards) when it is set, an in-memory PGlite otherwise.
 */
export async function createTestDb(): Promise<DbHandle> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const handle = await openDb({ pgliteDir: 'memory://' });
    await migrateDb(handle);
    return handle;
  }
  assertLocalDatabaseUrl(baseUrl);
  const { default: postgres } = await import('postgres');
  const name = `portal_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ databaseUrl: url.toString() });
  await migrateDb(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
