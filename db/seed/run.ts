import { openDb } from '../client';
import { seedPortalData } from './all';

// `npm run db:seed`: reference data always, demo data once (skipped when calls exist).
const handle = await openDb({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR ?? '.data/pglite' });
try {
  const seeded = await seedPortalData(handle.db, new Date());
  console.log(seeded ? 'Datos de demostración cargados.' : 'Los datos de demostración ya estaban cargados.');
} finally {
  await handle.close();
}
