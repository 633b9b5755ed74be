import { isDatabaseReady } from '@/lib/dal/health';

export const dynamic = 'force-dynamic';

/** Liveness and database readiness, for load balancers and the test runner. */
export async function GET() {
  const ok = await isDatabaseReady();
  return Response.json({ ok }, { status: ok ? 200 : 503 });
}
