import { z } from 'zod';
import { resetClock, shiftClockTo } from '@/lib/clock';
import { isTestRequest, notFoundResponse } from '@/lib/test-endpoints';

export const dynamic = 'force-dynamic';

const ZClock = z.object({ at: z.iso.datetime({ offset: true }).nullable() });

/**
 * Moves the server's clock for browser tests. Answers only a request carrying the PORTAL_TEST_CLOCK
 * secret; otherwise 404 like any unknown path.
 */
export async function POST(request: Request) {
  if (!isTestRequest(request)) return notFoundResponse();
  const parsed = ZClock.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ errors: parsed.error.issues }, { status: 400 });
  if (parsed.data.at === null) resetClock();
  else shiftClockTo(new Date(parsed.data.at));
  return Response.json({ ok: true });
}
