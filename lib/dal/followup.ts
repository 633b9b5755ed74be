import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { documents, projectDates, projectMilestones, sponsors } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import type { Permission } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { formatShare, formatUf } from '@/lib/format';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import {
  calendarDaysUntil,
  callDateOf,
  cbrInscriptionDeadline,
  endOfCallDay,
  progressReportDue,
  isPastDeadline,
  startOfWorksDeadline,
  subsidyPaymentWindow,
} from '@/lib/domain/deadlines';
import { FOLLOWUP_DOCUMENT_SLOTS } from '@/lib/domain/document-slots';
import { GANTT_MILESTONE_KIND, formatDayText, ganttMilestoneLabel, milestoneKindLabels } from '@/lib/validations/followup';
import type { MilestoneKind, TReportGanttMilestone, TReportMilestone, TVerifyMilestone } from '@/lib/validations/followup';
import { loadApplication } from './application-access';
import type { ApplicationAccess, ApplicationRow } from './application-access';
import { writeAudit } from './audit';
import { getBridgeLoanView } from './bridge-loan';
import type { BridgeLoanView } from './bridge-loan';

export type MilestoneRow = typeof projectMilestones.$inferSelect;

/**
 * A selected application the user may follow with `permission` (region scope for SERVIU, own
 * organisation for the committee). Outside scope, or not selected: NotFoundError.
 */
export async function loadSelectedApplication(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  permission: Permission,
  options: { forUpdate?: boolean } = {},
): Promise<ApplicationAccess> {
  const access = await loadApplication(db, user, id, permission, options);
  if (access.application.status !== 'seleccionada') throw new NotFoundError('La postulación no está seleccionada: aún no tiene seguimiento.');
  return access;
}

/**
 * The follow-up document a report points to: an uploaded follow-up document of the same application,
 * or DomainError (a document of another file, or of the submitted file, is not a follow-up backing).
 */
async function assertFollowupDocument(tx: DbOrTx, applicationId: string, documentId: string | undefined): Promise<string | null> {
  if (!documentId) return null;
  const [row] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.id, documentId),
        eq(documents.applicationId, applicationId),
        inArray(
          documents.slot,
          FOLLOWUP_DOCUMENT_SLOTS.map((slot) => slot.id),
        ),
      ),
    );
  if (!row) throw new DomainError('Ese documento no está entre los documentos del seguimiento del proyecto.', { documentId: 'Elija un documento subido en «Documentos del seguimiento».' });
  return row.id;
}

/** The project's committee: the parties of a selected application with 'followup.report'. */
async function loadCommitteeAccess(tx: DbOrTx, user: SessionUser, applicationId: string): Promise<ApplicationAccess> {
  const access = await loadSelectedApplication(tx, user, applicationId, 'followup.report', { forUpdate: true });
  if (access.parties.length === 0) throw new NotFoundError('La postulación no está seleccionada: aún no tiene seguimiento.');
  return access;
}

function assertNotFuture(actualOn: string, params: TCallParameters): void {
  if (actualOn > callDateOf(now(), params))
    throw new DomainError('La fecha no puede ser posterior a hoy.', { actualOn: 'Indique la fecha en que ocurrió, hoy o antes.' });
}

/**
 * The committee (union, employer, sponsor or builder of a selected project; 'followup.report') reports
 * a permit, the builder hired, the start of works or progress (the 2022 call, «Después de la selección»).
 */
export async function createMilestoneReport(tx: DbOrTx, user: SessionUser, input: TReportMilestone): Promise<{ id: string }> {
  const access = await loadCommitteeAccess(tx, user, input.applicationId);
  assertNotFuture(input.actualOn, access.call.parameters);
  const documentId = await assertFollowupDocument(tx, access.application.id, input.documentId);
  const label = milestoneKindLabels[input.kind];
  const builder = input.kind === 'constructora_contratada' ? await hiredBuilder(tx, access.application.builderId, input.registryNumber ?? '') : null;
  const title = builder
    ? `${label}: ${builder.name} (Registro Nacional de Contratistas N° ${input.registryNumber})`
    : input.kind === 'avance'
      ? `${label}: ${input.progressPercent}%`
      : label;
  const [row] = await tx
    .insert(projectMilestones)
    .values({
      applicationId: access.application.id,
      kind: input.kind,
      title,
      actualOn: input.actualOn,
      progressPercent: input.kind === 'avance' ? String(input.progressPercent) : null,
      reportedBy: user.id,
      documentId,
    })
    .returning({ id: projectMilestones.id });
  await writeAudit(tx, user, {
    action: 'followup.report',
    entityType: 'project_milestone',
    entityId: row!.id,
    after: { ...input, ...(builder ? { builderId: builder.id } : {}) },
  });
  return { id: row!.id };
}

const registryKey = (value: string) => value.replace(/[\s.\-–]/g, '').toUpperCase();

/**
 * The builder a «constructora contratada» report speaks of: the one invited to the project, whose number
 * in the Registro Nacional de Contratistas must be the one it registered in the portal.
 */
async function hiredBuilder(tx: DbOrTx, builderId: string | null, registryNumber: string): Promise<{ id: string; name: string }> {
  if (!builderId)
    throw new DomainError('El proyecto aún no tiene constructora: invítela desde la postulación antes de informar su contratación.');
  const [builder] = await tx
    .select({ id: sponsors.id, name: sponsors.name, registryNumber: sponsors.registryNumber })
    .from(sponsors)
    .where(eq(sponsors.id, builderId));
  if (!builder) throw new DomainError('No se encontró la constructora del proyecto.');
  if (builder.registryNumber && registryKey(builder.registryNumber) !== registryKey(registryNumber))
    throw new DomainError(`${builder.name} figura en el portal con el N° ${builder.registryNumber} del Registro Nacional de Contratistas.`, {
      registryNumber: `No coincide con el N° ${builder.registryNumber} de ${builder.name}; revise el número.`,
    });
  return { id: builder.id, name: builder.name };
}

/**
 * The committee ('followup.report') reports that a milestone of the Convenio's Gantt chart was done, with
 * its actual date and, optionally, the follow-up document that backs it. Until SERVIU confirms it on site
 * the committee may correct the date; a report SERVIU observed is answered the same way, which sends it
 * back to verification (the audit log keeps every earlier report and finding).
 */
export async function reportGanttMilestone(tx: DbOrTx, user: SessionUser, input: TReportGanttMilestone): Promise<{ id: string }> {
  const access = await loadCommitteeAccess(tx, user, input.applicationId);
  assertNotFuture(input.actualOn, access.call.parameters);
  const [milestone] = await tx
    .select()
    .from(projectMilestones)
    .where(
      and(
        eq(projectMilestones.id, input.milestoneId),
        eq(projectMilestones.applicationId, access.application.id),
        eq(projectMilestones.kind, GANTT_MILESTONE_KIND),
      ),
    )
    .for('update');
  if (!milestone) throw new DomainError('Ese hito no está en la carta Gantt del proyecto.', { milestoneId: 'Elija un hito de la lista.' });
  if (milestone.verificationOutcome === 'verificado')
    throw new DomainError(`El SERVIU ya verificó en terreno «${milestone.title}»: no puede volver a informarse.`, { milestoneId: 'Elija un hito aún no verificado.' });
  const documentId = await assertFollowupDocument(tx, access.application.id, input.documentId);
  const before = pickReport(milestone);
  const [row] = await tx
    .update(projectMilestones)
    .set({
      actualOn: input.actualOn,
      documentId,
      reportedBy: user.id,
      verifiedAt: null,
      verifiedBy: null,
      verificationOutcome: null,
      verificationFinding: null,
      verifiedProgressPercent: null,
    })
    .where(eq(projectMilestones.id, milestone.id))
    .returning();
  await writeAudit(tx, user, {
    action: 'followup.report_gantt',
    entityType: 'project_milestone',
    entityId: milestone.id,
    before,
    after: { ...pickReport(row!), delayDays: calendarDaysUntil(input.actualOn, milestone.plannedOn ?? input.actualOn, access.call.parameters) },
  });
  return { id: milestone.id };
}

function pickReport(m: MilestoneRow) {
  return {
    title: m.title,
    plannedOn: m.plannedOn,
    actualOn: m.actualOn,
    documentId: m.documentId,
    verificationOutcome: m.verificationOutcome,
    verificationFinding: m.verificationFinding,
  };
}

/**
 * SERVIU of the region ('followup.verify') records its site verification of a reported milestone, once:
 * confirmed, or observed with its finding. For a progress report SERVIU states the progress it measured,
 * which may differ from the committee's figure; the bridge loan reads SERVIU's figure only.
 */
export async function verifyMilestone(tx: DbOrTx, user: SessionUser, input: TVerifyMilestone): Promise<void> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const [milestone] = await tx
    .select()
    .from(projectMilestones)
    .where(and(eq(projectMilestones.id, input.milestoneId), eq(projectMilestones.applicationId, access.application.id)))
    .for('update');
  if (!milestone) throw new DomainError('Este informe no pertenece a la postulación.');
  if (milestone.verifiedAt !== null) throw new DomainError('Este informe ya fue verificado.');
  if (milestone.actualOn === null) throw new DomainError('Solo se verifica un hito informado con su fecha.');
  const measured = input.outcome === 'verificado' && milestone.kind === 'avance';
  if (measured && input.verifiedProgressPercent === undefined)
    throw new DomainError('Indique el avance que verificó en terreno.', {
      verifiedProgressPercent: 'Escriba el porcentaje de avance que el SERVIU verificó en terreno (puede diferir del informado).',
    });
  if (!measured && input.verifiedProgressPercent !== undefined)
    throw new DomainError('El avance verificado se registra solo al confirmar un informe de avance de obras.', {
      verifiedProgressPercent: 'Deje este campo vacío: este informe no es de avance de obras.',
    });
  const at = now();
  const after = {
    verifiedAt: at,
    verifiedBy: user.id,
    verificationOutcome: input.outcome,
    verificationFinding: input.outcome === 'observado' ? input.finding! : null,
    verifiedProgressPercent: measured ? String(input.verifiedProgressPercent) : null,
  };
  const [row] = await tx
    .update(projectMilestones)
    .set(after)
    .where(and(eq(projectMilestones.id, milestone.id), isNull(projectMilestones.verifiedAt)))
    .returning({ id: projectMilestones.id });
  if (!row) throw new DomainError('Este informe ya fue verificado.');
  await writeAudit(tx, user, {
    action: 'followup.verify',
    entityType: 'project_milestone',
    entityId: row.id,
    before: { verifiedAt: null, reportedProgressPercent: milestone.progressPercent },
    after,
  });
}

export type TimelineStatus = 'cumplido' | 'informado' | 'vencido' | 'proximo' | 'pendiente';

export interface TimelineItem {
  key: string;
  label: string;
  plannedOn: string | null;
  dueAt: Date | null;
  /** The actual date: reported by the committee, or recorded by SERVIU. */
  doneOn: string | null;
  /** Calendar days from the due day to the actual one (positive = late, 0 = on the day, negative = early). */
  delayDays: number | null;
  status: TimelineStatus;
  note: string | null;
}

export type ProjectDatesRow = typeof projectDates.$inferSelect;

/** What a timeline reads of an application: its land section and its call's rule parameters. */
export interface TimelineSubject {
  application: Pick<ApplicationRow, 'sections'>;
  call: { parameters: TCallParameters };
}

/**
 * Where an item stands: done (verified or recorded by SERVIU), reported and waiting for SERVIU's site
 * verification, or still open: overdue once its due day has passed, due soon within the call's notice
 * days (`deadlines.followUpNoticeDays`).
 * Only open items are overdue: one the committee reported is not, whatever its delay.
 */
function statusOf(
  done: 'cumplido' | 'informado' | null,
  due: Date | null,
  at: Date,
  params: TCallParameters,
  noticeDays: number = params.deadlines.followUpNoticeDays,
): TimelineStatus {
  if (done) return done;
  if (!due) return 'pendiente';
  if (isPastDeadline(at, due)) return 'vencido';
  return calendarDaysUntil(due, at, params) <= noticeDays ? 'proximo' : 'pendiente';
}

function delayOf(doneOn: string | null, due: Date | null, params: TCallParameters): number | null {
  return doneOn && due ? calendarDaysUntil(doneOn, due, params) : null;
}

/** A report as the timeline reads it: confirmed on site, waiting for SERVIU, or not done (never reported, or observed). */
function reportState(m: MilestoneRow | undefined): 'cumplido' | 'informado' | null {
  if (!m || m.actualOn === null) return null;
  if (m.verificationOutcome === 'verificado') return 'cumplido';
  return m.verificationOutcome === 'observado' ? null : 'informado';
}

/**
 * The committee's next progress report: every `progressReportDays` from the start of works (or from the
 * latest report, observed ones aside), until the municipal reception or a progress of 100% reported.
 */
function nextProgressReport(
  startOn: string | null,
  milestones: MilestoneRow[],
  dates: ProjectDatesRow | null,
  params: TCallParameters,
): { dueOn: string; dueAt: Date; lastOn: string | null; startOn: string } | null {
  if (!startOn || dates?.municipalReceptionOn) return null;
  const reports = milestones.filter((m) => m.kind === 'avance' && reportState(m) !== null && m.actualOn !== null);
  if (reports.some((m) => m.progressPercent !== null && Number(m.progressPercent) >= 100)) return null;
  const lastOn = reports.map((m) => m.actualOn!).sort().at(-1) ?? null;
  const from = lastOn && lastOn > startOn ? lastOn : startOn;
  const dueAt = progressReportDue(from, params);
  return { dueOn: callDateOf(dueAt, params), dueAt, lastOn, startOn };
}

/**
 * The project's timeline by the server clock: Gantt milestones planned against actual, the CBR
 * inscription deadline (land under a promise of sale), the start-of-works deadline and the subsidy
 * payment window (the 2022 call; lib/domain/deadlines).
 */
export function buildTimeline(
  access: TimelineSubject,
  dates: ProjectDatesRow | null,
  milestones: MilestoneRow[],
  at: Date,
): TimelineItem[] {
  const params = access.call.parameters;
  const items: TimelineItem[] = [];
  for (const m of milestones.filter((x) => x.plannedOn !== null)) {
    const due = endOfCallDay(m.plannedOn!, params);
    const done = reportState(m);
    const doneOn = done ? m.actualOn : null;
    items.push({
      key: m.id,
      label: m.title,
      plannedOn: m.plannedOn,
      dueAt: due,
      doneOn,
      delayDays: delayOf(doneOn, due, params),
      status: statusOf(done, due, at, params),
      note:
        m.verificationOutcome === 'observado'
          ? `Informado el ${formatDayText(m.actualOn!)}; observado por el SERVIU: ${m.verificationFinding}`
          : done === 'informado'
            ? 'Informado por el Comité; pendiente de verificación en terreno del SERVIU.'
            : null,
    });
  }
  const land = (access.application.sections as Record<string, { situation?: string } | undefined>).terreno;
  if (land?.situation === 'promesa') {
    const due = dates?.selectionPublishedOn ? cbrInscriptionDeadline(dates.selectionPublishedOn, params) : null;
    const doneOn = dates?.cbrInscribedOn ?? null;
    items.push({
      key: 'cbr',
      label: 'Inscripción de la escritura en el Conservador de Bienes Raíces',
      plannedOn: null,
      dueAt: due,
      doneOn,
      delayDays: delayOf(doneOn, due, params),
      status: statusOf(doneOn ? 'cumplido' : null, due, at, params),
      note: dates?.selectionPublishedOn
        ? `${params.deadlines.cbrInscriptionDays} días desde la publicación de la selección en el Diario Oficial (terreno con promesa de compraventa).`
        : `${params.deadlines.cbrInscriptionDays} días desde la publicación de la selección en el Diario Oficial, aún no registrada (terreno con promesa de compraventa).`,
    });
  }
  // The confirmed start of works, else the latest report still waiting for SERVIU.
  const starts = milestones.filter((m) => m.kind === 'inicio_obras');
  const worksStart = starts.find((m) => reportState(m) === 'cumplido') ?? starts.filter((m) => reportState(m) === 'informado').at(-1);
  const worksDone = reportState(worksStart);
  const worksDue = startOfWorksDeadline(params);
  const worksOn = worksDone ? worksStart!.actualOn : null;
  items.push({
    key: 'inicio_obras',
    label: 'Inicio de obras verificado por SERVIU',
    plannedOn: null,
    dueAt: worksDue,
    doneOn: worksOn,
    delayDays: delayOf(worksOn, worksDue, params),
    status: statusOf(worksDone, worksDue, at, params),
    note:
      worksDone === 'informado'
        ? 'Plazo del cronograma del llamado. Inicio informado por el Comité; pendiente de verificación en terreno del SERVIU.'
        : 'Plazo del cronograma del llamado.',
  });
  const progress = nextProgressReport(worksDone ? worksStart!.actualOn : null, milestones, dates, params);
  if (progress)
    items.push({
      key: `avance_mensual:${progress.dueOn}`,
      label: 'Informe de avance de obras',
      plannedOn: null,
      dueAt: progress.dueAt,
      doneOn: null,
      delayDays: null,
      status: statusOf(null, progress.dueAt, at, params, params.deadlines.progressReportNoticeDays),
      note: `Cada ${params.deadlines.progressReportDays} días desde el inicio de obras, hasta la recepción municipal; ${progress.lastOn ? `último informe el ${formatDayText(progress.lastOn)}` : `inicio de obras el ${formatDayText(progress.startOn)}`}.`,
    });
  if (dates?.municipalReceptionOn) {
    const window = subsidyPaymentWindow(dates.municipalReceptionOn, params);
    const paidOn = dates.subsidyPaidOn ?? null;
    items.push({
      key: 'pago_subsidio',
      label: 'Pago del subsidio',
      plannedOn: null,
      dueAt: window.end,
      doneOn: paidOn,
      delayDays: delayOf(paidOn, window.end, params),
      status: statusOf(paidOn ? 'cumplido' : null, window.end, at, params),
      note: paidOn
        ? `Pagado el ${formatDayText(paidOn)}: ${formatUf(dates.subsidyPaidUf!)}.`
        : `${params.deadlines.subsidyPaymentMonths} meses desde el primer día del mes siguiente a la recepción municipal.`,
    });
  }
  return items.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
}

/**
 * The milestones (in the order the follow-up page lists them) and the dates a timeline is built from.
 * It reads without a user: callers authorise first, or run as the system (the daily alerts).
 */
export async function listTimelineInputs(db: DbOrTx, applicationId: string): Promise<{ milestones: MilestoneRow[]; dates: ProjectDatesRow | null }> {
  const milestones = await db
    .select()
    .from(projectMilestones)
    .where(eq(projectMilestones.applicationId, applicationId))
    .orderBy(asc(projectMilestones.actualOn), asc(projectMilestones.createdAt));
  const [dates] = await db.select().from(projectDates).where(eq(projectDates.applicationId, applicationId));
  return { milestones, dates: dates ?? null };
}

export type FollowupMilestone = MilestoneRow & {
  kindLabel: string;
  /** Gantt milestones: calendar days from the planned day to the reported one (positive = late). */
  delayDays: number | null;
};

export interface FollowupView {
  application: { id: string; number: string; projectName: string; regionCode: string | null };
  milestones: FollowupMilestone[];
  /** Gantt milestones the committee may still report (not confirmed on site yet), in planned order. */
  ganttToReport: Array<{ id: string; title: string; plannedOn: string; actualOn: string | null; observed: boolean }>;
  timeline: TimelineItem[];
  nextDue: TimelineItem | null;
  overdue: TimelineItem[];
  loan: BridgeLoanView | null;
  /** The call's bridge-loan terms, for the forms that register it: "20%, 40% y 40%" and the longest term. */
  bridgeLoanTerms: { instalments: string; maxMonths: number };
  /** The subsidy payment: open once the municipal reception is recorded, closed when SERVIU records the payment. */
  subsidyPayment: { receptionOn: string | null; paidOn: string | null; paidUf: string | null };
  canReport: boolean;
  canVerify: boolean;
  at: Date;
}

function bridgeLoanTermsOf(params: TCallParameters): FollowupView['bridgeLoanTerms'] {
  const shares = params.bridgeLoan.instalments.map((i) => formatShare(i.share));
  const instalments = shares.length > 1 ? `${shares.slice(0, -1).join(', ')} y ${shares.at(-1)}` : (shares[0] ?? '');
  return { instalments, maxMonths: params.bridgeLoan.maxMonths };
}

/** The follow-up page of a selected application for every role in its scope ('application.read'). */
export async function getFollowupView(user: SessionUser, applicationId: string): Promise<FollowupView> {
  const db = await getDb();
  const access = await loadSelectedApplication(db, user, applicationId, 'application.read');
  const at = now();
  const { milestones, dates } = await listTimelineInputs(db, applicationId);
  const timeline = buildTimeline(access, dates, milestones, at);
  return {
    application: { id: access.application.id, number: access.application.number, projectName: access.application.projectName, regionCode: access.application.regionCode },
    milestones: milestones.map((m) => ({
      ...m,
      kindLabel: m.kind === GANTT_MILESTONE_KIND ? ganttMilestoneLabel : (milestoneKindLabels[m.kind as MilestoneKind] ?? m.kind),
      delayDays: m.plannedOn && m.actualOn ? calendarDaysUntil(m.actualOn, m.plannedOn, access.call.parameters) : null,
    })),
    ganttToReport: milestones
      .filter((m) => m.kind === GANTT_MILESTONE_KIND && m.plannedOn !== null && m.verificationOutcome !== 'verificado')
      .sort((a, b) => a.plannedOn!.localeCompare(b.plannedOn!) || a.title.localeCompare(b.title))
      .map((m) => ({ id: m.id, title: m.title, plannedOn: m.plannedOn!, actualOn: m.actualOn, observed: m.verificationOutcome === 'observado' })),
    timeline,
    nextDue: timeline.find((t) => t.status === 'proximo' || t.status === 'pendiente') ?? null,
    overdue: timeline.filter((t) => t.status === 'vencido'),
    loan: await getBridgeLoanView(db, access, milestones, at),
    bridgeLoanTerms: bridgeLoanTermsOf(access.call.parameters),
    subsidyPayment: { receptionOn: dates?.municipalReceptionOn ?? null, paidOn: dates?.subsidyPaidOn ?? null, paidUf: dates?.subsidyPaidUf ?? null },
    canReport: hasPermission(user.role, 'followup.report') && access.parties.length > 0,
    canVerify: hasPermission(user.role, 'followup.verify'),
    at,
  };
}
