import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { authOptions } from './options';
import type { SessionUser } from './session-user';

/** The signed-in user, read once per request from the session cookie and re-checked against the database. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions())) as { userId?: string } | null;
  if (!session?.userId) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, regionCode: users.regionCode, rut: users.rut })
    .from(users)
    .where(and(eq(users.id, session.userId), isNull(users.disabledAt)))
    .limit(1);
  return user ?? null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/ingresar');
  return user;
}

/** The signed-in user when their role is one of `roles`; anyone else is sent away. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) redirect('/sin-acceso');
  return user;
}
