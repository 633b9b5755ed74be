import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents, observations, rosterEntries } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session-user';
import { documentSlotById } from '@/lib/domain/document-slots';
import { formatRut } from '@/lib/domain/rut';
import { observationPagePaths, observationSectionLabels, observationSectionPages } from '@/lib/validations/observations';
import type { ObservationPage } from '@/lib/validations/observations';
import { latestSentRound, sectionOwners } from './application-access';
import type { ApplicationAccess, Party } from './application-access';
import { readsOwnRowOnly } from '@/lib/auth/permissions';

type ObservationRow = typeof observations.$inferSelect;

/** What an observation is pinned to, as both sides read it. */
export type ObservationTarget =
  | { kind: 'campo'; section: string; field: string; label: string }
  | { kind: 'documento'; documentId: string; slot: string; rosterEntryId: string | null; label: string }
  | { kind: 'trabajador'; rosterEntryId: string; label: string; /** Still in the active roster (not replaced or removed). */ active: boolean }
  | { kind: 'general'; label: string };

export type TargetContext = {
  documents: Map<string, { slot: string; version: number; fileName: string; rosterEntryId: string | null }>;
  roster: Map<string, { name: string; rut: string; status: string }>;
};

export function sectionLabel(section: string): string {
  return (observationSectionLabels as Record<string, string>)[section] ?? section;
}

export function targetOf(row: Pick<ObservationRow, 'targetField' | 'documentId' | 'rosterEntryId'>, ctx: TargetContext): ObservationTarget {
  if (row.documentId) {
    const doc = ctx.documents.get(row.documentId);
    const label = doc
      ? `${documentSlotById(doc.slot)?.label ?? doc.slot} — versión ${doc.version} (${doc.fileName})`
      : 'Documento';
    return { kind: 'documento', documentId: row.documentId, slot: doc?.slot ?? '', rosterEntryId: doc?.rosterEntryId ?? null, label };
  }
  if (row.rosterEntryId) {
    const entry = ctx.roster.get(row.rosterEntryId);
    const label = entry ? `${entry.name} (RUT ${formatRut(entry.rut)})${entry.status === 'activo' ? '' : ` — ${entry.status}`}` : 'Trabajador de la nómina';
    return { kind: 'trabajador', rosterEntryId: row.rosterEntryId, label, active: entry?.status === 'activo' };
  }
  if (row.targetField) {
    const [section = '', ...rest] = row.targetField.split('.');
    const field = rest.join('.');
    return { kind: 'campo', section, field, label: `${sectionLabel(section)} › ${field}` };
  }
  return { kind: 'general', label: 'Postulación en general' };
}

/** The parties that answer an observation: the owner of the section, the uploader of the document, the union for a worker. */
export function ownersOf(target: ObservationTarget): Party[] {
  switch (target.kind) {
    case 'campo':
      return [...((sectionOwners as Record<string, readonly Party[]>)[target.section] ?? ['organizacion'])];
    case 'documento':
      return [...(documentSlotById(target.slot)?.uploaders ?? ['organizacion'])];
    case 'trabajador':
    case 'general':
      return ['organizacion'];
  }
}

export async function targetContext(db: DbOrTx, applicationId: string): Promise<TargetContext> {
  const docs = await db
    .select({ id: documents.id, slot: documents.slot, version: documents.version, fileName: documents.fileName, rosterEntryId: documents.rosterEntryId })
    .from(documents)
    .where(eq(documents.applicationId, applicationId));
  const roster = await db
    .select({ id: rosterEntries.id, firstNames: rosterEntries.firstNames, lastNames: rosterEntries.lastNames, rut: rosterEntries.rut, status: rosterEntries.status })
    .from(rosterEntries)
    .where(eq(rosterEntries.applicationId, applicationId));
  return {
    documents: new Map(docs.map((d) => [d.id, { slot: d.slot, version: d.version, fileName: d.fileName, rosterEntryId: d.rosterEntryId }])),
    roster: new Map(roster.map((r) => [r.id, { name: `${r.firstNames} ${r.lastNames}`, rut: r.rut, status: r.status }])),
  };
}

/** The page of the applicant's file where what an observation points at is corrected. */
export function observationPageOf(target: ObservationTarget): ObservationPage | null {
  switch (target.kind) {
    case 'campo':
      return (observationSectionPages as Record<string, ObservationPage>)[target.section] ?? null;
    case 'documento':
      return 'documentos';
    case 'trabajador':
      return 'nomina';
    case 'general':
      return null;
  }
}

/** Where to correct an observation: the section page, the worker's page or the documents page. */
export function correctionHrefOf(applicationId: string, target: ObservationTarget): string | null {
  const base = `/portal/postulaciones/${applicationId}`;
  // A replaced or removed worker has no page to correct: the answer (or a replacement) is the way.
  if (target.kind === 'trabajador') return target.active ? `${base}/nomina/trabajador/${target.rosterEntryId}` : null;
  const page = observationPageOf(target);
  return page ? `${base}/${observationPagePaths[page]}` : null;
}

/** One observation of the current round as a page of the file lists it. */
export interface PinnedObservationDto {
  id: string;
  severity: 'bloqueante' | 'advertencia';
  status: ObservationRow['status'];
  message: string;
  target: ObservationTarget;
  owners: Party[];
  /** The answer page, at this observation. */
  href: string;
}

/**
 * The observations of the round the applicant is answering, grouped by the page of the file they point
 * at, while the file is «observada». The caller authorised `access`; a worker gets none (they see only
 * their own observations, on the observations page).
 */
export async function listPinnedObservations(
  db: DbOrTx,
  user: SessionUser,
  access: ApplicationAccess,
): Promise<Map<ObservationPage, PinnedObservationDto[]>> {
  const pages = new Map<ObservationPage, PinnedObservationDto[]>();
  if (readsOwnRowOnly(user.role) || access.application.status !== 'observada') return pages;
  const round = await latestSentRound(db, access.application.id);
  if (!round) return pages;
  const rows = await db
    .select()
    .from(observations)
    .where(and(eq(observations.roundId, round.id), inArray(observations.status, ['abierta', 'respondida'])))
    .orderBy(asc(observations.createdAt), asc(observations.id));
  if (rows.length === 0) return pages;
  const ctx = await targetContext(db, access.application.id);
  for (const row of rows.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'bloqueante' ? -1 : 1))) {
    const target = targetOf(row, ctx);
    const page = observationPageOf(target);
    if (!page) continue;
    const list = pages.get(page) ?? [];
    list.push({
      id: row.id,
      severity: row.severity,
      status: row.status,
      message: row.message,
      target,
      owners: ownersOf(target),
      href: `/portal/postulaciones/${access.application.id}/observaciones#observacion-${row.id}`,
    });
    pages.set(page, list);
  }
  return pages;
}
