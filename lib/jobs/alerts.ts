import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applications, bridgeLoans, calls, memberships, users } from '@/db/schema';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { guaranteeExpiry } from '@/lib/domain/bridge-loan';
import { callDateOf, endOfCallDay } from '@/lib/domain/deadlines';
import { listParticipantRecipients } from '@/lib/dal/observations';
import type { ApplicationRow } from '@/lib/dal/application-access';
import { buildTimeline, listTimelineInputs } from '@/lib/dal/followup';
import type { MilestoneRow, TimelineItem } from '@/lib/dal/followup';
import { env } from '@/lib/env';
import { formatUf } from '@/lib/format';
import { guaranteeExpiryMail, milestoneMail, milestoneOverdueNoticeMail, reportAwaitingVerificationMail } from '@/lib/mail/templates';
import type { RenderedMail } from '@/lib/mail/templates';
import { GANTT_MILESTONE_KIND, formatDayText, guaranteeKindLabels, milestoneKindLabels } from '@/lib/validations/followup';
import type { MilestoneKind } from '@/lib/validations/followup';
import { enqueueMail } from './queue';

export interface DailyAlertsResult {
  /** Selected applications looked at. */
  applications: number;
  /** Mails handed to the queue; the ones already sent on an earlier day are dropped there by their key. */
  offered: number;
}

function baseUrl(): string {
  return env().PUBLIC_BASE_URL.replace(/\/+$/, '');
}

/** SERVIU of the application's region: its analysts and its director (active accounts). */
async function listRegionOfficialEmails(db: DbOrTx, regionCode: string | null): Promise<string[]> {
  if (!regionCode) return [];
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(inArray(users.role, ['reviewer', 'director']), eq(users.regionCode, regionCode), isNull(users.disabledAt)));
  return [...new Set(rows.map((r) => r.email.trim().toLowerCase()))].sort();
}

/** The builder's members (active accounts): the builder gives and renews the loan's guarantee. */
async function listBuilderEmails(db: DbOrTx, application: ApplicationRow): Promise<string[]> {
  if (!application.builderId) return [];
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.sponsorId, application.builderId), isNull(users.disabledAt)));
  return [...new Set(rows.map((r) => r.email.trim().toLowerCase()))].sort();
}

/**
 * One mail per person, so no recipient sees the others' addresses and each gets the link of their side
 * of the portal. The key names the person too: someone who joins later still hears of a live item.
 */
async function offer(db: DbOrTx, emails: string[], mail: RenderedMail, key: string): Promise<number> {
  for (const email of emails) await enqueueMail(db, { to: [email], subject: mail.subject, text: mail.text, html: mail.html }, `${key}:${email}`);
  return emails.length;
}

interface Audience {
  members: () => Promise<string[]>;
  officials: () => Promise<string[]>;
  builder: () => Promise<string[]>;
}

/** Each list is read at most once per application, and only when something is due. */
function audienceOf(db: DbOrTx, application: ApplicationRow): Audience {
  const once = <T>(load: () => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => (value ??= load());
  };
  return {
    members: once(async () => (await listParticipantRecipients(db, application)).members),
    officials: once(() => listRegionOfficialEmails(db, application.regionCode)),
    builder: once(() => listBuilderEmails(db, application)),
  };
}

async function alertTimelineItem(db: DbOrTx, application: ApplicationRow, params: TCallParameters, item: TimelineItem, audience: Audience): Promise<number> {
  if (!item.dueAt || (item.status !== 'proximo' && item.status !== 'vencido')) return 0;
  const kind = item.status === 'proximo' ? 'due' : 'overdue';
  // The due date is in the key: a milestone re-planned to another day is announced again.
  const key = `alerta:${application.id}:${item.key}:${kind}:${callDateOf(item.dueAt, params)}`;
  const base = { applicationNumber: application.number, projectName: application.projectName, milestoneName: item.label, dueAt: item.dueAt };
  let offered = await offer(
    db,
    await audience.members(),
    milestoneMail({ ...base, kind, url: `${baseUrl()}/portal/postulaciones/${application.id}/seguimiento` }),
    key,
  );
  if (kind === 'overdue')
    offered += await offer(db, await audience.officials(), milestoneOverdueNoticeMail({ ...base, url: `${baseUrl()}/gestion/seguimiento/${application.id}` }), key);
  return offered;
}

/**
 * A report (Gantt milestone or committee report) waiting for SERVIU's site verification. The key names
 * what was reported, so a report sent again after an observation is announced again.
 */
async function alertReportAwaitingVerification(db: DbOrTx, application: ApplicationRow, report: MilestoneRow, audience: Audience): Promise<number> {
  if (report.actualOn === null || report.verificationOutcome !== null) return 0;
  const key = `alerta:${application.id}:${report.id}:por_verificar:${report.actualOn}:${report.progressPercent ?? ''}:${report.documentId ?? ''}`;
  const reportName =
    report.kind === GANTT_MILESTONE_KIND ? report.title : (milestoneKindLabels[report.kind as MilestoneKind] ?? report.title);
  const mail = reportAwaitingVerificationMail({
    applicationNumber: application.number,
    projectName: application.projectName,
    reportName,
    reportedOnText: formatDayText(report.actualOn),
    progressText: report.progressPercent === null ? null : `${report.progressPercent.replace('.', ',').replace(/,?0+$/, '')}%`,
    url: `${baseUrl()}/gestion/seguimiento/${application.id}`,
  });
  return offer(db, await audience.officials(), mail, key);
}

async function alertGuarantee(db: DbOrTx, application: ApplicationRow, params: TCallParameters, at: Date, audience: Audience): Promise<number> {
  const [loan] = await db.select().from(bridgeLoans).where(eq(bridgeLoans.applicationId, application.id));
  if (!loan) return 0;
  const expiry = guaranteeExpiry(loan.guaranteeExpiresOn, at, params);
  if (expiry.kind === 'ok') return 0;
  const kind = expiry.kind;
  const expiresAt = endOfCallDay(loan.guaranteeExpiresOn, params);
  // The expiry date is in the key: a renewed guarantee is watched, and warned about, afresh.
  const key = `alerta:${application.id}:garantia:${kind}:${loan.guaranteeExpiresOn}`;
  const base = {
    kind,
    applicationNumber: application.number,
    projectName: application.projectName,
    guaranteeKindLabel: guaranteeKindLabels[loan.guaranteeKind],
    amountLabel: formatUf(loan.guaranteeAmountUf),
    expiresAt,
  } as const;
  return (
    (await offer(db, await audience.officials(), guaranteeExpiryMail({ ...base, url: `${baseUrl()}/gestion/seguimiento/${application.id}` }), key)) +
    (await offer(db, await audience.builder(), guaranteeExpiryMail({ ...base, url: `${baseUrl()}/portal/postulaciones/${application.id}/seguimiento` }), key))
  );
}

/**
 * The daily alerts of the follow-up (the 2022 call, «Después de la selección»), by the clock reading `at`:
 * for every selected application, each timeline item that falls due soon goes to the applicant parties
 * and each overdue one also to SERVIU of the region; each report of the committee waiting for site
 * verification goes to SERVIU of the region; the builder's guarantee is warned to SERVIU and the
 * builder `bridgeLoan.guaranteeWarningDays` before it lapses. Mails are queued in `db`'s transaction
 * and each goes out once (its dedupe key), however often this runs.
 */
export async function runDailyAlerts(db: DbOrTx, at: Date): Promise<DailyAlertsResult> {
  const rows = await db
    .select({ application: applications, callCode: calls.code, parameters: calls.parameters })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(applications.status, 'seleccionada'))
    .orderBy(asc(applications.number));
  let offered = 0;
  for (const { application, callCode, parameters } of rows) {
    const parsed = ZCallParameters.safeParse(parameters);
    if (!parsed.success) {
      // One call with parameters of another programme must not stop the alerts of every other project.
      console.error(`Alertas: el llamado ${callCode} no tiene parámetros de seguimiento válidos; se omite ${application.number}.`);
      continue;
    }
    const params = parsed.data;
    const audience = audienceOf(db, application);
    const { milestones, dates } = await listTimelineInputs(db, application.id);
    for (const item of buildTimeline({ application, call: { parameters: params } }, dates, milestones, at))
      offered += await alertTimelineItem(db, application, params, item, audience);
    for (const report of milestones) offered += await alertReportAwaitingVerification(db, application, report, audience);
    offered += await alertGuarantee(db, application, params, at, audience);
  }
  return { applications: rows.length, offered };
}
