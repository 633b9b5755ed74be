import { openDb } from '../client';
import { seedDemoData } from './demo';
import { seedDemoReviewRoster } from './demo-review';
import { seedProhibitionsDemo, seedSelectionDemo } from './demo-selection';
import { seedReferenceData } from './reference';

// `npm run db:seed`: reference data always, demo data once (skipped when calls exist).
const handle = await openDb({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR ?? '.data/pglite' });
try {
  await seedReferenceData(handle.db);
  const seeded = await seedDemoData(handle.db, new Date());
  await seedSelectionDemo(handle.db, new Date());
  await seedProhibitionsDemo(handle.db, new Date());
  await seedDemoReviewRoster(handle.db);
  console.log(seeded ? 'Datos de demostración cargados.' : 'Los datos de demostración ya estaban cargados.');
} finally {
  await handle.close();
}
