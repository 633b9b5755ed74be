import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session-user';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row; call it with the transaction of the change it records, never after it. */
export async function writeAudit(tx: DbOrTx, actor: Pick<SessionUser, 'id' | 'role'> | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
