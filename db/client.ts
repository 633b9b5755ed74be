import fs from 'node:fs';
import path from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the data layer sees, whichever driver is underneath. */
export type Db = PostgresJsDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: 'postgres' | 'pglite';
  close: () => Promise<void>;
}

export interface DbConfig {
  databaseUrl?: string;
  /** PGlite folder, or 'memory://' for a throw-away database. */
  pgliteDir?: string;
}

/** Opens a database: PostgreSQL (postgres.js) when a URL is given, embedded PGlite otherwise. */
export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(config.databaseUrl, { max: 10, onnotice: () => {} });
    return { db: drizzle(client, { schema }), driver: 'postgres', close: () => client.end() };
  }
  const dir = config.pgliteDir ?? '.data/pglite';
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let client: InstanceType<typeof PGlite>;
  if (dir.startsWith('memory://')) {
    client = new PGlite();
  } else {
    const absolute = path.resolve(/*turbopackIgnore: true*/ dir);
    fs.mkdirSync(absolute, { recursive: true });
    client = new PGlite(absolute);
  }
  await client.waitReady;
  // Both drivers expose the same query builder; the data layer is written against the postgres.js type.
  const db = drizzle(client, { schema }) as PgliteDatabase<Schema> as unknown as Db;
  return { db, driver: 'pglite', close: () => client.close() };
}

export function migrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
}

/** Applies the committed drizzle-kit migrations. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(handle.db, { migrationsFolder: migrationsFolder() });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: migrationsFolder() });
  }
}
