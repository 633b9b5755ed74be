import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { auditLog, organizations, selectionRuns } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { checkMove, checkTransition, findTransition } from '@/lib/domain/application-state';
import type { TransitionAction } from '@/lib/domain/application-state';
import type { TDecision } from '@/lib/validations/observations';
import { loadApplication, transitionStatus } from './application-access';
import type { ApplicationAccess } from './application-access';
import { writeAudit } from './audit';
import { evaluateApplication } from './eligibility';
import {
  isCorrectionDeadlinePassed,
  listOpenBlockingObservations,
  listParticipantRecipients,
  queueStatusChangedMails,
} from './observations';

export interface DecisionBlocker {
  kind: 'observacion' | 'requisito' | 'trabajador';
  /** The rule's id when a rule of the programme fails. */
  ruleId: string | null;
  message: string;
}

const OBSERVATION_STATUS_TEXT: Record<string, string> = {
  borrador: 'en borrador, sin enviar',
  abierta: 'sin respuesta',
  respondida: 'respondida, sin aceptar',
};

function shorten(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * What stops a technical approval, named: blocking observations not accepted yet, and every rule of the
 * programme (rules engine, with the SII-verified income where there is one) that fails.
 */
export async function listApprovalBlockers(db: DbOrTx, access: ApplicationAccess): Promise<DecisionBlocker[]> {
  const blockers: DecisionBlocker[] = [];
  for (const o of await listOpenBlockingObservations(db, access.application.id))
    blockers.push({
      kind: 'observacion',
      ruleId: null,
      message: `Observación bloqueante de la ronda ${o.roundNumber} ${OBSERVATION_STATUS_TEXT[o.status] ?? o.status}: «${shorten(o.message)}»`,
    });
  const eligibility = await evaluateApplication(db, access);
  for (const rule of eligibility.rules.filter((r) => !r.ok)) blockers.push({ kind: 'requisito', ruleId: rule.id, message: rule.message });
  for (const worker of eligibility.workers.filter((w) => !w.ok))
    for (const reason of worker.reasons.filter((r) => !r.ok))
      blockers.push({ kind: 'trabajador', ruleId: reason.id, message: `${worker.name}: ${reason.message}` });
  return blockers;
}

export interface DecisionActionState {
  /** The move exists from the current state for this role. */
  allowed: boolean;
  /** Why the button is not offered (Spanish), when it is not. */
  reason: string | null;
}

export interface DecisionHistoryEntry {
  at: Date;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  actorRole: string | null;
}

export interface DecisionViewDto {
  application: { id: string; number: string; projectName: string; status: ApplicationStatus; submittedAt: Date | null; organizationName: string };
  callName: string;
  takeIntoReview: DecisionActionState;
  approve: DecisionActionState;
  reject: DecisionActionState;
  approvalBlockers: DecisionBlocker[];
  history: DecisionHistoryEntry[];
}

const DECISION_ACTIONS = [
  'application.submit',
  'application.review.start',
  'observation.round.send',
  'application.correction.submit',
  'application.approve_technical',
  'application.reject',
  'application.select',
  'application.not_select',
];

async function actionState(
  db: DbOrTx,
  user: SessionUser,
  access: ApplicationAccess,
  to: ApplicationStatus,
  permission: 'review.decide' | 'review.approve_technical',
): Promise<DecisionActionState> {
  const from = access.application.status;
  const transition = findTransition(from, to);
  if (!transition) return { allowed: false, reason: null };
  if (!hasPermission(user.role, permission) || !transition.roles.includes(user.role)) {
    const check = checkMove(from, to, user.role);
    return { allowed: false, reason: check.ok ? null : check.message };
  }
  if (transition.guard === 'correction_deadline_passed' && !(await isCorrectionDeadlinePassed(db, access.application.id)))
    return { allowed: false, reason: 'El plazo para subsanar aún no vence.' };
  return { allowed: true, reason: null };
}

/**
 * The decision page of one file of the official's region ('review.read' scope; another region's file
 * is NotFoundError): which moves the user may make now, what blocks an approval and the decisions so far.
 */
export async function getDecisionView(user: SessionUser, applicationId: string): Promise<DecisionViewDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'review.read');
  const { application } = access;
  const [organization] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, application.organizationId));
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, actorRole: auditLog.actorRole, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, application.id), inArray(auditLog.action, DECISION_ACTIONS)))
    .orderBy(asc(auditLog.id));
  const text = (value: unknown, key: string) => {
    const v = (value as Record<string, unknown> | null)?.[key];
    return typeof v === 'string' ? v : null;
  };
  return {
    application: {
      id: application.id,
      number: application.number,
      projectName: application.projectName,
      status: application.status,
      submittedAt: application.submittedAt,
      organizationName: organization?.name ?? '',
    },
    callName: access.call.name,
    takeIntoReview: await actionState(db, user, access, 'en_revision', 'review.decide'),
    approve: await actionState(db, user, access, 'aprobada_tecnicamente', 'review.approve_technical'),
    reject: await actionState(db, user, access, 'rechazada', 'review.decide'),
    approvalBlockers: findTransition(application.status, 'aprobada_tecnicamente') ? await listApprovalBlockers(db, access) : [],
    history: rows.map((r) => ({
      at: r.at,
      action: r.action,
      from: text(r.before, 'status'),
      to: text(r.after, 'status'),
      reason: text(r.after, 'reason'),
      actorRole: r.actorRole,
    })),
  };
}

const AUDIT_ACTIONS: Partial<Record<TransitionAction, string>> = {
  take_into_review: 'application.review.start',
  approve_technical: 'application.approve_technical',
  reject: 'application.reject',
};

/**
 * One decision of SERVIU on a file of the official's region: loads it locked and in scope (region in the
 * WHERE), asks the state machine (role, reason), checks the move's guards, moves the status only from the
 * state it read, writes the audit row with the reason and queues one mail per participant.
 */
async function decide(
  tx: DbOrTx,
  user: SessionUser,
  applicationId: string,
  to: ApplicationStatus,
  reason: string,
): Promise<{ status: ApplicationStatus; mailsQueued: number }> {
  const access = await loadApplication(tx, user, applicationId, 'review.decide', { forUpdate: true });
  const { application } = access;
  const from = application.status;
  const check = checkTransition(from, to, user.role, reason);
  if (!check.ok) throw new DomainError(check.message, check.reason === 'motivo' ? { reason: check.message } : undefined);
  const transition = check.transition;
  if (transition.guard === 'correction_deadline_passed' && !(await isCorrectionDeadlinePassed(tx, application.id)))
    throw new DomainError('El plazo para subsanar las observaciones aún no vence; espere la subsanación o el vencimiento del plazo.');
  if (to === 'aprobada_tecnicamente') {
    // The national selection is confirmed once: a project approved after it could never be selected.
    const [selected] = await tx
      .select({ resolutionNumber: selectionRuns.resolutionNumber })
      .from(selectionRuns)
      .where(and(eq(selectionRuns.callId, application.callId), eq(selectionRuns.status, 'confirmada')))
      .limit(1);
    if (selected)
      throw new DomainError(
        `La selección de este llamado ya se confirmó (Resolución ${selected.resolutionNumber}): un proyecto aprobado ahora no podría ser seleccionado en él.`,
      );
    const blockers = await listApprovalBlockers(tx, access);
    if (blockers.length > 0)
      throw new DomainError(
        `No se puede aprobar técnicamente mientras quede algo pendiente: ${blockers
          .slice(0, 8)
          .map((b) => (b.ruleId ? `${b.message} [${b.ruleId}]` : b.message))
          .join(' · ')}${blockers.length > 8 ? ` · y ${blockers.length - 8} más` : ''}.`,
      );
  }
  const at = now();
  const moved = await transitionStatus(tx, application.id, from, to);
  if (!moved) throw new DomainError('El estado de la postulación cambió mientras usted trabajaba. Recargue la página.');
  await writeAudit(tx, user, {
    action: AUDIT_ACTIONS[transition.action] ?? `application.${transition.action}`,
    entityType: 'application',
    entityId: application.id,
    before: { status: from, version: application.version },
    after: { status: to, version: moved.version, reason: reason.trim(), decidedAt: at.toISOString() },
  });
  const recipients = await listParticipantRecipients(tx, application);
  const mailsQueued = await queueStatusChangedMails(tx, moved, { status: to, version: moved.version, at, reason: reason.trim() }, recipients);
  return { status: to, mailsQueued };
}

/**
 * SERVIU of the region takes the file into review (after submission, a correction or a missed deadline),
 * saying why; the participants read it.
 */
export async function takeIntoReview(tx: DbOrTx, user: SessionUser, input: TDecision) {
  return decide(tx, user, input.applicationId, 'en_revision', input.reason);
}

/**
 * Technical approval: the region's director only, with a reason, and never while a blocking observation
 * is open or a rule of the programme fails.
 */
export async function approveTechnically(tx: DbOrTx, user: SessionUser, input: TDecision) {
  return decide(tx, user, input.applicationId, 'aprobada_tecnicamente', input.reason);
}

/** Rejection by SERVIU of the region, always with a reason that is sent to the participants. */
export async function rejectApplication(tx: DbOrTx, user: SessionUser, input: TDecision) {
  return decide(tx, user, input.applicationId, 'rechazada', input.reason);
}
