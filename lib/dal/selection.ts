import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, applications, calls, comunas, organizations, projectDates, regions, rosterEntries, selectionRuns } from '@/db/schema';
import { createSelectionTestCall, seedSelectionDemo } from '@/db/seed/demo-selection';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import { ForbiddenError, NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { bridgeLoanCapUf } from '@/lib/domain/bridge-loan';
import { ZCallParameters, describeUnsetScoreParameters, listUnsetScoreParameters } from '@/lib/domain/call-parameters';
import type { Band, TCallParameters, UnsetScoreParameter, ZoneId } from '@/lib/domain/call-parameters';
import { checkTransition } from '@/lib/domain/application-state';
import { callDateOf } from '@/lib/domain/deadlines';
import { dec } from '@/lib/domain/explain';
import { readHouseholdFacts } from '@/lib/domain/household-facts';
import type { TScoreFacts } from '@/lib/domain/household-facts';
import { groupScore, individualScore } from '@/lib/domain/score';
import type { GroupScore } from '@/lib/domain/score';
import { selectApplications } from '@/lib/domain/selection';
import type { SelectionResult } from '@/lib/domain/selection';
import type { TConfirmSelection, TPreviewSelection, TRecordSelectionPublication } from '@/lib/validations/followup';
import { loadApplication, transitionStatus } from './application-access';
import { writeAudit } from './audit';
import { evaluateApplication } from './eligibility';
import { listParticipantRecipients, queueStatusChangedMails } from './observations';

/**
 * Version of the selection rules a run was computed with (bump when selection.ts or score.ts change
 * meaning). 2022.2: approved projects that cannot be ranked are decided too (not selected, with reason).
 * 2022.3: each art. 65 factor is scored from the household facts declared on the roster.
 */
export const SELECTION_RULE_VERSION = 'ds1-trabajadores-2022.3';

export interface SelectionApplicant {
  entryId: string;
  band: Band;
  savingsUf: string;
  eligible: boolean;
  /** The household facts the worker's roster entry declares (D.S. N°1 art. 65), scored with the run's parameters. */
  facts: TScoreFacts;
}

export interface SelectionCandidateInput {
  applicationId: string;
  applicationNumber: string;
  submittedAt: string;
  zone: ZoneId | null;
  dwellings: number;
  applicants: SelectionApplicant[];
}

/** Everything a run is computed from, stored with the run; the hash of its canonical JSON is the run's input_hash. */
export interface SelectionInputs {
  ruleVersion: string;
  callId: string;
  /**
   * The version of the call's stored parameters when the inputs were read: a run is computed with the
   * point tables as they were, and confirming it after they change is refused (its inputs differ).
   */
  callParametersVersion?: number;
  parameters: unknown;
  candidates: SelectionCandidateInput[];
}

export interface GroupScoreSummary {
  applicationId: string;
  applicationNumber: string;
  subsidyUf: string;
  dwellings: number;
  score: GroupScore;
  /** Why the project cannot be ranked (no eligible applicant or no zone), or null. */
  excludedReason: string | null;
}

export interface SelectionComputation {
  selection: SelectionResult;
  groups: GroupScoreSummary[];
  unsetParameters: string[];
}

function assertCanRunSelection(user: SessionUser): void {
  if (!hasPermission(user.role, 'selection.run')) throw new ForbiddenError();
}

/** JSON with object keys sorted at every level, so the same data always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The ranking from stored inputs alone (no database): individual scores of the eligible applicants →
 * group score → selection within the run's budget (D.S. N°1 art. 65; the 2022 call, «Selección»).
 */
export function computeSelection(inputs: SelectionInputs): SelectionComputation {
  const params = ZCallParameters.parse(inputs.parameters);
  const groups: GroupScoreSummary[] = inputs.candidates.map((c) => {
    const score = groupScore(
      c.applicants.map((a) => ({
        eligible: a.eligible,
        score: individualScore({ band: a.band, savingsUf: a.savingsUf, facts: a.facts }, params),
      })),
    );
    // The subsidy of the project's dwellings (the same figure that caps its bridge loan).
    const subsidyUf = c.zone ? bridgeLoanCapUf(c.zone, c.dwellings, params) : '0';
    const excludedReason =
      c.zone === null
        ? 'La comuna del proyecto no tiene zona en el llamado: no se puede calcular su subsidio.'
        : score.score === null
          ? score.message
          : c.dwellings <= 0
            ? 'El proyecto no declara viviendas.'
            : null;
    return { applicationId: c.applicationId, applicationNumber: c.applicationNumber, subsidyUf, dwellings: c.dwellings, score, excludedReason };
  });
  const selection = selectApplications(
    inputs.candidates.map((c, i) => {
      const g = groups[i]!;
      return {
        applicationId: c.applicationId,
        applicationNumber: c.applicationNumber,
        submittedAt: c.submittedAt,
        groupScore: g.score.score ?? '0',
        dwellings: c.dwellings,
        subsidyUf: g.subsidyUf,
        approved: g.excludedReason === null,
        unrankableReason: g.excludedReason,
      };
    }),
    params,
  );
  return { selection, groups, unsetParameters: listUnsetScoreParameters(params) };
}

function runParameters(params: TCallParameters, override: { budgetUf?: string; maxDwellings?: number }): TCallParameters {
  if (override.budgetUf !== undefined && dec(override.budgetUf).gt(params.selection.budgetUf))
    throw new DomainError('El presupuesto de esta selección no puede superar el del llamado.', {
      budgetUf: `El presupuesto del llamado es ${params.selection.budgetUf} UF; indique un monto menor o igual, o deje el campo vacío.`,
    });
  if (override.maxDwellings !== undefined && override.maxDwellings > params.selection.maxDwellings)
    throw new DomainError('El cupo de viviendas de esta selección no puede superar el del llamado.', {
      maxDwellings: `El cupo del llamado es ${params.selection.maxDwellings} viviendas; indique un número menor o igual, o deje el campo vacío.`,
    });
  return {
    ...params,
    selection: {
      ...params.selection,
      budgetUf: override.budgetUf ?? params.selection.budgetUf,
      maxDwellings: override.maxDwellings ?? params.selection.maxDwellings,
    },
  };
}

async function loadCall(db: DbOrTx, callId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(callId)) throw new NotFoundError('No se encontró el llamado.');
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call || call.programme !== 'ds1_trabajadores') throw new NotFoundError('No se encontró el llamado.');
  return { ...call, params: ZCallParameters.parse(call.parameters) };
}

/**
 * Reads the approved applications of a call as selection inputs: zone, dwellings and each active
 * roster worker's band, savings, eligibility (the same rules engine as the eligibility panel) and the
 * household facts the roster declares for the individual score.
 */
async function buildSelectionInputs(db: DbOrTx, user: SessionUser, callId: string, params: TCallParameters): Promise<SelectionInputs> {
  const [version] = await db.select({ value: calls.parametersVersion }).from(calls).where(eq(calls.id, callId)).limit(1);
  const approved = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, callId), eq(applications.status, 'aprobada_tecnicamente')))
    .orderBy(asc(applications.number));
  const candidates: SelectionCandidateInput[] = [];
  for (const { id } of approved) {
    const access = await loadApplication(db, user, id, 'selection.run');
    const eligibility = await evaluateApplication(db, access);
    const dwellings = await db.select().from(applicationDwellings).where(eq(applicationDwellings.applicationId, id));
    const roster = await db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.applicationId, id), eq(rosterEntries.status, 'activo')));
    const okByEntry = new Map(eligibility.workers.map((w) => [w.entryId, w.ok]));
    candidates.push({
      applicationId: id,
      applicationNumber: access.application.number,
      submittedAt: (access.application.submittedAt ?? access.application.createdAt).toISOString(),
      zone: (eligibility.zone as ZoneId | null) ?? null,
      dwellings: dwellings.reduce((sum, d) => sum + d.count, 0),
      applicants: roster
        .map((r) => ({
          entryId: r.id,
          band: r.band as Band,
          savingsUf: dec(r.savingsUf).toFixed(),
          eligible: okByEntry.get(r.id) ?? false,
          facts: { householdSize: r.householdSize, ...readHouseholdFacts(r.scoreFacts) },
        }))
        .sort((a, b) => (a.entryId < b.entryId ? -1 : 1)),
    });
  }
  return { ruleVersion: SELECTION_RULE_VERSION, callId, callParametersVersion: version?.value ?? 1, parameters: params, candidates };
}

export interface SelectionCallOption {
  id: string;
  code: string;
  name: string;
  status: string;
  hasConfirmedRun: boolean;
  /** Technically approved files waiting for this call's selection. */
  approved: number;
}

/** The calls of the workers' programme national staff can select in ('selection.run'). */
export async function listSelectionCalls(user: SessionUser): Promise<SelectionCallOption[]> {
  assertCanRunSelection(user);
  const db = await getDb();
  const rows = await db.select().from(calls).where(eq(calls.programme, 'ds1_trabajadores')).orderBy(desc(calls.opensAt));
  const confirmed = await db.select({ callId: selectionRuns.callId }).from(selectionRuns).where(eq(selectionRuns.status, 'confirmada'));
  const done = new Set(confirmed.map((c) => c.callId));
  const waiting = await db
    .select({ callId: applications.callId, count: count() })
    .from(applications)
    .where(eq(applications.status, 'aprobada_tecnicamente'))
    .groupBy(applications.callId);
  const approved = new Map(waiting.map((w) => [w.callId, w.count]));
  return rows.map((c) => ({ id: c.id, code: c.code, name: c.name, status: c.status, hasConfirmedRun: done.has(c.id), approved: approved.get(c.id) ?? 0 }));
}

export interface SelectionCandidateRow {
  applicationId: string;
  number: string;
  projectName: string;
  organizationName: string;
  comunaName: string | null;
  regionName: string | null;
  dwellings: number;
  subsidyUf: string;
  score: string | null;
  scoreDisplay: string | null;
  eligibleCount: number;
  scoreComplete: boolean;
  excludedReason: string | null;
  breakdown: GroupScore['breakdown'];
}

export interface SelectionRunDto {
  id: string;
  status: 'borrador' | 'confirmada';
  ruleVersion: string;
  inputHash: string;
  parameters: RunParameters;
  result: SelectionComputation;
  resolutionNumber: string | null;
  resolutionDate: string | null;
  publishedOn: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
}

interface RunParameters {
  budgetUf: string;
  maxDwellings: number;
  afterMiss: 'continue' | 'stop';
  callBudgetUf: string;
  callMaxDwellings: number;
  overridden: boolean;
}

export interface SelectionOverviewDto {
  call: { id: string; code: string; name: string; budgetUf: string; maxDwellings: number; afterMiss: 'continue' | 'stop' };
  unsetParameters: string[];
  /** The same, described in Spanish for the screen. */
  unsetScoreParameters: UnsetScoreParameter[];
  /** The call's point tables or caps changed after the latest preview: it must be previewed again. */
  draftOutdated: boolean;
  candidates: SelectionCandidateRow[];
  latestDraft: SelectionRunDto | null;
  confirmed: SelectionRunDto | null;
  /** Why the selection cannot be confirmed yet (the call still open, files still without a technical decision); empty when it can. */
  notReady: string[];
  /** Project, organisation and region of every file the page lists, by application id. */
  names: Record<string, { projectName: string; organizationName: string; regionName: string | null }>;
}

async function describeApplications(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { projectName: string; organizationName: string; comunaName: string | null; regionName: string | null }>();
  const rows = await db
    .select({
      id: applications.id,
      projectName: applications.projectName,
      organizationName: organizations.name,
      comunaName: comunas.name,
      regionName: regions.name,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(comunas, eq(comunas.code, applications.comunaCode))
    .leftJoin(regions, eq(regions.code, applications.regionCode))
    .where(inArray(applications.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

function toRunDto(row: typeof selectionRuns.$inferSelect): SelectionRunDto {
  return {
    id: row.id,
    status: row.status,
    ruleVersion: row.ruleVersion,
    inputHash: row.inputHash,
    parameters: row.parameters as RunParameters,
    result: row.result as SelectionComputation,
    resolutionNumber: row.resolutionNumber,
    resolutionDate: row.resolutionDate,
    publishedOn: row.publishedOn,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
  };
}

/**
 * The selection screen of one call ('selection.run', national staff only): the technically approved
 * projects of every region with their group score, the unset point values, the latest preview and the
 * confirmed run, if any.
 */
export async function getSelectionOverview(user: SessionUser, callId: string): Promise<SelectionOverviewDto> {
  assertCanRunSelection(user);
  const db = await getDb();
  const call = await loadCall(db, callId);
  const inputs = await buildSelectionInputs(db, user, call.id, call.params);
  const computed = computeSelection(inputs);
  const runs = await db.select().from(selectionRuns).where(eq(selectionRuns.callId, call.id)).orderBy(desc(selectionRuns.createdAt));
  const confirmed = runs.find((r) => r.status === 'confirmada');
  const draft = runs.find((r) => r.status === 'borrador');
  // The run shown may rank files that are no longer approved (selected, not selected): they are named too.
  const shown = (confirmed ?? draft)?.result as SelectionComputation | undefined;
  const described = await describeApplications(db, [
    ...new Set([...inputs.candidates.map((c) => c.applicationId), ...(shown?.groups.map((g) => g.applicationId) ?? [])]),
  ]);
  return {
    call: { id: call.id, code: call.code, name: call.name, ...call.params.selection },
    unsetParameters: computed.unsetParameters,
    unsetScoreParameters: describeUnsetScoreParameters(call.params),
    draftOutdated: Boolean(draft && !confirmed && (draft.inputs as SelectionInputs).callParametersVersion !== inputs.callParametersVersion),
    candidates: computed.groups
      .map((g) => {
        const d = described.get(g.applicationId);
        return {
          applicationId: g.applicationId,
          number: g.applicationNumber,
          projectName: d?.projectName ?? '',
          organizationName: d?.organizationName ?? '',
          comunaName: d?.comunaName ?? null,
          regionName: d?.regionName ?? null,
          dwellings: g.dwellings,
          subsidyUf: g.subsidyUf,
          score: g.score.score,
          scoreDisplay: g.score.display,
          eligibleCount: g.score.eligibleCount,
          scoreComplete: g.score.complete,
          excludedReason: g.excludedReason,
          breakdown: g.score.breakdown,
        };
      })
      .sort((a, b) => (a.number < b.number ? -1 : 1)),
    latestDraft: draft && !confirmed ? toRunDto(draft) : null,
    confirmed: confirmed ? toRunDto(confirmed) : null,
    notReady: confirmed ? [] : await selectionNotReady(db, call),
    names: Object.fromEntries([...described].map(([id, d]) => [id, { projectName: d.projectName, organizationName: d.organizationName, regionName: d.regionName }])),
  };
}

/** Files that still await SERVIU's technical decision: a selection confirmed now would leave them out for good. */
const AWAITING_DECISION = ['enviada', 'en_revision', 'observada', 'subsanada'] as const;

/**
 * Why the call cannot be selected yet, in Spanish: it still takes applications, or some of its files have
 * no technical decision. The selection is national and confirmed once, so it waits for every file.
 */
async function selectionNotReady(db: DbOrTx, call: { id: string; closesAt: Date }): Promise<string[]> {
  const reasons: string[] = [];
  if (call.closesAt.getTime() > now().getTime())
    reasons.push(`El llamado recibe postulaciones hasta el ${formatSantiagoDateTime(call.closesAt)}: la selección se confirma después del cierre.`);
  const pending = await db
    .select({ number: applications.number })
    .from(applications)
    .where(and(eq(applications.callId, call.id), inArray(applications.status, [...AWAITING_DECISION])))
    .orderBy(asc(applications.number));
  if (pending.length > 0)
    reasons.push(
      `${pending.length === 1 ? 'La postulación' : `Las ${pending.length} postulaciones`} ${pending
        .slice(0, 10)
        .map((p) => p.number)
        .join(', ')}${pending.length > 10 ? ' y otras' : ''} ${pending.length === 1 ? 'aún no tiene' : 'aún no tienen'} decisión técnica (aprobada o rechazada).`,
    );
  return reasons;
}

async function assertNoConfirmedRun(db: DbOrTx, callId: string): Promise<void> {
  const [done] = await db
    .select({ id: selectionRuns.id })
    .from(selectionRuns)
    .where(and(eq(selectionRuns.callId, callId), eq(selectionRuns.status, 'confirmada')))
    .limit(1);
  if (done) throw new DomainError('La selección de este llamado ya fue confirmada con una resolución y no puede volver a ejecutarse.');
}

/**
 * Previews the selection of a call and stores it as a draft run with its rule version, parameters,
 * canonical inputs, their SHA-256 and the result ('selection.run').
 */
export async function createSelectionPreview(tx: DbOrTx, user: SessionUser, input: TPreviewSelection): Promise<SelectionRunDto> {
  assertCanRunSelection(user);
  const call = await loadCall(tx, input.callId);
  // Serialise runs of one call so a preview cannot slip in beside a confirmation.
  await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, call.id)).for('update');
  await assertNoConfirmedRun(tx, call.id);
  const params = runParameters(call.params, { budgetUf: input.budgetUf, maxDwellings: input.maxDwellings });
  const inputs = await buildSelectionInputs(tx, user, call.id, params);
  const result = computeSelection(inputs);
  const parameters: RunParameters = {
    ...params.selection,
    callBudgetUf: call.params.selection.budgetUf,
    callMaxDwellings: call.params.selection.maxDwellings,
    overridden: input.budgetUf !== undefined || input.maxDwellings !== undefined,
  };
  const [row] = await tx
    .insert(selectionRuns)
    .values({
      callId: call.id,
      status: 'borrador',
      ruleVersion: SELECTION_RULE_VERSION,
      parameters,
      inputHash: sha256Hex(canonicalJson(inputs)),
      inputs,
      result,
      createdBy: user.id,
    })
    .returning();
  await writeAudit(tx, user, {
    action: 'selection.preview',
    entityType: 'selection_run',
    entityId: row!.id,
    after: { callId: call.id, inputHash: row!.inputHash, parameters, selected: result.selection.selected.map((s) => s.applicationNumber) },
  });
  return toRunDto(row!);
}

/**
 * Confirms a draft run with its resolution ('selection.run'). It recomputes from the stored inputs and
 * from the database as it is now, and refuses when either differs; it moves every approved project of
 * the call to seleccionada, or to no_seleccionada with its reason (out of the budget, or not rankable),
 * as the state machine allows national staff only, records the publication date, audits and queues the
 * participants' mail with that reason.
 * A confirmed run is immutable: the update only matches a draft.
 */
export async function confirmSelectionRun(tx: DbOrTx, user: SessionUser, input: TConfirmSelection): Promise<SelectionRunDto> {
  assertCanRunSelection(user);
  if (!/^[0-9a-f-]{36}$/i.test(input.runId)) throw new NotFoundError('No se encontró la selección.');
  const [existing] = await tx.select().from(selectionRuns).where(eq(selectionRuns.id, input.runId)).limit(1);
  if (!existing) throw new NotFoundError('No se encontró la selección.');
  await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, existing.callId)).for('update');
  const [run] = await tx.select().from(selectionRuns).where(eq(selectionRuns.id, input.runId)).for('update');
  if (!run || run.status !== 'borrador')
    throw new DomainError('Esta selección ya fue confirmada y no puede modificarse.');
  await assertNoConfirmedRun(tx, run.callId);
  const call = await loadCall(tx, run.callId);
  const notReady = await selectionNotReady(tx, call);
  if (notReady.length > 0) throw new DomainError(`Aún no se puede confirmar la selección. ${notReady.join(' ')}`);
  const at = now();
  if (input.resolutionDate > callDateOf(at, call.params))
    throw new DomainError('La fecha de la resolución no puede ser posterior a hoy.', { resolutionDate: 'Indique una fecha de hoy o anterior.' });
  if (input.publishedOn) assertPublicationDate(input.publishedOn, input.resolutionDate, at, call.params);

  const storedInputs = run.inputs as SelectionInputs;
  if (sha256Hex(canonicalJson(storedInputs)) !== run.inputHash)
    throw new DomainError('Los datos guardados de la vista previa no coinciden con su huella (hash). Vuelva a previsualizar.');
  if (storedInputs.ruleVersion !== SELECTION_RULE_VERSION)
    throw new DomainError('Las reglas de selección cambiaron desde la vista previa. Vuelva a previsualizar.');
  const recomputed = computeSelection(storedInputs);
  if (canonicalJson(recomputed) !== canonicalJson(run.result))
    throw new DomainError('Al recalcular con los mismos datos el resultado no coincide con la vista previa. Vuelva a previsualizar.');
  const current = await buildSelectionInputs(tx, user, run.callId, ZCallParameters.parse(storedInputs.parameters));
  if (sha256Hex(canonicalJson(current)) !== run.inputHash)
    throw new DomainError('Las postulaciones aprobadas o sus nóminas cambiaron desde la vista previa. Vuelva a previsualizar antes de confirmar.');

  const [confirmed] = await tx
    .update(selectionRuns)
    .set({
      status: 'confirmada',
      resolutionNumber: input.resolutionNumber,
      resolutionDate: input.resolutionDate,
      publishedOn: input.publishedOn ?? null,
      confirmedBy: user.id,
      confirmedAt: at,
    })
    .where(and(eq(selectionRuns.id, run.id), eq(selectionRuns.status, 'borrador')))
    .returning();
  if (!confirmed) throw new DomainError('Esta selección ya fue confirmada y no puede modificarse.');

  // Every approved project of the call gets its decision: the ranked ones by rank, then those that could not be ranked.
  const decisions = [
    ...recomputed.selection.ranking.map((item) => ({
      applicationId: item.applicationId,
      applicationNumber: item.applicationNumber,
      selected: item.selected,
      rank: item.rank as number | null,
      reason: item.reason as string | null,
      reasonMessage: item.reasonMessage,
    })),
    ...recomputed.selection.unranked.map((item) => ({
      applicationId: item.applicationId,
      applicationNumber: item.applicationNumber,
      selected: false,
      rank: null,
      reason: item.reason as string | null,
      reasonMessage: item.message as string | null,
    })),
  ];
  for (const item of decisions) {
    const to = item.selected ? 'seleccionada' : 'no_seleccionada';
    const reason = `Resolución ${input.resolutionNumber}${item.reasonMessage ? `. ${item.reasonMessage}` : ''}.`;
    const allowed = checkTransition('aprobada_tecnicamente', to, user.role, reason);
    if (!allowed.ok) throw new ForbiddenError(allowed.message);
    const moved = await transitionStatus(tx, item.applicationId, 'aprobada_tecnicamente', to);
    if (!moved) throw new DomainError(`La postulación ${item.applicationNumber} cambió de estado; vuelva a previsualizar.`);
    await writeAudit(tx, user, {
      action: item.selected ? 'application.select' : 'application.not_select',
      entityType: 'application',
      entityId: item.applicationId,
      before: { status: 'aprobada_tecnicamente' },
      after: {
        status: to,
        selectionRunId: run.id,
        rank: item.rank,
        reason,
        reasonCode: item.reason,
        resolutionNumber: input.resolutionNumber,
      },
    });
    if (item.selected && input.publishedOn) await recordPublishedOn(tx, item.applicationId, input.publishedOn, at);
    await queueStatusChangedMails(
      tx,
      moved,
      {
        status: to,
        version: moved.version,
        at,
        reason,
      },
      await listParticipantRecipients(tx, moved),
    );
  }
  // The stored inputs matched the call's approved projects, so none may be left without a decision.
  const [undecided] = await tx
    .select({ number: applications.number })
    .from(applications)
    .where(and(eq(applications.callId, run.callId), eq(applications.status, 'aprobada_tecnicamente')))
    .limit(1);
  if (undecided) throw new DomainError(`La postulación ${undecided.number} quedó sin decisión; vuelva a previsualizar.`);
  await writeAudit(tx, user, {
    action: 'selection.confirm',
    entityType: 'selection_run',
    entityId: run.id,
    before: { status: 'borrador' },
    after: { status: 'confirmada', resolutionNumber: input.resolutionNumber, resolutionDate: input.resolutionDate, inputHash: run.inputHash },
  });
  return toRunDto(confirmed);
}

/** Refuses any change to a confirmed run (the only edit a draft allows is its confirmation). */
export async function assertSelectionRunEditable(db: DbOrTx, user: SessionUser, runId: string): Promise<void> {
  assertCanRunSelection(user);
  const [run] = await db.select({ status: selectionRuns.status }).from(selectionRuns).where(eq(selectionRuns.id, runId)).limit(1);
  if (!run) throw new NotFoundError('No se encontró la selección.');
  if (run.status === 'confirmada') throw new DomainError('Esta selección ya fue confirmada y no puede modificarse.');
}

export interface PublishedSelectionDto {
  callCode: string;
  callName: string;
  resolutionNumber: string | null;
  resolutionDate: string | null;
  selected: Array<{ rank: number; organizationName: string; projectName: string; comunaName: string | null; regionName: string | null; dwellings: number; score: string }>;
}

/** Public list of the confirmed selections per call: groups and projects only, no personal data. */
export async function listPublishedSelections(): Promise<PublishedSelectionDto[]> {
  const db = await getDb();
  const runs = await db
    .select({ run: selectionRuns, callCode: calls.code, callName: calls.name })
    .from(selectionRuns)
    .innerJoin(calls, eq(calls.id, selectionRuns.callId))
    .where(eq(selectionRuns.status, 'confirmada'))
    .orderBy(desc(selectionRuns.confirmedAt));
  const out: PublishedSelectionDto[] = [];
  for (const { run, callCode, callName } of runs) {
    const result = run.result as SelectionComputation;
    const described = await describeApplications(db, result.selection.selected.map((s) => s.applicationId));
    out.push({
      callCode,
      callName,
      resolutionNumber: run.resolutionNumber,
      resolutionDate: run.resolutionDate,
      selected: result.selection.selected.map((s) => {
        const d = described.get(s.applicationId);
        return {
          rank: s.rank,
          organizationName: d?.organizationName ?? '',
          projectName: d?.projectName ?? '',
          comunaName: d?.comunaName ?? null,
          regionName: d?.regionName ?? null,
          dwellings: s.dwellings,
          score: dec(s.groupScore).toFixed(2),
        };
      }),
    });
  }
  return out;
}

/**
 * Browser-test fixture (test servers only: without PORTAL_TEST_CLOCK it returns null): loads the
 * selection demo data if missing and creates a fresh closed call with three approved projects and a
 * fourth that cannot be ranked.
 */
export async function createSelectionTestFixture(): Promise<Awaited<ReturnType<typeof createSelectionTestCall>> | null> {
  if (!env().PORTAL_TEST_CLOCK) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await seedSelectionDemo(tx, now());
    return createSelectionTestCall(tx, now(), { unrankable: true });
  });
}

function assertPublicationDate(publishedOn: string, resolutionDate: string, at: Date, params: TCallParameters): void {
  if (publishedOn < resolutionDate)
    throw new DomainError('La publicación no puede ser anterior a la resolución.', { publishedOn: 'Indique una fecha igual o posterior a la de la resolución.' });
  if (publishedOn > callDateOf(at, params))
    throw new DomainError('La fecha de publicación no puede ser posterior a hoy.', { publishedOn: 'Indique una fecha de hoy o anterior.' });
}

/** The day the CBR inscription term of a selected project counts from. */
async function recordPublishedOn(tx: DbOrTx, applicationId: string, publishedOn: string, at: Date): Promise<void> {
  await tx
    .insert(projectDates)
    .values({ applicationId, selectionPublishedOn: publishedOn, updatedAt: at })
    .onConflictDoUpdate({ target: projectDates.applicationId, set: { selectionPublishedOn: publishedOn, updatedAt: at } });
}

/**
 * National staff record, once, the day a confirmed selection was published in the Diario Oficial
 * ('selection.run'): the 90 days to inscribe the land in the CBR count from it for every selected project.
 */
export async function recordSelectionPublication(tx: DbOrTx, user: SessionUser, input: TRecordSelectionPublication): Promise<void> {
  assertCanRunSelection(user);
  if (!/^[0-9a-f-]{36}$/i.test(input.runId)) throw new NotFoundError('No se encontró la selección.');
  const [run] = await tx.select().from(selectionRuns).where(eq(selectionRuns.id, input.runId)).for('update');
  if (!run) throw new NotFoundError('No se encontró la selección.');
  if (run.status !== 'confirmada' || !run.resolutionDate) throw new DomainError('Solo se registra la publicación de una selección confirmada.');
  if (run.publishedOn)
    throw new DomainError(`La publicación ya está registrada (${run.publishedOn.split('-').reverse().join('-')}) y no puede cambiarse.`);
  const call = await loadCall(tx, run.callId);
  const at = now();
  assertPublicationDate(input.publishedOn, run.resolutionDate, at, call.params);
  await tx.update(selectionRuns).set({ publishedOn: input.publishedOn }).where(eq(selectionRuns.id, run.id));
  const selected = (run.result as SelectionComputation).selection.selected.map((s) => s.applicationId);
  for (const applicationId of selected) await recordPublishedOn(tx, applicationId, input.publishedOn, at);
  await writeAudit(tx, user, {
    action: 'selection.publish',
    entityType: 'selection_run',
    entityId: run.id,
    before: { publishedOn: null },
    after: { publishedOn: input.publishedOn, resolutionNumber: run.resolutionNumber, applications: selected },
  });
}
