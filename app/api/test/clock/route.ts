import { z } from 'zod';
import { resetClock, shiftClockTo } from '@/lib/clock';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

const ZClock = z.object({ at: z.iso.datetime({ offset: true }).nullable() });

/**
 * Moves the server's clock for browser tests. Exists only when PORTAL_TEST_CLOCK is set,
 * which the production configuration never does: otherwise it answers 404 like any unknown path.
 */
export async function POST(request: Request) {
  if (!env().PORTAL_TEST_CLOCK) return new Response('Not found', { status: 404 });
  const parsed = ZClock.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ errors: parsed.error.issues }, { status: 400 });
  if (parsed.data.at === null) resetClock();
  else shiftClockTo(new Date(parsed.data.at));
  return Response.json({ ok: true });
}
