import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applications, calls, organizations, rosterEntries } from '@/db/schema';
import { createReviewFixture } from '@/db/seed/demo-review';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';
import { canonicalJson, readSnapshot, snapshotHash } from './submission';

/**
 * A fresh submitted (or, with `selected`, selected) application for browser tests of SERVIU's review and follow-up (test servers only: without
 * PORTAL_TEST_CLOCK it returns null and the route answers 404, like any unknown path). With `receipt`, the
 * submitted file also carries a frozen receipt summary, so its comprobante can be downloaded.
 */
export async function createReviewTestFixture(options: { selected?: boolean; receipt?: boolean } = {}): Promise<{ id: string; number: string } | null> {
  if (!env().PORTAL_TEST_CLOCK) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const at = now();
    const fixture = await createReviewFixture(tx, at, { selected: options.selected });
    if (options.receipt) await freezeReceiptSummary(tx, fixture.id, at);
    return fixture;
  });
}

/** The parts of a submission snapshot the receipt reads, for a fixture that was never sent through the form. */
async function freezeReceiptSummary(tx: DbOrTx, applicationId: string, at: Date): Promise<void> {
  const [row] = await tx
    .select({ application: applications, call: calls, organization: organizations })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(applications.id, applicationId));
  const roster = await tx
    .select({ band: rosterEntries.band, unionMember: rosterEntries.unionMember, n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')))
    .groupBy(rosterEntries.band, rosterEntries.unionMember);
  const byBand = { 1: 0, 2: 0, 3: 0 };
  let unionMembers = 0;
  for (const r of roster) {
    byBand[r.band as 1 | 2 | 3] += r.n;
    if (r.unionMember) unionMembers += r.n;
  }
  const total = byBand[1] + byBand[2] + byBand[3];
  const { application, call, organization } = row!;
  const snapshot = JSON.parse(
    canonicalJson({
      format: 1,
      submittedAt: at.toISOString(),
      application: { id: application.id, number: application.number, projectName: application.projectName, version: application.version },
      submittedBy: { userId: application.createdBy ?? '00000000-0000-4000-8000-000000000000', role: 'org_rep' },
      call: { id: call.id, code: call.code, name: call.name, parametersVersion: call.parametersVersion },
      organization: { name: organization.name, rut: organization.rut },
      rosterSummary: { total, byBand, unionMembers, nonUnionMembers: total - unionMembers, incorporationConfirmed: 0 },
      documents: [],
    }),
  ) as Record<string, unknown>;
  readSnapshot(snapshot);
  await tx.update(applications).set({ submissionSnapshot: snapshot, submissionHash: snapshotHash(snapshot) }).where(eq(applications.id, applicationId));
}
