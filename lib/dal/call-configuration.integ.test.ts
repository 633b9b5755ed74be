import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { auditLog, calls, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { createSelectionTestCall, seedSelectionDemo } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { createTestDb } from '@/lib/test/db';
import { scoreTablesInput } from '@/lib/test/score-tables';
import { ZUpdateIncomeCaps, ZUpdateScoreTables } from '@/lib/validations/call-parameters';
import type { TUpdateIncomeCaps } from '@/lib/validations/call-parameters';
import { getCallParametersView, listConfigurableCalls, updateCallIncomeCaps, updateCallScoreTables } from './call-configuration';
import { confirmSelectionRun, createSelectionPreview } from './selection';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const today = new Date('2026-11-22T12:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  await seedSelectionDemo(handle.db, today);
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

async function freshCall(): Promise<string> {
  return (await handle.db.transaction((tx) => createSelectionTestCall(tx, today))).callId;
}

async function stored(callId: string): Promise<{ params: TCallParameters; version: number }> {
  const [call] = await handle.db.select().from(calls).where(eq(calls.id, callId));
  return { params: ZCallParameters.parse(call!.parameters), version: call!.parametersVersion };
}

async function auditsOf(callId: string) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'call'), eq(auditLog.entityId, callId)));
}

function capsInput(callId: string, expectedVersion: number, params: TCallParameters, typed: Partial<Record<'centro' | 'norte_extremo_sur', Partial<Record<'1' | '2' | '3' | '4', { amountClp?: string; inferred?: boolean }>>>> = {}): TUpdateIncomeCaps {
  const groups = Object.fromEntries(
    (['centro', 'norte_extremo_sur'] as const).map((g) => [
      g,
      Object.fromEntries(
        (['1', '2', '3', '4'] as const).map((s) => {
          const current = params.incomeCap.groups[g][s];
          const own = typed[g]?.[s] ?? {};
          return [s, { amountClp: own.amountClp ?? String(current.amountClp), inferred: own.inferred ?? current.inferred }];
        }),
      ),
    ]),
  );
  return ZUpdateIncomeCaps.parse({ callId, expectedVersion, groups });
}

describe('call configuration: who may see and change it', () => {
  it('answers «not found» to every role without call.configure, for reads and writes, and changes nothing', async () => {
    const callId = await callIdOf('PVT-DEMO');
    const before = await stored(callId);
    for (const email of ['analista.rm@demo.cl', 'director.rm@demo.cl', 'dirigente@demo.cl', 'trabajador@demo.cl', 'empleador@demo.cl', 'patrocinante@demo.cl', 'gore.magallanes@demo.cl']) {
      const user = people[email]!;
      await expect(getCallParametersView(user, callId), email).rejects.toThrow(NotFoundError);
      await expect(listConfigurableCalls(user), email).rejects.toThrow(NotFoundError);
      await expect(
        handle.db.transaction((tx) => updateCallScoreTables(tx, user, scoreTablesInput(callId, before.version, before.params, { 'grupo_familiar.integrantes': { points: '10' } }))),
        email,
      ).rejects.toThrow(NotFoundError);
      await expect(handle.db.transaction((tx) => updateCallIncomeCaps(tx, user, capsInput(callId, before.version, before.params))), email).rejects.toThrow(NotFoundError);
    }
    expect(await stored(callId)).toEqual(before);
    expect(await auditsOf(callId)).toEqual([]);
  });

  it('shows national staff every parameter, the unset score values first, and the inferred caps', async () => {
    const calls2 = await listConfigurableCalls(minvu());
    expect(calls2.map((c) => c.code)).toEqual(expect.arrayContaining(['PVT-2022', 'PVT-DEMO']));
    expect(calls2.find((c) => c.code === 'PVT-2022')).toMatchObject({ unsetCount: 24, lockedReason: null });
    const view = await getCallParametersView(minvu(), await callIdOf('PVT-2022'));
    expect(view.call).toMatchObject({ code: 'PVT-2022', parametersVersion: 1 });
    expect(view.unset).toHaveLength(24);
    expect(view.unset[0]).toEqual({ id: 'grupo_familiar.integrantes', factorId: 'grupo_familiar.integrantes', label: 'Integrantes del grupo familiar (puntos por unidad)' });
    expect(view.params.incomeCap.groups.centro['2']).toEqual({ amountClp: 2028822, inferred: true });
    expect(view.params.zones.norte.subsidyUf).toBe('1100');
    expect(view.history).toEqual([]);
    expect(view.lockedReason).toBeNull();
  });

  it('answers «not found» for a D.S. N°49 call, an unknown id and a malformed one', async () => {
    await expect(getCallParametersView(minvu(), await callIdOf('DS49-GORE-MAG'))).rejects.toThrow(NotFoundError);
    await expect(getCallParametersView(minvu(), '00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundError);
    await expect(getCallParametersView(minvu(), 'no-es-un-id')).rejects.toThrow(NotFoundError);
  });
});

describe('call configuration: score tables', () => {
  it('saves points, caps and ages, bumps the version and audits each change with before and after', async () => {
    const callId = await freshCall();
    const { params, version } = await stored(callId);
    const input = scoreTablesInput(callId, version, params, {
      'grupo_familiar.integrantes': { points: '12,5', maxUnits: '6' },
      'grupo_familiar.edades': { points: '10', fromAge: '0', toAge: '17' },
      'vulnerabilidad_habitacional.hacinamiento': { options: { critico: '40' } },
    });
    const result = await handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), input));
    expect(result).toEqual({ changed: 5, parametersVersion: version + 1 });

    const after = await stored(callId);
    expect(after.version).toBe(version + 1);
    const factor = (id: string) => after.params.score.factors.find((f) => f.id === id)!;
    expect(factor('grupo_familiar.integrantes')).toMatchObject({ pointsPerUnit: '12.5', maxUnits: 6 });
    expect(factor('grupo_familiar.edades')).toMatchObject({ pointsPerUnit: '10', basis: { fact: 'memberAges', ageRange: { fromAge: 0, toAge: 17 } } });
    expect(factor('vulnerabilidad_habitacional.hacinamiento')).toMatchObject({ options: [{ id: 'sin', points: null }, { id: 'medio', points: null }, { id: 'critico', points: '40' }] });
    // Everything else is as it was.
    expect(after.params.incomeCap).toEqual(params.incomeCap);
    expect(after.params.score.factors.find((f) => f.id === 'vulnerabilidad_habitacional.bano')).toEqual(params.score.factors.find((f) => f.id === 'vulnerabilidad_habitacional.bano'));

    const audits = await auditsOf(callId);
    expect(audits.map((a) => [a.action, a.actorUserId, a.actorRole])).toEqual([['call.parameters.score', minvu().id, 'minvu_admin']]);
    const audit = audits[0]!;
    expect(audit.before).toMatchObject({
      parametersVersion: version,
      changes: expect.arrayContaining([
        { key: 'score.factors.grupo_familiar.integrantes.pointsPerUnit', label: 'Integrantes del grupo familiar: puntos por unidad', before: null },
        { key: 'score.factors.grupo_familiar.edades.basis.ageRange', label: 'Integrantes en los tramos de edad que puntúan: tramo de edad', before: null },
      ]),
    });
    expect(audit.after).toMatchObject({
      parametersVersion: version + 1,
      changes: expect.arrayContaining([
        expect.objectContaining({ key: 'score.factors.grupo_familiar.integrantes.maxUnits', before: null, after: 6 }),
        expect.objectContaining({ key: 'score.factors.grupo_familiar.edades.basis.ageRange', after: { fromAge: 0, toAge: 17 } }),
        expect.objectContaining({ key: 'score.factors.vulnerabilidad_habitacional.hacinamiento.options.critico.points', before: null, after: '40' }),
      ]),
    });

    const view = await getCallParametersView(minvu(), callId);
    expect(view.unset.map((u) => u.id)).not.toContain('grupo_familiar.edades:edades');
    expect(view.unset).toHaveLength(24 - 4);
    expect(view.history[0]).toMatchObject({ action: 'call.parameters.score', actorName: minvu().name, version: version + 1 });
    expect(view.history[0]!.changes).toHaveLength(5);

    // Saving the same values again writes nothing.
    const again = await handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), scoreTablesInput(callId, version + 1, after.params)));
    expect(again).toEqual({ changed: 0, parametersVersion: version + 1 });
    expect(await auditsOf(callId)).toHaveLength(1);

    // Emptying a value makes it unset again.
    await handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), scoreTablesInput(callId, version + 1, after.params, { 'grupo_familiar.integrantes': { points: '' } })));
    expect((await stored(callId)).params.score.factors[0]).toMatchObject({ pointsPerUnit: null });
  });

  it('refuses a form filled from an older version, and tables that no longer match the call', async () => {
    const callId = await freshCall();
    const { params, version } = await stored(callId);
    await handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), scoreTablesInput(callId, version, params, { 'grupo_familiar.discapacidad': { points: '15' } })));
    const stale = scoreTablesInput(callId, version, params, { 'grupo_familiar.discapacidad': { points: '20' } });
    await expect(handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), stale))).rejects.toThrow(ConflictError);
    const current = await stored(callId);
    expect(current.params.score.factors.find((f) => f.id === 'grupo_familiar.discapacidad')).toMatchObject({ pointsPerUnit: '15' });

    const missing = scoreTablesInput(callId, current.version, current.params);
    missing.factors = missing.factors.slice(1);
    await expect(handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), missing))).rejects.toThrow(/cambiaron desde que se abrió/);
    const renamed = scoreTablesInput(callId, current.version, current.params);
    renamed.factors[5]!.options = renamed.factors[5]!.options!.map((o) => ({ ...o, id: `${o.id}_x` }));
    await expect(handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), renamed))).rejects.toThrow(DomainError);
    expect((await stored(callId)).version).toBe(current.version);
  });

  it('validates what was typed with Spanish messages next to each field', () => {
    const base = { callId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1 };
    const issues = (factors: unknown[]) => {
      const result = ZUpdateScoreTables.safeParse({ ...base, factors });
      return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    expect(issues([{ id: 'a', points: 'doce', maxUnits: '0', fromAge: '', toAge: '5', options: [{ id: 'x', points: '-3' }] }])).toEqual({
      'factors.0.points': 'Escriba los puntos como un número de hasta 4 decimales (por ejemplo 30 o 12,5), o déjelo vacío si aún no está definido.',
      'factors.0.maxUnits': 'El máximo de unidades debe ser un número entero entre 1 y 100, o quedar vacío para no poner tope.',
      'factors.0.options.0.points': 'Escriba los puntos como un número de hasta 4 decimales (por ejemplo 30 o 12,5), o déjelo vacío si aún no está definido.',
    });
    expect(issues([{ id: 'a', points: '1', fromAge: '', toAge: '5' }])).toEqual({ 'factors.0.fromAge': 'Indique la edad desde la que puntúa (0 para «menores de…»).' });
    expect(issues([{ id: 'a', points: '1', fromAge: '18', toAge: '5' }])).toEqual({ 'factors.0.toAge': 'La edad hasta (5) no puede ser menor que la edad desde (18).' });
    expect(issues([{ id: 'a', points: ' 12,50 ', fromAge: '60', toAge: '' }])).toEqual({});
    expect(ZUpdateScoreTables.parse({ ...base, factors: [{ id: 'a', points: ' 12,50 ', fromAge: '60', toAge: '' }] }).factors[0]).toMatchObject({ points: '12.5', fromAge: 60, toAge: null });
  });
});

describe('call configuration: income caps', () => {
  it('saves amounts and the «inferido» mark, audited', async () => {
    const callId = await freshCall();
    const { params, version } = await stored(callId);
    const result = await handle.db.transaction((tx) =>
      updateCallIncomeCaps(tx, minvu(), capsInput(callId, version, params, { centro: { '2': { amountClp: '2.100.000', inferred: false } } })),
    );
    expect(result).toEqual({ changed: 2, parametersVersion: version + 1 });
    const after = await stored(callId);
    expect(after.params.incomeCap.groups.centro['2']).toEqual({ amountClp: 2_100_000, inferred: false });
    expect(after.params.incomeCap.groups.norte_extremo_sur).toEqual(params.incomeCap.groups.norte_extremo_sur);
    expect(after.params.score).toEqual(params.score);
    const [audit] = await auditsOf(callId);
    expect(audit).toMatchObject({ action: 'call.parameters.income_caps' });
    expect(audit!.after).toEqual({
      parametersVersion: version + 1,
      changes: [
        { key: 'incomeCap.groups.centro.2.amountClp', label: 'Tope de ingresos, zona centro, 2 integrantes', before: 2028822, after: 2100000 },
        { key: 'incomeCap.groups.centro.2.inferred', label: 'Tope de ingresos, zona centro, 2 integrantes: inferido', before: true, after: false },
      ],
    });
  });

  it('refuses amounts that are not pesos or that fall as the household grows', () => {
    const groups = (centro: Record<string, string>) => ({
      centro: Object.fromEntries(['1', '2', '3', '4'].map((s) => [s, { amountClp: centro[s] ?? '3.000.000', inferred: false }])),
      norte_extremo_sur: Object.fromEntries(['1', '2', '3', '4'].map((s) => [s, { amountClp: '3.000.000', inferred: false }])),
    });
    const issues = (centro: Record<string, string>) => {
      const result = ZUpdateIncomeCaps.safeParse({ callId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1, groups: groups(centro) });
      return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    expect(issues({ '1': '1.404.569,5', '2': '' })).toEqual({
      'groups.centro.1.amountClp': 'Escriba el tope en pesos, sin decimales, con o sin puntos (por ejemplo 1.404.569).',
      'groups.centro.2.amountClp': 'Indique el tope en pesos (por ejemplo 1.404.569).',
    });
    expect(issues({ '1': '2.500.000', '2': '$2.100.000' })).toEqual({ 'groups.centro.2.amountClp': 'El tope para 2 integrantes no puede ser menor que el de 1 integrante ($2.500.000).' });
    expect(issues({ '4': '0' })).toEqual({ 'groups.centro.4.amountClp': 'El tope debe ser mayor que $0 y no superar $50.000.000.' });
  });
});

describe('call configuration: locked once the selection is confirmed', () => {
  it('refuses any change with the reason, and shows it', async () => {
    const callId = await freshCall();
    const run = await handle.db.transaction((tx) => createSelectionPreview(tx, minvu(), { callId, budgetUf: '12000' }));
    await handle.db.transaction((tx) => confirmSelectionRun(tx, minvu(), { runId: run.id, resolutionNumber: 'Res. Ex. N° 77', resolutionDate: '2026-11-20' }));
    const before = await stored(callId);
    await expect(
      handle.db.transaction((tx) => updateCallScoreTables(tx, minvu(), scoreTablesInput(callId, before.version, before.params, { 'grupo_familiar.integrantes': { points: '10' } }))),
    ).rejects.toThrow('La selección de este llamado ya fue confirmada (Resolución N° Res. Ex. N° 77 del 20-11-2026): sus parámetros no pueden cambiar');
    await expect(handle.db.transaction((tx) => updateCallIncomeCaps(tx, minvu(), capsInput(callId, before.version, before.params, { centro: { '1': { amountClp: '1.500.000' } } })))).rejects.toThrow(
      /ya fue confirmada/,
    );
    expect(await stored(callId)).toEqual(before);
    expect((await auditsOf(callId)).filter((a) => a.action.startsWith('call.parameters'))).toEqual([]);
    const view = await getCallParametersView(minvu(), callId);
    expect(view.lockedReason).toMatch(/Res\. Ex\. N° 77/);
    expect((await listConfigurableCalls(minvu())).find((c) => c.id === callId)?.lockedReason).toBe(view.lockedReason);
  });
});
