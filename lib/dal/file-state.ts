import 'server-only';
import { Decimal } from 'decimal.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, applications, comunas, documents, rosterEntries } from '@/db/schema';
import { now } from '@/lib/clock';
import { FOLLOWUP_DOCUMENT_SLOTS, documentSlotById } from '@/lib/domain/document-slots';
import { ZFileState, diffRosterRows, diffSectionFields, newDocumentIds } from '@/lib/review/file-diff';
import type { FieldChange, FileState, RosterRowChange } from '@/lib/review/file-diff';
import { observationSectionLabels } from '@/lib/validations/observations';

const followupSlots = new Set(FOLLOWUP_DOCUMENT_SLOTS.map((s) => s.id));

/**
 * The file as it stands now: sections, dwellings, the active roster and the ids of every version of
 * its documents. No scope check: callers pass an application they already authorised.
 */
export async function captureFileState(db: DbOrTx, applicationId: string, at: Date = now()): Promise<FileState> {
  const [application] = await db
    .select({ projectName: applications.projectName, comunaCode: applications.comunaCode, sections: applications.sections })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (!application) throw new Error(`No existe la postulación ${applicationId}.`);
  const dwellings = await db
    .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
    .from(applicationDwellings)
    .where(eq(applicationDwellings.applicationId, applicationId))
    .orderBy(asc(applicationDwellings.band), asc(applicationDwellings.priceUf), asc(applicationDwellings.id));
  const roster = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')))
    .orderBy(asc(rosterEntries.lastNames), asc(rosterEntries.firstNames), asc(rosterEntries.rut));
  const docs = await db
    .select({ id: documents.id, slot: documents.slot })
    .from(documents)
    .where(eq(documents.applicationId, applicationId))
    .orderBy(asc(documents.uploadedAt), asc(documents.id));
  const sections = application.sections;
  return {
    format: 1,
    capturedAt: at.toISOString(),
    projectName: application.projectName,
    comunaCode: application.comunaCode,
    sections: sections !== null && typeof sections === 'object' && !Array.isArray(sections) ? (sections as Record<string, unknown>) : {},
    // numeric columns read back as "1600.00": kept as the plain decimal, so equal amounts compare equal.
    dwellings: dwellings.map((d) => ({ band: d.band, count: d.count, priceUf: new Decimal(d.priceUf).toFixed() })),
    roster: roster.map((r) => ({
      id: r.id,
      rut: r.rut,
      firstNames: r.firstNames,
      lastNames: r.lastNames,
      unionMember: r.unionMember,
      rshPercentile: r.rshPercentile,
      householdSize: r.householdSize,
      monthlyIncomeClp: r.monthlyIncomeClp,
      savingsUf: new Decimal(r.savingsUf).toFixed(),
      savingsDepositedUf: new Decimal(r.savingsDepositedUf).toFixed(),
      band: r.band,
      birthDate: r.birthDate,
      email: r.email,
      replacesEntryId: r.replacesEntryId,
    })),
    // The file's antecedents only: the follow-up of a selected project is not what observations correct.
    documentIds: docs.filter((d) => !followupSlots.has(d.slot)).map((d) => d.id),
  };
}

/** A stored state read back, or null when it is missing or of an unknown shape. */
export function readFileState(value: unknown): FileState | null {
  const parsed = ZFileState.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface FieldChangeDto extends FieldChange {
  sectionLabel: string;
}

export interface DocumentChangeDto {
  id: string;
  label: string;
  version: number;
  fileName: string;
  uploadedAt: Date;
  /** The worker of a per-worker document (incorporation form). */
  worker: string | null;
}

export interface FileChangesDto {
  /** When the baseline was captured (the round was sent). */
  since: Date;
  fields: FieldChangeDto[];
  roster: RosterRowChange[];
  documents: DocumentChangeDto[];
}

/**
 * What changed in the file between `baseline` and now: section fields (before → after, with the
 * forms' labels), roster rows (which worker, which column) and new document versions.
 */
export async function diffFileSince(db: DbOrTx, applicationId: string, baseline: FileState): Promise<FileChangesDto> {
  const current = await captureFileState(db, applicationId);
  const codes = [baseline.comunaCode, current.comunaCode].filter((c): c is string => c !== null);
  const names = new Map(
    codes.length > 0
      ? (await db.select({ code: comunas.code, name: comunas.name }).from(comunas).where(inArray(comunas.code, codes))).map((c) => [c.code, c.name])
      : [],
  );
  const fields = diffSectionFields(baseline, current, { comunaName: (code) => names.get(code) ?? null }).map((f) => ({
    ...f,
    sectionLabel: observationSectionLabels[f.section],
  }));
  const ids = newDocumentIds(baseline, current);
  const rows = ids.length
    ? await db
        .select({
          id: documents.id,
          slot: documents.slot,
          version: documents.version,
          fileName: documents.fileName,
          uploadedAt: documents.uploadedAt,
          firstNames: rosterEntries.firstNames,
          lastNames: rosterEntries.lastNames,
        })
        .from(documents)
        .leftJoin(rosterEntries, eq(rosterEntries.id, documents.rosterEntryId))
        .where(and(eq(documents.applicationId, applicationId), inArray(documents.id, ids)))
        .orderBy(asc(documents.uploadedAt), asc(documents.slot), asc(documents.version))
    : [];
  return {
    since: new Date(baseline.capturedAt),
    fields,
    roster: diffRosterRows(baseline, current),
    documents: rows.map((d) => ({
      id: d.id,
      label: documentSlotById(d.slot)?.label ?? d.slot,
      version: d.version,
      fileName: d.fileName,
      uploadedAt: d.uploadedAt,
      worker: d.firstNames ? `${d.firstNames} ${d.lastNames ?? ''}`.trim() : null,
    })),
  };
}
