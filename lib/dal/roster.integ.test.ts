import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle, Tx } from '@/db/client';
import { applications, auditLog, calls, documents, jobs, memberships, organizations, rosterEntries, rosterImports, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedDemoReviewRoster } from '@/db/seed/demo-review';
import { seedReferenceData } from '@/db/seed/reference';
import { ConflictError, DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { computeCheckDigit, formatRut } from '@/lib/domain/rut';
import { resetEnvForTests } from '@/lib/env';
import { ROSTER_FIXTURE_ENTRIES } from '@/e2e/fixtures/roster/make-fixtures';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { exportRosterCsv } from '@/lib/roster/template';
import { ZAddRosterEntry } from '@/lib/validations/roster';
import { createTestDb } from '@/lib/test/db';
import {
  confirmIncorporationByToken,
  confirmIncorporationOnline,
  createIncorporationLink,
  getIncorporationLink,
  getWorkerIncorporation,
  uploadSignedIncorporationForm,
} from './incorporation';
import {
  acceptRosterImport,
  addRosterEntry,
  discardRosterImport,
  getPendingRosterImport,
  getRosterEntry,
  getRosterForExport,
  getRosterView,
  importRosterFile,
  removeRosterEntry,
  revalidateRosterImport,
  rosterRutIndexViolation,
  setRosterImportRowExcluded,
  updateRosterEntry,
} from './roster';
import { getReviewFile } from './review';

const TODAY = new Date('2026-11-22T12:00:00Z');
const FIXTURES = path.join(process.cwd(), 'e2e/fixtures/roster');

let handle: DbHandle;
let uploadDir: string;
const ids: Record<string, string> = {};
const people: Record<string, SessionUser> = {};
let callId = '';
let unionId = '';

function rut(body: number): string {
  return `${body}-${computeCheckDigit(body)}`;
}

/** Runs one DAL call in its own transaction, as a server action does. */
function inTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return handle.db.transaction(work);
}

async function lastAudit(action: string) {
  const [row] = await handle.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function activeRuts(applicationId: string): Promise<string[]> {
  const rows = await handle.db
    .select({ rut: rosterEntries.rut })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')));
  return rows.map((r) => r.rut).sort();
}

/** A fresh draft application of the demo union in the open call (Puente Alto, zona centro). */
async function newDraft(number: string): Promise<string> {
  const [row] = await handle.db
    .insert(applications)
    .values({ number, callId, organizationId: unionId, projectName: `Proyecto ${number}`, regionCode: '13', comunaCode: '13201' })
    .returning({ id: applications.id });
  return row!.id;
}

function worker(overrides: Partial<Record<keyof TRosterEntryInput, string>> = {}): Record<string, string> {
  return {
    rut: '12.345.678-5',
    firstNames: 'Juan Andrés',
    lastNames: 'Pérez Soto',
    unionMember: 'Sí',
    rshPercentile: '40',
    householdSize: '3',
    monthlyIncomeClp: '850.000',
    savingsUf: '55,5',
    savingsDepositedUf: '30',
    band: '1',
    birthDate: '',
    email: '',
    ...overrides,
  };
}

function entryOf(raw: Record<string, string>) {
  return ZAddRosterEntry.shape.entry.parse(raw);
}

beforeAll(async () => {
  setClock(TODAY);
  uploadDir = mkdtempSync(path.join(tmpdir(), 'nomina-integ-'));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvForTests();
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, TODAY);
  setDbForTests(handle);
  for (const a of await handle.db.select({ id: applications.id, number: applications.number }).from(applications)) ids[a.number] = a.id;
  const [open] = await handle.db.select().from(calls).where(eq(calls.code, 'PVT-DEMO'));
  callId = open!.id;
  const [union] = await handle.db.select().from(organizations).where(eq(organizations.name, 'Sindicato de Trabajadores Demo Uno'));
  unionId = union!.id;
  const [north] = await handle.db.select().from(organizations).where(eq(organizations.name, 'Sindicato Minero Demo Norte'));
  // A leader of another union, and a second worker listed in PVT-DEMO-0001 (Pedro González Lillo).
  const [otherLeader] = await handle.db
    .insert(users)
    .values({ email: 'dirigente.norte@demo.cl', name: 'Otro Dirigente', role: 'org_rep', rut: rut(13_555_666) })
    .returning();
  await handle.db.insert(memberships).values({ userId: otherLeader!.id, organizationId: north!.id });
  await handle.db.insert(users).values({ email: 'pedro@demo.cl', name: 'Pedro González Lillo', role: 'worker', rut: rut(16_222_333) });
  for (const u of await handle.db.select().from(users))
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
});

afterAll(async () => {
  resetClock();
  await handle?.close();
  rmSync(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  resetEnvForTests();
});

describe('adding, editing and removing a worker', () => {
  it('validates the RUT with the check-digit message the form shows', () => {
    const parsed = ZAddRosterEntry.safeParse({ applicationId: ids['PVT-DEMO-0001'], entry: worker({ rut: '12.345.678-9' }) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['entry', 'rut']);
    expect(parsed.error?.issues[0]?.message).toBe('El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5.');
  });

  it('adds, edits and removes, each with an audit row and a new version', async () => {
    const applicationId = await newDraft('PVT-TEST-ADD');
    const leader = people['dirigente@demo.cl']!;
    const [{ version: v0 }] = (await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, applicationId))) as [{ version: number }];

    const { entryId } = await inTx((tx) => addRosterEntry(tx, leader, { applicationId, entry: entryOf(worker()) }));
    const added = await getRosterEntry(leader, applicationId, entryId);
    expect(added.entry).toMatchObject({ rut: '12345678-5', firstNames: 'Juan Andrés', monthlyIncomeClp: 850_000, savingsUf: '55.5', band: 1, unionMember: true });
    expect(added.cells.rut).toBe('12.345.678-5');
    const created = await lastAudit('roster.entry.create');
    expect(created).toMatchObject({ actorUserId: leader.id, entityType: 'application', entityId: applicationId });
    expect(created!.after).toMatchObject({ entryId, rut: '12345678-5' });

    await inTx((tx) =>
      updateRosterEntry(tx, leader, { applicationId, entryId, expectedStamp: added.stamp, entry: entryOf(worker({ savingsUf: '60', band: '1' })) }),
    );
    const edited = await getRosterEntry(leader, applicationId, entryId);
    expect(edited.entry.savingsUf).toBe('60');
    const update = await lastAudit('roster.entry.update');
    expect(update!.before).toMatchObject({ savingsUf: '55.5' });
    expect(update!.after).toMatchObject({ savingsUf: '60' });

    // Editing from a stale copy (someone saved in between) overwrites nothing.
    await expect(
      inTx((tx) => updateRosterEntry(tx, leader, { applicationId, entryId, expectedStamp: added.stamp, entry: entryOf(worker({ savingsUf: '99' })) })),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getRosterEntry(leader, applicationId, entryId)).entry.savingsUf).toBe('60');

    await inTx((tx) => removeRosterEntry(tx, leader, { applicationId, entryId }));
    expect(await activeRuts(applicationId)).toEqual([]);
    expect((await lastAudit('roster.entry.delete'))!.before).toMatchObject({ entryId, rut: '12345678-5' });
    const [{ version: v1 }] = (await handle.db.select({ version: applications.version }).from(applications).where(eq(applications.id, applicationId))) as [{ version: number }];
    expect(v1).toBe(v0 + 3);
  });

  it('refuses a RUT already in this roster or in another application of the call', async () => {
    const leader = people['dirigente@demo.cl']!;
    const applicationId = await newDraft('PVT-TEST-DUP');
    // Pedro is in PVT-DEMO-0001, of the same call.
    const taken = addRosterEntry.bind(null);
    const error = await inTx((tx) => taken(tx, leader, { applicationId, entry: entryOf(worker({ rut: formatRut(rut(16_222_333)) })) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      `El RUT ${formatRut(rut(16_222_333))} ya figura en otra postulación de este llamado. Un trabajador puede estar en una sola postulación por llamado.`,
    );
    expect((error as DomainError).fieldErrors?.['entry.rut']).toContain('ya figura en otra postulación');

    await inTx((tx) => addRosterEntry(tx, leader, { applicationId, entry: entryOf(worker()) }));
    const again = await inTx((tx) => addRosterEntry(tx, leader, { applicationId, entry: entryOf(worker({ firstNames: 'Otro' })) })).catch((e: unknown) => e);
    expect((again as DomainError).message).toBe('El RUT 12.345.678-5 ya está en esta nómina (Juan Andrés Pérez Soto).');
    expect(await activeRuts(applicationId)).toEqual(['12345678-5']);
  });

  it('applies the band requirements the file import applies, with the message next to the field', async () => {
    const leader = people['dirigente@demo.cl']!;
    const applicationId = await newDraft('PVT-TEST-BAND');
    // Band 1 asks for RSH up to 50% (the 2022 call): 70% is refused, as the import refuses it.
    const fresh = (overrides: Parameters<typeof worker>[0]) => entryOf(worker({ rut: formatRut(rut(20_222_333)), ...overrides }));
    const error = await inTx((tx) => addRosterEntry(tx, leader, { applicationId, entry: fresh({ rshPercentile: '70' }) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe('Juan Andrés Pérez Soto no cumple un requisito del tramo 1: revise los campos marcados, o asígnele otro tramo.');
    expect((error as DomainError).fieldErrors).toEqual({ 'entry.rshPercentile': 'El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 70%.' });
    // Too little savings for band 2: both requirements, each next to its own field.
    const twice = await inTx((tx) =>
      addRosterEntry(tx, leader, { applicationId, entry: fresh({ band: '2', rshPercentile: '70', savingsUf: '60', savingsDepositedUf: '20' }) }),
    ).catch((e: unknown) => e);
    expect(Object.keys((twice as DomainError).fieldErrors ?? {}).sort()).toEqual(['entry.savingsDepositedUf', 'entry.savingsUf']);
    expect(await activeRuts(applicationId)).toEqual([]);

    // The same rule when editing: a worker who met band 1 cannot be moved to band 2 without band 2's savings.
    const { entryId } = await inTx((tx) => addRosterEntry(tx, leader, { applicationId, entry: fresh({}) }));
    const current = await getRosterEntry(leader, applicationId, entryId);
    const edit = await inTx((tx) =>
      updateRosterEntry(tx, leader, { applicationId, entryId, expectedStamp: current.stamp, entry: { ...current.entry, band: 2 } }),
    ).catch((e: unknown) => e);
    expect((edit as DomainError).fieldErrors?.['entry.savingsUf']).toMatch(/tramo 2/);
    expect((await getRosterEntry(leader, applicationId, entryId)).entry.band).toBe(1);
  });

  it('translates the database’s one-RUT-per-call refusal when two saves race', async () => {
    const error = await handle.db
      .insert(rosterEntries)
      .values({
        applicationId: ids['PVT-DEMO-0002']!,
        callId,
        rut: rut(16_222_333),
        firstNames: 'Pedro',
        lastNames: 'Duplicado',
        unionMember: true,
        householdSize: 2,
        monthlyIncomeClp: 1,
        savingsUf: '1',
        savingsDepositedUf: '1',
        band: 1,
      })
      .catch((e: unknown) => e);
    expect(rosterRutIndexViolation(error)).toEqual({ rut: rut(16_222_333) });
    expect(rosterRutIndexViolation(new Error('otra cosa'))).toBeNull();
  });
});

describe('importing a roster file', () => {
  const leader = () => people['dirigente@demo.cl']!;
  let applicationId = '';
  let importId = '';

  beforeAll(async () => {
    applicationId = await newDraft('PVT-TEST-IMPORT');
  });

  it('stores a file with errors as a pending import with per-cell errors, and changes nothing yet', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'nomina-con-errores.csv'));
    const result = await inTx((tx) => importRosterFile(tx, leader(), { applicationId, fileName: 'nomina-con-errores.csv', bytes }));
    importId = result.importId;
    expect(result).toMatchObject({ rows: 20, rowsWithErrors: 4 });
    const [stored] = await handle.db.select().from(rosterImports).where(eq(rosterImports.id, importId));
    expect(stored!.status).toBe('pendiente');
    const rows = (stored!.rows as { rows: { rowNumber: number; errors: { column: string; message: string }[]; entry: unknown }[] }).rows;
    expect(rows).toHaveLength(20);
    const errorsOf = (rowNumber: number) => rows.find((r) => r.rowNumber === rowNumber)!.errors;
    expect(errorsOf(3)).toEqual([{ column: 'rshPercentile', message: 'El tramo 1 exige RSH hasta el 50%; el trabajador está en el tramo 70%.' }]);
    expect(errorsOf(4)).toHaveLength(1);
    expect(errorsOf(4)[0]).toMatchObject({ column: 'rut' });
    expect(errorsOf(4)[0]!.message).toMatch(/^El RUT 9\.234\.567-1 no es válido: el dígito verificador debería ser \w\.$/);
    expect(errorsOf(9)[0]).toEqual({ column: 'rut', message: 'El RUT 14.789.012-5 está repetido en la fila 13 de la nómina.' });
    expect(errorsOf(13)[0]).toEqual({ column: 'rut', message: 'El RUT 14.789.012-5 está repetido en la fila 9 de la nómina.' });
    // Valid rows are kept in full.
    expect(rows.filter((r) => r.entry !== null)).toHaveLength(19);
    expect(await activeRuts(applicationId)).toEqual([]);
    expect((await lastAudit('roster.import.create'))!.after).toMatchObject({ importId, rows: 20, rowsWithErrors: 4 });

    const view = await getPendingRosterImport(leader(), applicationId);
    expect(view).toMatchObject({ id: importId, totalRows: 20, importable: false, diff: null, zoneKnown: true });
    expect(view!.rowsWithErrors.map((r) => r.rowNumber)).toEqual([3, 4, 9, 13]);
  });

  it('refuses to accept while errors remain, and keeps the pending rows', async () => {
    const view = await getPendingRosterImport(leader(), applicationId);
    const error = await inTx((tx) => acceptRosterImport(tx, leader(), { applicationId, importId, rosterStamp: view!.rosterStamp })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as Error).message).toBe(
      'Quedan 4 filas con errores. Corríjalas o quítelas de la importación antes de reemplazar la nómina; las filas correctas siguen guardadas.',
    );
    const [stored] = await handle.db.select().from(rosterImports).where(eq(rosterImports.id, importId));
    expect(stored!.status).toBe('pendiente');
    expect(await activeRuts(applicationId)).toEqual([]);
  });

  it('re-validates corrected cells on the server', async () => {
    const partial = await inTx((tx) =>
      revalidateRosterImport(tx, leader(), { applicationId, importId, edits: [{ rowNumber: 3, column: 'rshPercentile', value: '50' }] }),
    );
    expect(partial).toEqual({ rows: 20, rowsWithErrors: 3, importable: false });
    // A correction that is itself wrong is reported on that cell.
    await inTx((tx) => revalidateRosterImport(tx, leader(), { applicationId, importId, edits: [{ rowNumber: 4, column: 'rut', value: '9.234.567-0' }] }));
    const view = await getPendingRosterImport(leader(), applicationId);
    const row4 = view!.rowsWithErrors.find((r) => r.rowNumber === 4)!;
    expect(row4.values.rut).toBe('9.234.567-0');
    expect(row4.errors[0]!.message).toMatch(/^El RUT 9\.234\.567-0 no es válido/);

    const fixed = await inTx((tx) =>
      revalidateRosterImport(tx, leader(), {
        applicationId,
        importId,
        edits: [
          { rowNumber: 4, column: 'rut', value: formatRut(rut(9_234_567)) },
          { rowNumber: 13, column: 'rut', value: formatRut(rut(18_123_456)) },
        ],
      }),
    );
    expect(fixed).toEqual({ rows: 20, rowsWithErrors: 0, importable: true });
    expect((await lastAudit('roster.import.revalidate'))!.after).toMatchObject({ importId, editedCells: 2, rowsWithErrors: 0 });
  });

  it('shows the diff against the current roster and, on accept, replaces the roster exactly', async () => {
    const leaderUser = leader();
    // One worker already in the roster, with different data: the import modifies it.
    const first = ROSTER_FIXTURE_ENTRIES[0]!;
    await inTx((tx) => addRosterEntry(tx, leaderUser, { applicationId, entry: { ...first, savingsUf: '51' } }));
    // One worker not in the file: the import removes it.
    await inTx((tx) => addRosterEntry(tx, leaderUser, { applicationId, entry: entryOf(worker({ rut: formatRut(rut(19_999_999)) })) }));

    const view = await getPendingRosterImport(leaderUser, applicationId);
    expect(view!.importable).toBe(true);
    expect(view!.diff!.added).toHaveLength(19);
    expect(view!.diff!.removed.map((r) => r.rut)).toEqual([rut(19_999_999)]);
    expect(view!.diff!.modified).toEqual([
      {
        rut: first.rut,
        name: `${first.firstNames} ${first.lastNames}`,
        changes: [{ field: 'savingsUf', label: 'Ahorro UF', before: '51', after: '52' }],
        resetsIncorporation: false,
      },
    ]);

    // The roster changed after the diff was shown: accepting that stale diff is refused.
    await expect(inTx((tx) => acceptRosterImport(tx, leaderUser, { applicationId, importId, rosterStamp: 'otra' }))).rejects.toBeInstanceOf(ConflictError);

    const summary = await inTx((tx) => acceptRosterImport(tx, leaderUser, { applicationId, importId, rosterStamp: view!.rosterStamp }));
    expect(summary).toEqual({ added: 19, removed: 1, modified: 1, unchanged: 0, total: 20 });

    const expected: TRosterEntryInput[] = ROSTER_FIXTURE_ENTRIES.map((entry, index) =>
      index === 1 ? { ...entry, rshPercentile: 50 as const } : index === 11 ? { ...entry, rut: rut(18_123_456) } : entry,
    );
    const exported = await getRosterForExport(leaderUser, applicationId);
    const byRut = (a: TRosterEntryInput, b: TRosterEntryInput) => a.rut.localeCompare(b.rut);
    expect([...exported.entries].sort(byRut)).toEqual([...expected].sort(byRut));

    const [stored] = await handle.db.select().from(rosterImports).where(eq(rosterImports.id, importId));
    expect(stored!.status).toBe('aceptada');
    const audit = await lastAudit('roster.import.accept');
    expect(audit).toMatchObject({ actorUserId: leaderUser.id, entityId: applicationId });
    expect(audit!.after).toMatchObject({ importId, added: 19, removed: 1, modified: 1, unchanged: 0, total: 20 });
    // Accepted once: the same import cannot be applied again.
    await expect(inTx((tx) => acceptRosterImport(tx, leaderUser, { applicationId, importId, rosterStamp: view!.rosterStamp }))).rejects.toThrow(
      'Esta planilla ya se aceptó y reemplazó la nómina.',
    );
  });

  it('flags, in a new import, the RUTs that another application of the call already has', async () => {
    const other = await newDraft('PVT-TEST-IMPORT-2');
    const bytes = readFileSync(path.join(FIXTURES, 'nomina-valida.csv'));
    const result = await inTx((tx) => importRosterFile(tx, leader(), { applicationId: other, fileName: 'nomina-valida.csv', bytes }));
    expect(result.rowsWithErrors).toBe(20);
    const view = await getPendingRosterImport(leader(), other);
    expect(view!.rowsWithErrors[0]!.errors).toContainEqual({
      column: 'rut',
      message: `El RUT ${formatRut(ROSTER_FIXTURE_ENTRIES[0]!.rut)} ya figura en otra postulación de este llamado.`,
    });
    await inTx((tx) => discardRosterImport(tx, leader(), { applicationId: other, importId: result.importId }));
    expect(await getPendingRosterImport(leader(), other)).toBeNull();
  });

  it('refuses a file it cannot read, with the reason, storing nothing', async () => {
    const bytes = new TextEncoder().encode('Nombre;Apellido\nAna;Díaz\n');
    const error = await inTx((tx) => importRosterFile(tx, leader(), { applicationId, fileName: 'lista.csv', bytes })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors?.file).toContain('Faltan las columnas obligatorias');
  });
});

describe('dropping rows from a pending import', () => {
  const leader = () => people['dirigente@demo.cl']!;

  it('drops the rows that cannot be fixed here, undoes a drop, and accepts the rest; nothing valid is lost', async () => {
    // The file's workers were imported into another draft above; that draft lets them go first.
    const [earlier] = await handle.db.select({ id: applications.id }).from(applications).where(eq(applications.number, 'PVT-TEST-IMPORT'));
    await handle.db.delete(rosterEntries).where(eq(rosterEntries.applicationId, earlier!.id));
    const applicationId = await newDraft('PVT-TEST-DROP');
    // The worker of row 3 is already in the roster, meeting band 1 (RSH 50%); the file has them at 70%.
    const row3 = ROSTER_FIXTURE_ENTRIES[1]!;
    await inTx((tx) => addRosterEntry(tx, leader(), { applicationId, entry: { ...row3, rshPercentile: 50 } }));
    const bytes = readFileSync(path.join(FIXTURES, 'nomina-con-errores.csv'));
    const { importId } = await inTx((tx) => importRosterFile(tx, leader(), { applicationId, fileName: 'nomina-con-errores.csv', bytes }));

    // Dropping the duplicate of row 9 clears row 9 too.
    const afterDuplicate = await inTx((tx) => setRosterImportRowExcluded(tx, leader(), { applicationId, importId, rowNumber: 13, excluded: true }));
    expect(afterDuplicate).toEqual({ rows: 20, rowsWithErrors: 2, excluded: 1, importable: false });
    expect((await lastAudit('roster.import.exclude_row'))!.after).toMatchObject({ importId, rowNumber: 13, excluded: 1 });
    await inTx((tx) => setRosterImportRowExcluded(tx, leader(), { applicationId, importId, rowNumber: 3, excluded: true }));
    // Undo: the row comes back with its error, then goes again.
    expect(await inTx((tx) => setRosterImportRowExcluded(tx, leader(), { applicationId, importId, rowNumber: 3, excluded: false }))).toMatchObject({
      rowsWithErrors: 2,
      excluded: 1,
    });
    expect((await lastAudit('roster.import.include_row'))!.after).toMatchObject({ rowNumber: 3 });
    await inTx((tx) => setRosterImportRowExcluded(tx, leader(), { applicationId, importId, rowNumber: 3, excluded: true }));
    // A dropped row cannot be corrected until it is brought back.
    await expect(
      inTx((tx) => revalidateRosterImport(tx, leader(), { applicationId, importId, edits: [{ rowNumber: 3, column: 'rshPercentile', value: '40' }] })),
    ).rejects.toThrow('La fila 3 está quitada de la importación: vuelva a incluirla para corregirla.');
    const last = await inTx((tx) => setRosterImportRowExcluded(tx, leader(), { applicationId, importId, rowNumber: 4, excluded: true }));
    expect(last).toEqual({ rows: 20, rowsWithErrors: 0, excluded: 3, importable: true });

    const view = await getPendingRosterImport(leader(), applicationId);
    expect(view!.rowsWithErrors).toEqual([]);
    expect(view!.excludedRows.map((r) => [r.rowNumber, r.keepsCurrentWorker])).toEqual([
      [3, true],
      [4, false],
      [13, false],
    ]);
    // Row 3's worker stays as they are in the roster; nobody is removed.
    expect(view!.diff!.removed).toEqual([]);
    expect(view!.diff!.unchanged).toBe(1);
    expect(view!.diff!.added).toHaveLength(17);

    const summary = await inTx((tx) => acceptRosterImport(tx, leader(), { applicationId, importId, rosterStamp: view!.rosterStamp }));
    expect(summary).toEqual({ added: 17, removed: 0, modified: 0, unchanged: 1, total: 18 });
    const exported = await getRosterForExport(leader(), applicationId);
    expect(exported.entries.find((e) => e.rut === row3.rut)).toMatchObject({ rshPercentile: 50 });
    // Row 13 repeated row 9's RUT: row 9 was imported once, row 13 not at all.
    expect(exported.entries.filter((e) => e.rut === ROSTER_FIXTURE_ENTRIES[7]!.rut)).toHaveLength(1);
    expect(exported.entries.map((e) => e.rut)).not.toContain(ROSTER_FIXTURE_ENTRIES[11]!.rut);
    expect((await lastAudit('roster.import.accept'))!.after).toMatchObject({ excludedRows: [3, 4, 13], total: 18 });
  });

  it('does not accept an import whose rows were all dropped', async () => {
    const applicationId = await newDraft('PVT-TEST-DROP-ALL');
    const csv =
      'RUT,Nombres,Apellidos,Socio del sindicato,Tramo RSH,Integrantes del hogar,Ingreso mensual del hogar,Ahorro UF,Ahorro depositado UF,Tramo de vivienda\n' +
      `${rut(20_111_222)},Ana,Díaz,Sí,70,3,850000,55,30,1\n`;
    const { importId } = await inTx((tx) => importRosterFile(tx, leader(), { applicationId, fileName: 'una.csv', bytes: new TextEncoder().encode(csv) }));
    expect(await inTx((tx) => setRosterImportRowExcluded(tx, leader(), { applicationId, importId, rowNumber: 2, excluded: true }))).toEqual({
      rows: 1,
      rowsWithErrors: 0,
      excluded: 1,
      importable: false,
    });
    const view = await getPendingRosterImport(leader(), applicationId);
    await expect(inTx((tx) => acceptRosterImport(tx, leader(), { applicationId, importId, rosterStamp: view!.rosterStamp }))).rejects.toThrow(
      'No queda ninguna fila para importar: vuelva a incluir alguna fila o descarte la planilla.',
    );
    // Another organisation cannot touch it.
    await expect(
      inTx((tx) => setRosterImportRowExcluded(tx, people['dirigente.norte@demo.cl']!, { applicationId, importId, rowNumber: 2, excluded: false })),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('household facts for the score (D.S. N°1 art. 65)', () => {
  const leader = () => people['dirigente@demo.cl']!;
  const facts = {
    memberAges: '34; 12; 7',
    headOfHousehold: 'Monoparental',
    membersWithDisability: '1',
    overcrowding: 'Crítico',
    dwellingType: 'Mediagua',
    waterSource: 'Red pública fuera',
    bathroom: 'Compartido',
    earlierApplications: '2',
  };
  const storedFacts = {
    memberAges: [34, 12, 7],
    headOfHousehold: 'monoparental',
    membersWithDisability: 1,
    overcrowding: 'critico',
    dwellingType: 'mediagua',
    waterSource: 'red_publica_fuera',
    bathroom: 'compartido',
    earlierApplications: 2,
  };

  async function storedFactsOf(entryId: string) {
    const [row] = await handle.db.select({ scoreFacts: rosterEntries.scoreFacts }).from(rosterEntries).where(eq(rosterEntries.id, entryId));
    return row!.scoreFacts;
  }

  it('stores the facts typed in the worker form with the entry, audits them and shows them back as typed', async () => {
    const applicationId = await newDraft('PVT-TEST-FACTS');
    const base = worker({ rut: formatRut(rut(21_222_001)) });
    const { entryId } = await inTx((tx) => addRosterEntry(tx, leader(), { applicationId, entry: entryOf({ ...base, ...facts }) }));
    expect(await storedFactsOf(entryId)).toEqual(storedFacts);
    const added = await getRosterEntry(leader(), applicationId, entryId);
    expect(added.cells).toMatchObject({ ...facts, memberAges: '34; 12; 7', overcrowding: 'Crítico' });
    expect((await lastAudit('roster.entry.create'))!.after).toMatchObject({ entryId, overcrowding: 'critico', memberAges: [34, 12, 7] });

    // Clearing a fact leaves it undeclared; the audit keeps the value it had.
    await inTx((tx) =>
      updateRosterEntry(tx, leader(), { applicationId, entryId, expectedStamp: added.stamp, entry: entryOf({ ...base, ...facts, overcrowding: '', earlierApplications: '3' }) }),
    );
    expect(await storedFactsOf(entryId)).toEqual({ ...storedFacts, overcrowding: null, earlierApplications: 3 });
    const update = await lastAudit('roster.entry.update');
    expect(update!.before).toMatchObject({ overcrowding: 'critico', earlierApplications: 2 });
    expect(update!.after).toMatchObject({ overcrowding: null, earlierApplications: 3 });

    // Facts that contradict the household size are refused next to the field, before anything is stored.
    const wrong = ZAddRosterEntry.safeParse({ applicationId, entry: { ...base, ...facts, memberAges: '34; 12' } });
    expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['entry.memberAges', 'Se indicaron 2 edades, pero el hogar tiene 3 integrantes: escriba la edad de cada integrante, incluido el trabajador.'],
    ]);
  });

  it('imports them from optional columns with per-cell errors, and exports them', async () => {
    const applicationId = await newDraft('PVT-TEST-FACTS-IMPORT');
    const header = 'RUT;Nombres;Apellidos;Socio del sindicato;Tramo RSH;Integrantes del hogar;Ingreso mensual del hogar;Ahorro UF;Ahorro depositado UF;Tramo de vivienda;Edades de los integrantes;Jefatura de hogar;Integrantes con discapacidad;Hacinamiento;Tipo de vivienda actual;Abastecimiento de agua;Baño;Postulaciones anteriores';
    const csv = [
      header,
      `${formatRut(rut(21_111_001))};Ana;Díaz Soto;Sí;40;3;800.000;55;30;1;"34; 12; 7";Monoparental;1;Crítico;Mediagua;Red pública fuera;Compartido;2`,
      `${formatRut(rut(21_111_002))};Luis;Rojas Vera;Sí;60;2;900.000;75;40;2;"40; 38";Con pareja;0;muchísimo;Casa;Red pública dentro;Exclusivo;0`,
      `${formatRut(rut(21_111_003))};Eva;Mora Lillo;Sí;60;4;950.000;75;40;2;;;;;;;;`,
    ].join('\r\n');
    const result = await inTx((tx) => importRosterFile(tx, leader(), { applicationId, fileName: 'nomina-puntaje.csv', bytes: new TextEncoder().encode(csv) }));
    expect(result).toMatchObject({ rows: 3, rowsWithErrors: 1 });
    const pending = await getPendingRosterImport(leader(), applicationId);
    expect(pending!.rowsWithErrors.map((r) => [r.rowNumber, r.errors])).toEqual([
      [3, [{ column: 'overcrowding', message: 'Hacinamiento: escriba «Sin», «Medio» o «Crítico» (se indicó «muchísimo»). Déjelo vacío si no lo declara.' }]],
    ]);
    await inTx((tx) => revalidateRosterImport(tx, leader(), { applicationId, importId: result.importId, edits: [{ rowNumber: 3, column: 'overcrowding', value: 'Medio' }] }));
    const ready = await getPendingRosterImport(leader(), applicationId);
    await inTx((tx) => acceptRosterImport(tx, leader(), { applicationId, importId: result.importId, rosterStamp: ready!.rosterStamp }));

    const rows = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.applicationId, applicationId));
    const byRut = Object.fromEntries(rows.map((r) => [r.rut, r.scoreFacts]));
    expect(byRut[rut(21_111_001)]).toEqual(storedFacts);
    expect(byRut[rut(21_111_002)]).toMatchObject({ memberAges: [40, 38], headOfHousehold: 'con_pareja', overcrowding: 'medio', bathroom: 'exclusivo', earlierApplications: 0 });
    expect(byRut[rut(21_111_003)]).toEqual(Object.fromEntries(Object.keys(storedFacts).map((k) => [k, null])));

    const exported = await getRosterForExport(leader(), applicationId);
    const ana = exported.entries.find((e) => e.rut === rut(21_111_001))!;
    expect(ana).toMatchObject({ memberAges: [34, 12, 7], headOfHousehold: 'monoparental', dwellingType: 'mediagua' });
    const text = exportRosterCsv(exported.entries);
    expect(text.split('\r\n')[0]).toContain('Edades de los integrantes;Jefatura de hogar;Integrantes con discapacidad;Hacinamiento;Tipo de vivienda actual;Abastecimiento de agua;Baño;Postulaciones anteriores');
    expect(text).toContain('"34; 12; 7";Monoparental;1;Crítico;Mediagua;Red pública fuera;Compartido;2');
  });

  it('shows SERVIU the declared facts read-only, in Spanish', async () => {
    expect(await seedDemoReviewRoster(handle.db)).toBe(true);
    const file = await getReviewFile(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0002']!);
    const camila = file.workers.find((w) => w.name === 'Camila Reyes Soto')!;
    expect(camila.scoreFacts).toEqual([
      { fact: 'memberAges', label: 'Edades de los integrantes', value: '31, 9 y 4 años' },
      { fact: 'headOfHousehold', label: 'Jefatura de hogar', value: 'Jefatura de hogar monoparental (sin cónyuge ni conviviente, con hijos u otras cargas)' },
      { fact: 'membersWithDisability', label: 'Integrantes con discapacidad', value: '0' },
      { fact: 'overcrowding', label: 'Hacinamiento', value: 'Hacinamiento medio (de 2,5 a 4,9 personas por dormitorio)' },
      { fact: 'dwellingType', label: 'Tipo de vivienda actual', value: 'Pieza en casa antigua, conventillo o cité' },
      { fact: 'waterSource', label: 'Abastecimiento de agua', value: 'Red pública con llave dentro de la vivienda' },
      { fact: 'bathroom', label: 'Baño', value: 'Baño compartido con otro hogar' },
      { fact: 'earlierApplications', label: 'Postulaciones anteriores', value: '2' },
    ]);
    expect(file.workers.find((w) => w.name === 'Valeria Ortiz Peña')!.scoreFacts).toEqual([]);
  });
});

describe('scope: roster reads, import and export', () => {
  it('answers "not found" to another organisation, and to a worker, for reads, import and export', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const outsider = people['dirigente.norte@demo.cl']!;
    const bytes = readFileSync(path.join(FIXTURES, 'nomina-valida.csv'));
    await expect(getRosterView(outsider, applicationId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getRosterForExport(outsider, applicationId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPendingRosterImport(outsider, applicationId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(inTx((tx) => importRosterFile(tx, outsider, { applicationId, fileName: 'n.csv', bytes }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(inTx((tx) => addRosterEntry(tx, outsider, { applicationId, entry: entryOf(worker()) }))).rejects.toBeInstanceOf(NotFoundError);
    // A worker of this very roster sees only their own row, on the incorporation page.
    await expect(getRosterView(people['trabajador@demo.cl']!, applicationId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getRosterForExport(people['trabajador@demo.cl']!, applicationId)).rejects.toBeInstanceOf(NotFoundError);
    // SERVIU sees no draft.
    await expect(getRosterView(people['analista.rm@demo.cl']!, applicationId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets the employer read but not change the roster', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const employer = people['empleador@demo.cl']!;
    const view = await getRosterView(employer, applicationId);
    expect(view.canEdit).toBe(false);
    expect(view.readOnlyReason).toContain('la completa la organización de trabajadores');
    expect(view.entries).toHaveLength(4);
    await expect(inTx((tx) => addRosterEntry(tx, employer, { applicationId, entry: entryOf(worker()) }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('makes a submitted file read-only for its union too', async () => {
    const view = await getRosterView(people['dirigente@demo.cl']!, ids['PVT-DEMO-0002']!);
    expect(view.canEdit).toBe(false);
    expect(view.readOnlyReason).toBe('La postulación ya fue enviada y no puede modificarse.');
    await expect(
      inTx((tx) => addRosterEntry(tx, people['dirigente@demo.cl']!, { applicationId: ids['PVT-DEMO-0002']!, entry: entryOf(worker({ rut: formatRut(rut(20_000_001)) })) })),
    ).rejects.toThrow('La postulación ya fue enviada y no puede modificarse.');
  });
});

describe('incorporation of each worker', () => {
  const entryIdOf = async (body: number) => {
    const [row] = await handle.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.applicationId, ids['PVT-DEMO-0001']!), eq(rosterEntries.rut, rut(body))));
    return row!;
  };

  it('a signed-in worker confirms online only their own row', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const maria = people['trabajador@demo.cl']!;
    const view = await getWorkerIncorporation(maria, applicationId);
    expect(view).toMatchObject({ firstName: 'María', confirmedAt: null, blockedReason: null });
    expect(view.summary).toMatchObject({ projectName: 'Condominio Los Aromos', comunaName: 'Puente Alto', band: 1, pricesUf: ['1200.00'], dwellingsInBand: 1 });

    expect(await inTx((tx) => confirmIncorporationOnline(tx, maria, { applicationId, accepted: true }))).toEqual({ alreadyConfirmed: false });
    const mine = await entryIdOf(15_111_222);
    expect(mine.incorporationMethod).toBe('en_linea');
    expect(mine.incorporationConfirmedAt).toEqual(TODAY);
    // Nobody else's row moved.
    for (const body of [16_222_333, 17_333_444, 18_444_555]) expect((await entryIdOf(body)).incorporationConfirmedAt).toBeNull();
    expect((await lastAudit('roster.incorporation.confirm'))!.after).toMatchObject({ entryId: mine.id, method: 'en_linea', via: 'cuenta' });
    expect(await inTx((tx) => confirmIncorporationOnline(tx, maria, { applicationId, accepted: true }))).toEqual({ alreadyConfirmed: true });

    // A worker cannot reach an application they are not listed in, nor a union's pages.
    await expect(getWorkerIncorporation(maria, ids['PVT-DEMO-0002']!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(inTx((tx) => confirmIncorporationOnline(tx, maria, { applicationId: ids['PVT-DEMO-0002']!, accepted: true }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // The union leader has no row of their own to confirm.
    await expect(inTx((tx) => confirmIncorporationOnline(tx, people['dirigente@demo.cl']!, { applicationId, accepted: true }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('a one-time link works once, shows only the first name and the project, and can be mailed', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const leader = people['dirigente@demo.cl']!;
    const pedro = await entryIdOf(16_222_333);
    await handle.db.update(rosterEntries).set({ email: 'pedro.gonzalez@correo.cl' }).where(eq(rosterEntries.id, pedro.id));

    const link = await inTx((tx) => createIncorporationLink(tx, leader, { applicationId, entryId: pedro.id, sendEmail: true }));
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/incorporacion\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toEqual(new Date(TODAY.getTime() + 14 * 86_400_000));
    expect(link.emailedTo).toBe('pedro.gonzalez@correo.cl');
    const token = link.url.split('/').pop()!;
    const [mail] = await handle.db.select().from(jobs).where(eq(jobs.kind, 'mail')).orderBy(desc(jobs.createdAt)).limit(1);
    expect((mail!.payload as { to: string[]; text: string }).to).toEqual(['pedro.gonzalez@correo.cl']);
    expect((mail!.payload as { text: string }).text).toContain(link.url);
    // Only the hash is stored.
    const audit = await lastAudit('roster.incorporation.link_create');
    expect(JSON.stringify(audit)).not.toContain(token);

    const view = await getIncorporationLink(token);
    expect(view).toMatchObject({ state: 'valido', firstName: 'Pedro', summary: { projectName: 'Condominio Los Aromos', band: 2, pricesUf: ['1600.00'] } });
    expect(JSON.stringify(view)).not.toMatch(/González|16\.?222\.?333|pedro\.gonzalez/);

    expect(await inTx((tx) => confirmIncorporationByToken(tx, token))).toEqual({ firstName: 'Pedro' });
    expect((await entryIdOf(16_222_333)).incorporationMethod).toBe('en_linea');
    expect((await lastAudit('roster.incorporation.confirm'))!.after).toMatchObject({ entryId: pedro.id, via: 'enlace' });
    expect(await getIncorporationLink(token)).toEqual({ state: 'usado' });
    await expect(inTx((tx) => confirmIncorporationByToken(tx, token))).rejects.toThrow('Este enlace ya fue usado.');
    await expect(inTx((tx) => confirmIncorporationByToken(tx, 'x'.repeat(43)))).rejects.toThrow('El enlace no es válido.');
    // Once confirmed, no new link is needed.
    await expect(inTx((tx) => createIncorporationLink(tx, leader, { applicationId, entryId: pedro.id, sendEmail: false }))).rejects.toThrow(
      'ya confirmó su incorporación',
    );
  });

  it('a one-time link expires after 14 days, and a newer link replaces an unused one', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const leader = people['dirigente@demo.cl']!;
    const rosa = await entryIdOf(17_333_444);
    const older = await inTx((tx) => createIncorporationLink(tx, leader, { applicationId, entryId: rosa.id, sendEmail: true }));
    expect(older.emailedTo).toBeNull(); // no e-mail on file: the leader copies the link
    const newer = await inTx((tx) => createIncorporationLink(tx, leader, { applicationId, entryId: rosa.id, sendEmail: false }));
    expect(await getIncorporationLink(older.url.split('/').pop()!)).toEqual({ state: 'no_encontrado' });

    const token = newer.url.split('/').pop()!;
    try {
      setClock(new Date(TODAY.getTime() + 14 * 86_400_000 + 1000));
      expect(await getIncorporationLink(token)).toEqual({ state: 'vencido' });
      await expect(inTx((tx) => confirmIncorporationByToken(tx, token))).rejects.toThrow('Este enlace venció.');
    } finally {
      setClock(TODAY);
    }
    expect((await entryIdOf(17_333_444)).incorporationConfirmedAt).toBeNull();
  });

  it('the union uploads a signed paper form for a worker', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const leader = people['dirigente@demo.cl']!;
    const luis = await entryIdOf(18_444_555);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const stored = await inTx((tx) =>
      uploadSignedIncorporationForm(tx, leader, { applicationId, entryId: luis.id, fileName: 'formulario-luis.pdf', bytes: pdf }),
    );
    expect(stored.version).toBe(1);
    const after = await entryIdOf(18_444_555);
    expect(after.incorporationMethod).toBe('formulario_firmado');
    const [document] = await handle.db.select().from(documents).where(eq(documents.id, stored.documentId));
    expect(document).toMatchObject({ slot: 'formulario_incorporacion', rosterEntryId: luis.id, fileName: 'formulario-luis.pdf' });
    expect((await lastAudit('roster.incorporation.signed_form'))!.after).toMatchObject({ entryId: luis.id, documentId: stored.documentId });

    // The roster shows who confirmed and how.
    const view = await getRosterView(leader, applicationId);
    const statuses = Object.fromEntries(view.entries.map((e) => [e.entry.firstNames, e.incorporation.status]));
    expect(statuses).toEqual({ María: 'en_linea', Pedro: 'en_linea', Rosa: 'pendiente', Luis: 'formulario_firmado' });

    // Not a PDF or image: refused with the documents' own message, nothing changes.
    const before = await entryIdOf(17_333_444);
    await expect(
      inTx((tx) => uploadSignedIncorporationForm(tx, leader, { applicationId, entryId: before.id, fileName: 'formulario.pdf', bytes: new TextEncoder().encode('hola') })),
    ).rejects.toBeInstanceOf(DomainError);
    expect((await entryIdOf(17_333_444)).incorporationConfirmedAt).toBeNull();
  });

  it('changing a confirmed worker’s band asks for a new confirmation', async () => {
    const applicationId = ids['PVT-DEMO-0001']!;
    const leader = people['dirigente@demo.cl']!;
    const maria = await entryIdOf(15_111_222);
    const current = await getRosterEntry(leader, applicationId, maria.id);
    const result = await inTx((tx) =>
      updateRosterEntry(tx, leader, {
        applicationId,
        entryId: maria.id,
        expectedStamp: current.stamp,
        entry: { ...current.entry, band: 2, savingsUf: '80', savingsDepositedUf: '40' },
      }),
    );
    expect(result.incorporationReset).toBe(true);
    expect((await entryIdOf(15_111_222)).incorporationConfirmedAt).toBeNull();
  });
});
