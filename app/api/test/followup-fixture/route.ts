import { createReviewTestFixture } from '@/lib/dal/test-fixtures';
import { isTestRequest, notFoundResponse } from '@/lib/test-endpoints';

export const dynamic = 'force-dynamic';

/**
 * Creates a selected application of the demo union in Región Metropolitana for one browser test of the
 * follow-up (reports, verification, bridge loan), so each run starts clean. Answers only requests
 * carrying the PORTAL_TEST_CLOCK secret.
 */
export async function POST(request: Request) {
  if (!isTestRequest(request)) return notFoundResponse();
  const fixture = await createReviewTestFixture({ selected: true });
  if (!fixture) return notFoundResponse();
  return Response.json(fixture);
}
