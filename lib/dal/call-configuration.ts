import 'server-only';
import { and, desc, eq, like } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { auditLog, calls, selectionRuns, users } from '@/db/schema';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { INCOME_CAP_GROUPS, ZCallParameters, describeUnsetScoreParameters } from '@/lib/domain/call-parameters';
import type { IncomeCapGroup, TAgeRange, TCallParameters, TScoreFactor, UnsetScoreParameter } from '@/lib/domain/call-parameters';
import { incomeCapSizeText } from '@/lib/validations/call-parameters';
import type { TUpdateIncomeCaps, TUpdateScoreTables } from '@/lib/validations/call-parameters';
import { writeAudit } from './audit';

/** One value changed by a configuration edit, as the audit log and the history show it. */
export interface ParameterChange {
  /** Stable path: `score.factors.<factorId>.pointsPerUnit`, `incomeCap.centro.2.amountClp`… */
  key: string;
  /** Spanish: «Hacinamiento — Hacinamiento crítico: puntos». */
  label: string;
  before: unknown;
  after: unknown;
}

export interface ConfigurableCallDto {
  id: string;
  code: string;
  name: string;
  status: string;
  unsetCount: number;
  lockedReason: string | null;
}

export interface ParameterHistoryEntry {
  id: number;
  at: Date;
  actorName: string | null;
  action: string;
  version: number | null;
  changes: ParameterChange[];
}

export interface CallParametersViewDto {
  call: { id: string; code: string; name: string; status: string; parametersVersion: number; updatedAt: Date };
  params: TCallParameters;
  /** The score values still unset, in the order of the tables: what must be entered from the decree. */
  unset: UnsetScoreParameter[];
  /** Why the parameters can no longer change (a confirmed selection), or null. */
  lockedReason: string | null;
  history: ParameterHistoryEntry[];
}

const HISTORY_LIMIT = 20;

/** A missing right reads like a missing call: the screen answers «not found». */
function assertCanConfigure(user: SessionUser): void {
  if (!hasPermission(user.role, 'call.configure')) throw new NotFoundError('No se encontró el llamado.');
}

async function loadCall(db: DbOrTx, callId: string, forUpdate = false) {
  if (!/^[0-9a-f-]{36}$/i.test(callId)) throw new NotFoundError('No se encontró el llamado.');
  const query = db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  const [call] = forUpdate ? await query.for('update') : await query;
  // Only the workers' programme has these tables; D.S. N°49 calls carry parameters of another shape.
  if (!call || call.programme !== 'ds1_trabajadores') throw new NotFoundError('No se encontró el llamado.');
  return { ...call, params: ZCallParameters.parse(call.parameters) };
}

/**
 * A confirmed selection must be reproducible from the parameters it was computed with, and its
 * resolution is final: from then on the call's parameters cannot change.
 */
async function lockedReasonOf(db: DbOrTx, callId: string): Promise<string | null> {
  const [run] = await db
    .select({ resolutionNumber: selectionRuns.resolutionNumber, resolutionDate: selectionRuns.resolutionDate })
    .from(selectionRuns)
    .where(and(eq(selectionRuns.callId, callId), eq(selectionRuns.status, 'confirmada')))
    .limit(1);
  if (!run) return null;
  const date = run.resolutionDate ? ` del ${run.resolutionDate.split('-').reverse().join('-')}` : '';
  return `La selección de este llamado ya fue confirmada (Resolución N° ${run.resolutionNumber ?? 'sin número'}${date}): sus parámetros no pueden cambiar, porque la selección debe poder reproducirse con los mismos datos con que se resolvió.`;
}

/** The calls of the workers' programme whose parameters national staff configure ('call.configure'). */
export async function listConfigurableCalls(user: SessionUser): Promise<ConfigurableCallDto[]> {
  assertCanConfigure(user);
  const db = await getDb();
  const rows = await db.select().from(calls).where(eq(calls.programme, 'ds1_trabajadores')).orderBy(desc(calls.opensAt));
  const out: ConfigurableCallDto[] = [];
  for (const row of rows) {
    const params = ZCallParameters.parse(row.parameters);
    out.push({
      id: row.id,
      code: row.code,
      name: row.name,
      status: row.status,
      unsetCount: describeUnsetScoreParameters(params).length,
      lockedReason: await lockedReasonOf(db, row.id),
    });
  }
  return out;
}

function readChanges(value: unknown): ParameterChange[] {
  const changes = (value as { changes?: unknown } | null)?.changes;
  return Array.isArray(changes) ? (changes as ParameterChange[]) : [];
}

/**
 * Every parameter of one call of the workers' programme, the score values still unset, whether they can
 * still change, and the history of changes ('call.configure': national staff only).
 */
export async function getCallParametersView(user: SessionUser, callId: string): Promise<CallParametersViewDto> {
  assertCanConfigure(user);
  const db = await getDb();
  const call = await loadCall(db, callId);
  const history = await db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actorName: users.name, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityType, 'call'), eq(auditLog.entityId, call.id), like(auditLog.action, 'call.parameters.%')))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(HISTORY_LIMIT);
  return {
    call: { id: call.id, code: call.code, name: call.name, status: call.status, parametersVersion: call.parametersVersion, updatedAt: call.updatedAt },
    params: call.params,
    unset: describeUnsetScoreParameters(call.params),
    lockedReason: await lockedReasonOf(db, call.id),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      action: h.action,
      actorName: h.actorName,
      version: ((h.after as { parametersVersion?: unknown } | null)?.parametersVersion as number | undefined) ?? null,
      changes: readChanges(h.after),
    })),
  };
}

/**
 * Applies one configuration edit: locks the call row, refuses a call whose selection is confirmed or
 * whose parameters changed since the form was filled, validates the whole parameter set again, stores
 * it with the next version and audits each changed value (before/after). No change, no write.
 */
async function changeParameters(
  tx: DbOrTx,
  user: SessionUser,
  input: { callId: string; expectedVersion: number },
  action: string,
  edit: (params: TCallParameters) => ParameterChange[],
): Promise<{ changed: number; parametersVersion: number }> {
  assertCanConfigure(user);
  const call = await loadCall(tx, input.callId, true);
  const locked = await lockedReasonOf(tx, call.id);
  if (locked) throw new DomainError(locked);
  if (call.parametersVersion !== input.expectedVersion)
    throw new ConflictError(
      'Otra persona cambió los parámetros de este llamado mientras usted los editaba. Recargue la página para ver los valores actuales; lo que escribió sigue en el formulario.',
    );
  const next = structuredClone(call.params);
  const changes = edit(next);
  if (changes.length === 0) return { changed: 0, parametersVersion: call.parametersVersion };
  const checked = ZCallParameters.safeParse(next);
  if (!checked.success)
    throw new DomainError(`Los parámetros resultantes no son válidos: ${checked.error.issues[0]?.message ?? 'revise los valores.'}`);
  const version = call.parametersVersion + 1;
  const at = now();
  const [saved] = await tx
    .update(calls)
    .set({ parameters: checked.data, parametersVersion: version, updatedAt: at })
    .where(and(eq(calls.id, call.id), eq(calls.parametersVersion, call.parametersVersion)))
    .returning({ id: calls.id });
  if (!saved) throw new ConflictError();
  await writeAudit(tx, user, {
    action,
    entityType: 'call',
    entityId: call.id,
    before: { parametersVersion: call.parametersVersion, changes: changes.map(({ key, label, before }) => ({ key, label, before })) },
    after: { parametersVersion: version, changes },
  });
  return { changed: changes.length, parametersVersion: version };
}

function sameAgeRange(a: TAgeRange | null, b: TAgeRange | null): boolean {
  return a === b || (a !== null && b !== null && a.fromAge === b.fromAge && a.toAge === b.toAge);
}

function editFactor(factor: TScoreFactor, edit: TUpdateScoreTables['factors'][number], record: (change: ParameterChange) => void): void {
  const key = (field: string) => `score.factors.${factor.id}.${field}`;
  const setPoints = (field: string, label: string, before: string | null, after: string | null | undefined, apply: (v: string | null) => void) => {
    if (after === undefined || after === before) return;
    apply(after);
    record({ key: key(field), label, before, after });
  };
  if (factor.kind === 'per_unit')
    setPoints('pointsPerUnit', `${factor.label}: puntos por unidad`, factor.pointsPerUnit, edit.points, (v) => (factor.pointsPerUnit = v));
  if (factor.kind === 'flag') setPoints('points', `${factor.label}: puntos`, factor.points, edit.points, (v) => (factor.points = v));
  if (factor.kind === 'per_unit' && edit.maxUnits !== undefined && edit.maxUnits !== factor.maxUnits) {
    record({ key: key('maxUnits'), label: `${factor.label}: máximo de unidades`, before: factor.maxUnits, after: edit.maxUnits });
    factor.maxUnits = edit.maxUnits;
  }
  if (factor.kind !== 'choice' && factor.basis.fact === 'memberAges' && (edit.fromAge !== undefined || edit.toAge !== undefined)) {
    const range: TAgeRange | null = edit.fromAge === null || edit.fromAge === undefined ? null : { fromAge: edit.fromAge, toAge: edit.toAge ?? null };
    if (!sameAgeRange(factor.basis.ageRange, range)) {
      record({ key: key('basis.ageRange'), label: `${factor.label}: tramo de edad`, before: factor.basis.ageRange, after: range });
      factor.basis.ageRange = range;
    }
  }
  if (factor.kind === 'choice' && edit.options) {
    const byId = new Map(edit.options.map((o) => [o.id, o.points]));
    if (edit.options.length !== factor.options.length || factor.options.some((o) => !byId.has(o.id)))
      throw new DomainError(`La tabla de ${factor.label} cambió desde que se abrió el formulario. Recargue la página.`);
    for (const option of factor.options)
      setPoints(`options.${option.id}.points`, `${factor.label} — ${option.label}: puntos`, option.points, byId.get(option.id), (v) => (option.points = v));
  }
}

/**
 * National staff enter the score point tables of D.S. N°1 art. 65 of a call ('call.configure'): points
 * (empty = still unset), per-unit caps and the ages that score. The tables' structure does not change.
 */
export async function updateCallScoreTables(tx: DbOrTx, user: SessionUser, input: TUpdateScoreTables): Promise<{ changed: number; parametersVersion: number }> {
  return changeParameters(tx, user, input, 'call.parameters.score', (params) => {
    const edits = new Map(input.factors.map((f) => [f.id, f]));
    if (edits.size !== params.score.factors.length || params.score.factors.some((f) => !edits.has(f.id)))
      throw new DomainError('Las tablas de puntaje del llamado cambiaron desde que se abrió el formulario. Recargue la página.');
    const changes: ParameterChange[] = [];
    for (const factor of params.score.factors) editFactor(factor, edits.get(factor.id)!, (change) => changes.push(change));
    return changes;
  });
}

const groupLabels: Record<IncomeCapGroup, string> = { centro: 'zona centro', norte_extremo_sur: 'zonas norte y extremo sur' };

/**
 * National staff correct the monthly income caps by household size ('call.configure'), and whether each
 * one is inferred or published (the programme rules: the 2022 middle values are inferred).
 */
export async function updateCallIncomeCaps(tx: DbOrTx, user: SessionUser, input: TUpdateIncomeCaps): Promise<{ changed: number; parametersVersion: number }> {
  return changeParameters(tx, user, input, 'call.parameters.income_caps', (params) => {
    const changes: ParameterChange[] = [];
    for (const group of INCOME_CAP_GROUPS)
      for (const size of ['1', '2', '3', '4'] as const) {
        const current = params.incomeCap.groups[group][size];
        const edit = input.groups[group][size];
        const label = `Tope de ingresos, ${groupLabels[group]}, ${incomeCapSizeText(size)}`;
        if (edit.amountClp !== current.amountClp)
          changes.push({ key: `incomeCap.groups.${group}.${size}.amountClp`, label, before: current.amountClp, after: edit.amountClp });
        if (edit.inferred !== current.inferred)
          changes.push({ key: `incomeCap.groups.${group}.${size}.inferred`, label: `${label}: inferido`, before: current.inferred, after: edit.inferred });
        params.incomeCap.groups[group][size] = { amountClp: edit.amountClp, inferred: edit.inferred };
      }
    return changes;
  });
}
