import 'server-only';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { DomainError } from '@/lib/actions/result';
import type { SessionUser } from '@/lib/auth/session-user';
import { FOLLOWUP_DOCUMENT_SLOTS, acceptAttribute, acceptedFormatsText, canUploadSlot } from '@/lib/domain/document-slots';
import { listDocumentVersions, storeDocumentVersion, uploadMaxBytes } from './documents';
import type { DocumentVersionDto } from './documents';
import { loadSelectedApplication } from './followup';
import { readsOwnRowOnly } from '@/lib/auth/permissions';

export interface FollowupDocumentSlot {
  id: string;
  label: string;
  description: string;
  accept: string;
  formats: string;
  canUpload: boolean;
  versions: DocumentVersionDto[];
}

/** The follow-up documents of a selected application, every version, for anyone who may read it. */
export async function getFollowupDocuments(user: SessionUser, applicationId: string): Promise<{ slots: FollowupDocumentSlot[]; maxBytes: number }> {
  const db = await getDb();
  const access = await loadSelectedApplication(db, user, applicationId, 'application.read');
  const slots = await Promise.all(
    FOLLOWUP_DOCUMENT_SLOTS.map(async (slot) => ({
      id: slot.id,
      label: slot.label,
      description: slot.description,
      accept: acceptAttribute(slot),
      formats: acceptedFormatsText(slot),
      canUpload: !readsOwnRowOnly(user.role) && canUploadSlot(slot, access.parties),
      versions: await listDocumentVersions(db, access, slot.id),
    })),
  );
  return { slots, maxBytes: uploadMaxBytes() };
}

/**
 * The Project Committee ('followup.report': the parties of the selected project) backs a report with a
 * document; each upload is a new version, the earlier ones stay. Content checks, storage and audit are
 * those of every document (storeDocumentVersion).
 */
export async function uploadFollowupDocument(
  tx: DbOrTx,
  user: SessionUser,
  input: { applicationId: string; slot: string; fileName: string; bytes: Uint8Array },
): Promise<{ id: string; version: number; sha256: string; slotLabel: string }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.report', { forUpdate: true });
  const slot = FOLLOWUP_DOCUMENT_SLOTS.find((s) => s.id === input.slot);
  if (!slot) throw new DomainError('Ese tipo de documento no existe en el seguimiento del proyecto.');
  if (!canUploadSlot(slot, access.parties)) throw new DomainError('Solo las partes del proyecto pueden subir documentos del seguimiento.');
  const stored = await storeDocumentVersion(tx, user, { applicationId: access.application.id, slot: slot.id, fileName: input.fileName, bytes: input.bytes });
  return { ...stored, slotLabel: slot.label };
}
