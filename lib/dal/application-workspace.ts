import 'server-only';
import { cache } from 'react';
import { getDb } from '@/db';
import type { SessionUser } from '@/lib/auth/session-user';
import { loadApplication } from './application-access';
import type { ApplicationAccess } from './application-access';
import { evaluateApplication } from './eligibility';
import type { EligibilityDto } from './eligibility';

export interface ApplicationWorkspace extends ApplicationAccess {
  eligibility: EligibilityDto;
}

/** One application as its participants see it, with the rules engine's current verdict (once per request). */
export const getApplicationWorkspace = cache(async (user: SessionUser, id: string): Promise<ApplicationWorkspace> => {
  const db = await getDb();
  const access = await loadApplication(db, user, id, 'application.read');
  return { ...access, eligibility: await evaluateApplication(db, access) };
});
