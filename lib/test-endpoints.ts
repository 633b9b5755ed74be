import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

/** The header a browser test sends with the secret of PORTAL_TEST_CLOCK. */
export const TEST_KEY_HEADER = 'x-portal-test-key';

/**
 * The test-only endpoints (clock, fixtures) answer only when the server was started with a
 * PORTAL_TEST_CLOCK secret AND the request carries that same secret: switching the variable on by
 * mistake in a real deployment still leaves the clock out of reach of anyone who lacks the key.
 */
export function isTestRequest(request: Request): boolean {
  const secret = env().PORTAL_TEST_CLOCK;
  const sent = request.headers.get(TEST_KEY_HEADER);
  if (!secret || !sent) return false;
  const a = Buffer.from(secret);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function notFoundResponse(): Response {
  return new Response('Not found', { status: 404 });
}
