import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applicationDwellings, applications, auditLog, calls, jobs, projectDates, selectionRuns, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { createSelectionTestCall, seedSelectionDemo } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { ForbiddenError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { createTestDb } from '@/lib/test/db';
import { scoreTablesInput } from '@/lib/test/score-tables';
import { getCallParametersView, updateCallScoreTables } from './call-configuration';
import { approveTechnically } from './decisions';
import {
  assertSelectionRunEditable,
  canonicalJson,
  computeSelection,
  confirmSelectionRun,
  createSelectionPreview,
  getSelectionOverview,
  listPublishedSelections,
  listSelectionCalls,
  recordSelectionPublication,
  sha256Hex,
} from './selection';
import type { SelectionInputs } from './selection';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const today = new Date('2026-11-22T12:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  expect(await seedSelectionDemo(handle.db, today)).toBe(true);
  expect(await seedSelectionDemo(handle.db, today)).toBe(false);
  setDbForTests(handle);
  setClock(today);
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
}, 180_000);
afterAll(async () => {
  resetClock();
  await handle?.close();
});

const minvu = () => people['minvu@demo.cl']!;

async function callIdOf(code: string): Promise<string> {
  const [call] = await handle.db.select({ id: calls.id }).from(calls).where(eq(calls.code, code));
  return call!.id;
}

describe('national selection', () => {
  it('lists the approved projects of every region with their group score and the unset point values', async () => {
    const overview = await getSelectionOverview(minvu(), await callIdOf('PVT-DEMO-SEL'));
    expect(overview.candidates.map((c) => c.number)).toEqual(['PVT-DEMO-SEL-01', 'PVT-DEMO-SEL-02', 'PVT-DEMO-SEL-03']);
    expect(overview.candidates.map((c) => c.subsidyUf)).toEqual(['5000', '5500', '6000']);
    expect(overview.candidates.every((c) => c.eligibleCount === 5 && c.score === '0' && !c.scoreComplete)).toBe(true);
    expect(overview.unsetParameters).toContain('grupo_familiar.integrantes');
    expect(overview.call.budgetUf).toBe('630000');
    // The selection page opens on the call whose approved projects wait for it.
    const options = await listSelectionCalls(minvu());
    expect(options.find((c) => c.code === 'PVT-DEMO-SEL')).toMatchObject({ approved: 3, hasConfirmedRun: false });
    expect(options.find((c) => c.code === 'PVT-DEMO')?.approved).toBe(0);
  });

  it('a budget that leaves a project out: previews, stores a reproducible draft run', async () => {
    const db = handle.db;
    await expect(db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId: '00000000-0000-4000-8000-000000000000' }))).rejects.toThrow(/llamado/);
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    const { selection } = preview.result;
    expect(selection.selected.map((s) => s.applicationNumber)).toEqual([apps[0]!.number, apps[1]!.number]);
    expect(selection.budgetUsedUf).toBe('10500');
    expect(selection.firstLeftOut?.applicationNumber).toBe(apps[2]!.number);
    expect(selection.firstLeftOut?.reason).toBe('budget_uf');
    expect(preview.parameters).toMatchObject({ budgetUf: '12000', callBudgetUf: '630000', overridden: true });
    expect(preview.result.groups[0]!.score.breakdown.length).toBeGreaterThan(0);

    const [stored] = await db.select().from(selectionRuns).where(eq(selectionRuns.id, preview.id));
    expect(stored!.inputHash).toBe(sha256Hex(canonicalJson(stored!.inputs)));
    expect(stored!.ruleVersion).toBe('ds1-trabajadores-2022.3');
    expect(canonicalJson(computeSelection(stored!.inputs as SelectionInputs))).toBe(canonicalJson(stored!.result));

    // Running again on the same data gives the same ranking and the same hash.
    const again = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    expect(again.inputHash).toBe(preview.inputHash);
    expect(again.result.selection.ranking).toEqual(preview.result.selection.ranking);

    // A budget above the call's is refused.
    await expect(db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '700000' }))).rejects.toThrow(DomainError);
  });

  it('confirm moves the projects, records dates, audits, queues mail and is immutable afterwards', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    const confirmed = await db.transaction((tx) =>
      confirmSelectionRun(tx, minvu(), { runId: preview.id, resolutionNumber: 'Res. Ex. N° 1234', resolutionDate: '2026-11-20' }),
    );
    expect(confirmed.status).toBe('confirmada');
    // The confirmed run still names its projects, now selected or not.
    const shown = await getSelectionOverview(minvu(), callId);
    expect(shown.candidates).toEqual([]);
    expect(apps.map((a) => shown.names[a.id]?.projectName)).toEqual(apps.map((a) => a.projectName));
    const rows = await db.select().from(applications).where(inArray(applications.id, apps.map((a) => a.id)));
    const status = Object.fromEntries(rows.map((r) => [r.number, r.status]));
    expect(status).toEqual({ [apps[0]!.number]: 'seleccionada', [apps[1]!.number]: 'seleccionada', [apps[2]!.number]: 'no_seleccionada' });
    // Not yet published in the Diario Oficial: the CBR term has no start until national staff record it, once.
    const publishedOn = async () => (await db.select().from(projectDates).where(eq(projectDates.applicationId, apps[0]!.id)))[0]?.selectionPublishedOn ?? null;
    expect(await publishedOn()).toBeNull();
    const publish = (date: string, user = minvu()) => db.transaction((tx) => recordSelectionPublication(tx, user, { runId: preview.id, publishedOn: date }));
    await expect(publish('2026-11-21', people['director.rm@demo.cl']!)).rejects.toThrow(ForbiddenError);
    await expect(publish('2026-11-19')).rejects.toThrow('La publicación no puede ser anterior a la resolución.');
    await expect(publish('2026-11-23')).rejects.toThrow('La fecha de publicación no puede ser posterior a hoy.');
    await publish('2026-11-21');
    expect(await publishedOn()).toBe('2026-11-21');
    const unselected = (await db.select().from(projectDates).where(eq(projectDates.applicationId, apps[2]!.id)))[0];
    expect(unselected?.selectionPublishedOn ?? null).toBeNull();
    await expect(publish('2026-11-22')).rejects.toThrow(/ya está registrada \(21-11-2026\)/);
    // The database itself keeps the confirmed run: no rewrite, no second publication date, no deletion.
    await expect(db.update(selectionRuns).set({ resolutionNumber: 'otra' }).where(eq(selectionRuns.id, preview.id))).rejects.toThrow();
    await expect(db.update(selectionRuns).set({ publishedOn: '2026-11-22' }).where(eq(selectionRuns.id, preview.id))).rejects.toThrow();
    await expect(db.delete(selectionRuns).where(eq(selectionRuns.id, preview.id))).rejects.toThrow();
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityType, 'selection_run'), eq(auditLog.entityId, preview.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['selection.confirm', 'selection.preview', 'selection.publish']);
    const mails = await db.select().from(jobs).where(eq(jobs.kind, 'mail'));
    expect(mails.some((m) => (m.payload as { subject: string }).subject.includes(apps[0]!.number))).toBe(true);

    // Immutable: a second confirm, a new preview or an edit of the confirmed run are refused.
    await expect(
      db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId: preview.id, resolutionNumber: 'otra', resolutionDate: '2026-11-21' })),
    ).rejects.toThrow(/ya fue confirmada/);
    await expect(db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId }))).rejects.toThrow(/ya fue confirmada/);
    await expect(assertSelectionRunEditable(db, minvu(), preview.id)).rejects.toThrow(/ya fue confirmada/);
    const [after] = await db.select().from(selectionRuns).where(eq(selectionRuns.id, preview.id));
    expect(after!.resolutionNumber).toBe('Res. Ex. N° 1234');

    const published = await listPublishedSelections();
    const mine = published.find((p) => p.selected.some((s) => s.projectName === apps[0]!.projectName));
    expect(mine?.selected.map((s) => s.projectName)).toEqual([apps[0]!.projectName, apps[1]!.projectName]);
    expect(JSON.stringify(mine)).not.toMatch(/\d{7,8}-[\dkK]/);
  });

  it('refuses to confirm when the data changed since the preview or the stored result was altered', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    await db.update(selectionRuns).set({ result: { tampered: true } }).where(eq(selectionRuns.id, preview.id));
    await expect(
      db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId: preview.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20' })),
    ).rejects.toThrow(/no coincide/);
    const second = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    await db.update(applications).set({ status: 'rechazada' }).where(eq(applications.id, apps[1]!.id));
    await expect(
      db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId: second.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20' })),
    ).rejects.toThrow(/cambiaron/);
    const [run] = await db.select().from(selectionRuns).where(eq(selectionRuns.id, second.id));
    expect(run!.status).toBe('borrador');
  });

  it('an approved project that cannot be ranked is decided too: listed in the preview, not selected with its reason, told and audited', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const [rm, antofagasta, magallanes] = apps as [(typeof apps)[number], (typeof apps)[number], (typeof apps)[number]];
    // The RM project declares no dwellings: it has no subsidy to rank by.
    await db.delete(applicationDwellings).where(eq(applicationDwellings.applicationId, rm.id));
    const overview = await getSelectionOverview(minvu(), callId);
    expect(overview.candidates.find((c) => c.applicationId === rm.id)?.excludedReason).toBe('El proyecto no declara viviendas.');

    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '11000' }));
    const { selection } = preview.result;
    expect(selection.ranking.map((r) => r.applicationNumber)).toEqual([antofagasta.number, magallanes.number]);
    expect(selection.unranked).toEqual([
      {
        applicationId: rm.id,
        applicationNumber: rm.number,
        dwellings: 0,
        reason: 'not_rankable',
        message: `El proyecto ${rm.number} no puede ordenarse por puntaje y no es seleccionado: El proyecto no declara viviendas.`,
      },
    ]);

    await db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId: preview.id, resolutionNumber: 'Res. Ex. N° 77', resolutionDate: '2026-11-20' }));
    const rows = await db.select().from(applications).where(inArray(applications.id, apps.map((a) => a.id)));
    expect(Object.fromEntries(rows.map((r) => [r.number, r.status]))).toEqual({
      [rm.number]: 'no_seleccionada',
      [antofagasta.number]: 'seleccionada',
      [magallanes.number]: 'no_seleccionada',
    });
    // Nothing of the call is left approved and undecided, so later runs have nothing stranded.
    const stranded = await db.select().from(applications).where(and(eq(applications.callId, callId), eq(applications.status, 'aprobada_tecnicamente')));
    expect(stranded).toEqual([]);

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.not_select'), inArray(auditLog.entityId, [rm.id, magallanes.id])));
    const after = Object.fromEntries(audits.map((a) => [a.entityId, a.after as Record<string, unknown>]));
    expect(after[rm.id]).toMatchObject({ status: 'no_seleccionada', rank: null, reasonCode: 'not_rankable', selectionRunId: preview.id });
    expect(String(after[rm.id]!.reason)).toMatch(/^Resolución .+\. El proyecto .+ no puede ordenarse por puntaje/);
    expect(after[magallanes.id]).toMatchObject({ status: 'no_seleccionada', rank: 2, reasonCode: 'budget_uf' });
    expect(String(after[magallanes.id]!.reason)).toMatch(/no cabe en los recursos restantes del llamado: quedan 5\.500 UF/);

    // The RM project's committee is told, with the reason.
    const mails = await db.select().from(jobs).where(and(eq(jobs.kind, 'mail'), like(jobs.dedupeKey, `status:${rm.id}:%`)));
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const payload = mail.payload as { subject: string; text: string };
      expect(payload.subject).toBe(`Postulación ${rm.number}: No seleccionada`);
      expect(payload.text).toContain('Resolución Res. Ex. N° 77. El proyecto');
      expect(payload.text).toContain('no puede ordenarse por puntaje y no es seleccionado: El proyecto no declara viviendas.');
    }
  });

  it('the browser-test call carries a fourth approved project with no dwellings nor workers, which the preview lists apart', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today, { unrankable: true }));
    expect(apps).toHaveLength(4);
    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    expect(preview.result.selection.ranking.map((r) => r.applicationNumber)).toEqual(apps.slice(0, 3).map((a) => a.number));
    expect(preview.result.selection.unranked.map((u) => u.applicationNumber)).toEqual([apps[3]!.number]);
    expect(preview.result.selection.unranked[0]!.message).toMatch(/no puede ordenarse por puntaje y no es seleccionado: .+/);
  });

  it('select / not_select is for national staff only: a regional official or an applicant cannot confirm a run', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    for (const email of ['analista.rm@demo.cl', 'director.rm@demo.cl', 'director.antofagasta@demo.cl', 'gore.magallanes@demo.cl', 'dirigente@demo.cl']) {
      await expect(
        db.transaction((tx) => confirmSelectionRun(tx, people[email]!, { runId: preview.id, resolutionNumber: 'R-9', resolutionDate: '2026-11-20' })),
      ).rejects.toThrow(ForbiddenError);
      await expect(assertSelectionRunEditable(db, people[email]!, preview.id)).rejects.toThrow(ForbiddenError);
    }
    const rows = await db.select().from(applications).where(inArray(applications.id, apps.map((a) => a.id)));
    expect(rows.every((r) => r.status === 'aprobada_tecnicamente')).toBe(true);
    const [run] = await db.select().from(selectionRuns).where(eq(selectionRuns.id, preview.id));
    expect(run!.status).toBe('borrador');
    const decisions = await db
      .select()
      .from(auditLog)
      .where(and(inArray(auditLog.action, ['application.select', 'application.not_select']), inArray(auditLog.entityId, apps.map((a) => a.id))));
    expect(decisions).toEqual([]);
  });

  it('ranks projects whose families differ only in their housing facts once the call\'s point tables are entered', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const numbers = apps.map((a) => a.number);

    // Point tables unset: every group scores 0, ties go by submission order, and each factor is flagged.
    const unset = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    expect(unset.result.selection.ranking.map((r) => r.applicationNumber)).toEqual(numbers);
    const overcrowding = (run: typeof unset, index: number) =>
      run.result.groups.find((g) => g.applicationId === apps[index]!.id)!.score.breakdown.find((b) => b.factorId === 'vulnerabilidad_habitacional.hacinamiento');
    expect(overcrowding(unset, 2)).toMatchObject({ average: '0', unset: true, missingCount: 0 });

    // National staff enter the overcrowding table only: sin 0, medio 20, crítico 40.
    const view = await getCallParametersView(minvu(), callId);
    await db.transaction((tx) =>
      updateCallScoreTables(
        tx,
        minvu(),
        scoreTablesInput(callId, view.call.parametersVersion, view.params, { 'vulnerabilidad_habitacional.hacinamiento': { options: { sin: '0', medio: '20', critico: '40' } } }),
      ),
    );

    const ranked = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    const { selection } = ranked.result;
    expect(selection.ranking.map((r) => [r.applicationNumber, r.groupScore])).toEqual([
      [numbers[2], '40'],
      [numbers[1], '20'],
      [numbers[0], '0'],
    ]);
    // 6.000 + 5.500 UF fit in 12.000; the Santiago project (5.000 UF) no longer does.
    expect(selection.selected.map((s) => s.applicationNumber)).toEqual([numbers[2], numbers[1]]);
    expect(selection.firstLeftOut?.applicationNumber).toBe(numbers[0]);
    expect(overcrowding(ranked, 2)).toMatchObject({ average: '40', unset: false, missingCount: 0 });
    expect(overcrowding(ranked, 1)).toMatchObject({ average: '20', unset: false });
    // Factors still unset stay flagged in the breakdown; the run keeps the parameters' version it used.
    expect(ranked.result.groups[0]!.score.breakdown.find((b) => b.factorId === 'grupo_familiar.integrantes')).toMatchObject({ unset: true });
    const [stored] = await db.select().from(selectionRuns).where(eq(selectionRuns.id, ranked.id));
    expect((stored!.inputs as SelectionInputs).callParametersVersion).toBe(view.call.parametersVersion + 1);

    // The preview made before the tables changed can no longer be confirmed.
    await expect(
      db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId: unset.id, resolutionNumber: 'R-2', resolutionDate: '2026-11-20' })),
    ).rejects.toThrow(/cambiaron/);
  });

  it('only national staff may run it: a reviewer or director is refused', async () => {
    const callId = await callIdOf('PVT-DEMO-SEL');
    for (const email of ['analista.rm@demo.cl', 'director.rm@demo.cl', 'dirigente@demo.cl']) {
      await expect(getSelectionOverview(people[email]!, callId)).rejects.toThrow(ForbiddenError);
      await expect(handle.db.transaction((tx) => createSelectionPreview(tx, people[email]!, { callId }))).rejects.toThrow(ForbiddenError);
    }
  });

  it('waits for the call to close and for every technical decision, and no file is approved after it', async () => {
    const db = handle.db;
    const { callId, applications: apps } = await db.transaction((tx) => createSelectionTestCall(tx, today));
    const preview = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    const confirm = (runId: string) => db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId, resolutionNumber: 'R-5', resolutionDate: '2026-11-20' }));
    // A file of the call still in review: the preview works, the confirmation waits.
    await db.update(applications).set({ status: 'en_revision' }).where(eq(applications.id, apps[2]!.id));
    expect((await getSelectionOverview(minvu(), callId)).notReady).toEqual([`La postulación ${apps[2]!.number} aún no tiene decisión técnica (aprobada o rechazada).`]);
    const early = await db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    await expect(confirm(early.id)).rejects.toThrow(/Aún no se puede confirmar la selección\. La postulación .+ aún no tiene decisión técnica/);
    // Still open: the call takes applications until its closing.
    await db.update(applications).set({ status: 'aprobada_tecnicamente' }).where(eq(applications.id, apps[2]!.id));
    await db.update(calls).set({ closesAt: new Date(today.getTime() + 3_600_000) }).where(eq(calls.id, callId));
    expect((await getSelectionOverview(minvu(), callId)).notReady[0]).toBe(
      "El llamado recibe postulaciones hasta el 22 de noviembre de 2026 a las 10:00 (hora de Chile): la selección se confirma después del cierre.",
    );
    await expect(confirm(preview.id)).rejects.toThrow(/El llamado recibe postulaciones hasta/);
    await db.update(calls).set({ closesAt: new Date(today.getTime() - 1) }).where(eq(calls.id, callId));
    expect((await getSelectionOverview(minvu(), callId)).notReady).toEqual([]);
    await confirm(preview.id);
    // After the confirmed selection a file of the call can no longer be approved: it could never be selected.
    await db.update(applications).set({ status: 'en_revision' }).where(eq(applications.id, apps[1]!.id));
    await expect(
      db.transaction((tx) =>
        approveTechnically(tx, people['director.antofagasta@demo.cl']!, { applicationId: apps[1]!.id, reason: 'Cumple todos los requisitos técnicos.' }),
      ),
    ).rejects.toThrow(/La selección de este llamado ya se confirmó \(Resolución R-5\)/);
  });
});
