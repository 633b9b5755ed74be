import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import {
  callMilestones,
  documents,
  memberships,
  observationRounds,
  observations,
  rosterEntries,
  users,
} from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission, readsOwnRowOnly } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { checkMove, checkTransition } from '@/lib/domain/application-state';
import { addWorkingDays, isPastDeadline } from '@/lib/domain/deadlines';
import {
  APPLICATION_DOCUMENT_SLOTS,
  INCORPORATION_FORM_SLOT_ID,
  canUploadSlot,
  documentSlotById,
} from '@/lib/domain/document-slots';
import { formatRut } from '@/lib/domain/rut';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/jobs/queue';
import { applicationStatusLabels } from '@/lib/labels';
import { applicationStatusChangedMail, observationsSentMail } from '@/lib/mail/templates';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { observationSectionLabels } from '@/lib/validations/observations';
import type { ObservationPage } from '@/lib/validations/observations';
import type {
  ObservationSection,
  TAnswerObservation,
  TCreateObservation,
  TDeleteObservation,
  TReviewObservation,
  TSendObservationRound,
  TSubmitCorrection,
} from '@/lib/validations/observations';
import { assertEditWindow, bumpVersion, getEditWindow, latestSentRound, loadApplication, roundColumns, transitionStatus } from './application-access';
import type { ApplicationAccess, ApplicationRow, Party, RoundRow } from './application-access';
import { writeAudit } from './audit';
import { storeDocumentVersion } from './documents';
import { evaluateApplication } from './eligibility';
import { captureFileState, diffFileSince, readFileState } from './file-state';
import { correctionHrefOf, listPinnedObservations, ownersOf, targetContext, targetOf } from './observation-targets';
import type { ObservationTarget, PinnedObservationDto } from './observation-targets';

export type { ObservationTarget } from './observation-targets';
import type { FileChangesDto } from './file-state';
import { receiptVerificationUrl } from './submission';

type ObservationRow = typeof observations.$inferSelect;
export type ObservationStatus = ObservationRow['status'];

// ───────────────────────────── shared helpers (also used by decisions and replacements) ─────────────────────────────

function baseUrl(): string {
  return env().PUBLIC_BASE_URL.replace(/\/+$/, '');
}

/**
 * A rule citation lives in `observations.rule_id` as "<rule id>\n<source text>": the table has no column
 * for the source yet, and rule ids never hold a line break.
 */
export function encodeRuleCitation(ruleId: string | undefined, source: string): string {
  return `${ruleId ?? ''}\n${source.trim()}`;
}

export function decodeRuleCitation(stored: string | null): { id: string | null; source: string } | null {
  if (!stored) return null;
  const at = stored.indexOf('\n');
  if (at < 0) return { id: stored, source: '' };
  const id = stored.slice(0, at).trim();
  return { id: id || null, source: stored.slice(at + 1).trim() };
}

export interface ParticipantRecipients {
  /** Members of the union, employer, sponsor and builder behind the application (accounts in the portal). */
  members: string[];
  /** Workers of the active roster with an e-mail and no member account among the above. */
  workers: string[];
}

/** Who hears about the application: every member of its parties and every worker of its roster with an e-mail. */
export async function listParticipantRecipients(db: DbOrTx, application: ApplicationRow): Promise<ParticipantRecipients> {
  const partyConditions = [eq(memberships.organizationId, application.organizationId)];
  if (application.employerId) partyConditions.push(eq(memberships.employerId, application.employerId));
  const sponsorIds = [application.sponsorId, application.builderId].filter((v): v is string => v !== null);
  if (sponsorIds.length) partyConditions.push(inArray(memberships.sponsorId, sponsorIds));
  const memberRows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(or(...partyConditions), isNull(users.disabledAt)));
  const workerRows = await db
    .select({ email: rosterEntries.email })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, application.id), eq(rosterEntries.status, 'activo')));
  const members = [...new Set(memberRows.map((m) => m.email.trim().toLowerCase()))].sort();
  const memberSet = new Set(members);
  const workers = [
    ...new Set(workerRows.map((w) => w.email?.trim().toLowerCase() ?? '').filter((e) => e !== '' && !memberSet.has(e))),
  ].sort();
  return { members, workers };
}

/** The reviewers of a region (active accounts), who hear that a correction arrived. */
export async function listRegionReviewerEmails(db: DbOrTx, regionCode: string | null): Promise<string[]> {
  if (!regionCode) return [];
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'reviewer'), eq(users.regionCode, regionCode), isNull(users.disabledAt)));
  return [...new Set(rows.map((r) => r.email.trim().toLowerCase()))].sort();
}

/**
 * Queues the «cambió el estado» mail once per recipient and transition: the dedupe key names the
 * application version the move produced, which no other move shares.
 */
export async function queueStatusChangedMails(
  tx: DbOrTx,
  application: ApplicationRow,
  change: { status: ApplicationStatus; version: number; at: Date; reason: string },
  recipients: { members: string[]; workers: string[] },
): Promise<number> {
  const memberUrl = `${baseUrl()}/portal/postulaciones/${application.id}/estado`;
  // Workers may have no account: the receipt's public check shows the status without signing in.
  const workerUrl = application.submissionHash ? receiptVerificationUrl(application.number, application.submissionHash) : memberUrl;
  let queued = 0;
  for (const [emails, url] of [
    [recipients.members, memberUrl],
    [recipients.workers, workerUrl],
  ] as const) {
    for (const email of emails) {
      const mail = applicationStatusChangedMail({
        applicationNumber: application.number,
        projectName: application.projectName,
        statusLabel: applicationStatusLabels[change.status],
        reason: change.reason,
        changedAt: change.at,
        url,
      });
      await enqueueMail(tx, { to: [email], ...mail }, `status:${application.id}:v${change.version}:${email}`);
      queued++;
    }
  }
  return queued;
}

async function draftRound(db: DbOrTx, applicationId: string): Promise<RoundRow | null> {
  const [round] = await db
    .select(roundColumns)
    .from(observationRounds)
    .where(and(eq(observationRounds.applicationId, applicationId), isNull(observationRounds.sentAt)))
    .limit(1);
  return round ?? null;
}

async function getOrCreateDraftRound(tx: DbOrTx, user: SessionUser, applicationId: string): Promise<RoundRow> {
  const existing = await draftRound(tx, applicationId);
  if (existing) return existing;
  const [max] = await tx
    .select({ n: sql<number>`coalesce(max(${observationRounds.number}), 0)::int` })
    .from(observationRounds)
    .where(eq(observationRounds.applicationId, applicationId));
  const [created] = await tx
    .insert(observationRounds)
    .values({ applicationId, number: (max?.n ?? 0) + 1, createdBy: user.id })
    .returning(roundColumns);
  return created!;
}

/** The correction deadline of the current round has passed (by the server clock). */
export async function isCorrectionDeadlinePassed(db: DbOrTx, applicationId: string, at: Date = now()): Promise<boolean> {
  const round = await latestSentRound(db, applicationId);
  return round?.deadlineAt ? isPastDeadline(at, round.deadlineAt) : false;
}

/**
 * Whether SERVIU has observations on the file that are not resolved yet: sent and unanswered, or
 * answered and waiting for SERVIU. A repeated («reiterada») observation is closed in its round; its
 * follow-up in the next round carries the open state.
 */
export async function hasOpenObservations(db: DbOrTx, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: observations.id })
    .from(observations)
    .innerJoin(observationRounds, eq(observationRounds.id, observations.roundId))
    .where(
      and(
        eq(observations.applicationId, applicationId),
        isNotNull(observationRounds.sentAt),
        inArray(observations.status, ['abierta', 'respondida']),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Blocking observations that still stop a technical approval: drafts, unanswered, or answered but not accepted. */
export async function listOpenBlockingObservations(
  db: DbOrTx,
  applicationId: string,
): Promise<{ id: string; message: string; status: ObservationStatus; roundNumber: number }[]> {
  return db
    .select({ id: observations.id, message: observations.message, status: observations.status, roundNumber: observationRounds.number })
    .from(observations)
    .innerJoin(observationRounds, eq(observationRounds.id, observations.roundId))
    .where(
      and(
        eq(observations.applicationId, applicationId),
        eq(observations.severity, 'bloqueante'),
        inArray(observations.status, ['borrador', 'abierta', 'respondida']),
      ),
    )
    .orderBy(asc(observationRounds.number), asc(observations.createdAt));
}

// ───────────────────────────── DTOs ─────────────────────────────

export interface ObservationDto {
  id: string;
  roundNumber: number;
  status: ObservationStatus;
  severity: 'bloqueante' | 'advertencia';
  message: string;
  rule: { id: string | null; source: string } | null;
  target: ObservationTarget;
  owners: Party[];
  answer: string | null;
  answeredAt: Date | null;
}

export interface RoundDto {
  id: string;
  number: number;
  sentAt: Date | null;
  deadlineAt: Date | null;
  observations: ObservationDto[];
}

async function loadRounds(db: DbOrTx, applicationId: string, options: { sentOnly: boolean }): Promise<RoundDto[]> {
  const rounds = await db
    .select(roundColumns)
    .from(observationRounds)
    .where(
      and(eq(observationRounds.applicationId, applicationId), options.sentOnly ? isNotNull(observationRounds.sentAt) : undefined),
    )
    .orderBy(desc(observationRounds.number));
  if (rounds.length === 0) return [];
  const rows = await db
    .select()
    .from(observations)
    .where(inArray(observations.roundId, rounds.map((r) => r.id)))
    .orderBy(asc(observations.createdAt), asc(observations.id));
  const ctx = await targetContext(db, applicationId);
  return rounds.map((round) => ({
    id: round.id,
    number: round.number,
    sentAt: round.sentAt,
    deadlineAt: round.deadlineAt,
    observations: rows
      .filter((o) => o.roundId === round.id)
      // Blocking first: they decide whether the file moves on.
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'bloqueante' ? -1 : 1))
      .map((o) => {
        const target = targetOf(o, ctx);
        return {
          id: o.id,
          roundNumber: round.number,
          status: o.status,
          severity: o.severity,
          message: o.message,
          rule: decodeRuleCitation(o.ruleId),
          target,
          owners: ownersOf(target),
          answer: o.answer,
          answeredAt: o.answeredAt,
        };
      }),
  }));
}

// ───────────────────────────── changes since a round was sent ─────────────────────────────

export type ChangesDto = FileChangesDto;

/**
 * Only what changed since a round was sent: the file now against the baseline captured with the round
 * (section fields, roster rows, new document versions). Null for a round sent without a baseline.
 */
async function getChangesSinceRound(db: DbOrTx, applicationId: string, round: RoundRow): Promise<ChangesDto | null> {
  if (!round.sentAt) return null;
  const [stored] = await db.select({ baseline: observationRounds.baseline }).from(observationRounds).where(eq(observationRounds.id, round.id)).limit(1);
  const baseline = readFileState(stored?.baseline);
  return baseline ? diffFileSince(db, applicationId, baseline) : null;
}

// ───────────────────────────── SERVIU: the observations page ─────────────────────────────

export interface CitableRuleDto {
  id: string;
  label: string;
  message: string;
  source: string;
}

export interface ReviewObservationsDto {
  application: { id: string; number: string; projectName: string; status: ApplicationStatus };
  callName: string;
  /** The user may draft observations now (right + state). */
  canDraft: boolean;
  draftBlockedReason: string | null;
  /** The draft round can be sent now. */
  canSend: boolean;
  sendBlockedReason: string | null;
  /** Sent observations can be accepted or repeated now. */
  canReview: boolean;
  draft: RoundDto | null;
  /** Sent rounds, newest first. */
  rounds: RoundDto[];
  deadline: {
    /** End of the call's «subsanación» milestone, when the call has one. */
    callDate: Date | null;
    callDatePassed: boolean;
    defaultWorkingDays: number;
    /** The deadline N working days from today would give, for the default N. */
    workingDaysPreview: Date;
  };
  targets: {
    sections: { value: string; label: string }[];
    documents: { value: string; label: string }[];
    roster: { value: string; label: string }[];
  };
  citableRules: CitableRuleDto[];
  changes: ChangesDto | null;
}

const DRAFTABLE: readonly ApplicationStatus[] = ['en_revision', 'subsanada'];

async function subsanacionMilestoneEnd(db: DbOrTx, callId: string): Promise<Date | null> {
  const [row] = await db
    .select({ endsAt: callMilestones.endsAt })
    .from(callMilestones)
    .where(and(eq(callMilestones.callId, callId), eq(callMilestones.code, 'subsanacion')))
    .limit(1);
  return row?.endsAt ?? null;
}

/** Whether SERVIU may mark observations of sent rounds accepted or repeated in this state. */
async function reviewable(db: DbOrTx, access: ApplicationAccess, at: Date): Promise<boolean> {
  const status = access.application.status;
  if (status === 'subsanada' || status === 'en_revision') return true;
  return status === 'observada' && (await isCorrectionDeadlinePassed(db, access.application.id, at));
}

/**
 * The observations page of SERVIU for one file of the official's region ('review.read' scope; another
 * region's file is NotFoundError): draft and sent rounds, what can be pinned, the rules that fail and,
 * after a correction, only what changed since the round was sent.
 */
export async function getReviewObservations(user: SessionUser, applicationId: string): Promise<ReviewObservationsDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'review.read');
  const { application } = access;
  const at = now();
  const mayObserve = hasPermission(user.role, 'review.observe');
  const all = await loadRounds(db, application.id, { sentOnly: false });
  const draft = all.find((r) => r.sentAt === null) ?? null;
  const rounds = all.filter((r) => r.sentAt !== null);
  const unresolved = rounds.flatMap((r) => r.observations).filter((o) => o.status === 'abierta' || o.status === 'respondida');

  let draftBlockedReason: string | null = null;
  if (!mayObserve) draftBlockedReason = 'Su rol puede ver las observaciones, pero no formularlas.';
  else if (!DRAFTABLE.includes(application.status))
    draftBlockedReason =
      application.status === 'enviada'
        ? 'Tome la postulación para revisión antes de formular observaciones.'
        : application.status === 'observada'
          ? 'Hay una ronda de observaciones en curso; espere la subsanación o el vencimiento del plazo.'
          : `La postulación está «${applicationStatusLabels[application.status]}»: no admite nuevas observaciones.`;

  let sendBlockedReason: string | null = draftBlockedReason;
  if (!sendBlockedReason && (!draft || draft.observations.length === 0)) sendBlockedReason = 'Agregue al menos una observación para enviar la ronda.';
  if (!sendBlockedReason && unresolved.length > 0)
    sendBlockedReason = `Antes de enviar una nueva ronda, acepte o reitere las ${unresolved.length} observación(es) de la ronda anterior.`;
  if (!sendBlockedReason && !checkMove(application.status, 'observada', user.role).ok)
    sendBlockedReason = 'Su rol no permite enviar observaciones.';

  const callDate = await subsanacionMilestoneEnd(db, application.callId);
  const params = access.call.parameters;
  const ctx = await targetContext(db, application.id);
  const eligibility = await evaluateApplication(db, access);
  const citableRules: CitableRuleDto[] = [
    ...eligibility.rules.filter((r) => !r.ok).map((r) => ({ id: r.id, label: r.message, message: r.message, source: r.source })),
    ...eligibility.workers.flatMap((w) =>
      w.reasons.filter((r) => !r.ok).map((r) => ({ id: r.id, label: `${w.name}: ${r.message}`, message: `${w.name}: ${r.message}`, source: r.source })),
    ),
  ];
  const latestRow = rounds.length > 0 ? await latestSentRound(db, application.id) : null;
  return {
    application: { id: application.id, number: application.number, projectName: application.projectName, status: application.status },
    callName: access.call.name,
    canDraft: draftBlockedReason === null,
    draftBlockedReason,
    canSend: sendBlockedReason === null,
    sendBlockedReason,
    canReview: mayObserve && (await reviewable(db, access, at)),
    draft,
    rounds,
    deadline: {
      callDate,
      callDatePassed: callDate ? isPastDeadline(at, callDate) : true,
      defaultWorkingDays: params.deadlines.correctionWorkingDays,
      workingDaysPreview: addWorkingDays(at, params.deadlines.correctionWorkingDays, params),
    },
    targets: {
      sections: Object.entries(observationSectionLabels).map(([value, label]) => ({ value, label })),
      documents: [...ctx.documents.entries()]
        .map(([id, d]) => ({ value: id, label: `${documentSlotById(d.slot)?.label ?? d.slot} — versión ${d.version} (${d.fileName})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'es')),
      roster: [...ctx.roster.entries()]
        .filter(([, r]) => r.status === 'activo')
        .map(([id, r]) => ({ value: id, label: `${r.name} (RUT ${formatRut(r.rut)})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'es')),
    },
    citableRules,
    // Once the applicant's turn is over: the correction was sent, or the deadline passed.
    changes:
      latestRow && (application.status !== 'observada' || (latestRow.deadlineAt && isPastDeadline(at, latestRow.deadlineAt)))
        ? await getChangesSinceRound(db, application.id, latestRow)
        : null,
  };
}

/** Loads a file of the official's region to change its observations ('review.observe'), locked for the transaction. */
async function loadForObserving(tx: DbOrTx, user: SessionUser, applicationId: string): Promise<ApplicationAccess> {
  return loadApplication(tx, user, applicationId, 'review.observe', { forUpdate: true });
}

/**
 * Drafts one observation in the file's open round (created on first use). It must be pinned to a field
 * of a section, a document version or a roster row of this same application, and cite its rule.
 */
export async function createObservation(tx: DbOrTx, user: SessionUser, input: TCreateObservation): Promise<{ id: string; roundNumber: number }> {
  const access = await loadForObserving(tx, user, input.applicationId);
  const { application } = access;
  if (!DRAFTABLE.includes(application.status))
    throw new DomainError(
      application.status === 'enviada'
        ? 'Tome la postulación para revisión antes de formular observaciones.'
        : `La postulación está «${applicationStatusLabels[application.status]}»: no admite nuevas observaciones.`,
    );
  let targetField: string | null = null;
  let documentId: string | null = null;
  let rosterEntryId: string | null = null;
  if (input.targetKind === 'campo') {
    targetField = `${input.section as ObservationSection}.${input.field!.replace(/\s+/g, ' ')}`;
  } else if (input.targetKind === 'documento') {
    const [doc] = await tx
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, input.documentId!), eq(documents.applicationId, application.id)))
      .limit(1);
    if (!doc) throw new DomainError('El documento elegido no es de esta postulación.', { documentId: 'El documento elegido no es de esta postulación.' });
    documentId = doc.id;
  } else {
    const [entry] = await tx
      .select({ id: rosterEntries.id })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.id, input.rosterEntryId!), eq(rosterEntries.applicationId, application.id)))
      .limit(1);
    if (!entry) throw new DomainError('La persona elegida no está en la nómina de esta postulación.', { rosterEntryId: 'La persona elegida no está en la nómina de esta postulación.' });
    rosterEntryId = entry.id;
  }
  const round = await getOrCreateDraftRound(tx, user, application.id);
  const [row] = await tx
    .insert(observations)
    .values({
      applicationId: application.id,
      roundId: round.id,
      targetField,
      documentId,
      rosterEntryId,
      severity: input.severity,
      ruleId: encodeRuleCitation(input.ruleId, input.ruleSource),
      message: input.message,
      status: 'borrador',
      createdBy: user.id,
      createdAt: now(),
    })
    .returning({ id: observations.id });
  await writeAudit(tx, user, {
    action: 'observation.create',
    entityType: 'observation',
    entityId: row!.id,
    after: {
      applicationId: application.id,
      round: round.number,
      targetField,
      documentId,
      rosterEntryId,
      severity: input.severity,
      ruleId: input.ruleId ?? null,
      ruleSource: input.ruleSource,
      message: input.message,
    },
  });
  return { id: row!.id, roundNumber: round.number };
}

/** Deletes an observation that was never sent (a sent one stays on record for good). */
export async function deleteObservation(tx: DbOrTx, user: SessionUser, input: TDeleteObservation): Promise<void> {
  const access = await loadForObserving(tx, user, input.applicationId);
  const [row] = await tx
    .select()
    .from(observations)
    .where(and(eq(observations.id, input.observationId), eq(observations.applicationId, access.application.id)))
    .limit(1);
  if (!row) throw new NotFoundError('No se encontró la observación.');
  if (row.status !== 'borrador') throw new DomainError('Solo se pueden eliminar observaciones en borrador; las enviadas quedan en el expediente.');
  await tx.delete(observations).where(eq(observations.id, row.id));
  await writeAudit(tx, user, {
    action: 'observation.delete',
    entityType: 'observation',
    entityId: row.id,
    before: { applicationId: row.applicationId, targetField: row.targetField, documentId: row.documentId, rosterEntryId: row.rosterEntryId, severity: row.severity, message: row.message },
  });
}

/** The deadline of a round: the call's «subsanación» date, or N administrative working days from today. */
export async function correctionDeadlineFor(
  db: DbOrTx,
  access: ApplicationAccess,
  choice: Pick<TSendObservationRound, 'deadlineKind' | 'workingDays'>,
  at: Date,
): Promise<Date> {
  const params = access.call.parameters;
  if (choice.deadlineKind === 'llamado') {
    const callDate = await subsanacionMilestoneEnd(db, access.application.callId);
    if (!callDate) throw new DomainError('El llamado no tiene una fecha de subsanación en su cronograma; fije el plazo en días hábiles.', { deadlineKind: 'El llamado no tiene fecha de subsanación.' });
    if (isPastDeadline(at, callDate)) {
      const message = `La fecha de subsanación del llamado (${formatSantiagoDateTime(callDate)}) ya pasó; fije el plazo en días hábiles.`;
      throw new DomainError(message, { deadlineKind: message });
    }
    return callDate;
  }
  // Ley N°19.880 art. 25: administrative working days, Chile's public holidays excluded; ends at 23:59:59 in Santiago.
  return new Date(addWorkingDays(at, choice.workingDays ?? params.deadlines.correctionWorkingDays, params).getTime());
}

/**
 * Sends the draft round as one notice with its correction deadline: the observations open, the file
 * moves to «observada» (state machine) and every participant gets one mail.
 */
export async function sendObservationRound(
  tx: DbOrTx,
  user: SessionUser,
  input: TSendObservationRound,
): Promise<{ roundNumber: number; deadlineAt: Date; observationCount: number; mailsQueued: number }> {
  const access = await loadForObserving(tx, user, input.applicationId);
  const { application } = access;
  const movable = checkMove(application.status, 'observada', user.role);
  if (!movable.ok) throw new DomainError(movable.message);
  const round = await draftRound(tx, application.id);
  const drafted = round
    ? await tx
        .select({ id: observations.id, severity: observations.severity })
        .from(observations)
        .where(and(eq(observations.roundId, round.id), eq(observations.status, 'borrador')))
    : [];
  if (!round || drafted.length === 0) throw new DomainError('Agregue al menos una observación antes de enviar la ronda.');
  const [pending] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(observations)
    .innerJoin(observationRounds, eq(observationRounds.id, observations.roundId))
    .where(
      and(eq(observations.applicationId, application.id), isNotNull(observationRounds.sentAt), inArray(observations.status, ['abierta', 'respondida'])),
    );
  if ((pending?.n ?? 0) > 0)
    throw new DomainError(`Antes de enviar una nueva ronda, acepte o reitere las ${pending!.n} observación(es) de la ronda anterior.`);

  const at = now();
  const deadlineAt = await correctionDeadlineFor(tx, access, input, at);
  const blocking = drafted.filter((o) => o.severity === 'bloqueante').length;
  const reason = `Ronda ${round.number} de observaciones: ${drafted.length} observación(es), ${blocking} bloqueante(s). Plazo para subsanar hasta el ${formatSantiagoDateTime(deadlineAt)}.`;
  const check = checkTransition(application.status, 'observada', user.role, reason);
  if (!check.ok) throw new DomainError(check.message);
  // What the correction will be compared against: the file as the applicant receives the round.
  const baseline = await captureFileState(tx, application.id, at);
  await tx.update(observationRounds).set({ sentAt: at, deadlineAt, baseline }).where(eq(observationRounds.id, round.id));
  await tx.update(observations).set({ status: 'abierta' }).where(and(eq(observations.roundId, round.id), eq(observations.status, 'borrador')));
  const moved = await transitionStatus(tx, application.id, application.status, 'observada');
  if (!moved) throw new DomainError('El estado de la postulación cambió mientras usted trabajaba. Recargue la página.');
  await writeAudit(tx, user, {
    action: 'observation.round.send',
    entityType: 'application',
    entityId: application.id,
    before: { status: application.status },
    after: {
      status: 'observada',
      reason,
      roundId: round.id,
      round: round.number,
      deadlineAt: deadlineAt.toISOString(),
      deadlineKind: input.deadlineKind,
      workingDays: input.deadlineKind === 'dias_habiles' ? (input.workingDays ?? null) : null,
      observations: drafted.length,
    },
  });

  const recipients = await listParticipantRecipients(tx, application);
  const url = `${baseUrl()}/portal/postulaciones/${application.id}/observaciones`;
  let mailsQueued = 0;
  for (const email of recipients.members) {
    const mail = observationsSentMail({
      applicationNumber: application.number,
      projectName: application.projectName,
      observationCount: drafted.length,
      deadline: deadlineAt,
      url,
    });
    await enqueueMail(tx, { to: [email], ...mail }, `observations:${round.id}:${email}`);
    mailsQueued++;
  }
  mailsQueued += await queueStatusChangedMails(tx, moved, { status: 'observada', version: moved.version, at, reason }, { members: [], workers: recipients.workers });
  return { roundNumber: round.number, deadlineAt, observationCount: drafted.length, mailsQueued };
}

/**
 * SERVIU's verdict on a sent observation once the applicant had their turn: «aceptada» closes it;
 * «reiterada» closes it in its round and repeats it, as a draft, in the next round.
 */
export async function reviewObservation(tx: DbOrTx, user: SessionUser, input: TReviewObservation): Promise<{ followUpId: string | null }> {
  const access = await loadForObserving(tx, user, input.applicationId);
  const at = now();
  if (!(await reviewable(tx, access, at)))
    throw new DomainError(
      access.application.status === 'observada'
        ? 'El plazo para subsanar aún no vence y la organización no ha enviado la subsanación; todavía no se pueden evaluar las respuestas.'
        : `La postulación está «${applicationStatusLabels[access.application.status]}»: sus observaciones ya no se evalúan.`,
    );
  const [row] = await tx
    .select({ observation: observations, sentAt: observationRounds.sentAt })
    .from(observations)
    .innerJoin(observationRounds, eq(observationRounds.id, observations.roundId))
    .where(and(eq(observations.id, input.observationId), eq(observations.applicationId, access.application.id)))
    .for('update')
    .limit(1);
  if (!row) throw new NotFoundError('No se encontró la observación.');
  const obs = row.observation;
  if (!row.sentAt || (obs.status !== 'abierta' && obs.status !== 'respondida'))
    throw new DomainError('Esta observación ya fue evaluada o aún no se envía.');
  await tx.update(observations).set({ status: input.verdict }).where(eq(observations.id, obs.id));
  let followUpId: string | null = null;
  if (input.verdict === 'reiterada') {
    const round = await getOrCreateDraftRound(tx, user, access.application.id);
    const [copy] = await tx
      .insert(observations)
      .values({
        applicationId: obs.applicationId,
        roundId: round.id,
        targetField: obs.targetField,
        documentId: obs.documentId,
        rosterEntryId: obs.rosterEntryId,
        severity: obs.severity,
        ruleId: obs.ruleId,
        message: obs.message,
        status: 'borrador',
        createdBy: user.id,
        createdAt: now(),
      })
      .returning({ id: observations.id });
    followUpId = copy!.id;
  }
  await writeAudit(tx, user, {
    action: `observation.${input.verdict === 'aceptada' ? 'accept' : 'repeat'}`,
    entityType: 'observation',
    entityId: obs.id,
    before: { status: obs.status },
    after: { status: input.verdict, applicationId: obs.applicationId, followUpId },
  });
  return { followUpId };
}

// ───────────────────────────── applicant: answer and correct ─────────────────────────────

export interface ApplicantObservationDto extends ObservationDto {
  /** This user may answer it now. */
  canAnswer: boolean;
  /** Why not, when it is theirs to answer but the moment passed. */
  answerBlockedReason: string | null;
  /** A corrected file goes to this slot (the observed document's), or the user picks one of `uploadSlots`. */
  fixedSlot: { slot: string; label: string; needsIssueDate: boolean } | null;
  /** Where this user corrects what the observation points at (section, worker or documents page), while they may. */
  correctionHref: string | null;
}

export interface ApplicantObservationsDto {
  application: { id: string; number: string; projectName: string; status: ApplicationStatus };
  current: (Omit<RoundDto, 'observations'> & { observations: ApplicantObservationDto[]; deadlinePassed: boolean }) | null;
  /** Earlier rounds, newest first, read-only. */
  earlier: RoundDto[];
  /** Slots this user may upload a corrected document to. */
  uploadSlots: { slot: string; label: string; needsIssueDate: boolean }[];
  canSubmitCorrection: boolean;
  submitBlockedReason: string | null;
  /** The user speaks for the union (replacements page). */
  isUnion: boolean;
}

/**
 * The applicant's observations page ('application.read' scope): sent rounds only; a worker sees just
 * the observations about their own roster row. Says which observations this user may answer now.
 */
export async function getApplicantObservations(user: SessionUser, applicationId: string): Promise<ApplicantObservationsDto> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const { application } = access;
  const at = now();
  let rounds = await loadRounds(db, application.id, { sentOnly: true });
  if (readsOwnRowOnly(user.role)) {
    const own = await db
      .select({ id: rosterEntries.id })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.applicationId, application.id), eq(rosterEntries.rut, user.rut ?? '')));
    const ids = new Set(own.map((o) => o.id));
    rounds = rounds.map((r) => ({
      ...r,
      observations: r.observations.filter((o) => o.target.kind === 'trabajador' && ids.has(o.target.rosterEntryId)),
    }));
  }
  const [latest, ...earlier] = rounds;
  const mayEdit = hasPermission(user.role, 'application.edit');
  const deadlinePassed = latest?.deadlineAt ? isPastDeadline(at, latest.deadlineAt) : false;
  const window = await getEditWindow(db, access, 'respuesta', at);
  const uploadSlots = APPLICATION_DOCUMENT_SLOTS.filter((slot) => canUploadSlot(slot, access.parties)).map((slot) => ({
    slot: slot.id,
    label: slot.label,
    needsIssueDate: slot.needsIssueDate,
  }));

  const current = latest
    ? {
        ...latest,
        deadlinePassed,
        observations: latest.observations.map((o): ApplicantObservationDto => {
          const mine = mayEdit && o.owners.some((p) => access.parties.includes(p));
          let answerBlockedReason: string | null = null;
          if (!mine) answerBlockedReason = null;
          else if (application.status !== 'observada') answerBlockedReason = 'La subsanación ya fue enviada.';
          else if (!window.open) answerBlockedReason = window.reason;
          else if (o.status !== 'abierta' && o.status !== 'respondida') answerBlockedReason = 'SERVIU ya evaluó esta observación.';
          const definition = o.target.kind === 'documento' ? documentSlotById(o.target.slot) : undefined;
          const canAnswer = mine && answerBlockedReason === null;
          return {
            ...o,
            canAnswer,
            answerBlockedReason,
            correctionHref: canAnswer ? correctionHrefOf(application.id, o.target) : null,
            fixedSlot: definition ? { slot: definition.id, label: definition.label, needsIssueDate: definition.needsIssueDate } : null,
          };
        }),
      }
    : null;

  let submitBlockedReason: string | null = null;
  const mayFile = hasPermission(user.role, 'application.submit') && (access.parties.includes('organizacion') || access.parties.includes('empleador'));
  if (!mayFile) submitBlockedReason = 'La subsanación la envía la organización de trabajadores o el empleador.';
  else if (application.status !== 'observada' || !current) submitBlockedReason = 'No hay observaciones por subsanar.';
  else if (!window.open) submitBlockedReason = window.reason;
  else {
    const missing = current.observations.filter((o) => o.severity === 'bloqueante' && o.status === 'abierta').length;
    if (missing > 0) submitBlockedReason = `Falta responder ${missing} observación(es) bloqueante(s).`;
  }
  return {
    application: { id: application.id, number: application.number, projectName: application.projectName, status: application.status },
    current,
    earlier,
    uploadSlots,
    canSubmitCorrection: submitBlockedReason === null,
    submitBlockedReason,
    isUnion: access.parties.includes('organizacion'),
  };
}

/**
 * The correction window of an observed file (the edit window's «respuesta» change: status «observada»
 * and the current round's deadline not passed by the server clock). Returns that round; refuses with
 * the deadline stated otherwise.
 */
export async function assertCorrectionWindow(db: DbOrTx, access: ApplicationAccess, at: Date): Promise<RoundRow> {
  await assertEditWindow(db, access, 'respuesta', at);
  const round = await latestSentRound(db, access.application.id);
  if (!round) throw new DomainError('La postulación no tiene observaciones pendientes de subsanar.');
  return round;
}

/**
 * The applicant answers one observation of the current round (the party owning the observed item, before
 * the deadline), optionally with a corrected document stored as a new version. It can be re-answered
 * until the correction is sent.
 */
export async function answerObservation(
  tx: DbOrTx,
  user: SessionUser,
  input: Omit<TAnswerObservation, 'file'> & { file?: { name: string; bytes: Uint8Array } },
): Promise<{ documentId: string | null }> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.edit', { forUpdate: true });
  const at = now();
  const round = await assertCorrectionWindow(tx, access, at);
  const [row] = await tx
    .select()
    .from(observations)
    .where(and(eq(observations.id, input.observationId), eq(observations.applicationId, access.application.id)))
    .for('update')
    .limit(1);
  if (!row || row.status === 'borrador') throw new NotFoundError('No se encontró la observación.');
  if (row.roundId !== round.id) throw new DomainError('Esta observación es de una ronda anterior y ya fue evaluada por SERVIU.');
  if (row.status !== 'abierta' && row.status !== 'respondida') throw new DomainError('SERVIU ya evaluó esta observación.');
  const ctx = await targetContext(tx, access.application.id);
  const target = targetOf(row, ctx);
  const owners = ownersOf(target);
  if (!owners.some((p) => access.parties.includes(p)))
    throw new DomainError('Esta observación la responde otra de las organizaciones de la postulación; usted puede verla, pero no responderla.');

  let documentId: string | null = null;
  if (input.file) {
    let slot: string | undefined;
    let rosterEntryId: string | null = null;
    if (target.kind === 'documento') {
      slot = target.slot;
      rosterEntryId = target.rosterEntryId;
    } else {
      slot = input.slot;
      if (slot === INCORPORATION_FORM_SLOT_ID) rosterEntryId = target.kind === 'trabajador' ? target.rosterEntryId : null;
    }
    const definition = slot ? documentSlotById(slot) : undefined;
    if (!definition) {
      const message = 'Elija qué documento está adjuntando.';
      throw new DomainError(message, { slot: message });
    }
    if (!canUploadSlot(definition, access.parties)) {
      const message = `El documento «${definition.label}» lo sube otra de las organizaciones de la postulación.`;
      throw new DomainError(message, { slot: message });
    }
    const stored = await storeDocumentVersion(tx, user, {
      applicationId: access.application.id,
      slot: definition.id,
      rosterEntryId,
      fileName: input.file.name,
      bytes: input.file.bytes,
      issuedOn: input.issuedOn ?? null,
    });
    documentId = stored.id;
  }
  await tx.update(observations).set({ answer: input.answer, answeredAt: at, status: 'respondida' }).where(eq(observations.id, row.id));
  await bumpVersion(tx, access.application.id, null);
  await writeAudit(tx, user, {
    action: 'observation.answer',
    entityType: 'observation',
    entityId: row.id,
    before: { status: row.status, answer: row.answer },
    after: { status: 'respondida', answer: input.answer, applicationId: access.application.id, documentId },
  });
  return { documentId };
}

/**
 * The applicant sends the correction (subsanación) once every blocking observation of the current round
 * is answered and before the deadline: «observada» → «subsanada»; the region's reviewers and the
 * participants are told, with what it answered.
 */
export async function submitCorrection(tx: DbOrTx, user: SessionUser, input: TSubmitCorrection): Promise<{ mailsQueued: number }> {
  const access = await loadApplication(tx, user, input.applicationId, 'application.submit', { forUpdate: true });
  const { application } = access;
  const movable = checkMove(application.status, 'subsanada', user.role);
  if (!movable.ok) throw new DomainError(application.status === 'subsanada' ? 'La subsanación ya fue enviada.' : movable.message);
  if (!access.parties.includes('organizacion') && !access.parties.includes('empleador'))
    throw new DomainError('La subsanación la envía la organización de trabajadores o el empleador.');
  const at = now();
  const round = await assertCorrectionWindow(tx, access, at);
  const unanswered = await tx
    .select({ id: observations.id })
    .from(observations)
    .where(and(eq(observations.roundId, round.id), eq(observations.severity, 'bloqueante'), eq(observations.status, 'abierta')));
  if (unanswered.length > 0) throw new DomainError(`Falta responder ${unanswered.length} observación(es) bloqueante(s) antes de enviar la subsanación.`);
  const changes = await getChangesSinceRound(tx, application.id, round);
  const [answered] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(observations)
    .where(and(eq(observations.roundId, round.id), eq(observations.status, 'respondida')));
  const reason = `Subsanación de la ronda ${round.number}: ${answered?.n ?? 0} observación(es) respondida(s)${
    changes ? `; ${changes.fields.length} dato(s), ${changes.roster.length} fila(s) de la nómina y ${changes.documents.length} documento(s) cambiados` : ''
  }.`;
  const check = checkTransition('observada', 'subsanada', user.role, reason);
  if (!check.ok) throw new DomainError(check.message);
  const moved = await transitionStatus(tx, application.id, 'observada', 'subsanada');
  if (!moved) throw new DomainError('La subsanación ya fue enviada.');
  await writeAudit(tx, user, {
    action: 'application.correction.submit',
    entityType: 'application',
    entityId: application.id,
    before: { status: 'observada' },
    after: {
      status: 'subsanada',
      reason,
      roundId: round.id,
      round: round.number,
      // What the correction changed against the round's baseline, as SERVIU will see it.
      changes: changes
        ? {
            fields: changes.fields.map((f) => `${f.section}.${f.field}`),
            rosterEntries: changes.roster.map((r) => r.entryId),
            documents: changes.documents.map((d) => d.id),
          }
        : null,
    },
  });
  const reviewers = await listRegionReviewerEmails(tx, application.regionCode);
  const url = `${baseUrl()}/gestion/postulaciones/${application.id}/observaciones`;
  for (const email of reviewers) {
    const mail = applicationStatusChangedMail({
      applicationNumber: application.number,
      projectName: application.projectName,
      statusLabel: applicationStatusLabels.subsanada,
      reason,
      changedAt: at,
      url,
    });
    await enqueueMail(tx, { to: [email], ...mail }, `status:${application.id}:v${moved.version}:${email}`);
  }
  // The other participants (and the workers) learn that the correction went in, and what it answered.
  const participants = await listParticipantRecipients(tx, application);
  const participantMails = await queueStatusChangedMails(tx, moved, { status: 'subsanada', version: moved.version, at, reason }, participants);
  return { mailsQueued: reviewers.length + participantMails };
}

export interface ObservationsBannerDto {
  applicationId: string;
  /** «observada»: answers are due; «subsanada»: the correction was sent and SERVIU is reviewing it. */
  status: 'observada' | 'subsanada';
  observationCount: number;
  blockingCount: number;
  unansweredCount: number;
  deadlineAt: Date | null;
  deadlinePassed: boolean;
}

/**
 * What the «Con observaciones» banner of the applicant's pages needs, while the file is observed or its
 * correction is under review ('application.read' scope; null otherwise).
 */
export async function getObservationsBanner(user: SessionUser, applicationId: string): Promise<ObservationsBannerDto | null> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  const status = access.application.status;
  if (status !== 'observada' && status !== 'subsanada') return null;
  const round = await latestSentRound(db, access.application.id);
  if (!round) return null;
  const rows = await db
    .select({ severity: observations.severity, status: observations.status })
    .from(observations)
    .where(eq(observations.roundId, round.id));
  return {
    applicationId: access.application.id,
    status,
    observationCount: rows.length,
    blockingCount: rows.filter((r) => r.severity === 'bloqueante').length,
    unansweredCount: rows.filter((r) => r.status === 'abierta').length,
    deadlineAt: round.deadlineAt,
    deadlinePassed: round.deadlineAt ? isPastDeadline(now(), round.deadlineAt) : false,
  };
}

export interface CorrectionPanelDto {
  applicationId: string;
  roundNumber: number;
  deadlineAt: Date | null;
  /** The correction window is open now (server clock); each party still corrects only what it owns. */
  open: boolean;
  /** Why nothing can be corrected any more (the deadline passed), when it is closed. */
  closedReason: string | null;
  /** Observations of the round that point at this page. */
  observations: PinnedObservationDto[];
}

/**
 * What a page of the applicant's file shows while the file is «observada» ('application.read' scope):
 * the round's correction deadline, whether it is still open, and the observations pinned to that page.
 * Null in any other state, and for a worker.
 */
export async function getCorrectionPanel(user: SessionUser, applicationId: string, page: ObservationPage): Promise<CorrectionPanelDto | null> {
  const db = await getDb();
  const access = await loadApplication(db, user, applicationId, 'application.read');
  // A worker corrects nothing in the file; their own observations are on the observations page.
  if (access.application.status !== 'observada' || readsOwnRowOnly(user.role)) return null;
  const round = await latestSentRound(db, access.application.id);
  if (!round) return null;
  const window = await getEditWindow(db, access, 'seccion');
  return {
    applicationId: access.application.id,
    roundNumber: round.number,
    deadlineAt: round.deadlineAt,
    open: window.open,
    closedReason: window.open ? null : window.reason,
    observations: (await listPinnedObservations(db, user, access)).get(page) ?? [],
  };
}
