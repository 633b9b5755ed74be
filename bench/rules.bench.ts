/**
 * Rules engine speed: the pre-check of a full 300-worker roster (checkApplication) and the national
 * ranking of 50.000 applications (selectApplications), each repeated until the timing is stable.
 * Run: `npx tsx bench/rules.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { checkApplication } from '@/lib/domain/application-check';
import type { DwellingType } from '@/lib/domain/application-check';
import type { Band } from '@/lib/domain/call-parameters';
import { computeCheckDigit } from '@/lib/domain/rut';
import { selectApplications } from '@/lib/domain/selection';
import type { SelectionCandidate } from '@/lib/domain/selection';
import type { RosterEntry } from '@/lib/domain/worker-eligibility';

const params = callParameters2022;

function fullProject(): { dwellings: DwellingType[]; roster: RosterEntry[] } {
  const counts: Record<Band, number> = { 1: 60, 2: 180, 3: 60 };
  const dwellings: DwellingType[] = [
    { band: 1, count: counts[1], priceUf: '1200' },
    { band: 2, count: counts[2], priceUf: '1600' },
    { band: 3, count: counts[3], priceUf: '2000' },
  ];
  const roster: RosterEntry[] = [];
  for (const band of [1, 2, 3] as const)
    for (let i = 0; i < counts[band]; i++) {
      const body = 10_000_000 + roster.length * 7_919;
      roster.push({
        rut: `${body}-${computeCheckDigit(body)}`,
        unionMember: roster.length % 10 !== 0,
        rshPercentile: band === 1 ? 40 : band === 2 ? 70 : 100,
        householdSize: (roster.length % 5) + 1,
        monthlyIncomeClp: 650_000 + (roster.length % 100) * 3_250,
        savingsUf: band === 1 ? '50.5' : band === 2 ? '72.25' : '121',
        savingsDepositedUf: band === 1 ? '25.25' : band === 2 ? '40' : '60.5',
        band,
      });
    }
  return { dwellings, roster };
}

function nationalCall(size: number): SelectionCandidate[] {
  return Array.from({ length: size }, (_, i) => {
    const dwellings = 10 + ((i * 37) % 291);
    return {
      applicationId: `app-${i}`,
      applicationNumber: `2022-${String(i).padStart(6, '0')}`,
      submittedAt: new Date(Date.UTC(2022, 10, 1) + ((i * 7_919) % 2_592_000) * 1000),
      groupScore: ((i * 104_729) % 1_000_000 / 997).toFixed(6),
      dwellings,
      subsidyUf: String(dwellings * 1100),
      approved: i % 20 !== 0,
    };
  });
}

/** Mean ms per call after a warm-up, repeating until at least `minMs` have elapsed. */
function time(fn: () => void, minRuns: number, minMs: number): number {
  for (let i = 0; i < Math.max(2, Math.ceil(minRuns / 10)); i++) fn();
  let runs = 0;
  const started = performance.now();
  while (runs < minRuns || performance.now() - started < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - started) / runs;
}

export async function run(): Promise<void> {
  const { dwellings, roster } = fullProject();
  const otherRutsInCall = new Set(['11111111-1', '22222222-2']);
  const sample = checkApplication({ zone: 'centro', dwellings, roster, otherRutsInCall, params });
  if (!sample.ok || sample.workers.length !== 300) throw new Error('the benchmark roster should pass every rule');
  const rosterMs = time(() => checkApplication({ zone: 'centro', dwellings, roster, otherRutsInCall, params }), 200, 1500);
  console.log(`rules: roster 300 workers: ${rosterMs.toFixed(2)} ms/roster`);

  const candidates = nationalCall(50_000);
  const selection = selectApplications(candidates, params);
  if (selection.dwellingsUsed > params.selection.maxDwellings) throw new Error('selection exceeded the dwelling budget');
  const rankingMs = time(() => selectApplications(candidates, params), 10, 2000);
  console.log(`rules: ranking 50000 applications: ${rankingMs.toFixed(1)} ms/ranking`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
