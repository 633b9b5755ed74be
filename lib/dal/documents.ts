import 'server-only';
import { randomUUID, createHash } from 'node:crypto';
import { and, asc, desc, eq, exists, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applications, documents, rosterEntries, users } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission, readsOwnRowOnly } from '@/lib/auth/permissions';
import { applicationScope } from '@/lib/auth/scope';
import type { SessionUser } from '@/lib/auth/session-user';
import { PORTAL_TIME_ZONE, now } from '@/lib/clock';
import { ZCalendarDate } from '@/lib/domain/call-parameters';
import { callDateOf } from '@/lib/domain/deadlines';
import {
  APPLICATION_DOCUMENT_SLOTS,
  INCORPORATION_FORM_SLOT_ID,
  acceptAttribute,
  acceptedFormatsText,
  canUploadSlot,
  documentSlotById,
  evaluateDocumentSlot,
  formatCalendarDate,
  landSituationOf,
  slotRuleText,
} from '@/lib/domain/document-slots';
import type { LandSituation } from '@/lib/domain/document-slots';
import { env } from '@/lib/env';
import { getStorage } from '@/lib/services';
import { inspectUpload } from '@/lib/storage/inspect-upload';
import { recordWrittenFile } from '@/lib/storage/written-files';
import { assertEditWindow, bumpVersion, getEditWindow, loadApplication } from './application-access';
import type { ApplicationAccess, Party } from './application-access';
import { writeAudit } from './audit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DocumentSlotStatus {
  slot: string;
  label: string;
  required: boolean;
  owner: Party;
  rule: string;
  current: { id: string; version: number; fileName: string; sha256: string; uploadedAt: Date; issuedOn: string | null } | null;
  ok: boolean;
  problem: string | null;
}

/** One stored version of a slot, as the history shows it. */
export interface DocumentVersionDto {
  id: string;
  version: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  issuedOn: string | null;
  uploadedAt: Date;
  uploadedByName: string | null;
}

export interface DocumentDownload {
  id: string;
  applicationId: string;
  slot: string;
  version: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  bytes: Uint8Array;
}

/** A slot as the documents page shows it: its status, guidance, whether the user may upload, and history. */
export interface DocumentSlotView extends DocumentSlotStatus {
  description: string;
  source: string;
  applicable: boolean;
  note: string | null;
  formats: string;
  accept: string;
  needsIssueDate: boolean;
  canUpload: boolean;
  versions: DocumentVersionDto[];
}

export interface ApplicationDocumentsDto {
  applicationId: string;
  landSituation: LandSituation;
  /** The applicant side may still upload (draft of an open call, or correction window; a right to edit). */
  editable: boolean;
  /** Why nobody can upload now, in Spanish; null while editable. */
  lockedReason: string | null;
  /** Set while the file is observed and its correction deadline has not passed. */
  correction: { deadlineAt: Date | null } | null;
  maxBytes: number;
  /** The call's maximum age of the title certificate when the application is sent, in calendar days. */
  titleCertificateMaxAgeDays: number;
  /** Today in Chile ("YYYY-MM-DD"): the latest issue date a certificate may carry. */
  today: string;
  /** The party or parties the user speaks for in this application. */
  parties: Party[];
  slots: DocumentSlotView[];
}

/** Largest accepted upload, in bytes (UPLOAD_MAX_MB). */
export function uploadMaxBytes(): number {
  return Math.floor(env().UPLOAD_MAX_MB * 1024 * 1024);
}

/** The name as the person chose it, without a browser's fake path or control characters, kept short. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'documento';
  if (clean.length <= 160) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : '';
  return `${clean.slice(0, 160 - extension.length - 1)}…${extension}`;
}

/** Today's calendar date in Chile ("YYYY-MM-DD"), by the server clock. */
function santiagoToday(): string {
  return callDateOf(now(), { timeZone: PORTAL_TIME_ZONE });
}

const uploaderLabels: Record<Party, string> = {
  organizacion: 'la organización de trabajadores',
  empleador: 'el empleador',
  patrocinante: 'la entidad patrocinante',
  constructora: 'la constructora',
};

/**
 * A new version of one of the application's own documents, by a party that uploads that slot, while
 * the edit window is open: the draft of an open call, or the correction of observations before its
 * deadline (server clock). A new file changes what would be sent, so earlier submission approvals lapse.
 */
export async function uploadApplicationDocument(
  tx: DbOrTx,
  user: SessionUser,
  input: { applicationId: string; slot: string; fileName: string; bytes: Uint8Array; issuedOn: string | null },
): Promise<{ id: string; version: number; sha256: string; slotLabel: string }> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
  await assertEditWindow(tx, access, 'documento');
  const slot = APPLICATION_DOCUMENT_SLOTS.find((s) => s.id === input.slot);
  if (!slot) throw new DomainError('Ese tipo de documento no existe en la postulación.');
  if (!canUploadSlot(slot, access.parties))
    throw new DomainError(`Este documento lo sube ${uploaderLabels[slot.owner]}; usted puede verlo, pero no subir versiones.`);
  const stored = await storeDocumentVersion(tx, user, {
    applicationId: access.application.id,
    slot: slot.id,
    fileName: input.fileName,
    bytes: input.bytes,
    issuedOn: input.issuedOn,
  });
  await bumpVersion(tx, access.application.id, null);
  return { ...stored, slotLabel: slot.label };
}

/**
 * Stores a new version of a document slot. The caller has already authorised the application (loaded
 * in scope, edit window open, party allowed for the slot). Inspects the content (type by magic numbers, size,
 * SHA-256), stores it under a fresh key that never comes from the file name, inserts the next version
 * (earlier versions stay), and writes the audit row. A refused file throws DomainError with the Spanish
 * reason, also under `fieldErrors.file` (`fieldErrors.issuedOn` for a wrong issue date).
 */
export async function storeDocumentVersion(
  tx: DbOrTx,
  user: SessionUser,
  input: {
    applicationId: string;
    slot: string;
    rosterEntryId?: string | null;
    fileName: string;
    bytes: Uint8Array;
    issuedOn?: string | null;
  },
): Promise<{ id: string; version: number; sha256: string }> {
  const definition = documentSlotById(input.slot);
  if (!definition) throw new DomainError('Ese tipo de documento no existe en la postulación.');
  const rosterEntryId = input.rosterEntryId ?? null;
  if (definition.id === INCORPORATION_FORM_SLOT_ID) {
    if (!rosterEntryId || !UUID.test(rosterEntryId)) throw new DomainError('Indique a qué trabajador o trabajadora corresponde el formulario.');
    const [entry] = await tx
      .select({ id: rosterEntries.id })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.id, rosterEntryId), eq(rosterEntries.applicationId, input.applicationId)))
      .limit(1);
    if (!entry) throw new DomainError('La persona indicada no está en la nómina de esta postulación.');
  } else if (rosterEntryId) {
    throw new DomainError('Este documento es de la postulación, no de un trabajador en particular.');
  }

  let issuedOn: string | null = null;
  if (definition.needsIssueDate) {
    const raw = input.issuedOn?.trim() ?? '';
    if (!raw) {
      const message = 'Indique la fecha de emisión que aparece en el certificado.';
      throw new DomainError(message, { issuedOn: message });
    }
    if (!ZCalendarDate.safeParse(raw).success) {
      const message = 'La fecha de emisión no es una fecha válida (día, mes y año).';
      throw new DomainError(message, { issuedOn: message });
    }
    const today = santiagoToday();
    if (raw > today) {
      const message = `La fecha de emisión (${formatCalendarDate(raw)}) no puede ser posterior a hoy, ${formatCalendarDate(today)}.`;
      throw new DomainError(message, { issuedOn: message });
    }
    if (raw < '1900-01-01') {
      const message = 'Revise el año de la fecha de emisión.';
      throw new DomainError(message, { issuedOn: message });
    }
    issuedOn = raw;
  }

  const fileName = cleanFileName(input.fileName);
  const inspection = await inspectUpload(input.bytes, fileName, { maxBytes: uploadMaxBytes(), allowed: definition.accepted });
  if (!inspection.ok) throw new DomainError(inspection.message, { file: inspection.message });

  // Version numbers are allocated under the application's row lock, so two uploads never share one.
  const [locked] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.id, input.applicationId))
    .for('update');
  if (!locked) throw new DomainError('No se encontró la postulación.');
  const sameSlot = and(
    eq(documents.applicationId, input.applicationId),
    eq(documents.slot, definition.id),
    rosterEntryId ? eq(documents.rosterEntryId, rosterEntryId) : isNull(documents.rosterEntryId),
  );
  const [previous] = await tx
    .select({ id: documents.id, version: documents.version, fileName: documents.fileName, sha256: documents.sha256 })
    .from(documents)
    .where(sameSlot)
    .orderBy(desc(documents.version))
    .limit(1);
  const version = (previous?.version ?? 0) + 1;

  const id = randomUUID();
  const storageKey = [
    'applications',
    input.applicationId,
    definition.id,
    ...(rosterEntryId ? [rosterEntryId] : []),
    `${id}-${inspection.sha256.slice(0, 16)}.${inspection.ext}`,
  ].join('/');
  // Stored before the row exists: a failed write leaves no record pointing at a missing file.
  await getStorage().put(storageKey, input.bytes, inspection.mime);
  recordWrittenFile(storageKey);
  const [row] = await tx
    .insert(documents)
    .values({
      id,
      applicationId: input.applicationId,
      slot: definition.id,
      rosterEntryId,
      version,
      fileName,
      contentType: inspection.mime,
      sizeBytes: inspection.size,
      sha256: inspection.sha256,
      storageKey,
      issuedOn,
      uploadedBy: user.id,
      uploadedAt: now(),
    })
    .returning({ id: documents.id, version: documents.version, sha256: documents.sha256 });
  await writeAudit(tx, user, {
    action: 'document.upload',
    entityType: 'document',
    entityId: id,
    before: previous ? { id: previous.id, version: previous.version, fileName: previous.fileName, sha256: previous.sha256 } : null,
    after: {
      applicationId: input.applicationId,
      slot: definition.id,
      rosterEntryId,
      version,
      fileName,
      contentType: inspection.mime,
      sizeBytes: inspection.size,
      sha256: inspection.sha256,
      issuedOn,
    },
  });
  return row!;
}

const versionColumns = {
  id: documents.id,
  slot: documents.slot,
  version: documents.version,
  fileName: documents.fileName,
  contentType: documents.contentType,
  sizeBytes: documents.sizeBytes,
  sha256: documents.sha256,
  issuedOn: documents.issuedOn,
  uploadedAt: documents.uploadedAt,
  uploadedByName: users.name,
};

/** Every version of the application-level slots, newest first (the access was authorised by the caller). */
async function applicationVersions(db: DbOrTx, applicationId: string) {
  return db
    .select(versionColumns)
    .from(documents)
    .leftJoin(users, eq(users.id, documents.uploadedBy))
    .where(and(eq(documents.applicationId, applicationId), isNull(documents.rosterEntryId)))
    .orderBy(asc(documents.slot), desc(documents.version));
}

type VersionRow = Awaited<ReturnType<typeof applicationVersions>>[number];

function toVersionDto(row: VersionRow): DocumentVersionDto {
  return {
    id: row.id,
    version: row.version,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    issuedOn: row.issuedOn,
    uploadedAt: row.uploadedAt,
    uploadedByName: row.uploadedByName,
  };
}

function evaluateSlots(access: ApplicationAccess, rows: VersionRow[], at: Date) {
  const situation = landSituationOf(access.application.sections);
  const params = access.call.parameters;
  return APPLICATION_DOCUMENT_SLOTS.map((definition) => {
    const versions = rows.filter((r) => r.slot === definition.id);
    const latest = versions[0] ?? null;
    // A version presented after `at` (a correction uploaded once the file was sent) is judged at the
    // moment it was presented, not at the original submission, which it postdates.
    const presentedAt = latest && latest.uploadedAt.getTime() > at.getTime() ? latest.uploadedAt : at;
    const evaluation = evaluateDocumentSlot(definition, latest ? { issuedOn: latest.issuedOn } : null, { situation, params, at: presentedAt });
    const status: DocumentSlotStatus = {
      slot: definition.id,
      label: definition.label,
      required: evaluation.required,
      owner: definition.owner,
      rule: slotRuleText(definition, params),
      current: latest
        ? {
            id: latest.id,
            version: latest.version,
            fileName: latest.fileName,
            sha256: latest.sha256,
            uploadedAt: latest.uploadedAt,
            issuedOn: latest.issuedOn,
          }
        : null,
      ok: evaluation.ok,
      problem: evaluation.problem,
    };
    return { definition, status, evaluation, versions: versions.map(toVersionDto) };
  });
}

/**
 * The application-level document slots with their current version and whether each meets its rule at
 * `at` (default: the submission instant once sent, the server's now for a draft). The caller passes an
 * access obtained through loadApplication, which already enforced the user's scope.
 */
export async function listDocumentSlots(db: DbOrTx, access: ApplicationAccess, at?: Date): Promise<DocumentSlotStatus[]> {
  const rows = await applicationVersions(db, access.application.id);
  return evaluateSlots(access, rows, at ?? access.application.submittedAt ?? now()).map((s) => s.status);
}

/** Every version of one slot, newest first; old versions are never deleted. Scope comes with `access`. */
export async function listDocumentVersions(
  db: DbOrTx,
  access: ApplicationAccess,
  slot: string,
  rosterEntryId: string | null = null,
): Promise<DocumentVersionDto[]> {
  const rows = await db
    .select(versionColumns)
    .from(documents)
    .leftJoin(users, eq(users.id, documents.uploadedBy))
    .where(
      and(
        eq(documents.applicationId, access.application.id),
        eq(documents.slot, slot),
        rosterEntryId ? eq(documents.rosterEntryId, rosterEntryId) : isNull(documents.rosterEntryId),
      ),
    )
    .orderBy(desc(documents.version));
  return rows.map(toVersionDto);
}

/**
 * The current version of every slot of an application (application-level slots, then each active
 * worker's incorporation form), for the submission snapshot and the receipt. No scope check: callers
 * pass an application they already authorised.
 */
export async function listSubmittedDocuments(
  db: DbOrTx,
  applicationId: string,
): Promise<{ id: string; slot: string; label: string; fileName: string; sha256: string; version: number }[]> {
  const current = await db
    .selectDistinctOn([documents.slot, documents.rosterEntryId], {
      id: documents.id,
      slot: documents.slot,
      rosterEntryId: documents.rosterEntryId,
      fileName: documents.fileName,
      sha256: documents.sha256,
      version: documents.version,
      workerName: sql<string | null>`(${rosterEntries.firstNames} || ' ' || ${rosterEntries.lastNames})`,
      workerActive: sql<boolean | null>`(${rosterEntries.status} = 'activo')`,
    })
    .from(documents)
    .leftJoin(rosterEntries, eq(rosterEntries.id, documents.rosterEntryId))
    .where(eq(documents.applicationId, applicationId))
    .orderBy(documents.slot, documents.rosterEntryId, desc(documents.version));
  const order = new Map(APPLICATION_DOCUMENT_SLOTS.map((s, i) => [s.id, i]));
  return current
    .filter((d) => d.rosterEntryId === null || d.workerActive === true)
    .map((d) => {
      const definition = documentSlotById(d.slot);
      const label = definition?.label ?? d.slot;
      return {
        id: d.id,
        slot: d.slot,
        label: d.rosterEntryId ? `${label} — ${d.workerName ?? ''}`.trim() : label,
        fileName: d.fileName,
        sha256: d.sha256,
        version: d.version,
      };
    })
    .sort((a, b) => (order.get(a.slot) ?? 99) - (order.get(b.slot) ?? 99) || a.label.localeCompare(b.label, 'es'));
}

/**
 * One stored file for the download route, only when the user may read its application
 * (applicationScope joined in the query: organisation, employer, sponsor, worker or region). A worker
 * sees per-worker documents (incorporation forms) only of their own roster entry. Anything else,
 * including a malformed id, is null: the caller answers 404 and cannot tell "forbidden" from "missing".
 */
export async function getDocumentForDownload(user: SessionUser, documentId: string): Promise<DocumentDownload | null> {
  if (!UUID.test(documentId)) return null;
  const db = await getDb();
  const conditions = [eq(documents.id, documentId), applicationScope(user, 'application.read')];
  if (readsOwnRowOnly(user.role)) {
    conditions.push(
      or(
        isNull(documents.rosterEntryId),
        exists(
          db
            .select({ one: sql`1` })
            .from(rosterEntries)
            .where(and(eq(rosterEntries.id, documents.rosterEntryId), eq(rosterEntries.rut, user.rut ?? ''))),
        ),
      )!,
    );
  }
  const [row] = await db
    .select({
      id: documents.id,
      applicationId: documents.applicationId,
      slot: documents.slot,
      version: documents.version,
      fileName: documents.fileName,
      contentType: documents.contentType,
      sizeBytes: documents.sizeBytes,
      sha256: documents.sha256,
      storageKey: documents.storageKey,
    })
    .from(documents)
    .innerJoin(applications, eq(applications.id, documents.applicationId))
    .where(and(...conditions))
    .limit(1);
  if (!row) return null;
  const bytes = await getStorage().get(row.storageKey);
  if (!bytes) {
    console.error('Documento sin archivo en el almacenamiento', { documentId: row.id, storageKey: row.storageKey });
    return null;
  }
  // The hash is the file's identity on the receipt; never serve bytes that no longer match it.
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new Error(`El archivo del documento ${row.id} no coincide con su SHA-256 registrado.`);
  }
  const { storageKey: _storageKey, ...meta } = row;
  return { ...meta, bytes };
}

/**
 * The documents page of one application: loads it within the user's read scope (NotFoundError outside),
 * evaluates every slot and says which ones this user may upload to now.
 */
export async function getApplicationDocuments(user: SessionUser, applicationId: string): Promise<ApplicationDocumentsDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const { application } = access;
  const window = await getEditWindow(db, access, 'documento');
  const lockedReason = window.open ? null : window.reason;
  const editable = lockedReason === null && hasPermission(user.role, 'application.edit');
  const rows = await applicationVersions(db, application.id);
  const evaluated = evaluateSlots(access, rows, application.submittedAt ?? now());
  return {
    applicationId: application.id,
    landSituation: landSituationOf(application.sections),
    editable,
    lockedReason,
    correction: window.open && window.stage === 'subsanacion' ? { deadlineAt: window.deadlineAt } : null,
    maxBytes: uploadMaxBytes(),
    today: santiagoToday(),
    titleCertificateMaxAgeDays: access.call.parameters.deadlines.titleCertificateMaxAgeDays,
    parties: access.parties,
    slots: evaluated.map(({ definition, status, evaluation, versions }) => ({
      ...status,
      description: definition.description,
      source: definition.source,
      applicable: evaluation.applicable,
      // "Until when it serves" matters only while the file can still be sent.
      note: application.status === 'borrador' ? evaluation.note : null,
      formats: acceptedFormatsText(definition),
      accept: acceptAttribute(definition),
      needsIssueDate: definition.needsIssueDate,
      canUpload: editable && canUploadSlot(definition, access.parties),
      versions,
    })),
  };
}
