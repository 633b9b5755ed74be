import { createReviewTestFixture } from '@/lib/dal/test-fixtures';

export const dynamic = 'force-dynamic';

/**
 * Creates a selected application of the demo union in Región Metropolitana for one browser test of the
 * follow-up (reports, verification, bridge loan), so each run starts clean. Exists only when
 * PORTAL_TEST_CLOCK is set.
 */
export async function POST() {
  const fixture = await createReviewTestFixture({ selected: true });
  if (!fixture) return new Response('Not found', { status: 404 });
  return Response.json(fixture);
}
