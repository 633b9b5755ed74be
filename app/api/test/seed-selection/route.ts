import { createSelectionTestFixture } from '@/lib/dal/selection';
import { isTestRequest, notFoundResponse } from '@/lib/test-endpoints';

export const dynamic = 'force-dynamic';

/**
 * Test servers only (requests carrying the PORTAL_TEST_CLOCK secret): loads the selection demo data if missing (idempotent) and
 * creates a fresh closed call with three approved projects for one browser test, because a confirmed
 * selection is final. Otherwise it answers 404 like any unknown path.
 */
export async function POST(request: Request) {
  if (!isTestRequest(request)) return notFoundResponse();
  const fixture = await createSelectionTestFixture();
  if (!fixture) return notFoundResponse();
  return Response.json(fixture);
}
