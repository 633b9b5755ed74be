import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import Papa from 'papaparse';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applications, calls, comunas, incomeChecks, rosterEntries } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission } from '@/lib/auth/permissions';
import { applicationScope } from '@/lib/auth/scope';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { TCallParameters, ZoneId } from '@/lib/domain/call-parameters';
import { callDateOf } from '@/lib/domain/deadlines';
import { formatClp } from '@/lib/domain/explain';
import { formatRut, parseRut, rutErrorMessage } from '@/lib/domain/rut';
import { incomeCapFor } from '@/lib/domain/worker-eligibility';
import { zoneForComuna } from '@/lib/domain/zones';
import { writeAudit } from './audit';

/** Submitted files whose workers SERVIU checks with SII (not drafts, not decided ones). */
const UNDER_REVIEW = ['enviada', 'en_revision', 'observada', 'subsanada'] as const;

export interface IncomeCheckCandidate {
  entryId: string;
  applicationId: string;
  applicationNumber: string;
  rut: string;
  firstNames: string;
  lastNames: string;
  householdSize: number;
  rshPercentile: number;
  declaredIncomeClp: number;
  zone: ZoneId | null;
  zoneLabel: string;
  capClp: number | null;
  capInferred: boolean;
  /** The latest check of this worker, if any. */
  check: { exportedAt: Date | null; answeredAt: Date | null; verifiedIncomeClp: number | null; overCap: boolean | null } | null;
}

/**
 * Workers of the official's region whose RSH bracket is above the call's income-cap threshold (90%), in
 * submitted applications: the list SERVIU sends to SII. Scope is the region, in the WHERE.
 */
async function listCandidates(db: DbOrTx, user: SessionUser): Promise<IncomeCheckCandidate[]> {
  const rows = await db
    .select({
      entryId: rosterEntries.id,
      applicationId: applications.id,
      applicationNumber: applications.number,
      rut: rosterEntries.rut,
      firstNames: rosterEntries.firstNames,
      lastNames: rosterEntries.lastNames,
      householdSize: rosterEntries.householdSize,
      rshPercentile: rosterEntries.rshPercentile,
      declaredIncomeClp: rosterEntries.monthlyIncomeClp,
      parameters: calls.parameters,
      comunaCode: comunas.code,
      provinceCode: comunas.provinceCode,
      regionCode: comunas.regionCode,
    })
    .from(rosterEntries)
    .innerJoin(applications, eq(applications.id, rosterEntries.applicationId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .leftJoin(comunas, eq(comunas.code, applications.comunaCode))
    .where(
      and(
        applicationScope(user, 'review.observe'),
        inArray(applications.status, [...UNDER_REVIEW]),
        eq(calls.programme, 'ds1_trabajadores'),
        eq(rosterEntries.status, 'activo'),
        isNotNull(rosterEntries.rshPercentile),
      ),
    )
    .orderBy(asc(applications.number), asc(rosterEntries.lastNames), asc(rosterEntries.firstNames));
  const paramsCache = new Map<string, TCallParameters>();
  const candidates: IncomeCheckCandidate[] = [];
  for (const row of rows) {
    const key = JSON.stringify(row.parameters);
    let params = paramsCache.get(key);
    if (!params) {
      params = ZCallParameters.parse(row.parameters);
      paramsCache.set(key, params);
    }
    if (row.rshPercentile === null || row.rshPercentile <= params.incomeCap.rshThreshold) continue;
    const zone =
      row.comunaCode && row.provinceCode && row.regionCode
        ? zoneForComuna({ comunaCode: row.comunaCode, provinceCode: row.provinceCode, regionCode: row.regionCode }, params).zone
        : null;
    const cap = zone ? incomeCapFor(row.householdSize, zone, params) : null;
    candidates.push({
      entryId: row.entryId,
      applicationId: row.applicationId,
      applicationNumber: row.applicationNumber,
      rut: row.rut,
      firstNames: row.firstNames,
      lastNames: row.lastNames,
      householdSize: row.householdSize,
      rshPercentile: row.rshPercentile,
      declaredIncomeClp: row.declaredIncomeClp,
      zone,
      zoneLabel: zone ? params.zones[zone].label : 'Sin zona',
      capClp: cap?.amountClp ?? null,
      capInferred: cap?.inferred ?? false,
      check: null,
    });
  }
  if (candidates.length > 0) {
    const checks = await db
      .select()
      .from(incomeChecks)
      .where(inArray(incomeChecks.rosterEntryId, candidates.map((c) => c.entryId)))
      .orderBy(desc(incomeChecks.answeredAt), desc(incomeChecks.exportedAt));
    const latest = new Map<string, (typeof checks)[number]>();
    // An answered check wins over a later export still waiting for SII.
    for (const check of checks) if (!latest.has(check.rosterEntryId)) latest.set(check.rosterEntryId, check);
    for (const c of candidates) {
      const check = latest.get(c.entryId);
      c.check = check
        ? { exportedAt: check.exportedAt, answeredAt: check.answeredAt, verifiedIncomeClp: check.declaredIncomeClp, overCap: check.overCap }
        : null;
    }
  }
  return candidates;
}

/** The income check page: the region's workers above the threshold and where their SII check stands. */
export async function getIncomeCheckOverview(user: SessionUser): Promise<{ candidates: IncomeCheckCandidate[]; canCheck: boolean }> {
  const db = await getDb();
  return { candidates: await listCandidates(db, user), canCheck: hasPermission(user.role, 'review.observe') };
}

const CSV_HEADER = ['RUT', 'Nombres', 'Apellidos', 'Integrantes del hogar', 'Ingreso declarado', 'Tope de ingreso', 'Zona', 'Postulación'];

function csvCell(value: string | number): string {
  const text = String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The SII request file: UTF-8 with BOM, semicolons and CRLF, so Excel in Chile opens it as columns. */
export function buildIncomeCheckCsv(candidates: readonly IncomeCheckCandidate[]): string {
  const lines = [CSV_HEADER, ...candidates.map((c) => [c.rut, c.firstNames, c.lastNames, c.householdSize, c.declaredIncomeClp, c.capClp ?? '', c.zoneLabel, c.applicationNumber])];
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/**
 * Exports the region's workers above the threshold for the SII check and records the export (one pending
 * check per worker, with the date it was sent). Returns the file to download.
 */
export async function exportIncomeCheck(tx: DbOrTx, user: SessionUser): Promise<{ fileName: string; content: string; count: number }> {
  const candidates = await listCandidates(tx, user);
  const at = now();
  const ids = candidates.map((c) => c.entryId);
  if (ids.length > 0) {
    const pending = await tx
      .select({ id: incomeChecks.id, rosterEntryId: incomeChecks.rosterEntryId })
      .from(incomeChecks)
      .where(and(inArray(incomeChecks.rosterEntryId, ids), isNull(incomeChecks.answeredAt)));
    const withPending = new Set(pending.map((p) => p.rosterEntryId));
    if (pending.length > 0)
      await tx.update(incomeChecks).set({ exportedAt: at, checkedBy: user.id }).where(inArray(incomeChecks.id, pending.map((p) => p.id)));
    const fresh = ids.filter((id) => !withPending.has(id));
    if (fresh.length > 0) await tx.insert(incomeChecks).values(fresh.map((rosterEntryId) => ({ rosterEntryId, exportedAt: at, checkedBy: user.id })));
  }
  await writeAudit(tx, user, {
    action: 'income_check.export',
    entityType: 'income_check',
    entityId: user.regionCode,
    after: { regionCode: user.regionCode, count: ids.length, entryIds: ids, exportedAt: at.toISOString() },
  });
  const day = callDateOf(at, { timeZone: 'America/Santiago' });
  return { fileName: `revision-ingresos-sii-${user.regionCode ?? 'nacional'}-${day}.csv`, content: buildIncomeCheckCsv(candidates), count: ids.length };
}

export interface IncomeAnswerRow {
  /** Line of the file (the header is line 1). */
  line: number;
  rut: string;
  status: 'actualizado' | 'desconocido' | 'error';
  message: string;
  name?: string;
  applicationNumber?: string;
  verifiedIncomeClp?: number;
  capClp?: number;
  overCap?: boolean;
}

export interface IncomeAnswerReport {
  rows: IncomeAnswerRow[];
  updated: number;
  overCap: number;
  problems: number;
}

/** Decodes the SII's file: UTF-8 when valid, otherwise Windows-1252 (Excel's "CSV" in Spanish Windows). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

const AMOUNT = /^\$?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$/;

/** "$1.404.569", "1404569" or "1.404.569,00" → 1404569; anything else null. */
export function parsePesos(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]!.replace(/\./g, ''));
  return Number.isSafeInteger(value) && value <= 2_000_000_000 ? value : null;
}

interface SiiLine {
  line: number;
  rutText: string;
  incomeText: string;
}

/** The SII's answer (RUT; ingreso verificado), with or without a header row, separated by ';' or ','. */
export function parseSiiAnswer(text: string): { lines: SiiLine[]; fileError: string | null } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: '', skipEmptyLines: 'greedy' });
  const grid = parsed.data.map((row) => row.map((cell) => String(cell ?? '').trim()));
  if (grid.length === 0) return { lines: [], fileError: 'El archivo no tiene filas.' };
  const header = grid[0]!.map((h) => h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
  let rutColumn = header.findIndex((h) => h.includes('rut') || h === 'run');
  let incomeColumn = header.findIndex((h) => h.includes('ingreso') || h.includes('renta'));
  const hasHeader = rutColumn >= 0 || incomeColumn >= 0;
  if (hasHeader && (rutColumn < 0 || incomeColumn < 0))
    return { lines: [], fileError: 'El archivo debe tener las columnas «RUT» e «Ingreso verificado».' };
  // A first row of words that is not a RUT is an unknown header, not data.
  const first = grid[0]![0] ?? '';
  if (!hasHeader && !parseRut(first).ok && /[a-jl-z]/i.test(first))
    return { lines: [], fileError: 'El archivo debe tener las columnas «RUT» e «Ingreso verificado».' };
  if (!hasHeader) {
    rutColumn = 0;
    incomeColumn = 1;
  }
  const lines: SiiLine[] = [];
  grid.forEach((row, index) => {
    if (hasHeader && index === 0) return;
    lines.push({ line: index + 1, rutText: row[rutColumn] ?? '', incomeText: row[incomeColumn] ?? '' });
  });
  if (lines.length === 0) return { lines, fileError: 'El archivo no tiene filas con datos.' };
  return { lines, fileError: null };
}

/**
 * Imports the SII's answer: each RUT of the region's check list gets its verified income and whether it
 * is over the cap for its household size and zone (`incomeCapFor`); unknown RUTs (including other
 * regions' workers) and bad values are reported per row and change nothing.
 */
export async function importIncomeCheckAnswer(
  tx: DbOrTx,
  user: SessionUser,
  input: { fileName: string; bytes: Uint8Array },
): Promise<IncomeAnswerReport> {
  const { lines, fileError } = parseSiiAnswer(decodeCsvBytes(input.bytes));
  if (fileError) throw new DomainError(fileError, { file: fileError });
  const candidates = await listCandidates(tx, user);
  const byRut = new Map<string, IncomeCheckCandidate[]>();
  for (const c of candidates) byRut.set(c.rut, [...(byRut.get(c.rut) ?? []), c]);
  const at = now();
  const rows: IncomeAnswerRow[] = [];
  const seen = new Set<string>();
  const applied: { entryId: string; rut: string; income: number; overCap: boolean }[] = [];
  for (const line of lines) {
    const rut = parseRut(line.rutText);
    if (!rut.ok) {
      rows.push({ line: line.line, rut: line.rutText, status: 'error', message: line.rutText ? rutErrorMessage(rut) : 'Falta el RUT.' });
      continue;
    }
    const normal = rut.rut;
    if (seen.has(normal)) {
      rows.push({ line: line.line, rut: formatRut(normal), status: 'error', message: 'El RUT se repite en el archivo; se usó la primera fila.' });
      continue;
    }
    seen.add(normal);
    const matches = byRut.get(normal);
    if (!matches) {
      rows.push({
        line: line.line,
        rut: formatRut(normal),
        status: 'desconocido',
        message: 'El RUT no está en la lista de trabajadores a revisar de su región (trabajadores sobre el tramo del RSH que exige tope de ingresos, en postulaciones en revisión).',
      });
      continue;
    }
    const income = parsePesos(line.incomeText);
    if (income === null) {
      rows.push({
        line: line.line,
        rut: formatRut(normal),
        status: 'error',
        message: line.incomeText
          ? `El ingreso «${line.incomeText}» no es un monto en pesos válido (use solo números, por ejemplo 1404569 o 1.404.569).`
          : 'Falta el ingreso verificado.',
      });
      continue;
    }
    for (const c of matches) {
      if (c.capClp === null) {
        rows.push({ line: line.line, rut: formatRut(normal), status: 'error', message: `La postulación ${c.applicationNumber} no tiene zona; no se puede comparar con el tope.` });
        continue;
      }
      const overCap = income > c.capClp;
      const [pending] = await tx
        .select({ id: incomeChecks.id })
        .from(incomeChecks)
        .where(and(eq(incomeChecks.rosterEntryId, c.entryId), isNull(incomeChecks.answeredAt)))
        .orderBy(desc(incomeChecks.exportedAt))
        .limit(1);
      const values = { answeredAt: at, declaredIncomeClp: income, overCap, checkedBy: user.id };
      if (pending) await tx.update(incomeChecks).set(values).where(eq(incomeChecks.id, pending.id));
      else await tx.insert(incomeChecks).values({ rosterEntryId: c.entryId, ...values });
      applied.push({ entryId: c.entryId, rut: normal, income, overCap });
      rows.push({
        line: line.line,
        rut: formatRut(normal),
        status: 'actualizado',
        name: `${c.firstNames} ${c.lastNames}`,
        applicationNumber: c.applicationNumber,
        verifiedIncomeClp: income,
        capClp: c.capClp,
        overCap,
        message: overCap
          ? `Supera el tope: ingreso verificado ${formatClp(income)}, tope ${formatClp(c.capClp)} para ${c.householdSize >= 4 ? '4 o más' : c.householdSize} integrante(s).`
          : `No supera el tope: ingreso verificado ${formatClp(income)}, tope ${formatClp(c.capClp)}.`,
      });
    }
  }
  const report: IncomeAnswerReport = {
    rows,
    updated: applied.length,
    overCap: applied.filter((a) => a.overCap).length,
    problems: rows.filter((r) => r.status !== 'actualizado').length,
  };
  await writeAudit(tx, user, {
    action: 'income_check.import',
    entityType: 'income_check',
    entityId: user.regionCode,
    after: { fileName: input.fileName, updated: report.updated, overCap: report.overCap, problems: report.problems, applied },
  });
  return report;
}

/**
 * The SII-verified income of roster entries that have an answered check (latest answer wins). The
 * eligibility evaluation substitutes it for the declared income.
 */
export async function getVerifiedIncomes(db: DbOrTx, entryIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (entryIds.length === 0) return result;
  const rows = await db
    .select({ entryId: incomeChecks.rosterEntryId, income: incomeChecks.declaredIncomeClp })
    .from(incomeChecks)
    .where(and(inArray(incomeChecks.rosterEntryId, [...entryIds]), isNotNull(incomeChecks.answeredAt), isNotNull(incomeChecks.declaredIncomeClp)))
    .orderBy(asc(incomeChecks.answeredAt));
  for (const row of rows) if (row.income !== null) result.set(row.entryId, row.income);
  return result;
}
