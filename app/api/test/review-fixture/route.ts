import { createReviewTestFixture } from '@/lib/dal/test-fixtures';

export const dynamic = 'force-dynamic';

/**
 * Creates a submitted application like PVT-DEMO-0002 for one browser test of the review flow, so the
 * test never changes the shared demo files; `?comprobante=1` also freezes its receipt summary. Exists
 * only when PORTAL_TEST_CLOCK is set.
 */
export async function POST(request: Request) {
  const receipt = new URL(request.url).searchParams.get('comprobante') === '1';
  const fixture = await createReviewTestFixture({ receipt });
  if (!fixture) return new Response('Not found', { status: 404 });
  return Response.json(fixture);
}
