import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, applications, calls, comunas, incorporationLinks, organizations, regions, rosterEntries } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/jobs/queue';
import { incorporationLinkMail } from '@/lib/mail/templates';
import type { TConfirmIncorporation, TCreateIncorporationLink, TUploadSignedForm } from '@/lib/validations/roster';
import { assertCanEditSection, assertEditWindow, bumpVersion, editBlockedReason, loadApplication } from './application-access';
import type { EditWindowSubject } from './application-access';
import { writeAudit } from './audit';
import { storeDocumentVersion } from './documents';

/** How long a one-time incorporation link works. */
export const INCORPORATION_LINK_DAYS = 14;
const DAY_MS = 86_400_000;

/** What a worker is asked to confirm: the project in plain words, never other workers' data. */
export interface ProjectSummaryDto {
  projectName: string;
  organizationName: string;
  comunaName: string | null;
  regionName: string | null;
  band: number;
  /** Prices of the project's dwellings in the worker's band, in UF (decimal strings, ascending); empty until the sponsor sets them. */
  pricesUf: string[];
  /** Dwellings of the worker's band, summed over its lines; null until the sponsor sets them. */
  dwellingsInBand: number | null;
  callName: string;
  callClosesAt: Date;
}

export interface WorkerIncorporationDto {
  summary: ProjectSummaryDto;
  firstName: string;
  confirmedAt: Date | null;
  method: 'en_linea' | 'formulario_firmado' | null;
  /** Why the worker cannot confirm now (file already sent, call closed), or null. */
  blockedReason: string | null;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function firstNameOf(firstNames: string): string {
  return firstNames.trim().split(/\s+/)[0] ?? firstNames;
}

async function projectSummary(db: DbOrTx, applicationId: string, band: number): Promise<ProjectSummaryDto> {
  const [row] = await db
    .select({
      projectName: applications.projectName,
      organizationName: organizations.name,
      comunaName: comunas.name,
      regionCode: applications.regionCode,
      callName: calls.name,
      callClosesAt: calls.closesAt,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .leftJoin(comunas, eq(comunas.code, applications.comunaCode))
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (!row) throw new NotFoundError('No se encontró la postulación.');
  // A band may have several lines at different prices (several dwelling models).
  const lines = await db
    .select({ priceUf: applicationDwellings.priceUf, count: applicationDwellings.count })
    .from(applicationDwellings)
    .where(and(eq(applicationDwellings.applicationId, applicationId), eq(applicationDwellings.band, band), gt(applicationDwellings.count, 0)))
    .orderBy(asc(applicationDwellings.priceUf));
  const region = row.regionCode
    ? ((await db.select({ name: regions.name }).from(regions).where(eq(regions.code, row.regionCode)).limit(1))[0]?.name ?? null)
    : null;
  return {
    projectName: row.projectName,
    organizationName: row.organizationName,
    comunaName: row.comunaName ?? null,
    regionName: region,
    band,
    pricesUf: [...new Set(lines.map((line) => line.priceUf))],
    dwellingsInBand: lines.length > 0 ? lines.reduce((sum, line) => sum + line.count, 0) : null,
    callName: row.callName,
    callClosesAt: row.callClosesAt,
  };
}

/**
 * Why an incorporation cannot be registered now, or null: the same window as every change of the file
 * (a draft of an open call, or the correction of observations before its deadline, when a replacement
 * or a worker whose band changed confirms).
 */
async function blockedReasonOf(db: DbOrTx, subject: EditWindowSubject): Promise<string | null> {
  return editBlockedReason(db, subject, 'incorporacion');
}

// ── The worker, signed in ──────────────────────────────────────────────────────────────────────────

/**
 * The signed-in worker's own row of an application's roster, found by the RUT of their account: a
 * worker reaches only the project they are listed in, and only their own data.
 */
export async function getWorkerIncorporation(user: SessionUser, applicationId: string): Promise<WorkerIncorporationDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'incorporation.confirm');
  if (!user.rut) throw new NotFoundError('No se encontró la postulación.');
  const [row] = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.rut, user.rut), eq(rosterEntries.status, 'activo')))
    .limit(1);
  if (!row) throw new NotFoundError('Usted no figura en la nómina de esta postulación.');
  return {
    summary: await projectSummary(db, access.application.id, row.band),
    firstName: firstNameOf(row.firstNames),
    confirmedAt: row.incorporationConfirmedAt,
    method: row.incorporationMethod,
    blockedReason: await blockedReasonOf(db, access),
  };
}

/** The signed-in worker declares that they know the project; only their own row (by RUT) can change. */
export async function confirmIncorporationOnline(
  tx: DbOrTx,
  user: SessionUser,
  input: TConfirmIncorporation,
): Promise<{ alreadyConfirmed: boolean }> {
  const access = await loadApplication(tx, user, input.applicationId, 'incorporation.confirm', { forUpdate: true });
  if (!user.rut) throw new NotFoundError('No se encontró la postulación.');
  const [row] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.rut, user.rut), eq(rosterEntries.status, 'activo')))
    .for('update')
    .limit(1);
  if (!row) throw new NotFoundError('Usted no figura en la nómina de esta postulación.');
  if (row.incorporationConfirmedAt) return { alreadyConfirmed: true };
  await assertEditWindow(tx, access, 'incorporacion');
  const at = now();
  await tx
    .update(rosterEntries)
    .set({ incorporationConfirmedAt: at, incorporationMethod: 'en_linea', updatedAt: at })
    .where(and(eq(rosterEntries.id, row.id), eq(rosterEntries.rut, user.rut)));
  await bumpVersion(tx, access.application.id, null);
  await writeAudit(tx, user, {
    action: 'roster.incorporation.confirm',
    entityType: 'application',
    entityId: access.application.id,
    after: { entryId: row.id, rut: row.rut, method: 'en_linea', via: 'cuenta', confirmedAt: at.toISOString() },
  });
  return { alreadyConfirmed: false };
}

// ── One-time link ──────────────────────────────────────────────────────────────────────────────────

/**
 * The union creates a one-time link for a worker of its roster (only the token's SHA-256 is stored; an
 * earlier unused link of the same worker stops working) and, when asked and the worker has an e-mail,
 * queues it by mail. The link itself is returned once, for the leader to copy.
 */
export async function createIncorporationLink(
  tx: DbOrTx,
  user: SessionUser,
  input: TCreateIncorporationLink,
): Promise<{ url: string; expiresAt: Date; emailedTo: string | null }> {
  const access = await loadApplication(tx, user, input.applicationId, 'roster.manage', { forUpdate: true });
  await assertEditWindow(tx, access, 'incorporacion');
  assertCanEditSection(access, 'nomina');
  const [entry] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, input.entryId), eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
    .limit(1);
  if (!entry) throw new NotFoundError('El trabajador ya no está en la nómina.');
  if (entry.incorporationConfirmedAt)
    throw new DomainError(`${entry.firstNames} ${entry.lastNames} ya confirmó su incorporación; no necesita un enlace.`);

  await tx.delete(incorporationLinks).where(and(eq(incorporationLinks.rosterEntryId, entry.id), isNull(incorporationLinks.usedAt)));
  const token = randomBytes(32).toString('base64url');
  const at = now();
  const expiresAt = new Date(at.getTime() + INCORPORATION_LINK_DAYS * DAY_MS);
  const [link] = await tx
    .insert(incorporationLinks)
    .values({ rosterEntryId: entry.id, tokenHash: hashToken(token), expiresAt, createdBy: user.id, createdAt: at })
    .returning({ id: incorporationLinks.id });
  const url = new URL(`/incorporacion/${token}`, env().PUBLIC_BASE_URL).toString();

  let emailedTo: string | null = null;
  if (input.sendEmail && entry.email) {
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, access.application.organizationId)).limit(1);
    const mail = incorporationLinkMail({
      firstName: firstNameOf(entry.firstNames),
      projectName: access.application.projectName,
      organizationName: org?.name ?? 'Su organización',
      expiresAt,
      url,
    });
    await enqueueMail(tx, { to: [entry.email], ...mail }, `incorporation-link:${link!.id}`);
    emailedTo = entry.email;
  }
  await writeAudit(tx, user, {
    action: 'roster.incorporation.link_create',
    entityType: 'application',
    entityId: access.application.id,
    after: { entryId: entry.id, rut: entry.rut, linkId: link!.id, expiresAt: expiresAt.toISOString(), emailedTo },
  });
  return { url, expiresAt, emailedTo };
}

export type IncorporationLinkView =
  | { state: 'valido'; firstName: string; summary: ProjectSummaryDto; expiresAt: Date }
  | { state: 'confirmado'; firstName: string; summary: ProjectSummaryDto }
  | { state: 'usado' }
  | { state: 'vencido' }
  | { state: 'no_encontrado' }
  | { state: 'cerrado'; message: string };

async function linkByToken(db: DbOrTx, token: string, forUpdate: boolean) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const query = db
    .select({ link: incorporationLinks, entry: rosterEntries, application: applications, call: { status: calls.status, closesAt: calls.closesAt } })
    .from(incorporationLinks)
    .innerJoin(rosterEntries, eq(rosterEntries.id, incorporationLinks.rosterEntryId))
    .innerJoin(applications, eq(applications.id, rosterEntries.applicationId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(incorporationLinks.tokenHash, hashToken(token)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: incorporationLinks }) : await query;
  return row ?? null;
}

/**
 * What the public page of a one-time link shows: the project summary and the worker's first name
 * while the link is valid, nothing personal otherwise. The token is the only credential.
 */
export async function getIncorporationLink(token: string): Promise<IncorporationLinkView> {
  const db = await getDb();
  const row = await linkByToken(db, token, false);
  if (!row || row.entry.status !== 'activo') return { state: 'no_encontrado' };
  if (row.link.usedAt) return { state: 'usado' };
  if (row.link.expiresAt.getTime() <= now().getTime()) return { state: 'vencido' };
  const blocked = await blockedReasonOf(db, row);
  if (blocked) return { state: 'cerrado', message: blocked };
  const summary = await projectSummary(db, row.application.id, row.entry.band);
  const firstName = firstNameOf(row.entry.firstNames);
  if (row.entry.incorporationConfirmedAt) return { state: 'confirmado', firstName, summary };
  return { state: 'valido', firstName, summary, expiresAt: row.link.expiresAt };
}

/**
 * The public page's confirmation, in its own transaction: there is no signed-in user, the token is the
 * only credential, so this does not go through the session-based action wrapper.
 */
export async function confirmIncorporationWithLink(token: string): Promise<{ firstName: string }> {
  const db = await getDb();
  return db.transaction((tx) => confirmIncorporationByToken(tx, token));
}

/** Confirms through a one-time link: works once, before it expires, while the file's edit window is open. */
export async function confirmIncorporationByToken(tx: DbOrTx, token: string): Promise<{ firstName: string }> {
  const row = await linkByToken(tx, token, true);
  if (!row || row.entry.status !== 'activo') throw new DomainError('El enlace no es válido. Pida uno nuevo a la directiva de su organización.');
  if (row.link.usedAt) throw new DomainError('Este enlace ya fue usado. Si necesita confirmar de nuevo, pida uno nuevo a la directiva de su organización.');
  const at = now();
  if (row.link.expiresAt.getTime() <= at.getTime())
    throw new DomainError('Este enlace venció. Pida uno nuevo a la directiva de su organización.');
  const blocked = await blockedReasonOf(tx, row);
  if (blocked) throw new DomainError(blocked);

  await tx.update(incorporationLinks).set({ usedAt: at }).where(and(eq(incorporationLinks.id, row.link.id), isNull(incorporationLinks.usedAt)));
  const alreadyConfirmed = row.entry.incorporationConfirmedAt !== null;
  if (!alreadyConfirmed) {
    await tx
      .update(rosterEntries)
      .set({ incorporationConfirmedAt: at, incorporationMethod: 'en_linea', updatedAt: at })
      .where(eq(rosterEntries.id, row.entry.id));
    await bumpVersion(tx, row.application.id, null);
  }
  await writeAudit(tx, null, {
    action: 'roster.incorporation.confirm',
    entityType: 'application',
    entityId: row.application.id,
    after: { entryId: row.entry.id, rut: row.entry.rut, method: 'en_linea', via: 'enlace', linkId: row.link.id, alreadyConfirmed, confirmedAt: at.toISOString() },
  });
  return { firstName: firstNameOf(row.entry.firstNames) };
}

// ── Signed paper form ──────────────────────────────────────────────────────────────────────────────

/** The union uploads a worker's signed paper form; it is stored as a document version of the worker. */
export async function uploadSignedIncorporationForm(
  tx: DbOrTx,
  user: SessionUser,
  input: Omit<TUploadSignedForm, 'file'> & { fileName: string; bytes: Uint8Array },
): Promise<{ documentId: string; version: number }> {
  const access = await loadApplication(tx, user, input.applicationId, 'roster.manage', { forUpdate: true });
  await assertEditWindow(tx, access, 'incorporacion');
  assertCanEditSection(access, 'nomina');
  const [entry] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, input.entryId), eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
    .for('update')
    .limit(1);
  if (!entry) throw new NotFoundError('El trabajador ya no está en la nómina.');
  const document = await storeDocumentVersion(tx, user, {
    applicationId: access.application.id,
    slot: 'formulario_incorporacion',
    rosterEntryId: entry.id,
    fileName: input.fileName,
    bytes: input.bytes,
  });
  const at = now();
  await tx
    .update(rosterEntries)
    .set({ incorporationConfirmedAt: at, incorporationMethod: 'formulario_firmado', updatedAt: at })
    .where(eq(rosterEntries.id, entry.id));
  await bumpVersion(tx, access.application.id, null);
  await writeAudit(tx, user, {
    action: 'roster.incorporation.signed_form',
    entityType: 'application',
    entityId: access.application.id,
    before: { entryId: entry.id, method: entry.incorporationMethod, confirmedAt: entry.incorporationConfirmedAt?.toISOString() ?? null },
    after: { entryId: entry.id, rut: entry.rut, method: 'formulario_firmado', documentId: document.id, version: document.version, sha256: document.sha256 },
  });
  return { documentId: document.id, version: document.version };
}
