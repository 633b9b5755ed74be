import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq, like } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, calls, jobs, projectDates, projectMilestones, rosterEntries, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { SELECTION_DEMO_COMMITTEE_EMAIL, createSelectionTestCall } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { resetEnvForTests } from '@/lib/env';
import { runDailyAlerts } from '@/lib/jobs/alerts';
import { createTestDb } from '@/lib/test/db';
import { ZVerifyMilestone } from '@/lib/validations/followup';
import { createBridgeLoan, payInstalment } from './bridge-loan';
import { createMilestoneReport, getFollowupView, reportGanttMilestone, verifyMilestone } from './followup';
import { getFollowupDocuments, uploadFollowupDocument } from './followup-documents';
import { recordSubsidyPayment, updateProjectDates } from './project-dates';
import { confirmSelectionRun, createSelectionPreview } from './selection';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const today = new Date('2026-11-22T12:00:00Z');
let rmId = '';
let antofagastaId = '';
let uploadDir = '';
let projectWorker: SessionUser;
const gantt: Record<'permiso' | 'obraGruesa' | 'terminaciones', string> = { permiso: '', obraGruesa: '', terminaciones: '' };

function forgetStorage(): void {
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
}

async function pdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), 'portal-followup-'));
  process.env.UPLOAD_DIR = uploadDir;
  forgetStorage();
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  setDbForTests(handle);
  setClock(today);
  const { callId, applications } = await handle.db.transaction((tx) => createSelectionTestCall(tx, today));
  rmId = applications[0]!.id;
  antofagastaId = applications[1]!.id;
  // The Convenio's Gantt chart as the work-agreement section writes it: one 'gantt' row per item, planned end date.
  const rows = await handle.db
    .insert(projectMilestones)
    .values([
      { applicationId: rmId, kind: 'gantt', title: 'Permiso de edificación', plannedOn: '2026-11-10' },
      { applicationId: rmId, kind: 'gantt', title: 'Obra gruesa', plannedOn: '2026-12-15' },
      { applicationId: rmId, kind: 'gantt', title: 'Terminaciones', plannedOn: '2027-06-30' },
    ])
    .returning({ id: projectMilestones.id, title: projectMilestones.title });
  gantt.permiso = rows.find((r) => r.title === 'Permiso de edificación')!.id;
  gantt.obraGruesa = rows.find((r) => r.title === 'Obra gruesa')!.id;
  gantt.terminaciones = rows.find((r) => r.title === 'Terminaciones')!.id;
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  const run = await handle.db.transaction((tx) => createSelectionPreview(tx, people['minvu@demo.cl']!, { callId, budgetUf: '12000' }));
  await handle.db.transaction((tx) => confirmSelectionRun(tx, people['minvu@demo.cl']!, { runId: run.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20' }));
  // A worker of the selected project's own roster (reads the follow-up, reports nothing).
  const [entry] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, rmId)).orderBy(asc(rosterEntries.rut)).limit(1);
  const [created] = await handle.db
    .insert(users)
    .values({ email: 'trabajador.seleccion@demo.cl', name: 'Ximena Alarcón Pino', role: 'worker', rut: entry!.rut, rutVerifiedAt: today })
    .returning();
  projectWorker = { id: created!.id, email: created!.email, name: created!.name, role: 'worker', regionCode: null, rut: created!.rut };
}, 180_000);

afterAll(async () => {
  resetClock();
  await handle?.close();
  await rm(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  forgetStorage();
});

const committee = () => people[SELECTION_DEMO_COMMITTEE_EMAIL]!;
const reviewer = () => people['analista.rm@demo.cl']!;
const tx = <T,>(fn: (t: Parameters<Parameters<DbHandle['db']['transaction']>[0]>[0]) => Promise<T>) => handle.db.transaction(fn);

async function timelineItem(key: string, user: SessionUser = committee()) {
  const view = await getFollowupView(user, rmId);
  return view.timeline.find((t) => t.key === key)!;
}

/** The daily run as the worker does it, with the clock at that morning; then back to today. */
async function alertsAt(iso: string): Promise<void> {
  const at = new Date(iso);
  setClock(at);
  try {
    await handle.db.transaction((t) => runDailyAlerts(t, at));
  } finally {
    setClock(today);
  }
}

async function alertKeys(item: string): Promise<string[]> {
  const rows = await handle.db
    .select({ key: jobs.dedupeKey })
    .from(jobs)
    .where(and(eq(jobs.kind, 'mail'), like(jobs.dedupeKey, `alerta:${rmId}:${item}:%`)));
  return [...new Set(rows.map((r) => r.key!.split(':').slice(0, 5).join(':')))].sort();
}

describe('Gantt milestones of the Convenio: planned against actual', () => {
  it('an unreported milestone past its planned day is overdue and alerted; one due later is not', async () => {
    const permiso = await timelineItem(gantt.permiso);
    expect(permiso).toMatchObject({ plannedOn: '2026-11-10', doneOn: null, delayDays: null, status: 'vencido' });
    expect((await timelineItem(gantt.obraGruesa)).status).toBe('proximo');
    expect((await timelineItem(gantt.terminaciones)).status).toBe('pendiente');
    // «Due soon» is the call's notice window: 23 days ahead is due soon under 30, not under 20.
    const [call] = await handle.db
      .select({ id: calls.id, parameters: calls.parameters })
      .from(calls)
      .innerJoin(applications, eq(applications.callId, calls.id))
      .where(eq(applications.id, rmId));
    const stored = call!.parameters as { deadlines: Record<string, unknown> };
    expect(stored.deadlines.followUpNoticeDays).toBe(30);
    try {
      await handle.db
        .update(calls)
        .set({ parameters: { ...stored, deadlines: { ...stored.deadlines, followUpNoticeDays: 20 } } })
        .where(eq(calls.id, call!.id));
      expect((await timelineItem(gantt.obraGruesa)).status).toBe('pendiente');
    } finally {
      await handle.db.update(calls).set({ parameters: stored }).where(eq(calls.id, call!.id));
    }
    await alertsAt('2026-11-22T10:00:00Z');
    expect(await alertKeys(gantt.permiso)).toEqual([`alerta:${rmId}:${gantt.permiso}:overdue:2026-11-10`]);
    expect(await alertKeys(gantt.terminaciones)).toEqual([]);
  });

  it('only the committee of the project reports it, never with a future date nor another file’s document', async () => {
    const input = { applicationId: rmId, milestoneId: gantt.permiso, actualOn: '2026-11-20' };
    for (const outsider of [reviewer(), people['dirigente@demo.cl']!, people['trabajador@demo.cl']!, projectWorker, people['analista.antofagasta@demo.cl']!])
      await expect(tx((t) => reportGanttMilestone(t, outsider, input))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => reportGanttMilestone(t, committee(), { ...input, actualOn: '2026-11-23' }))).rejects.toThrow(/posterior a hoy/);
    // A milestone that is not of this project's Gantt chart.
    const [other] = await handle.db
      .insert(projectMilestones)
      .values({ applicationId: antofagastaId, kind: 'gantt', title: 'Permiso (otro proyecto)', plannedOn: '2026-11-10' })
      .returning({ id: projectMilestones.id });
    await expect(tx((t) => reportGanttMilestone(t, committee(), { ...input, milestoneId: other!.id }))).rejects.toThrow(/carta Gantt del proyecto/);
    const start = await tx((t) => createMilestoneReport(t, committee(), { applicationId: rmId, kind: 'inicio_obras', actualOn: '2026-11-21' }));
    await expect(tx((t) => reportGanttMilestone(t, committee(), { ...input, milestoneId: start.id }))).rejects.toThrow(/carta Gantt del proyecto/);
    await handle.db.delete(projectMilestones).where(eq(projectMilestones.id, start.id));
    await expect(
      tx((t) => reportGanttMilestone(t, committee(), { ...input, documentId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toThrow(/documentos del seguimiento/);
  });

  it('reported late: shows the actual date and the delay, is no longer overdue, and waits for SERVIU', async () => {
    const permit = await tx(async (t) =>
      uploadFollowupDocument(t, committee(), { applicationId: rmId, slot: 'permiso_edificacion', fileName: 'permiso.pdf', bytes: await pdf('Permiso') }),
    );
    await tx((t) => reportGanttMilestone(t, committee(), { applicationId: rmId, milestoneId: gantt.permiso, actualOn: '2026-11-20', documentId: permit.id }));
    for (const user of [committee(), reviewer()]) {
      const view = await getFollowupView(user, rmId);
      const item = view.timeline.find((t) => t.key === gantt.permiso)!;
      expect(item).toMatchObject({ plannedOn: '2026-11-10', doneOn: '2026-11-20', delayDays: 10, status: 'informado' });
      expect(view.overdue.map((o) => o.key)).not.toContain(gantt.permiso);
      const row = view.milestones.find((m) => m.id === gantt.permiso)!;
      expect(row).toMatchObject({ kindLabel: 'Hito de la carta Gantt', actualOn: '2026-11-20', delayDays: 10, documentId: permit.id, verificationOutcome: null });
    }
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'followup.report_gantt'), eq(auditLog.entityId, gantt.permiso)));
    expect(audit!.after).toMatchObject({ actualOn: '2026-11-20', delayDays: 10 });

    // SERVIU of the region hears, once per official, that the report waits for its site verification.
    await alertsAt('2026-11-22T10:00:00Z');
    await alertsAt('2026-11-23T10:00:00Z');
    const notices = await handle.db
      .select({ key: jobs.dedupeKey, payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.kind, 'mail'), like(jobs.dedupeKey, `alerta:${rmId}:${gantt.permiso}:por_verificar:%`)));
    const recipients = notices.map((n) => n.key!.split(':').pop()).sort();
    expect(recipients).toEqual(['analista.rm@demo.cl', 'director.rm@demo.cl']);
    expect((notices[0]!.payload as { subject: string }).subject).toBe(`Reporte por verificar: Permiso de edificación (postulación ${(await getFollowupView(reviewer(), rmId)).application.number})`);
    expect((notices[0]!.payload as { text: string }).text).toContain('con fecha 20-11-2026');
  });

  it('reported before its planned day: never overdue, never alerted, even after that day passes', async () => {
    // Before the report it was due within 30 days, and the parties heard so once.
    expect(await alertKeys(gantt.obraGruesa)).toEqual([`alerta:${rmId}:${gantt.obraGruesa}:due:2026-12-15`]);
    await tx((t) => reportGanttMilestone(t, committee(), { applicationId: rmId, milestoneId: gantt.obraGruesa, actualOn: '2026-11-21' }));
    expect(await timelineItem(gantt.obraGruesa)).toMatchObject({ doneOn: '2026-11-21', delayDays: -24, status: 'informado' });
    await alertsAt('2026-12-01T10:00:00Z');
    await alertsAt('2026-12-20T10:00:00Z');
    // Only SERVIU's notice that the report waits for verification follows it.
    expect(await alertKeys(gantt.obraGruesa)).toEqual([
      `alerta:${rmId}:${gantt.obraGruesa}:due:2026-12-15`,
      `alerta:${rmId}:${gantt.obraGruesa}:por_verificar:2026-11-21`,
    ]);
  });

  it('SERVIU of the region verifies it: done; observed: open again until the committee reports anew', async () => {
    await expect(
      tx((t) => verifyMilestone(t, people['analista.antofagasta@demo.cl']!, { applicationId: rmId, milestoneId: gantt.permiso, outcome: 'verificado' })),
    ).rejects.toThrow(NotFoundError);
    await expect(
      tx((t) => verifyMilestone(t, committee(), { applicationId: rmId, milestoneId: gantt.permiso, outcome: 'verificado' })),
    ).rejects.toThrow(NotFoundError);
    // Never-reported milestones cannot be verified, and only progress reports take a measured figure.
    await expect(
      tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: gantt.terminaciones, outcome: 'verificado' })),
    ).rejects.toThrow(/informado con su fecha/);
    await expect(
      tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: gantt.permiso, outcome: 'verificado', verifiedProgressPercent: 10 })),
    ).rejects.toThrow(DomainError);

    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: gantt.permiso, outcome: 'verificado' }));
    expect(await timelineItem(gantt.permiso)).toMatchObject({ doneOn: '2026-11-20', delayDays: 10, status: 'cumplido' });
    await expect(
      tx((t) => reportGanttMilestone(t, committee(), { applicationId: rmId, milestoneId: gantt.permiso, actualOn: '2026-11-19' })),
    ).rejects.toThrow(/ya verificó/);
    expect((await getFollowupView(committee(), rmId)).ganttToReport.map((g) => g.id)).toEqual([gantt.obraGruesa, gantt.terminaciones]);

    await tx((t) =>
      verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: gantt.obraGruesa, outcome: 'observado', finding: 'La losa del segundo piso no está hormigonada.' }),
    );
    setClock(new Date('2026-12-20T12:00:00Z'));
    try {
      const observed = await timelineItem(gantt.obraGruesa);
      expect(observed).toMatchObject({ doneOn: null, status: 'vencido' });
      expect(observed.note).toBe('Informado el 21-11-2026; observado por el SERVIU: La losa del segundo piso no está hormigonada.');
      await tx((t) => reportGanttMilestone(t, committee(), { applicationId: rmId, milestoneId: gantt.obraGruesa, actualOn: '2026-12-18' }));
      expect(await timelineItem(gantt.obraGruesa)).toMatchObject({ doneOn: '2026-12-18', delayDays: 3, status: 'informado', note: expect.stringContaining('pendiente de verificación') });
      const [row] = await handle.db.select().from(projectMilestones).where(eq(projectMilestones.id, gantt.obraGruesa));
      expect(row).toMatchObject({ verifiedAt: null, verificationOutcome: null, verificationFinding: null });
      const audits = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, gantt.obraGruesa)).orderBy(asc(auditLog.id));
      expect(audits.map((a) => a.action)).toEqual(['followup.report_gantt', 'followup.verify', 'followup.report_gantt']);
      expect(audits[2]!.before).toMatchObject({ verificationOutcome: 'observado', verificationFinding: 'La losa del segundo piso no está hormigonada.' });
    } finally {
      setClock(today);
    }
  });
});

describe('site verification', () => {
  it('an observation needs its finding; the figure goes only with a confirmation', () => {
    const base = { applicationId: rmId, milestoneId: gantt.permiso };
    const observed = ZVerifyMilestone.safeParse({ ...base, outcome: 'observado', finding: '  ' });
    expect(observed.success).toBe(false);
    expect(observed.error?.issues[0]).toMatchObject({ path: ['finding'] });
    expect(ZVerifyMilestone.safeParse({ ...base, outcome: '' }).error?.issues[0]?.message).toBe('Elija el resultado de la verificación en terreno.');
    expect(ZVerifyMilestone.parse({ ...base, outcome: 'observado', finding: 'Sin faenas', verifiedProgressPercent: '30' })).toEqual({
      ...base,
      outcome: 'observado',
      finding: 'Sin faenas',
      verifiedProgressPercent: undefined,
    });
    expect(ZVerifyMilestone.parse({ ...base, outcome: 'verificado', finding: 'x', verifiedProgressPercent: '27,5' })).toMatchObject({
      verifiedProgressPercent: 27.5,
      finding: undefined,
    });
  });

  it('records the measured progress beside the reported one, and audits both', async () => {
    const { id } = await tx((t) => createMilestoneReport(t, committee(), { applicationId: rmId, kind: 'avance', actualOn: '2026-11-21', progressPercent: 40 }));
    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: id, outcome: 'verificado', verifiedProgressPercent: 33.5 }));
    const row = (await getFollowupView(committee(), rmId)).milestones.find((m) => m.id === id)!;
    expect(row).toMatchObject({ progressPercent: '40.00', verifiedProgressPercent: '33.50', verificationOutcome: 'verificado' });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'followup.verify'), eq(auditLog.entityId, id)));
    expect(audit!.before).toMatchObject({ reportedProgressPercent: '40.00' });
    expect(audit!.after).toMatchObject({ verificationOutcome: 'verificado', verifiedProgressPercent: '33.5' });
  });
});

describe('subsidy payment window', () => {
  it('SERVIU records the payment after the municipal reception: the window closes and stops alerting', async () => {
    const pay = (input: { paidOn: string; amountUf: string }, user = reviewer()) => tx((t) => recordSubsidyPayment(t, user, { applicationId: rmId, ...input }));
    await expect(pay({ paidOn: '2026-11-21', amountUf: '5000' })).rejects.toThrow(/recepción municipal/);
    await tx((t) => updateProjectDates(t, reviewer(), { applicationId: rmId, cbrInscribedOn: '2026-11-20', municipalReceptionOn: '2026-11-21' }));
    expect(await timelineItem('pago_subsidio')).toMatchObject({ status: 'pendiente', doneOn: null });
    for (const outsider of [committee(), people['analista.antofagasta@demo.cl']!, people['dirigente@demo.cl']!, projectWorker])
      await expect(pay({ paidOn: '2026-11-21', amountUf: '5000' }, outsider)).rejects.toThrow(NotFoundError);
    await expect(pay({ paidOn: '2026-11-23', amountUf: '5000' })).rejects.toThrow(/posterior a hoy/);
    await expect(pay({ paidOn: '2026-11-20', amountUf: '5000' })).rejects.toThrow(/después de la recepción municipal/);
    const above = await pay({ paidOn: '2026-11-21', amountUf: '5000.01' }).catch((e: unknown) => e);
    expect((above as DomainError).fieldErrors).toEqual({
      amountUf: 'El subsidio de las 5 viviendas del proyecto es 5.000 UF; el monto pagado no puede ser mayor.',
    });

    await pay({ paidOn: '2026-11-22', amountUf: '5000' });
    expect(await timelineItem('pago_subsidio')).toMatchObject({ status: 'cumplido', doneOn: '2026-11-22', note: 'Pagado el 22-11-2026: 5.000 UF.' });
    const [dates] = await handle.db.select().from(projectDates).where(eq(projectDates.applicationId, rmId));
    expect(dates).toMatchObject({ subsidyPaidOn: '2026-11-22', subsidyPaidUf: '5000.00', subsidyPaidBy: reviewer().id });
    await expect(pay({ paidOn: '2026-11-22', amountUf: '5000' })).rejects.toThrow(/ya está registrado/);
    // The reception cannot move after a recorded payment.
    await expect(tx((t) => updateProjectDates(t, reviewer(), { applicationId: rmId, municipalReceptionOn: '2026-11-23' }))).rejects.toThrow(DomainError);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'followup.subsidy_paid'));
    expect(audit!.after).toMatchObject({ subsidyPaidOn: '2026-11-22', subsidyPaidUf: '5000.00' });

    // Window: 01-12-2026 + 24 months → 01-12-2028. Paid, it is never due nor overdue.
    await alertsAt('2028-11-15T10:00:00Z');
    await alertsAt('2028-12-05T10:00:00Z');
    expect(await alertKeys('pago_subsidio')).toEqual([]);
  });
});

describe('access by id outside the scope reads as not found', () => {
  const outsiders = () => [
    ['a reviewer of another region', people['analista.antofagasta@demo.cl']!],
    ['a director of another region', people['director.antofagasta@demo.cl']!],
    ["another organisation's leader", people['dirigente@demo.cl']!],
    ['a worker of another application', people['trabajador@demo.cl']!],
  ] as const;

  it('getFollowupView and getFollowupDocuments', async () => {
    for (const [, user] of outsiders()) {
      await expect(getFollowupView(user, rmId)).rejects.toThrow(NotFoundError);
      await expect(getFollowupDocuments(user, rmId)).rejects.toThrow(NotFoundError);
    }
    // The project's own worker reads it, and may report nothing.
    expect((await getFollowupView(projectWorker, rmId)).canReport).toBe(false);
    expect((await getFollowupDocuments(projectWorker, rmId)).slots.every((s) => !s.canUpload)).toBe(true);
  });

  it('uploadFollowupDocument and createMilestoneReport', async () => {
    const bytes = await pdf('Respaldo');
    for (const [, user] of [...outsiders(), ['the project’s worker', projectWorker] as const]) {
      await expect(
        tx((t) => uploadFollowupDocument(t, user, { applicationId: rmId, slot: 'respaldo_avance', fileName: 'respaldo.pdf', bytes })),
      ).rejects.toThrow(NotFoundError);
      await expect(
        tx((t) => createMilestoneReport(t, user, { applicationId: rmId, kind: 'inicio_obras', actualOn: '2026-11-21' })),
      ).rejects.toThrow(NotFoundError);
    }
  });

  it('payInstalment', async () => {
    await tx(async (t) =>
      uploadFollowupDocument(t, committee(), { applicationId: rmId, slot: 'contrato_construccion', fileName: 'contrato.pdf', bytes: await pdf('Contrato') }),
    );
    await tx((t) =>
      createBridgeLoan(t, reviewer(), {
        applicationId: rmId,
        amountUf: '4000',
        termMonths: 24,
        guaranteeKind: 'boleta_bancaria',
        guaranteeAmountUf: '4000',
        guaranteeExpiresOn: '2027-12-01',
      }),
    );
    const start = await tx((t) => createMilestoneReport(t, committee(), { applicationId: rmId, kind: 'inicio_obras', actualOn: '2026-11-21' }));
    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: start.id, outcome: 'verificado' }));
    for (const [, user] of [...outsiders(), ['the project’s worker', projectWorker] as const, ['the committee', committee()] as const])
      await expect(tx((t) => payInstalment(t, user, { applicationId: rmId, number: 1 }))).rejects.toThrow(NotFoundError);
    // The reviewer of the region pays it: the refusals above were about scope, not about the rule.
    await tx((t) => payInstalment(t, reviewer(), { applicationId: rmId, number: 1 }));
  });
});
