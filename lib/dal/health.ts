import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';

/** True when the database answers a trivial query. */
export async function isDatabaseReady(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
