import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, rosterEntries } from '@/db/schema';
import { checkApplication } from '@/lib/domain/application-check';
import type { ApplicationCheck } from '@/lib/domain/application-check';
import type { Band, RshPercentile } from '@/lib/domain/call-parameters';
import { SOURCES } from '@/lib/domain/explain';
import type { RuleResult } from '@/lib/domain/explain';
import { zoneForComuna } from '@/lib/domain/zones';
import type { ApplicationAccess } from './application-access';
import { getVerifiedIncomes } from './income-check';

export interface EligibilityDto {
  ok: boolean;
  zone: string | null;
  zoneLabel: string | null;
  rules: RuleResult[];
  workers: (ApplicationCheck['workers'][number] & { name: string; entryId: string })[];
}

/**
 * Runs the rules engine over the application as it stands: dwellings, active roster, and the RUTs
 * already used by other applications of the same call. Used by the live panel and by submission.
 */
export async function evaluateApplication(db: DbOrTx, access: ApplicationAccess): Promise<EligibilityDto> {
  const params = access.call.parameters;
  const { application } = access;
  if (!access.comuna) {
    return {
      ok: false,
      zone: null,
      zoneLabel: null,
      rules: [{ id: 'project.comuna', ok: false, message: 'Indique la comuna del terreno para saber la zona y los tramos de precio.', source: SOURCES.projects, figures: {} }],
      workers: [],
    };
  }
  const lookup = zoneForComuna({ comunaCode: access.comuna.code, provinceCode: access.comuna.provinceCode, regionCode: access.comuna.regionCode }, params);
  if (lookup.zone === null) return { ok: false, zone: null, zoneLabel: null, rules: [{ id: 'project.zone', ok: false, message: lookup.message, source: lookup.source, figures: {} }], workers: [] };
  const dwellings = await db.select().from(applicationDwellings).where(eq(applicationDwellings.applicationId, application.id));
  const roster = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, application.id), eq(rosterEntries.status, 'activo')));
  // Above the RSH threshold the SII-verified income, when SERVIU has it, replaces the declared one.
  const verified = await getVerifiedIncomes(db, roster.map((r) => r.id));
  const others = await db
    .select({ rut: rosterEntries.rut })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.callId, application.callId), ne(rosterEntries.applicationId, application.id), eq(rosterEntries.status, 'activo')));
  const check = checkApplication({
    zone: lookup.zone,
    dwellings: dwellings.filter((d) => d.count > 0).map((d) => ({ band: d.band as Band, count: d.count, priceUf: d.priceUf })),
    roster: roster.map((r) => ({
      rut: r.rut,
      unionMember: r.unionMember,
      rshPercentile: (r.rshPercentile ?? null) as RshPercentile | null,
      householdSize: r.householdSize,
      monthlyIncomeClp: verified.get(r.id) ?? r.monthlyIncomeClp,
      savingsUf: r.savingsUf,
      savingsDepositedUf: r.savingsDepositedUf,
      band: r.band as Band,
    })),
    otherRutsInCall: others.map((o) => o.rut),
    params,
  });
  return {
    ok: check.ok,
    zone: lookup.zone,
    zoneLabel: params.zones[lookup.zone].label,
    rules: check.rules,
    workers: check.workers.map((w, i) => ({ ...w, name: `${roster[i]!.firstNames} ${roster[i]!.lastNames}`, entryId: roster[i]!.id })),
  };
}
