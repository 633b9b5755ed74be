import 'server-only';
import { getDb } from '@/db';
import { createReviewFixture } from '@/db/seed/demo-review';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';

/**
 * A fresh submitted (or, with `selected`, selected) application for browser tests of SERVIU's review and follow-up (test servers only: without
 * PORTAL_TEST_CLOCK it returns null and the route answers 404, like any unknown path).
 */
export async function createReviewTestFixture(options: { selected?: boolean } = {}): Promise<{ id: string; number: string } | null> {
  if (!env().PORTAL_TEST_CLOCK) return null;
  const db = await getDb();
  return db.transaction((tx) => createReviewFixture(tx, now(), options));
}
