import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { projectDates } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { bridgeLoanCapUf } from '@/lib/domain/bridge-loan';
import { callDateOf } from '@/lib/domain/deadlines';
import { dec } from '@/lib/domain/explain';
import { formatUf } from '@/lib/format';
import { PROJECT_DATE_ORDER, formatDayText, projectDateLabels } from '@/lib/validations/followup';
import type { ProjectDateField, TRecordSubsidyPayment, TUpdateProjectDates } from '@/lib/validations/followup';
import { writeAudit } from './audit';
import { loadProjectFigures } from './bridge-loan';
import { loadSelectedApplication } from './followup';

const FIELDS = Object.keys(projectDateLabels) as ProjectDateField[];

export type ProjectDatesDto = Record<ProjectDateField, string | null>;

/** The follow-up dates recorded for a selected project, for SERVIU of its region ('followup.verify'). */
export async function getProjectDates(user: SessionUser, applicationId: string): Promise<ProjectDatesDto> {
  const db = await getDb();
  const access = await loadSelectedApplication(db, user, applicationId, 'followup.verify');
  const [row] = await db.select().from(projectDates).where(eq(projectDates.applicationId, access.application.id));
  return Object.fromEntries(FIELDS.map((f) => [f, row?.[f] ?? null])) as ProjectDatesDto;
}

/**
 * SERVIU of the region ('followup.verify') records the CBR inscription, the municipal reception and the
 * hand-over of a selected project: never a day after today (server clock, call's time zone) and in
 * order with the dates already recorded. The timeline reads them: the CBR item is done and the subsidy
 * payment window opens (the 2022 call, «Pago del subsidio»).
 */
export async function updateProjectDates(tx: DbOrTx, user: SessionUser, input: TUpdateProjectDates): Promise<{ applicationId: string }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const applicationId = access.application.id;
  const today = callDateOf(now(), access.call.parameters);
  const typed = FIELDS.filter((f) => input[f] !== undefined);
  const future = Object.fromEntries(
    typed.filter((f) => input[f]! > today).map((f) => [f, `${projectDateLabels[f]}: la fecha no puede ser posterior a hoy (${formatDayText(today)}).`]),
  );
  if (Object.keys(future).length > 0) throw new DomainError('Hay fechas posteriores a hoy.', future);

  const [current] = await tx.select().from(projectDates).where(eq(projectDates.applicationId, applicationId));
  const before = Object.fromEntries(FIELDS.map((f) => [f, current?.[f] ?? null])) as ProjectDatesDto;
  const after = { ...before };
  for (const f of typed) after[f] = input[f]!;
  for (const [earlier, later, message] of PROJECT_DATE_ORDER) {
    const a = after[earlier];
    const b = after[later];
    if (a && b && b < a) {
      // Point at the date that was typed: the recorded one is not on the form.
      const field = typed.includes(later) ? later : earlier;
      throw new DomainError(`${message}.`, { [field]: `${message} (${formatDayText(a)} y ${formatDayText(b)}).` });
    }
  }
  if (typed.every((f) => before[f] === after[f])) throw new DomainError('Esas fechas ya estaban registradas: no hay cambios que guardar.');
  if (current?.subsidyPaidOn && after.municipalReceptionOn && after.municipalReceptionOn > current.subsidyPaidOn)
    throw new DomainError('La recepción municipal no puede ser posterior al pago del subsidio ya registrado.', {
      municipalReceptionOn: `El subsidio se registró pagado el ${formatDayText(current.subsidyPaidOn)}; la recepción municipal debe ser de esa fecha o anterior.`,
    });

  const at = now();
  const changes = Object.fromEntries(typed.map((f) => [f, after[f]]));
  await tx
    .insert(projectDates)
    .values({ applicationId, ...changes, updatedAt: at })
    .onConflictDoUpdate({ target: projectDates.applicationId, set: { ...changes, updatedAt: at } });
  await writeAudit(tx, user, { action: 'followup.dates', entityType: 'project_dates', entityId: applicationId, before, after });
  return { applicationId };
}

/**
 * SERVIU of the region ('followup.verify') records that the subsidy was paid, once: after the municipal
 * reception and never after today, for at most the subsidy of the project's dwellings. It closes the
 * payment window of the timeline, so the daily alerts stop (the 2022 call, «Pago del subsidio»).
 */
export async function recordSubsidyPayment(tx: DbOrTx, user: SessionUser, input: TRecordSubsidyPayment): Promise<{ applicationId: string }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const applicationId = access.application.id;
  const params = access.call.parameters;
  const [current] = await tx.select().from(projectDates).where(eq(projectDates.applicationId, applicationId));
  if (!current?.municipalReceptionOn)
    throw new DomainError('Registre primero la recepción municipal de las obras: con ella comienza el plazo para pagar el subsidio.');
  if (current.subsidyPaidOn)
    throw new DomainError(`El pago del subsidio ya está registrado (${formatDayText(current.subsidyPaidOn)}, ${formatUf(current.subsidyPaidUf!)}).`);
  const today = callDateOf(now(), params);
  if (input.paidOn > today)
    throw new DomainError('La fecha de pago no puede ser posterior a hoy.', { paidOn: `Indique la fecha en que se pagó, hoy (${formatDayText(today)}) o antes.` });
  if (input.paidOn < current.municipalReceptionOn)
    throw new DomainError('El subsidio se paga después de la recepción municipal.', {
      paidOn: `La recepción municipal se registró el ${formatDayText(current.municipalReceptionOn)}; el pago no puede ser anterior.`,
    });
  const { zone, dwellings } = await loadProjectFigures(tx, access);
  const cap = bridgeLoanCapUf(zone, dwellings, params);
  if (dec(input.amountUf).gt(cap))
    throw new DomainError('El monto pagado excede el subsidio de las viviendas del proyecto.', {
      amountUf: `El subsidio de las ${dwellings} viviendas del proyecto es ${formatUf(cap)}; el monto pagado no puede ser mayor.`,
    });
  const at = now();
  await tx
    .update(projectDates)
    .set({ subsidyPaidOn: input.paidOn, subsidyPaidUf: dec(input.amountUf).toFixed(2), subsidyPaidBy: user.id, updatedAt: at })
    .where(eq(projectDates.applicationId, applicationId));
  await writeAudit(tx, user, {
    action: 'followup.subsidy_paid',
    entityType: 'project_dates',
    entityId: applicationId,
    before: { subsidyPaidOn: null, subsidyPaidUf: null },
    after: { subsidyPaidOn: input.paidOn, subsidyPaidUf: dec(input.amountUf).toFixed(2), capUf: cap },
  });
  return { applicationId };
}
