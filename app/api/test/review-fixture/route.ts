import { createReviewTestFixture } from '@/lib/dal/test-fixtures';
import { isTestRequest, notFoundResponse } from '@/lib/test-endpoints';

export const dynamic = 'force-dynamic';

/**
 * Creates a submitted application like PVT-DEMO-0002 for one browser test of the review flow, so the
 * test never changes the shared demo files; `?comprobante=1` also freezes its receipt summary. Answers
 * only requests carrying the PORTAL_TEST_CLOCK secret.
 */
export async function POST(request: Request) {
  if (!isTestRequest(request)) return notFoundResponse();
  const receipt = new URL(request.url).searchParams.get('comprobante') === '1';
  const fixture = await createReviewTestFixture({ receipt });
  if (!fixture) return notFoundResponse();
  return Response.json(fixture);
}
