import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { applications, auditLog, incomeChecks, rosterEntries, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { createReviewFixture } from '@/db/seed/demo-review';
import { seedReferenceData } from '@/db/seed/reference';
import type { SessionUser } from '@/lib/auth/session-user';
import { now, resetClock, setClock } from '@/lib/clock';
import { createTestDb } from '@/lib/test/db';
import { loadApplication } from './application-access';
import { evaluateApplication } from './eligibility';
import {
  buildIncomeCheckCsv,
  decodeCsvBytes,
  exportIncomeCheck,
  getIncomeCheckOverview,
  importIncomeCheckAnswer,
  parsePesos,
  parseSiiAnswer,
} from './income-check';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const rm = () => people['analista.rm@demo.cl']!;
const rmDirector = () => people['director.rm@demo.cl']!;
const north = () => people['analista.antofagasta@demo.cl']!;
const northDirector = () => people['director.antofagasta@demo.cl']!;

// A Metropolitana worker above the 90% RSH (2 members: centro cap $2.028.822) and an Antofagasta one.
const RM_RUT = demoRut(33_100_200);
const RM_SECOND_RUT = demoRut(33_100_300);
const NORTH_RUT = demoRut(33_900_100);
let rmApplicationId: string;
let rmEntryId: string;
let northEntryId: string;

function inTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(fn);
}

function csv(text: string): { fileName: string; bytes: Uint8Array } {
  return { fileName: 'respuesta-sii.csv', bytes: new TextEncoder().encode(text) };
}

async function incomeCapRule(applicationId: string, entryId: string) {
  const access = await loadApplication(handle.db, rm(), applicationId, 'review.read');
  const result = await evaluateApplication(handle.db, access);
  return result.workers.find((w) => w.entryId === entryId)!.reasons.find((r) => r.id === 'worker.income_cap')!;
}

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  setDbForTests(handle);
  for (const u of await handle.db.select().from(users))
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  setClock(new Date('2026-11-25T15:00:00Z'));

  const app = await createReviewFixture(handle.db, now());
  rmApplicationId = app.id;
  const rows = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, app.id)).orderBy(asc(rosterEntries.band), asc(rosterEntries.rut));
  // Two band-3 workers above the threshold; declared income under the cap.
  rmEntryId = rows[1]!.id;
  await handle.db
    .update(rosterEntries)
    .set({ rut: RM_RUT, band: 3, rshPercentile: 100, householdSize: 2, monthlyIncomeClp: 1_500_000, savingsUf: '130', savingsDepositedUf: '70' })
    .where(eq(rosterEntries.id, rows[1]!.id));
  await handle.db
    .update(rosterEntries)
    .set({ rut: RM_SECOND_RUT, band: 3, rshPercentile: 100, householdSize: 5, monthlyIncomeClp: 2_000_000, savingsUf: '130', savingsDepositedUf: '70' })
    .where(eq(rosterEntries.id, rows[2]!.id));

  const [northApp] = await handle.db.select().from(applications).where(eq(applications.number, 'PVT-DEMO-0003'));
  const [inserted] = await handle.db
    .insert(rosterEntries)
    .values({
      applicationId: northApp!.id,
      callId: northApp!.callId,
      rut: NORTH_RUT,
      firstNames: 'Nicolás',
      lastNames: 'Norte Araya',
      unionMember: true,
      rshPercentile: 100,
      householdSize: 1,
      monthlyIncomeClp: 1_000_000,
      savingsUf: '130',
      savingsDepositedUf: '70',
      band: 3,
    })
    .returning({ id: rosterEntries.id });
  northEntryId = inserted!.id;
});

afterAll(async () => {
  resetClock();
  await handle?.close();
});

describe('export for the SII', () => {
  it('lists only the official’s region’s workers above the RSH threshold, as a semicolon CSV with BOM, and records the export', async () => {
    const file = await inTx((tx) => exportIncomeCheck(tx, rm()));
    expect(file.count).toBe(2);
    expect(file.fileName).toMatch(/^revision-ingresos-sii-13-2026-11-25\.csv$/);
    expect(file.content.startsWith('\uFEFFRUT;Nombres;Apellidos;Integrantes del hogar;Ingreso declarado;Tope de ingreso;Zona;Postulación\r\n')).toBe(true);
    expect(file.content).toContain(`${RM_RUT};`);
    expect(file.content).toMatch(new RegExp(`${RM_RUT};[^;]+;[^;]+;2;1500000;2028822;Zona centro;PVT-E2E-`));
    // 5 members collapse to the «4 or more» cap.
    expect(file.content).toMatch(new RegExp(`${RM_SECOND_RUT};[^;]+;[^;]+;5;2000000;2528224;`));
    expect(file.content).not.toContain(NORTH_RUT);
    // Workers at or under 90% are not exported.
    expect(file.content.split('\r\n').filter(Boolean)).toHaveLength(3);

    const checks = await handle.db.select().from(incomeChecks).where(eq(incomeChecks.rosterEntryId, rmEntryId));
    expect(checks).toHaveLength(1);
    expect(checks[0]!.exportedAt?.toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(checks[0]!.answeredAt).toBeNull();
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'income_check.export'));
    expect(audit!.after).toMatchObject({ regionCode: '13', count: 2 });

    // Exporting again refreshes the pending check instead of piling up rows.
    await inTx((tx) => exportIncomeCheck(tx, rmDirector()));
    expect(await handle.db.select().from(incomeChecks).where(eq(incomeChecks.rosterEntryId, rmEntryId))).toHaveLength(1);
  });

  it('never shows a Metropolitana worker to Antofagasta’s reviewer or director, nor the other way round', async () => {
    for (const official of [north(), northDirector()]) {
      const file = await inTx((tx) => exportIncomeCheck(tx, official));
      expect(file.count).toBe(1);
      expect(file.content).toContain(NORTH_RUT);
      expect(file.content).not.toContain(RM_RUT);
      expect(file.content).not.toContain(RM_SECOND_RUT);
      const overview = await getIncomeCheckOverview(official);
      expect(overview.candidates.map((c) => c.rut)).toEqual([NORTH_RUT]);
    }
    expect((await getIncomeCheckOverview(rm())).candidates.map((c) => c.rut).sort()).toEqual([RM_RUT, RM_SECOND_RUT].sort());
    // Applicants have no income check at all.
    expect((await getIncomeCheckOverview(people['dirigente@demo.cl']!)).candidates).toEqual([]);
  });
});

describe('the SII’s answer', () => {
  it('marks each worker over or under the cap, and reports unknown RUTs (other regions included) and bad values per row', async () => {
    expect((await incomeCapRule(rmApplicationId, rmEntryId)).ok).toBe(true);
    const answer = [
      'RUT;Ingreso verificado',
      `${RM_RUT.replace(/^(\d{2})(\d{3})(\d{3})/, '$1.$2.$3')};$2.100.000`,
      `${RM_SECOND_RUT};2528224`,
      `${NORTH_RUT};500000`,
      '11.111.111-2;1000',
      `${demoRut(33_555_444)};900000`,
      `${RM_RUT};1`,
      `${RM_SECOND_RUT.replace('-', '')};abc`,
    ].join('\r\n');
    const report = await inTx((tx) => importIncomeCheckAnswer(tx, rm(), csv(answer)));
    expect(report.updated).toBe(2);
    expect(report.overCap).toBe(1);
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'actualizado'],
      [3, 'actualizado'],
      [4, 'desconocido'],
      [5, 'error'],
      [6, 'desconocido'],
      [7, 'error'],
      [8, 'error'],
    ]);
    expect(report.rows[0]).toMatchObject({ overCap: true, verifiedIncomeClp: 2_100_000, capClp: 2_028_822 });
    expect(report.rows[1]).toMatchObject({ overCap: false, verifiedIncomeClp: 2_528_224, capClp: 2_528_224 });
    expect(report.rows[3]!.message).toMatch(/dígito verificador/);
    expect(report.rows[5]!.message).toMatch(/se repite/);

    const [check] = await handle.db.select().from(incomeChecks).where(eq(incomeChecks.rosterEntryId, rmEntryId));
    expect(check).toMatchObject({ declaredIncomeClp: 2_100_000, overCap: true, checkedBy: rm().id });
    expect(check!.answeredAt).not.toBeNull();
    // The Antofagasta worker was not touched by a Metropolitana official.
    const north = await handle.db.select().from(incomeChecks).where(and(eq(incomeChecks.rosterEntryId, northEntryId)));
    expect(north.every((c) => c.answeredAt === null)).toBe(true);

    // The review's rules now use the verified income: over the cap fails worker.income_cap.
    const rule = await incomeCapRule(rmApplicationId, rmEntryId);
    expect(rule.ok).toBe(false);
    expect(rule.figures.monthlyIncomeClp).toBe(2_100_000);
    expect(rule.message).toContain('$2.028.822');
    expect((await incomeCapRule(rmApplicationId, (await secondEntry())!)).ok).toBe(true);

    const overview = await getIncomeCheckOverview(rm());
    expect(overview.candidates.find((c) => c.entryId === rmEntryId)!.check).toMatchObject({ overCap: true, verifiedIncomeClp: 2_100_000 });

    // A later answer under the cap clears it.
    await inTx((tx) => importIncomeCheckAnswer(tx, rm(), csv(`${RM_RUT},1.900.000\n`)));
    expect((await incomeCapRule(rmApplicationId, rmEntryId)).ok).toBe(true);
  });

  it('refuses a file without the needed columns, with nothing changed', async () => {
    await expect(inTx((tx) => importIncomeCheckAnswer(tx, rm(), csv('Nombre;Monto\nAna;1000\n')))).rejects.toThrow(/columnas «RUT» e «Ingreso verificado»/);
    await expect(inTx((tx) => importIncomeCheckAnswer(tx, rm(), csv('')))).rejects.toThrow(/no tiene filas/);
  });
});

async function secondEntry(): Promise<string | undefined> {
  const [row] = await handle.db.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.rut, RM_SECOND_RUT));
  return row?.id;
}

describe('file helpers', () => {
  it('reads pesos as SII and Excel write them', () => {
    expect(parsePesos('1404569')).toBe(1_404_569);
    expect(parsePesos('1.404.569')).toBe(1_404_569);
    expect(parsePesos('$ 1.404.569')).toBe(1_404_569);
    expect(parsePesos('1.404.569,00')).toBe(1_404_569);
    for (const bad of ['', 'abc', '1,5', '-100', '1.40.569', '1404569.5']) expect(parsePesos(bad)).toBeNull();
  });

  it('reads an answer without a header, separated by commas, in Windows-1252', () => {
    const bytes = Uint8Array.from([...Buffer.from('12345678-5,1500000\r\n', 'latin1')]);
    const parsed = parseSiiAnswer(decodeCsvBytes(bytes));
    expect(parsed.fileError).toBeNull();
    expect(parsed.lines).toEqual([{ line: 1, rutText: '12345678-5', incomeText: '1500000' }]);
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('RUT;Ingreso verificado', 'utf8')]))).toBe('RUT;Ingreso verificado');
    expect(decodeCsvBytes(Uint8Array.from([0x4e, 0xfa, 0xf1, 0x65, 0x7a]))).toBe('Núñez');
  });

  it('quotes cells that would break the CSV', () => {
    const content = buildIncomeCheckCsv([
      {
        entryId: 'x',
        applicationId: 'y',
        applicationNumber: 'PVT-1',
        rut: '12345678-5',
        firstNames: 'Ana; María',
        lastNames: 'O"Higgins',
        householdSize: 1,
        rshPercentile: 100,
        declaredIncomeClp: 1,
        zone: 'centro',
        zoneLabel: 'Zona centro',
        capClp: 1_404_569,
        capInferred: false,
        check: null,
      },
    ]);
    expect(content.split('\r\n')[1]).toBe('12345678-5;"Ana; María";"O""Higgins";1;1;1404569;Zona centro;PVT-1');
  });
});
