import { createSelectionTestFixture } from '@/lib/dal/selection';

export const dynamic = 'force-dynamic';

/**
 * Test servers only (PORTAL_TEST_CLOCK): loads the selection demo data if missing (idempotent) and
 * creates a fresh closed call with three approved projects for one browser test, because a confirmed
 * selection is final. Otherwise it answers 404 like any unknown path.
 */
export async function POST() {
  const fixture = await createSelectionTestFixture();
  if (!fixture) return new Response('Not found', { status: 404 });
  return Response.json(fixture);
}
