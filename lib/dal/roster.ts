import 'server-only';
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { documents, observations, rosterEntries, rosterImports } from '@/db/schema';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { hasPermission, readsOwnRowOnly } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import type { ZoneId } from '@/lib/domain/call-parameters';
import type { FileChange } from '@/lib/domain/edit-window';
import type { RuleResult } from '@/lib/domain/explain';
import { readHouseholdFacts } from '@/lib/domain/household-facts';
import { formatRut, normalizeRut } from '@/lib/domain/rut';
import { checkWorker, checkWorkerRsh, checkWorkerSavingsDeposited, checkWorkerSavingsMin } from '@/lib/domain/worker-eligibility';
import { zoneForComuna } from '@/lib/domain/zones';
import { ROSTER_COLUMN_BY_KEY, ROSTER_COLUMN_KEYS } from '@/lib/roster/columns';
import type { RosterColumnKey } from '@/lib/roster/columns';
import { diffRoster } from '@/lib/roster/diff';
import { parseRosterFile } from '@/lib/roster/parse-file';
import type { RosterRow, RosterRowError } from '@/lib/roster/parse-file';
import { ZRosterEntryInput } from '@/lib/roster/schema';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { householdFactsOf } from '@/lib/roster/score-facts';
import { rosterEntryToCells } from '@/lib/roster/template';
import { isRosterImportable, validateRosterRows } from '@/lib/roster/validate-rows';
import type { RosterEligibilityChecker } from '@/lib/roster/validate-rows';
import type { RosterBand, RshPercentile } from '@/lib/roster/values';
import type {
  TAcceptRosterImport,
  TAddRosterEntry,
  TDiscardRosterImport,
  TRemoveRosterEntry,
  TRevalidateRosterImport,
  TSetRosterImportRowExcluded,
  TUpdateRosterEntry,
} from '@/lib/validations/roster';
import { assertCanEditSection, assertEditWindow, bumpVersion, canEditSection, getEditWindow, loadApplication } from './application-access';
import type { ApplicationAccess } from './application-access';
import { writeAudit } from './audit';

type RosterEntryRow = typeof rosterEntries.$inferSelect;

export type IncorporationStatus = 'en_linea' | 'formulario_firmado' | 'pendiente';

/** One worker of the roster as the pages show it. */
export interface RosterEntryDto {
  id: string;
  entry: TRosterEntryInput;
  /** The entry's cells as a Chilean spreadsheet writes them (RUT with dots, 1.404.569, 50,5). */
  cells: Record<RosterColumnKey, string>;
  /** Opaque token of the entry's current content; an edit names it so a concurrent edit is not overwritten. */
  stamp: string;
  incorporation: { status: IncorporationStatus; confirmedAt: Date | null };
}

export interface RosterView {
  applicationId: string;
  applicationNumber: string;
  entries: RosterEntryDto[];
  /** Whether this user may change workers' data now (owner party; draft of an open call, or correction window). */
  canEdit: boolean;
  /** Why the roster is read-only for this user, when it is. */
  readOnlyReason: string | null;
  /** Whether this user may add, remove or import workers now (owner party, draft of an open call). */
  canChangeComposition: boolean;
  /** Why workers cannot be added or removed, when they can still be corrected (correction window). */
  compositionReason: string | null;
  /** Set while the file is observed and its correction deadline has not passed. */
  correction: { deadlineAt: Date | null } | null;
  pendingImport: { id: string; fileName: string; createdAt: Date } | null;
}

// ── Shared helpers ─────────────────────────────────────────────────────────────────────────────────

function toEntry(row: RosterEntryRow): TRosterEntryInput {
  return {
    rut: row.rut,
    firstNames: row.firstNames,
    lastNames: row.lastNames,
    unionMember: row.unionMember,
    rshPercentile: row.rshPercentile as RshPercentile | null,
    householdSize: row.householdSize,
    monthlyIncomeClp: row.monthlyIncomeClp,
    // numeric(12,2) reads back as "55.00"; the roster library compares and prints the plain decimal.
    savingsUf: new Decimal(row.savingsUf).toFixed(),
    savingsDepositedUf: new Decimal(row.savingsDepositedUf).toFixed(),
    band: row.band as RosterBand,
    birthDate: row.birthDate,
    email: row.email,
    ...readHouseholdFacts(row.scoreFacts),
  };
}

function entryColumns(entry: TRosterEntryInput) {
  return {
    rut: entry.rut,
    firstNames: entry.firstNames,
    lastNames: entry.lastNames,
    unionMember: entry.unionMember,
    rshPercentile: entry.rshPercentile,
    householdSize: entry.householdSize,
    monthlyIncomeClp: entry.monthlyIncomeClp,
    savingsUf: entry.savingsUf,
    savingsDepositedUf: entry.savingsDepositedUf,
    band: entry.band,
    birthDate: entry.birthDate,
    email: entry.email,
    scoreFacts: householdFactsOf(entry),
  };
}

function stampOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

function entryStamp(entry: TRosterEntryInput): string {
  return stampOf(ROSTER_COLUMN_KEYS.map((key) => entry[key]));
}

/** Content of the whole active roster; accepting an import names the one its comparison was made against. */
function rosterStamp(entries: readonly TRosterEntryInput[]): string {
  return stampOf([...entries].sort((a, b) => a.rut.localeCompare(b.rut)).map((entry) => ROSTER_COLUMN_KEYS.map((key) => entry[key])));
}

function fullName(entry: Pick<TRosterEntryInput, 'firstNames' | 'lastNames'>): string {
  return `${entry.firstNames} ${entry.lastNames}`;
}

function toDto(row: RosterEntryRow): RosterEntryDto {
  const entry = toEntry(row);
  return {
    id: row.id,
    entry,
    cells: rosterEntryToCells(entry),
    stamp: entryStamp(entry),
    incorporation: {
      status: row.incorporationConfirmedAt ? (row.incorporationMethod ?? 'en_linea') : 'pendiente',
      confirmedAt: row.incorporationConfirmedAt,
    },
  };
}

async function activeRows(db: DbOrTx, applicationId: string): Promise<RosterEntryRow[]> {
  return db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')))
    .orderBy(asc(rosterEntries.lastNames), asc(rosterEntries.firstNames), asc(rosterEntries.rut));
}

/**
 * Roster reads: every participant of the application and SERVIU may read it; a worker may not, since
 * it carries the income and RSH of the other workers (a worker sees only their own row, on the
 * incorporation page).
 */
async function loadForRosterRead(db: DbOrTx, user: SessionUser, applicationId: string): Promise<ApplicationAccess> {
  if (readsOwnRowOnly(user.role)) throw new NotFoundError('No se encontró la postulación.');
  return loadApplication(db, user, applicationId, 'application.read');
}

/**
 * Roster changes: the union (owner of the «nómina» section), while the edit window allows `change`: any
 * change in a draft of an open call; during the correction of observations only a worker's data (the
 * roster's membership changes there only through replacements).
 */
async function loadForRosterChange(
  tx: DbOrTx,
  user: SessionUser,
  applicationId: string,
  change: Extract<FileChange, 'dato_trabajador' | 'composicion_nomina'>,
): Promise<ApplicationAccess> {
  const access = await loadApplication(tx, user, applicationId, 'roster.manage', { forUpdate: true });
  await assertEditWindow(tx, access, change);
  assertCanEditSection(access, 'nomina');
  return access;
}

interface RosterEditState {
  /** Why no worker's data can be changed now, or null when it can. */
  readOnlyReason: string | null;
  /** Why workers cannot be added, removed or imported now (also during a correction), or null when they can. */
  compositionReason: string | null;
  /** The correction window's deadline, when the roster is open for corrections only. */
  correction: { deadlineAt: Date | null } | null;
}

async function rosterEditState(db: DbOrTx, access: ApplicationAccess, user: SessionUser): Promise<RosterEditState> {
  if (!hasPermission(user.role, 'roster.manage') || !canEditSection(access, 'nomina')) {
    const reason = 'La nómina la completa la organización de trabajadores; usted puede verla, pero no modificarla.';
    return { readOnlyReason: reason, compositionReason: reason, correction: null };
  }
  const rows = await getEditWindow(db, access, 'dato_trabajador');
  if (!rows.open) return { readOnlyReason: rows.reason, compositionReason: rows.reason, correction: null };
  const composition = await getEditWindow(db, access, 'composicion_nomina');
  return {
    readOnlyReason: null,
    compositionReason: composition.open ? null : composition.reason,
    correction: rows.stage === 'subsanacion' ? { deadlineAt: rows.deadlineAt } : null,
  };
}

const RUT_UNIQUE_INDEX = 'roster_entries_call_rut_active_idx';

/** Whether the unique index "one active RUT per call" refused a write, and for which RUT (drivers nest the PostgreSQL error differently). */
export function rosterRutIndexViolation(error: unknown): { rut: string | null } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; detail?: unknown; message?: unknown; cause?: unknown };
    const constraint = e.constraint ?? e.constraint_name;
    const text = `${String(e.detail ?? '')} ${String(e.message ?? '')}`;
    if (e.code === '23505' && (constraint === RUT_UNIQUE_INDEX || text.includes(RUT_UNIQUE_INDEX) || /\(call_id, rut\)/.test(text))) {
      const match = /\(call_id, rut\)=\([^,]+, ([^)]+)\)/.exec(text);
      return { rut: match?.[1] ?? null };
    }
    current = e.cause;
  }
  return null;
}

function rutTakenError(rut: string | null): DomainError {
  const message = rut
    ? `El RUT ${formatRut(rut)} ya figura en otra postulación de este llamado. Un trabajador puede estar en una sola postulación por llamado.`
    : 'Uno de los RUT ya figura en otra postulación de este llamado. Un trabajador puede estar en una sola postulación por llamado.';
  return new DomainError(message, { 'entry.rut': message });
}

/** Runs a write that may hit the one-RUT-per-call index, turning the violation into a Spanish message. */
async function withRutIndex<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const taken = rosterRutIndexViolation(error);
    if (taken) throw rutTakenError(taken.rut);
    throw error;
  }
}

/** A clear message before the database index has to refuse: in this roster already, or in another application of the call. */
async function assertRutAvailable(tx: DbOrTx, access: ApplicationAccess, rut: string, exceptEntryId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: rosterEntries.id, applicationId: rosterEntries.applicationId, firstNames: rosterEntries.firstNames, lastNames: rosterEntries.lastNames })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.callId, access.application.callId),
        eq(rosterEntries.rut, rut),
        eq(rosterEntries.status, 'activo'),
        exceptEntryId ? ne(rosterEntries.id, exceptEntryId) : undefined,
      ),
    )
    .limit(1);
  if (!taken) return;
  if (taken.applicationId === access.application.id) {
    const message = `El RUT ${formatRut(rut)} ya está en esta nómina (${fullName(taken)}).`;
    throw new DomainError(message, { 'entry.rut': message });
  }
  throw rutTakenError(rut);
}

/** Workers removed from a draft are deleted, unless a document or an observation points at them; those are kept as «retirado». */
async function removeRows(tx: DbOrTx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const referenced = new Set<string>();
  for (const row of await tx.select({ id: documents.rosterEntryId }).from(documents).where(inArray(documents.rosterEntryId, [...ids])))
    if (row.id) referenced.add(row.id);
  for (const row of await tx.select({ id: observations.rosterEntryId }).from(observations).where(inArray(observations.rosterEntryId, [...ids])))
    if (row.id) referenced.add(row.id);
  const kept = ids.filter((id) => referenced.has(id));
  const deleted = ids.filter((id) => !referenced.has(id));
  if (kept.length > 0)
    await tx.update(rosterEntries).set({ status: 'retirado', updatedAt: now() }).where(inArray(rosterEntries.id, kept));
  if (deleted.length > 0) await tx.delete(rosterEntries).where(inArray(rosterEntries.id, deleted));
}

/**
 * A worker's confirmation refers to the person and the band they were told about: a new RUT or a
 * different band asks for a new confirmation.
 */
function incorporationReset(before: TRosterEntryInput, after: TRosterEntryInput) {
  return before.rut !== after.rut || before.band !== after.band
    ? { incorporationConfirmedAt: null, incorporationMethod: null }
    : {};
}

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────────

/** The active roster of an application the user may read (participants and SERVIU; never a worker). */
export async function getRosterView(user: SessionUser, applicationId: string): Promise<RosterView> {
  const db = await getDb();
  const access = await loadForRosterRead(db, user, applicationId);
  const rows = await activeRows(db, access.application.id);
  const state = await rosterEditState(db, access, user);
  let pendingImport: RosterView['pendingImport'] = null;
  if (state.compositionReason === null) {
    const [pending] = await db
      .select({ id: rosterImports.id, fileName: rosterImports.fileName, createdAt: rosterImports.createdAt })
      .from(rosterImports)
      .where(and(eq(rosterImports.applicationId, access.application.id), eq(rosterImports.status, 'pendiente')))
      .limit(1);
    pendingImport = pending ?? null;
  }
  return {
    applicationId: access.application.id,
    applicationNumber: access.application.number,
    entries: rows.map(toDto),
    canEdit: state.readOnlyReason === null,
    readOnlyReason: state.readOnlyReason,
    canChangeComposition: state.compositionReason === null,
    compositionReason: state.readOnlyReason === null ? state.compositionReason : null,
    correction: state.correction,
    pendingImport,
  };
}

/** One active worker of a roster the user manages, for the edit page. */
export async function getRosterEntry(
  user: SessionUser,
  applicationId: string,
  entryId: string,
): Promise<
  RosterEntryDto & { canEdit: boolean; readOnlyReason: string | null; canRemove: boolean; rutLocked: boolean; correction: { deadlineAt: Date | null } | null }
> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'roster.manage');
  assertCanEditSection(access, 'nomina');
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw new NotFoundError('No se encontró al trabajador en la nómina.');
  const [row] = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, entryId), eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
    .limit(1);
  if (!row) throw new NotFoundError('No se encontró al trabajador en la nómina.');
  const state = await rosterEditState(db, access, user);
  return {
    ...toDto(row),
    canEdit: state.readOnlyReason === null,
    readOnlyReason: state.readOnlyReason,
    canRemove: state.compositionReason === null,
    // During a correction the RUT is not editable: another RUT is another person (a replacement).
    rutLocked: state.correction !== null,
    correction: state.correction,
  };
}

/** The roster as entries, for the CSV/XLSX export. */
export async function getRosterForExport(user: SessionUser, applicationId: string): Promise<{ applicationNumber: string; entries: TRosterEntryInput[] }> {
  const db = await getDb();
  const access = await loadForRosterRead(db, user, applicationId);
  const rows = await activeRows(db, access.application.id);
  return { applicationNumber: access.application.number, entries: rows.map(toEntry) };
}

/** Checks that the user may read this application's roster (the template download sits under it). */
export async function assertRosterReadable(user: SessionUser, applicationId: string): Promise<{ applicationNumber: string }> {
  const db = await getDb();
  const access = await loadForRosterRead(db, user, applicationId);
  return { applicationNumber: access.application.number };
}

// ── Single-worker changes ──────────────────────────────────────────────────────────────────────────

/**
 * The band requirements of one worker typed by hand, with the same rules engine check the file import
 * applies (rosterEligibilityChecker): each failing requirement as a message next to its field.
 */
function assertMeetsBand(access: ApplicationAccess, entry: TRosterEntryInput): void {
  const problems = rosterEligibilityChecker(access)(entry);
  if (problems.length === 0) return;
  const fieldErrors: Record<string, string> = {};
  for (const problem of problems) {
    const key = `entry.${problem.column}`;
    fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${problem.message}` : problem.message;
  }
  throw new DomainError(
    `${fullName(entry)} no cumple ${problems.length === 1 ? 'un requisito' : 'requisitos'} del tramo ${entry.band}: revise los campos marcados, o asígnele otro tramo.`,
    fieldErrors,
  );
}

/**
 * Adds a worker to the roster of a draft the user's union owns, if they meet the requirements of their
 * band (never during a correction: replacements do that).
 */
export async function addRosterEntry(tx: DbOrTx, user: SessionUser, input: TAddRosterEntry): Promise<{ entryId: string }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  await assertRutAvailable(tx, access, input.entry.rut);
  assertMeetsBand(access, input.entry);
  await bumpVersion(tx, access.application.id, null);
  const [row] = await withRutIndex(() =>
    tx
      .insert(rosterEntries)
      .values({ applicationId: access.application.id, callId: access.application.callId, ...entryColumns(input.entry), createdAt: now(), updatedAt: now() })
      .returning({ id: rosterEntries.id }),
  );
  await writeAudit(tx, user, {
    action: 'roster.entry.create',
    entityType: 'application',
    entityId: access.application.id,
    after: { entryId: row!.id, ...input.entry },
  });
  return { entryId: row!.id };
}

/**
 * Changes a worker's data, under the same band requirements as adding one, in the draft or during the
 * correction of observations (then not the RUT: another RUT is another person, which only a replacement
 * may bring). `expectedStamp` is the content the user edited: if someone changed the worker meanwhile,
 * nothing is overwritten (ConflictError).
 */
export async function updateRosterEntry(
  tx: DbOrTx,
  user: SessionUser,
  input: TUpdateRosterEntry,
): Promise<{ entryId: string; incorporationReset: boolean }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'dato_trabajador');
  const [row] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, input.entryId), eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
    .for('update')
    .limit(1);
  if (!row) throw new NotFoundError('El trabajador ya no está en la nómina; puede que otra persona lo haya quitado.');
  const before = toEntry(row);
  if (entryStamp(before) !== input.expectedStamp)
    throw new ConflictError(
      'Otra persona cambió los datos de este trabajador mientras usted los editaba. Recargue la página para ver los datos actuales; lo que escribió sigue en el formulario.',
    );
  if (before.rut !== input.entry.rut) {
    const window = await getEditWindow(tx, access, 'rut_trabajador');
    if (!window.open) throw new DomainError(window.reason, { 'entry.rut': window.reason });
    await assertRutAvailable(tx, access, input.entry.rut, row.id);
  }
  assertMeetsBand(access, input.entry);
  await bumpVersion(tx, access.application.id, null);
  const reset = incorporationReset(before, input.entry);
  await withRutIndex(() =>
    tx
      .update(rosterEntries)
      .set({ ...entryColumns(input.entry), ...reset, updatedAt: now() })
      .where(eq(rosterEntries.id, row.id)),
  );
  await writeAudit(tx, user, {
    action: 'roster.entry.update',
    entityType: 'application',
    entityId: access.application.id,
    before: { entryId: row.id, ...before, incorporationMethod: row.incorporationMethod },
    after: { entryId: row.id, ...input.entry, ...('incorporationMethod' in reset ? { incorporationMethod: null } : {}) },
  });
  return { entryId: row.id, incorporationReset: 'incorporationMethod' in reset && row.incorporationConfirmedAt !== null };
}

/** Removes a worker from the roster of a draft (never during a correction: replacements do that). */
export async function removeRosterEntry(tx: DbOrTx, user: SessionUser, input: TRemoveRosterEntry): Promise<{ name: string }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  const [row] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, input.entryId), eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
    .for('update')
    .limit(1);
  if (!row) throw new NotFoundError('El trabajador ya no está en la nómina; puede que otra persona lo haya quitado.');
  await bumpVersion(tx, access.application.id, null);
  await removeRows(tx, [row.id]);
  await writeAudit(tx, user, {
    action: 'roster.entry.delete',
    entityType: 'application',
    entityId: access.application.id,
    before: { entryId: row.id, ...toEntry(row), incorporationMethod: row.incorporationMethod },
  });
  return { name: fullName(row) };
}

// ── File import ────────────────────────────────────────────────────────────────────────────────────

/** A row of a pending import as stored: the cells as read (or corrected), its own cell errors and all its errors. */
interface StoredImportRow {
  rowNumber: number;
  values: Record<RosterColumnKey, string>;
  entry: TRosterEntryInput | null;
  /** Errors of the row's own cells (the schema); kept so cross-row checks can be re-run alone. */
  cellErrors: RosterRowError[];
  /** Cell errors plus the checks across rows, other applications and band requirements, at the last validation. */
  errors: RosterRowError[];
  /** Dropped from the import by the user (and restorable): not checked against the other rows, not imported. */
  excluded?: boolean;
}

interface StoredImport {
  format: 'csv' | 'xlsx' | null;
  ignoredColumns: string[];
  rows: StoredImportRow[];
}

const ELIGIBILITY_COLUMNS: Record<string, RosterColumnKey> = {
  'worker.rsh': 'rshPercentile',
  'worker.savings_min': 'savingsUf',
  'worker.savings_deposited': 'savingsDepositedUf',
  'worker.income_cap': 'monthlyIncomeClp',
};

function zoneOf(access: ApplicationAccess): ZoneId | null {
  if (!access.comuna) return null;
  return zoneForComuna(
    { comunaCode: access.comuna.code, provinceCode: access.comuna.provinceCode, regionCode: access.comuna.regionCode },
    access.call.parameters,
  ).zone;
}

/**
 * The band requirements of each row, from the rules engine with the call's parameters and the zone of
 * the application's comuna. Without a comuna the income cap (which depends on the zone) cannot be
 * checked yet; the other requirements still are.
 */
export function rosterEligibilityChecker(access: ApplicationAccess): RosterEligibilityChecker {
  const params = access.call.parameters;
  const zone = zoneOf(access);
  return (entry) => {
    const worker = { ...entry, monthlyIncomeClp: entry.monthlyIncomeClp };
    const reasons: RuleResult[] = zone
      ? checkWorker(worker, zone, params).reasons
      : [checkWorkerRsh(worker, params), checkWorkerSavingsMin(worker, params), checkWorkerSavingsDeposited(worker, params)];
    return reasons
      .filter((reason) => !reason.ok && reason.id !== 'worker.rut')
      .map((reason) => ({ column: ELIGIBILITY_COLUMNS[reason.id] ?? 'band', message: reason.message }));
  };
}

async function rutsInOtherApplications(db: DbOrTx, access: ApplicationAccess, ruts: readonly string[]): Promise<Set<string>> {
  if (ruts.length === 0) return new Set();
  const rows = await db
    .select({ rut: rosterEntries.rut })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.callId, access.application.callId),
        ne(rosterEntries.applicationId, access.application.id),
        eq(rosterEntries.status, 'activo'),
        inArray(rosterEntries.rut, [...new Set(ruts)]),
      ),
    );
  return new Set(rows.map((row) => row.rut));
}

/**
 * Re-runs the checks across rows against the database as it is now. Rows the user dropped are left
 * out of the comparison (a dropped duplicate no longer makes its twin fail) and keep only their own
 * cell errors.
 */
async function crossValidate(db: DbOrTx, access: ApplicationAccess, rows: readonly StoredImportRow[]): Promise<StoredImportRow[]> {
  const included = rows.filter((row) => !row.excluded);
  const ruts = included.flatMap((row) => (row.entry ? [row.entry.rut] : []));
  const validated = validateRosterRows(
    included.map((row): RosterRow => ({ rowNumber: row.rowNumber, values: row.values, entry: row.entry ?? undefined, errors: row.cellErrors })),
    { rutsInOtherApplications: await rutsInOtherApplications(db, access, ruts), checkEligibility: rosterEligibilityChecker(access) },
  );
  const errorsByRow = new Map(validated.map((row) => [row.rowNumber, row.errors]));
  return rows.map((row) => ({ ...row, errors: row.excluded ? row.cellErrors : (errorsByRow.get(row.rowNumber) ?? row.cellErrors) }));
}

/** Whether the rows the user kept can all be imported (at least one, none with errors). */
function isImportable(rows: readonly StoredImportRow[]): boolean {
  return isRosterImportable(
    rows.filter((row) => !row.excluded).map((row) => ({ rowNumber: row.rowNumber, values: row.values, entry: row.entry ?? undefined, errors: row.errors })),
  );
}

/** The RUT a row names, read even when other cells of the row are wrong. */
function rowRut(row: StoredImportRow): string | null {
  return row.entry?.rut ?? normalizeRut(row.values.rut);
}

/**
 * What accepting would make the roster: the rows kept, plus — for each dropped row naming a worker who
 * is already in the roster and not among the kept rows — that worker as they are now. Dropping a row
 * means «do not take this row from the file»; it never removes a valid worker already in the roster.
 */
function incomingRoster(rows: readonly StoredImportRow[], current: readonly RosterEntryRow[]): { incoming: TRosterEntryInput[]; keptCurrent: Set<string> } {
  const kept = rows.filter((row) => !row.excluded && row.entry).map((row) => row.entry!);
  const keptRuts = new Set(kept.map((entry) => entry.rut));
  const droppedRuts = new Set(rows.filter((row) => row.excluded).flatMap((row) => rowRut(row) ?? []));
  const keptCurrent = new Set<string>();
  const incoming = [...kept];
  for (const worker of current) {
    if (droppedRuts.has(worker.rut) && !keptRuts.has(worker.rut)) {
      incoming.push(toEntry(worker));
      keptCurrent.add(worker.rut);
    }
  }
  return { incoming, keptCurrent };
}

/** The cells of one row read again with the roster schema, as the file import reads them. */
function parseRowValues(values: Record<RosterColumnKey, string>): Pick<StoredImportRow, 'entry' | 'cellErrors'> {
  const parsed = ZRosterEntryInput.safeParse(values);
  if (parsed.success) return { entry: parsed.data, cellErrors: [] };
  return {
    entry: null,
    cellErrors: parsed.error.issues.map((issue) => ({
      column: (issue.path[0] as RosterColumnKey | undefined) ?? 'rut',
      message: issue.message,
    })),
  };
}

function toStoredRow(row: RosterRow): Omit<StoredImportRow, 'errors'> {
  const values = { ...row.values };
  // A blank «socio» cell that read as «No» (files that tick members with an «x») is written out, so a
  // later correction of another cell of the row reads the same.
  if (!values.unionMember && row.entry) values.unionMember = row.entry.unionMember ? 'Sí' : 'No';
  else if (!values.unionMember && !row.errors.some((error) => error.column === 'unionMember')) values.unionMember = 'No';
  return { rowNumber: row.rowNumber, values, entry: row.entry ?? null, cellErrors: row.errors };
}

function readStoredImport(value: unknown): StoredImport {
  const stored = value as Partial<StoredImport> | null;
  if (!stored || !Array.isArray(stored.rows)) throw new Error('Importación de nómina con formato desconocido.');
  return { format: stored.format ?? null, ignoredColumns: stored.ignoredColumns ?? [], rows: stored.rows };
}

async function loadPendingImport(tx: DbOrTx, applicationId: string, importId: string, forUpdate: boolean) {
  const query = tx
    .select()
    .from(rosterImports)
    .where(and(eq(rosterImports.id, importId), eq(rosterImports.applicationId, applicationId)))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('No se encontró la importación de la nómina.');
  if (row.status !== 'pendiente')
    throw new DomainError(
      row.status === 'aceptada'
        ? 'Esta planilla ya se aceptó y reemplazó la nómina.'
        : 'Esta importación se descartó o fue reemplazada por otra planilla. Suba la planilla nuevamente.',
    );
  return { row, stored: readStoredImport(row.rows) };
}

function countErrors(rows: readonly StoredImportRow[]) {
  const kept = rows.filter((row) => !row.excluded);
  return { total: rows.length, excluded: rows.length - kept.length, withErrors: kept.filter((row) => row.errors.length > 0 || !row.entry).length };
}

/**
 * Reads an uploaded roster file and keeps it as a pending import (nothing in the roster changes yet),
 * replacing any earlier pending one. A file that cannot be read at all (missing columns, wrong format)
 * is refused with its reasons and not stored.
 */
export async function importRosterFile(
  tx: DbOrTx,
  user: SessionUser,
  input: { applicationId: string; fileName: string; bytes: Uint8Array },
): Promise<{ importId: string; rows: number; rowsWithErrors: number }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  const fileName = (input.fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'nomina';
  const parsed = await parseRosterFile(input.bytes, fileName);
  if (parsed.fileErrors.length > 0) {
    const message = parsed.fileErrors.join(' ');
    throw new DomainError(message, { file: message });
  }
  const rows = await crossValidate(
    tx,
    access,
    parsed.rows.map((row) => ({ ...toStoredRow(row), errors: row.errors })),
  );
  const stored: StoredImport = { format: parsed.format, ignoredColumns: parsed.ignoredColumns, rows };
  await tx
    .update(rosterImports)
    .set({ status: 'descartada', decidedAt: now() })
    .where(and(eq(rosterImports.applicationId, access.application.id), eq(rosterImports.status, 'pendiente')));
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const [created] = await tx
    .insert(rosterImports)
    .values({ applicationId: access.application.id, fileName, sha256, rows: stored, status: 'pendiente', createdBy: user.id, createdAt: now() })
    .returning({ id: rosterImports.id });
  const counts = countErrors(rows);
  await writeAudit(tx, user, {
    action: 'roster.import.create',
    entityType: 'application',
    entityId: access.application.id,
    after: { importId: created!.id, fileName, sha256, format: parsed.format, rows: counts.total, rowsWithErrors: counts.withErrors },
  });
  return { importId: created!.id, rows: counts.total, rowsWithErrors: counts.withErrors };
}

export interface ImportRowDto {
  rowNumber: number;
  values: Record<RosterColumnKey, string>;
  errors: RosterRowError[];
}

export interface RosterDiffDto {
  added: { rut: string; cells: Record<RosterColumnKey, string> }[];
  removed: { rut: string; cells: Record<RosterColumnKey, string>; confirmed: boolean }[];
  modified: { rut: string; name: string; changes: { field: RosterColumnKey; label: string; before: string; after: string }[]; resetsIncorporation: boolean }[];
  unchanged: number;
}

/** A row the user dropped from the pending import; it can be brought back. */
export interface ExcludedImportRowDto {
  rowNumber: number;
  values: Record<RosterColumnKey, string>;
  /** The row names a worker already in the roster: accepting keeps that worker as they are now. */
  keepsCurrentWorker: boolean;
}

export interface RosterImportDto {
  id: string;
  fileName: string;
  createdAt: Date;
  ignoredColumns: string[];
  totalRows: number;
  /** Only the kept rows that still have errors, in file order. */
  rowsWithErrors: ImportRowDto[];
  /** The rows the user dropped, in file order. */
  excludedRows: ExcludedImportRowDto[];
  importable: boolean;
  /** What accepting would change, once every row is valid. */
  diff: RosterDiffDto | null;
  /** The current roster's content the diff was made against; accepting names it. */
  rosterStamp: string;
  zoneKnown: boolean;
}

function diffDto(current: readonly RosterEntryRow[], incoming: readonly TRosterEntryInput[]): RosterDiffDto {
  const diff = diffRoster(current.map(toEntry), incoming);
  const confirmedRuts = new Set(current.filter((row) => row.incorporationConfirmedAt).map((row) => row.rut));
  return {
    added: diff.added.map((entry) => ({ rut: entry.rut, cells: rosterEntryToCells(entry) })),
    removed: diff.removed.map((entry) => ({ rut: entry.rut, cells: rosterEntryToCells(entry), confirmed: confirmedRuts.has(entry.rut) })),
    modified: diff.modified.map((change) => {
      const before = rosterEntryToCells(change.before);
      const after = rosterEntryToCells(change.after);
      return {
        rut: change.rut,
        name: fullName(change.after),
        changes: change.changes.map(({ field }) => ({ field, label: ROSTER_COLUMN_BY_KEY[field].header, before: before[field], after: after[field] })),
        resetsIncorporation: confirmedRuts.has(change.rut) && change.before.band !== change.after.band,
      };
    }),
    unchanged: diff.unchanged.length,
  };
}

/** The pending import of an application, with its errors re-checked against the database now and, when clean, the diff. */
export async function getPendingRosterImport(user: SessionUser, applicationId: string): Promise<RosterImportDto | null> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'roster.manage');
  assertCanEditSection(access, 'nomina');
  const [row] = await db
    .select()
    .from(rosterImports)
    .where(and(eq(rosterImports.applicationId, access.application.id), eq(rosterImports.status, 'pendiente')))
    .limit(1);
  if (!row) return null;
  const stored = readStoredImport(row.rows);
  const rows = await crossValidate(db, access, stored.rows);
  const importable = isImportable(rows);
  const current = await activeRows(db, access.application.id);
  const { incoming, keptCurrent } = incomingRoster(rows, current);
  return {
    id: row.id,
    fileName: row.fileName,
    createdAt: row.createdAt,
    ignoredColumns: stored.ignoredColumns,
    totalRows: rows.length,
    rowsWithErrors: rows
      .filter((r) => !r.excluded && (r.errors.length > 0 || !r.entry))
      .map((r) => ({ rowNumber: r.rowNumber, values: r.values, errors: r.errors })),
    excludedRows: rows
      .filter((r) => r.excluded)
      .map((r) => ({ rowNumber: r.rowNumber, values: r.values, keepsCurrentWorker: keptCurrent.has(rowRut(r) ?? '') })),
    importable,
    diff: importable ? diffDto(current, incoming) : null,
    rosterStamp: rosterStamp(current.map(toEntry)),
    zoneKnown: zoneOf(access) !== null,
  };
}

/** Applies the user's corrections to cells of a pending import and validates it again on the server. */
export async function revalidateRosterImport(
  tx: DbOrTx,
  user: SessionUser,
  input: TRevalidateRosterImport,
): Promise<{ rows: number; rowsWithErrors: number; importable: boolean }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  const { row, stored } = await loadPendingImport(tx, access.application.id, input.importId, true);
  const byNumber = new Map(stored.rows.map((r) => [r.rowNumber, r]));
  const edited = new Set<number>();
  let editedCells = 0;
  for (const edit of input.edits) {
    const target = byNumber.get(edit.rowNumber);
    if (!target) throw new DomainError(`La fila ${edit.rowNumber} no está en la planilla importada.`);
    if (target.excluded) throw new DomainError(`La fila ${edit.rowNumber} está quitada de la importación: vuelva a incluirla para corregirla.`);
    const value = edit.value.trim();
    if (target.values[edit.column] === value) continue;
    target.values = { ...target.values, [edit.column]: value };
    edited.add(edit.rowNumber);
    editedCells++;
  }
  const reparsed = stored.rows.map((r) => (edited.has(r.rowNumber) ? { ...r, ...parseRowValues(r.values) } : r));
  const rows = await crossValidate(tx, access, reparsed);
  await tx.update(rosterImports).set({ rows: { ...stored, rows } satisfies StoredImport }).where(eq(rosterImports.id, row.id));
  const counts = countErrors(rows);
  await writeAudit(tx, user, {
    action: 'roster.import.revalidate',
    entityType: 'application',
    entityId: access.application.id,
    after: { importId: row.id, editedCells, editedRows: [...edited], rows: counts.total, rowsWithErrors: counts.withErrors },
  });
  return { rows: counts.total, rowsWithErrors: counts.withErrors, importable: isImportable(rows) };
}

/**
 * Replaces the roster with a pending import, in one transaction, only when every row the user kept is
 * valid against the database as it is now (dropped rows are not imported; a dropped row naming a worker
 * already in the roster keeps that worker unchanged). Workers are matched by RUT: unchanged ones keep
 * their row (and their incorporation), changed ones are updated, missing ones removed, new ones added.
 */
export async function acceptRosterImport(
  tx: DbOrTx,
  user: SessionUser,
  input: TAcceptRosterImport,
): Promise<{ added: number; removed: number; modified: number; unchanged: number; total: number }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  const { row, stored } = await loadPendingImport(tx, access.application.id, input.importId, true);
  const rows = await crossValidate(tx, access, stored.rows);
  if (!isImportable(rows)) {
    const { withErrors } = countErrors(rows);
    throw new DomainError(
      withErrors === 1
        ? 'Queda 1 fila con errores. Corríjala o quítela de la importación antes de reemplazar la nómina; las filas correctas siguen guardadas.'
        : withErrors === 0
          ? 'No queda ninguna fila para importar: vuelva a incluir alguna fila o descarte la planilla.'
          : `Quedan ${withErrors} filas con errores. Corríjalas o quítelas de la importación antes de reemplazar la nómina; las filas correctas siguen guardadas.`,
    );
  }
  const current = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
    .for('update');
  if (rosterStamp(current.map(toEntry)) !== input.rosterStamp)
    throw new ConflictError(
      'La nómina cambió mientras usted revisaba la planilla (otra persona o pestaña la modificó). Revise nuevamente los cambios antes de aceptar; la planilla sigue guardada.',
    );
  const { incoming } = incomingRoster(rows, current);
  const diff = diffRoster(current.map(toEntry), incoming);
  const currentByRut = new Map(current.map((r) => [r.rut, r]));

  await bumpVersion(tx, access.application.id, null);
  await removeRows(
    tx,
    diff.removed.map((entry) => currentByRut.get(entry.rut)!.id),
  );
  for (const change of diff.modified) {
    const existing = currentByRut.get(change.rut)!;
    await tx
      .update(rosterEntries)
      .set({ ...entryColumns(change.after), ...incorporationReset(change.before, change.after), updatedAt: now() })
      .where(eq(rosterEntries.id, existing.id));
  }
  if (diff.added.length > 0) {
    const at = now();
    await withRutIndex(() =>
      tx.insert(rosterEntries).values(
        diff.added.map((entry) => ({
          applicationId: access.application.id,
          callId: access.application.callId,
          ...entryColumns(entry),
          createdAt: at,
          updatedAt: at,
        })),
      ),
    );
  }
  await tx
    .update(rosterImports)
    .set({ status: 'aceptada', decidedAt: now(), rows: { ...stored, rows } satisfies StoredImport })
    .where(eq(rosterImports.id, row.id));
  const summary = {
    added: diff.added.length,
    removed: diff.removed.length,
    modified: diff.modified.length,
    unchanged: diff.unchanged.length,
    total: incoming.length,
  };
  await writeAudit(tx, user, {
    action: 'roster.import.accept',
    entityType: 'application',
    entityId: access.application.id,
    before: { workers: current.length },
    after: {
      importId: row.id,
      fileName: row.fileName,
      sha256: row.sha256,
      ...summary,
      excludedRows: rows.filter((r) => r.excluded).map((r) => r.rowNumber),
      addedRuts: diff.added.map((e) => e.rut),
      removedRuts: diff.removed.map((e) => e.rut),
      modifiedFields: diff.modified.map((m) => ({ rut: m.rut, fields: m.changes.map((c) => c.field) })),
    },
  });
  return summary;
}

/**
 * Drops one row from a pending import, or brings it back, and validates the import again: a duplicate,
 * a RUT of another application of the call or a worker who does not meet their band can be left out
 * right there, and the rest accepted. The row stays in the stored import (nothing typed is lost).
 */
export async function setRosterImportRowExcluded(
  tx: DbOrTx,
  user: SessionUser,
  input: TSetRosterImportRowExcluded,
): Promise<{ rows: number; rowsWithErrors: number; excluded: number; importable: boolean }> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  const { row, stored } = await loadPendingImport(tx, access.application.id, input.importId, true);
  const target = stored.rows.find((r) => r.rowNumber === input.rowNumber);
  if (!target) throw new DomainError(`La fila ${input.rowNumber} no está en la planilla importada.`);
  const changed = Boolean(target.excluded) !== input.excluded;
  const rows = await crossValidate(
    tx,
    access,
    stored.rows.map((r) => (r.rowNumber === input.rowNumber ? { ...r, excluded: input.excluded } : r)),
  );
  await tx.update(rosterImports).set({ rows: { ...stored, rows } satisfies StoredImport }).where(eq(rosterImports.id, row.id));
  const counts = countErrors(rows);
  if (changed)
    await writeAudit(tx, user, {
      action: input.excluded ? 'roster.import.exclude_row' : 'roster.import.include_row',
      entityType: 'application',
      entityId: access.application.id,
      after: { importId: row.id, rowNumber: input.rowNumber, rut: rowRut(target), rows: counts.total, excluded: counts.excluded, rowsWithErrors: counts.withErrors },
    });
  return { rows: counts.total, rowsWithErrors: counts.withErrors, excluded: counts.excluded, importable: isImportable(rows) };
}

/** Drops a pending import without touching the roster. */
export async function discardRosterImport(tx: DbOrTx, user: SessionUser, input: TDiscardRosterImport): Promise<void> {
  const access = await loadForRosterChange(tx, user, input.applicationId, 'composicion_nomina');
  const { row } = await loadPendingImport(tx, access.application.id, input.importId, true);
  await tx.update(rosterImports).set({ status: 'descartada', decidedAt: now() }).where(eq(rosterImports.id, row.id));
  await writeAudit(tx, user, {
    action: 'roster.import.discard',
    entityType: 'application',
    entityId: access.application.id,
    after: { importId: row.id, fileName: row.fileName },
  });
}
