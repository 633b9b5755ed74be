import { migrateDb, openDb } from './client';

// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database).
const handle = await openDb({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR ?? '.data/pglite' });
try {
  await migrateDb(handle);
  console.log(`Migraciones aplicadas (${handle.driver}).`);
} finally {
  await handle.close();
}
