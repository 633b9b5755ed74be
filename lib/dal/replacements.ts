import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { rosterEntries } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission, readsOwnRowOnly } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import type { Band, RshPercentile, ZoneId } from '@/lib/domain/call-parameters';
import { isPastDeadline } from '@/lib/domain/deadlines';
import { dec, formatShare, formatUf } from '@/lib/domain/explain';
import { checkReplacements } from '@/lib/domain/roster-rules';
import type { Replacement } from '@/lib/domain/roster-rules';
import { formatRut } from '@/lib/domain/rut';
import type { RosterEntry } from '@/lib/domain/worker-eligibility';
import { zoneForComuna } from '@/lib/domain/zones';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { householdFactsOf } from '@/lib/roster/score-facts';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import type { TProposeReplacement } from '@/lib/validations/observations';
import { assertCanEditSection, bumpVersion, canEditSection, loadApplication } from './application-access';
import type { ApplicationAccess } from './application-access';
import { writeAudit } from './audit';
import { assertCorrectionWindow } from './observations';
import { rosterRutIndexViolation } from './roster';
import { readSnapshot } from './submission';

type RosterRow = typeof rosterEntries.$inferSelect;

function asRuleEntry(row: Pick<RosterRow, 'rut' | 'unionMember' | 'rshPercentile' | 'householdSize' | 'monthlyIncomeClp' | 'savingsUf' | 'savingsDepositedUf' | 'band'>): RosterEntry {
  return {
    rut: row.rut,
    unionMember: row.unionMember,
    rshPercentile: (row.rshPercentile ?? null) as RshPercentile | null,
    householdSize: row.householdSize,
    monthlyIncomeClp: row.monthlyIncomeClp,
    savingsUf: row.savingsUf,
    savingsDepositedUf: row.savingsDepositedUf,
    band: row.band as Band,
  };
}

function fullName(row: Pick<RosterRow, 'firstNames' | 'lastNames'>): string {
  return `${row.firstNames} ${row.lastNames}`;
}

function zoneOf(access: ApplicationAccess): ZoneId {
  if (!access.comuna) throw new DomainError('La postulación no tiene comuna del terreno; no se puede saber su zona.');
  const lookup = zoneForComuna(
    { comunaCode: access.comuna.code, provinceCode: access.comuna.provinceCode, regionCode: access.comuna.regionCode },
    access.call.parameters,
  );
  if (lookup.zone === null) throw new DomainError(lookup.message);
  return lookup.zone;
}

/**
 * The size of the roster as presented: the submission snapshot's count when there is one, otherwise the
 * workers that were not themselves replacements (active or since replaced).
 */
async function presentedRosterSize(db: DbOrTx, access: ApplicationAccess): Promise<number> {
  if (access.application.submissionSnapshot) {
    try {
      return readSnapshot(access.application.submissionSnapshot).rosterSummary.total;
    } catch {
      // An older snapshot shape: fall back to the rows.
    }
  }
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.applicationId, access.application.id),
        eq(rosterEntries.isReplacement, false),
        inArray(rosterEntries.status, ['activo', 'reemplazado']),
      ),
    );
  return row?.n ?? 0;
}

async function replacementPairs(db: DbOrTx, applicationId: string): Promise<{ replaced: RosterRow; replacement: RosterRow }[]> {
  const rows = await db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, applicationId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows
    .filter((r) => r.isReplacement)
    .flatMap((r) => {
      const replaced = r.replacesEntryId ? byId.get(r.replacesEntryId) : undefined;
      return replaced ? [{ replaced, replacement: r }] : [];
    });
}

export interface ReplacementEntryDto {
  id: string;
  name: string;
  rut: string;
  band: number;
  status: RosterRow['status'];
  isReplacement: boolean;
  /** Whom this worker replaced, or who replaced them. */
  replaces: string | null;
  replacedBy: string | null;
}

export interface ReplacementsViewDto {
  application: { id: string; number: string; status: string };
  deadlineAt: Date | null;
  presented: number;
  used: number;
  max: number;
  maxShare: string;
  canPropose: boolean;
  blockedReason: string | null;
  entries: ReplacementEntryDto[];
}

/** Why the union cannot propose a replacement now, or null when it can. */
async function blockedReasonOf(db: DbOrTx, user: SessionUser, access: ApplicationAccess): Promise<string | null> {
  if (!hasPermission(user.role, 'roster.manage') || !canEditSection(access, 'nomina'))
    return 'Los reemplazos los propone la organización de trabajadores.';
  try {
    await assertCorrectionWindow(db, access, now());
  } catch (error) {
    if (error instanceof DomainError)
      return access.application.status === 'observada'
        ? error.message
        : 'Los reemplazos se proponen durante el plazo para subsanar observaciones.';
    throw error;
  }
  return null;
}

/**
 * The replacements page of an application the user may read (never a worker: it carries the other
 * workers' data): the roster with who replaced whom, the quota used and whether the union may propose now.
 */
export async function getReplacementsView(user: SessionUser, applicationId: string): Promise<ReplacementsViewDto> {
  if (readsOwnRowOnly(user.role)) throw new NotFoundError('No se encontró la postulación.');
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const rows = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, access.application.id), inArray(rosterEntries.status, ['activo', 'reemplazado'])))
    .orderBy(asc(rosterEntries.lastNames), asc(rosterEntries.firstNames));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const replacedBy = new Map(rows.filter((r) => r.replacesEntryId).map((r) => [r.replacesEntryId!, r]));
  const presented = await presentedRosterSize(db, access);
  const share = access.call.parameters.roster.replacementsMaxShare;
  const used = (await replacementPairs(db, access.application.id)).length;
  const max = dec(share).times(presented).floor().toNumber();
  let blockedReason = await blockedReasonOf(db, user, access);
  if (!blockedReason && used >= max)
    blockedReason = `Ya se usaron los ${max} reemplazos permitidos (hasta el ${formatShare(share)} de los ${presented} trabajadores presentados).`;
  const round = access.application.status === 'observada' ? await assertCorrectionWindow(db, access, now()).catch(() => null) : null;
  return {
    application: { id: access.application.id, number: access.application.number, status: access.application.status },
    deadlineAt: round?.deadlineAt ?? null,
    presented,
    used,
    max,
    maxShare: formatShare(share),
    canPropose: blockedReason === null,
    blockedReason,
    entries: rows.map((r) => {
      const replaces = r.replacesEntryId ? byId.get(r.replacesEntryId) : undefined;
      const by = replacedBy.get(r.id);
      return {
        id: r.id,
        name: fullName(r),
        rut: r.rut,
        band: r.band,
        status: r.status,
        isReplacement: r.isReplacement,
        replaces: replaces ? fullName(replaces) : null,
        replacedBy: by ? fullName(by) : null,
      };
    }),
  };
}

export interface ReplacementTargetDto {
  applicationId: string;
  entryId: string;
  name: string;
  rut: string;
  band: number;
  requirements: string;
  deadlineAt: Date | null;
}

/** The worker to be replaced, with the band requirements the replacement must meet (union only, during the window). */
export async function getReplacementTarget(user: SessionUser, applicationId: string, entryId: string): Promise<ReplacementTargetDto & { blockedReason: string | null }> {
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
  const req = access.call.parameters.bandRequirements[String(row.band) as '1' | '2' | '3'];
  const rsh = req.maxRshPercentile === null ? 'contar con Registro Social de Hogares' : `Registro Social de Hogares hasta el tramo ${req.maxRshPercentile}%`;
  const round = await assertCorrectionWindow(db, access, now()).catch(() => null);
  return {
    applicationId: access.application.id,
    entryId: row.id,
    name: fullName(row),
    rut: row.rut,
    band: row.band,
    requirements: `Tramo ${row.band}: ${rsh} y ahorro mínimo de ${formatUf(req.minSavingsUf)}.`,
    deadlineAt: round?.deadlineAt ?? null,
    blockedReason: await blockedReasonOf(db, user, access),
  };
}

function toColumns(entry: TRosterEntryInput) {
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
    birthDate: entry.birthDate,
    email: entry.email,
    scoreFacts: householdFactsOf(entry),
  };
}

/**
 * The union proposes a replacement for a worker of the roster during the correction window (the 2022 call,
 * «Antecedentes de postulación»): at most 30% of the roster presented may be replaced (every replacement
 * of the application counts), and the replacement must meet the requirements and minimum savings of the
 * replaced worker's band, which they take. The replaced row becomes «reemplazado»; a RUT already active
 * in the call is refused.
 */
export async function proposeReplacement(tx: DbOrTx, user: SessionUser, input: TProposeReplacement): Promise<{ entryId: string }> {
  const access = await loadApplication(tx, user, input.applicationId, 'roster.manage', { forUpdate: true });
  assertCanEditSection(access, 'nomina');
  const round = await assertCorrectionWindow(tx, access, now());
  const [replaced] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, input.replacedEntryId), eq(rosterEntries.applicationId, access.application.id)))
    .for('update')
    .limit(1);
  if (!replaced) throw new NotFoundError('No se encontró al trabajador en la nómina.');
  if (replaced.status !== 'activo') throw new DomainError(`${fullName(replaced)} ya no está activo en la nómina (${replaced.status}).`);

  const entry = input.entry;
  const [taken] = await tx
    .select({ applicationId: rosterEntries.applicationId, firstNames: rosterEntries.firstNames, lastNames: rosterEntries.lastNames })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.callId, access.application.callId), eq(rosterEntries.rut, entry.rut), eq(rosterEntries.status, 'activo')))
    .limit(1);
  if (taken) {
    const message =
      taken.applicationId === access.application.id
        ? `El RUT ${formatRut(entry.rut)} ya está en esta nómina (${fullName(taken)}).`
        : `El RUT ${formatRut(entry.rut)} ya figura en otra postulación de este llamado. Un trabajador puede estar en una sola postulación por llamado.`;
    throw new DomainError(message, { 'entry.rut': message });
  }

  const zone = zoneOf(access);
  const params = access.call.parameters;
  const presented = await presentedRosterSize(tx, access);
  const existing = await replacementPairs(tx, access.application.id);
  const candidate: Replacement = {
    replaced: asRuleEntry(replaced),
    // The replacement takes the replaced worker's band and is checked against its requirements.
    replacement: asRuleEntry({ ...toColumns(entry), band: replaced.band }),
  };
  const results = checkReplacements(
    [...existing.map((p): Replacement => ({ replaced: asRuleEntry(p.replaced), replacement: asRuleEntry(p.replacement) })), candidate],
    presented,
    zone,
    params,
  );
  const quota = results.find((r) => r.id === 'roster.replacements_max');
  if (quota && !quota.ok) throw new DomainError(quota.message);
  const own = results[results.length - 1];
  if (own && own.id === 'replacement.band_requirements' && !own.ok) throw new DomainError(own.message);

  const at = now();
  await tx.update(rosterEntries).set({ status: 'reemplazado', updatedAt: at }).where(eq(rosterEntries.id, replaced.id));
  let inserted: { id: string } | undefined;
  try {
    [inserted] = await tx
      .insert(rosterEntries)
      .values({
        applicationId: access.application.id,
        callId: access.application.callId,
        ...toColumns(entry),
        band: replaced.band,
        status: 'activo',
        replacesEntryId: replaced.id,
        isReplacement: true,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: rosterEntries.id });
  } catch (error) {
    if (rosterRutIndexViolation(error)) {
      const message = `El RUT ${formatRut(entry.rut)} ya figura en otra postulación de este llamado. Un trabajador puede estar en una sola postulación por llamado.`;
      throw new DomainError(message, { 'entry.rut': message });
    }
    throw error;
  }
  await bumpVersion(tx, access.application.id, null);
  await writeAudit(tx, user, {
    action: 'roster.replacement.create',
    entityType: 'application',
    entityId: access.application.id,
    before: { replaced: { entryId: replaced.id, rut: replaced.rut, firstNames: replaced.firstNames, lastNames: replaced.lastNames, band: replaced.band, status: 'activo' } },
    after: {
      replaced: { entryId: replaced.id, rut: replaced.rut, firstNames: replaced.firstNames, lastNames: replaced.lastNames, band: replaced.band, status: 'reemplazado' },
      replacement: { entryId: inserted!.id, ...entry, band: replaced.band },
      round: round.number,
      replacementsUsed: existing.length + 1,
      presented,
    },
  });
  return { entryId: inserted!.id };
}

/** Whether the correction window is still open for an application (for pages that only need the date). */
export function correctionWindowText(deadlineAt: Date | null, at: Date = now()): string | null {
  if (!deadlineAt) return null;
  return isPastDeadline(at, deadlineAt)
    ? `El plazo para subsanar venció el ${formatSantiagoDateTime(deadlineAt)}.`
    : `Plazo para subsanar: hasta el ${formatSantiagoDateTime(deadlineAt)}.`;
}
