/**
 * Roster import speed: a 300-row roster (the programme's largest project) as CSV and as XLSX, parsed
 * and validated many times. Target: under 1 s per file. Run: `npx tsx bench/roster-import.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { computeCheckDigit } from '@/lib/domain/rut';
import { parseRosterFile } from '@/lib/roster/parse-file';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { exportRosterCsv, exportRosterXlsx } from '@/lib/roster/template';
import { validateRosterRows } from '@/lib/roster/validate-rows';

const ROWS = 300;
const ITERATIONS = 20;
const TARGET_MS = 1000;

function syntheticRoster(size: number): TRosterEntryInput[] {
  return Array.from({ length: size }, (_, index) => {
    const body = String(10_000_000 + index * 7_919);
    const band = index % 10 < 2 ? 1 : index % 10 < 9 ? 2 : 3;
    return {
      rut: `${body}-${computeCheckDigit(body)}`,
      firstNames: index % 2 === 0 ? 'María José' : 'Juan Andrés',
      lastNames: index % 3 === 0 ? 'Muñoz Ñancupil' : 'Pérez Soto',
      unionMember: index % 10 !== 0,
      rshPercentile: band === 1 ? 40 : band === 2 ? 70 : 100,
      householdSize: (index % 5) + 1,
      monthlyIncomeClp: 650_000 + index * 3_250,
      savingsUf: band === 1 ? '50.5' : band === 2 ? '72.25' : '121',
      savingsDepositedUf: band === 1 ? '25.25' : band === 2 ? '40' : '60.5',
      band,
      birthDate: `19${70 + (index % 30)}-0${(index % 9) + 1}-1${index % 10}`,
      email: index % 4 === 0 ? `trabajador${index}@correo.cl` : null,
    } satisfies TRosterEntryInput;
  });
}

async function timeImport(bytes: Uint8Array, fileName: string): Promise<number> {
  const rutsInOtherApplications = new Set(['11111111-1']);
  const once = async () => {
    const parsed = await parseRosterFile(bytes, fileName);
    const rows = validateRosterRows(parsed.rows, { rutsInOtherApplications, checkEligibility: () => [] });
    const invalid = parsed.fileErrors.length + rows.filter((row) => row.errors.length > 0 || !row.entry).length;
    if (rows.length !== ROWS || invalid > 0) throw new Error(`${fileName}: ${rows.length} filas, ${invalid} con errores`);
  };
  await once(); // warm-up: JIT and exceljs' lazy modules
  const started = performance.now();
  for (let iteration = 0; iteration < ITERATIONS; iteration++) await once();
  return (performance.now() - started) / ITERATIONS;
}

export async function run(): Promise<void> {
  const entries = syntheticRoster(ROWS);
  const csv = new TextEncoder().encode(exportRosterCsv(entries));
  const xlsx = await exportRosterXlsx(entries);
  const csvMs = await timeImport(csv, 'nomina.csv');
  const xlsxMs = await timeImport(xlsx, 'nomina.xlsx');
  console.log(`roster import: ${ROWS} rows CSV ${csvMs.toFixed(1)} ms, XLSX ${xlsxMs.toFixed(1)} ms (target < ${TARGET_MS} ms)`);
  if (csvMs > TARGET_MS || xlsxMs > TARGET_MS) throw new Error(`roster import slower than ${TARGET_MS} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
