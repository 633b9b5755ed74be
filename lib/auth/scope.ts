import { and, eq, exists, inArray, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { applications, calls, memberships, rosterEntries, users } from '@/db/schema';
import { hasPermission } from './permissions';
import type { Permission } from './permissions';
import type { SessionUser } from './session-user';

/**
 * The rows of `applications` a user may touch with a given right, as a WHERE condition.
 * A missing right or scope matches no row, so callers see "not found", never someone else's file.
 */
export function applicationScope(user: SessionUser, permission: Permission): SQL {
  if (!hasPermission(user.role, permission)) return sql`false`;
  // A draft belongs to its group until it is sent: no official, national or regional, reads it.
  const sent = sql`${applications.status} <> 'borrador'`;
  switch (user.role) {
    case 'minvu_admin':
      return sent;
    case 'reviewer':
    case 'director':
      return user.regionCode ? and(eq(applications.regionCode, user.regionCode), sent)! : sql`false`;
    case 'gore':
      // Regional governments see the co-financed (D.S. N°49) files of their region only.
      return user.regionCode
        ? and(
            eq(applications.regionCode, user.regionCode),
            inArray(applications.callId, sql`(select ${calls.id} from ${calls} where ${calls.programme} = 'ds49_gore')`),
            sent,
          )!
        : sql`false`;
    case 'org_rep':
      return inArray(applications.organizationId, memberOf(user, memberships.organizationId));
    case 'employer_rep':
      return inArray(applications.employerId, memberOf(user, memberships.employerId));
    case 'sponsor':
      return or(
        inArray(applications.sponsorId, memberOf(user, memberships.sponsorId)),
        inArray(applications.builderId, memberOf(user, memberships.sponsorId)),
      )!;
    case 'worker':
      // Only an ACTIVE roster entry with the account's RUT opens the file (a replaced or withdrawn worker
      // loses access), and only once the account proved the RUT is its own: by ClaveÚnica, or by a
      // verified e-mail that is the one the organisation recorded on that roster row. Typing someone
      // else's RUT at sign-up opens nothing.
      return user.rut
        ? exists(
            sql`(select 1 from ${rosterEntries} inner join ${users} on ${users.id} = ${user.id}
                 where ${rosterEntries.applicationId} = ${applications.id} and ${rosterEntries.rut} = ${user.rut} and ${rosterEntries.status} = 'activo'
                   and ${users.rut} = ${rosterEntries.rut} and ${users.disabledAt} is null
                   and (${users.rutVerifiedAt} is not null
                        or (${users.emailVerified} is not null and lower(trim(${rosterEntries.email})) = ${users.email})))`,
          )
        : sql`false`;
  }
}

function memberOf(user: SessionUser, column: AnyPgColumn) {
  return sql`(select ${column} from ${memberships} where ${memberships.userId} = ${user.id} and ${column} is not null)`;
}
