import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { projectDates, projectMilestones } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import type { Permission } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { callDateOf, cbrInscriptionDeadline, endOfCallDay, isPastDeadline, startOfWorksDeadline, subsidyPaymentWindow } from '@/lib/domain/deadlines';
import { milestoneKindLabels } from '@/lib/validations/followup';
import type { MilestoneKind, TReportMilestone } from '@/lib/validations/followup';
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
 * The committee (union, employer, sponsor or builder of a selected project; 'followup.report') reports
 * a permit, the builder hired, the start of works or progress (seed 003, «Después de la selección»).
 */
export async function createMilestoneReport(tx: DbOrTx, user: SessionUser, input: TReportMilestone): Promise<{ id: string }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.report', { forUpdate: true });
  if (access.parties.length === 0) throw new NotFoundError('La postulación no está seleccionada: aún no tiene seguimiento.');
  const params = access.call.parameters;
  if (input.actualOn > callDateOf(now(), params))
    throw new DomainError('La fecha no puede ser posterior a hoy.', { actualOn: 'Indique la fecha en que ocurrió, hoy o antes.' });
  const label = milestoneKindLabels[input.kind];
  const title =
    input.kind === 'constructora_contratada'
      ? `${label} (Registro Nacional de Contratistas N° ${input.registryNumber})`
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
    })
    .returning({ id: projectMilestones.id });
  await writeAudit(tx, user, { action: 'followup.report', entityType: 'project_milestone', entityId: row!.id, after: { ...input } });
  return { id: row!.id };
}

/** SERVIU of the region ('followup.verify') records its site verification of a reported milestone, once. */
export async function verifyMilestone(tx: DbOrTx, user: SessionUser, input: { applicationId: string; milestoneId: string }): Promise<void> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const at = now();
  const [row] = await tx
    .update(projectMilestones)
    .set({ verifiedAt: at, verifiedBy: user.id })
    .where(
      and(eq(projectMilestones.id, input.milestoneId), eq(projectMilestones.applicationId, access.application.id), isNull(projectMilestones.verifiedAt)),
    )
    .returning();
  if (!row) throw new DomainError('Este informe ya fue verificado o no pertenece a la postulación.');
  if (row.actualOn === null) throw new DomainError('Solo se verifica un hito informado con su fecha.');
  await writeAudit(tx, user, { action: 'followup.verify', entityType: 'project_milestone', entityId: row.id, before: { verifiedAt: null }, after: { verifiedAt: at } });
}

export type TimelineStatus = 'cumplido' | 'vencido' | 'proximo' | 'pendiente';

export interface TimelineItem {
  key: string;
  label: string;
  plannedOn: string | null;
  dueAt: Date | null;
  doneOn: string | null;
  status: TimelineStatus;
  note: string | null;
}

export type ProjectDatesRow = typeof projectDates.$inferSelect;

/** What a timeline reads of an application: its land section and its call's rule parameters. */
export interface TimelineSubject {
  application: Pick<ApplicationRow, 'sections'>;
  call: { parameters: TCallParameters };
}

const DUE_SOON_DAYS = 30;

function statusOf(doneOn: string | null, due: Date | null, at: Date): TimelineStatus {
  if (doneOn) return 'cumplido';
  if (!due) return 'pendiente';
  if (isPastDeadline(at, due)) return 'vencido';
  return due.getTime() - at.getTime() <= DUE_SOON_DAYS * 86_400_000 ? 'proximo' : 'pendiente';
}

/**
 * The project's timeline by the server clock: Gantt milestones planned against actual, the CBR
 * inscription deadline (land under a promise of sale), the start-of-works deadline and the subsidy
 * payment window (seed 003; lib/domain/deadlines).
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
    const due = m.plannedOn ? endOfCallDay(m.plannedOn, params) : null;
    items.push({ key: m.id, label: m.title, plannedOn: m.plannedOn, dueAt: due, doneOn: m.actualOn, status: statusOf(m.actualOn, due, at), note: null });
  }
  const land = (access.application.sections as Record<string, { situation?: string } | undefined>).terreno;
  if (land?.situation === 'promesa') {
    const due = dates?.selectionPublishedOn ? cbrInscriptionDeadline(dates.selectionPublishedOn, params) : null;
    items.push({
      key: 'cbr',
      label: 'Inscripción de la escritura en el Conservador de Bienes Raíces',
      plannedOn: null,
      dueAt: due,
      doneOn: dates?.cbrInscribedOn ?? null,
      status: statusOf(dates?.cbrInscribedOn ?? null, due, at),
      note: `${params.deadlines.cbrInscriptionDays} días desde la publicación de la selección (terreno con promesa de compraventa).`,
    });
  }
  const worksStart = milestones.find((m) => m.kind === 'inicio_obras' && m.verifiedAt !== null);
  const worksDue = startOfWorksDeadline(params);
  items.push({
    key: 'inicio_obras',
    label: 'Inicio de obras verificado por SERVIU',
    plannedOn: null,
    dueAt: worksDue,
    doneOn: worksStart?.actualOn ?? null,
    status: statusOf(worksStart?.actualOn ?? null, worksDue, at),
    note: 'Plazo del cronograma del llamado.',
  });
  if (dates?.municipalReceptionOn) {
    const window = subsidyPaymentWindow(dates.municipalReceptionOn, params);
    items.push({
      key: 'pago_subsidio',
      label: 'Pago del subsidio',
      plannedOn: null,
      dueAt: window.end,
      doneOn: null,
      status: statusOf(null, window.end, at),
      note: `${params.deadlines.subsidyPaymentMonths} meses desde el primer día del mes siguiente a la recepción municipal.`,
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

export interface FollowupView {
  application: { id: string; number: string; projectName: string; regionCode: string | null };
  milestones: Array<MilestoneRow & { kindLabel: string }>;
  timeline: TimelineItem[];
  nextDue: TimelineItem | null;
  overdue: TimelineItem[];
  loan: BridgeLoanView | null;
  canReport: boolean;
  canVerify: boolean;
  at: Date;
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
    milestones: milestones.map((m) => ({ ...m, kindLabel: milestoneKindLabels[m.kind as MilestoneKind] ?? m.kind })),
    timeline,
    nextDue: timeline.find((t) => t.status === 'proximo' || t.status === 'pendiente') ?? null,
    overdue: timeline.filter((t) => t.status === 'vencido'),
    loan: await getBridgeLoanView(db, access, milestones, at),
    canReport: hasPermission(user.role, 'followup.report') && access.parties.length > 0,
    canVerify: hasPermission(user.role, 'followup.verify'),
    at,
  };
}
