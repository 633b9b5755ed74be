/**
 * Full pre-check of an Application: dwelling prices against their bands, project composition, roster
 * rules and every worker's eligibility. Backs POST /api/v1/precheck and the live eligibility panel.
 */
import { z } from 'zod';
import type { Band, TCallParameters, ZoneId } from './call-parameters';
import { ZBand, ZZoneId } from './call-parameters';
import { checkComposition, checkRosterBandCounts, checkRosterSize } from './composition';
import { SOURCES, formatUf, rule } from './explain';
import type { DecimalInput, RuleResult } from './explain';
import { checkNonUnionShare, checkReplacements, checkRutUnique } from './roster-rules';
import type { Replacement } from './roster-rules';
import { checkWorker, ZRosterEntry } from './worker-eligibility';
import type { RosterEntry, WorkerCheck } from './worker-eligibility';
import { bandForPrice, bandRanges } from './zones';

export type DwellingType = { band: Band; count: number; priceUf: DecimalInput };

export type ApplicationCheckInput = {
  zone: ZoneId;
  dwellings: ReadonlyArray<DwellingType>;
  roster: ReadonlyArray<RosterEntry>;
  /** RUTs already in other applications of the same call. */
  otherRutsInCall?: Iterable<string>;
  /** Replacements requested during review, with the size of the roster as first presented. */
  replacements?: ReadonlyArray<Replacement>;
  presentedRosterSize?: number;
  params: TCallParameters;
};

export type ApplicationCheck = { ok: boolean; rules: RuleResult[]; workers: WorkerCheck[] };

const ZPriceUf = z.union([
  z.number().finite().positive(),
  z.string().trim().regex(/^\d+(\.\d+)?$/, { message: 'Precio en UF inválido (use punto decimal, ej.: 1200.5).' }),
]);

/** Request body of the pre-check (everything but the call's parameters, which the server loads). */
export const ZApplicationCheckRequest = z.object({
  zone: ZZoneId,
  dwellings: z.array(z.object({ band: ZBand, count: z.number().int().min(0), priceUf: ZPriceUf })).min(1),
  roster: z.array(ZRosterEntry),
  otherRutsInCall: z.array(z.string()).optional(),
  replacements: z.array(z.object({ replaced: ZRosterEntry, replacement: ZRosterEntry })).optional(),
  presentedRosterSize: z.number().int().min(0).optional(),
});
export type TApplicationCheckRequest = z.output<typeof ZApplicationCheckRequest>;

/** Each dwelling type's price must fall in the band it is declared for, in the project's zone. */
export function checkDwellingPrices(zone: ZoneId, dwellings: ReadonlyArray<DwellingType>, params: TCallParameters): RuleResult[] {
  return dwellings.map((line, index) => {
    const lookup = bandForPrice(line.priceUf, zone, params);
    const ok = lookup.band === line.band;
    return rule(
      'dwellings.price_band',
      ok,
      ok
        ? lookup.message
        : lookup.band === null
          ? lookup.message
          : `La vivienda de ${formatUf(line.priceUf)} se declaró en el tramo ${line.band}, pero su precio corresponde al tramo ${lookup.band} en la ${params.zones[zone].label.toLowerCase()}.`,
      SOURCES.projects,
      { line: index + 1, declaredBand: line.band, priceBand: lookup.band ?? 'ninguno', priceUf: String(line.priceUf), count: line.count },
    );
  });
}

/**
 * Why a dwelling line's price does not fit the band it is declared in, for the project form (the field's
 * message), or null when it fits: the same reading as the «dwellings.price_band» rule.
 */
export function dwellingPriceProblem(line: { band: Band; priceUf: DecimalInput }, zone: ZoneId, params: TCallParameters): string | null {
  const lookup = bandForPrice(line.priceUf, zone, params);
  if (lookup.band === line.band) return null;
  const range = bandRanges(zone, params).find((r) => r.band === line.band)!;
  const expected =
    line.band === 1
      ? `hasta ${formatUf(range.maxUf)}`
      : `más de ${formatUf(range.minExclusiveUf)} y hasta ${formatUf(range.maxUf)}`;
  const zoneLabel = params.zones[zone].label.toLowerCase();
  if (lookup.band === null) return `${lookup.message} El tramo ${line.band} en la ${zoneLabel} va ${expected}.`;
  return `El precio de ${formatUf(line.priceUf)} corresponde al tramo ${lookup.band} en la ${zoneLabel}, no al tramo ${line.band} (${expected}).`;
}

export function checkApplication(input: ApplicationCheckInput): ApplicationCheck {
  const { zone, dwellings, roster, params } = input;
  const rules: RuleResult[] = [
    ...checkDwellingPrices(zone, dwellings, params),
    ...checkComposition(dwellings, params),
    checkRosterSize(dwellings, roster.map((entry) => entry.band)),
    checkRosterBandCounts(dwellings, roster.map((entry) => entry.band)),
    checkNonUnionShare(roster, params),
    checkRutUnique(roster, input.otherRutsInCall ?? []),
  ];
  if (input.replacements && input.replacements.length > 0)
    rules.push(...checkReplacements(input.replacements, input.presentedRosterSize ?? roster.length, zone, params));
  const workers = roster.map((entry) => checkWorker(entry, zone, params));
  return { ok: rules.every((r) => r.ok) && workers.every((w) => w.ok), rules, workers };
}
