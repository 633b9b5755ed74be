import type { Db } from '../client';
import { seedDemoData } from './demo';
import { seedDemoReviewRoster } from './demo-review';
import { seedProhibitionsDemo, seedSelectionDemo } from './demo-selection';
import { seedReferenceData } from './reference';

/**
 * Reference data always; the demo data once. The selection, prohibition and review demos go in one
 * transaction, so an interrupted first start never leaves half of them. Returns whether the demo was new.
 */
export async function seedPortalData(db: Db, at: Date): Promise<boolean> {
  await seedReferenceData(db);
  const seeded = await seedDemoData(db, at);
  await db.transaction(async (tx) => {
    await seedSelectionDemo(tx, at);
    // Dwellings and an early-sale request appear once PVT-DEMO-SEL-01 has been selected.
    await seedProhibitionsDemo(tx, at);
    await seedDemoReviewRoster(tx);
  });
  return seeded;
}
