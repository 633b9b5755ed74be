import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { applications, calls, comunas, organizations, regions, rosterEntries } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { applicationScope } from '@/lib/auth/scope';
import type { SessionUser } from '@/lib/auth/session-user';

export interface ApplicationSummaryDto {
  id: string;
  number: string;
  projectName: string;
  status: ApplicationStatus;
  callName: string;
  organizationName: string;
  comunaName: string | null;
  regionName: string | null;
  submittedAt: Date | null;
  workers: number;
}

const summaryColumns = {
  id: applications.id,
  number: applications.number,
  projectName: applications.projectName,
  status: applications.status,
  callName: calls.name,
  organizationName: organizations.name,
  comunaName: comunas.name,
  regionName: regions.shortName,
  submittedAt: applications.submittedAt,
  workers: sql<number>`(select count(*)::int from ${rosterEntries} where ${rosterEntries.applicationId} = ${applications.id} and ${rosterEntries.status} = 'activo')`,
};

/** The applications the user may read: their organisation's, their region's, or all for national staff. */
export async function listApplications(user: SessionUser): Promise<ApplicationSummaryDto[]> {
  const db = await getDb();
  return db
    .select(summaryColumns)
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(comunas, eq(comunas.code, applications.comunaCode))
    .leftJoin(regions, eq(regions.code, applications.regionCode))
    .where(applicationScope(user, 'application.read'))
    .orderBy(desc(applications.updatedAt), asc(applications.number))
    .limit(200);
}

/** One application by id, or null when it does not exist or is outside the user's scope (the same answer). */
export async function getApplication(user: SessionUser, id: string): Promise<ApplicationSummaryDto | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select(summaryColumns)
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(comunas, eq(comunas.code, applications.comunaCode))
    .leftJoin(regions, eq(regions.code, applications.regionCode))
    .where(and(eq(applications.id, id), applicationScope(user, 'application.read')))
    .limit(1);
  return row ?? null;
}
