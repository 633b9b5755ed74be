/**
 * Project composition (the 2022 call, «Características de los proyectos y su financiamiento»):
 * at least two bands, band 1 ≥ 20% of dwellings, band 2 ≥ 60%, band 3 ≤ 20%, at most 300 dwellings,
 * and one roster worker per dwelling.
 *
 * Shares are compared as exact rationals (count ≥ share × total with exact decimals), never rounded:
 * exactly 20% passes a "≥ 20%" rule and 20.0001% fails a "≤ 20%" one.
 */
import type { Band, TCallParameters } from './call-parameters';
import { BANDS } from './call-parameters';
import { SOURCES, dec, formatNumber, formatShare, rule } from './explain';
import type { RuleResult } from './explain';

export type DwellingLine = { band: Band; count: number };

export function countDwellingsByBand(dwellings: ReadonlyArray<DwellingLine>): Record<Band, number> {
  const counts: Record<Band, number> = { 1: 0, 2: 0, 3: 0 };
  for (const line of dwellings) counts[line.band] += line.count;
  return counts;
}

function shareText(count: number, total: number): string {
  if (total === 0) return '0%';
  return `${formatNumber(dec(count).times(100).div(total), 1)}%`;
}

export function checkComposition(
  dwellings: ReadonlyArray<DwellingLine>,
  params: TCallParameters,
): RuleResult[] {
  const rules = params.composition;
  const counts = countDwellingsByBand(dwellings);
  const total = counts[1] + counts[2] + counts[3];
  const bandsPresent = BANDS.filter((band) => counts[band] > 0).length;
  const source = SOURCES.projects;
  const results: RuleResult[] = [];

  results.push(
    rule(
      'composition.min_bands',
      bandsPresent >= rules.minBands,
      bandsPresent >= rules.minBands
        ? `El proyecto considera ${bandsPresent} tramos de precio (mínimo ${rules.minBands}).`
        : `El proyecto debe considerar como mínimo ${rules.minBands} tramos de precio; tiene ${bandsPresent}.`,
      source,
      { bandsPresent, minBands: rules.minBands },
    ),
  );

  const minRule = (id: string, band: Band, minShare: string): RuleResult => {
    const ok = total > 0 && dec(counts[band]).gte(dec(minShare).times(total));
    const required = dec(minShare).times(total);
    return rule(
      id,
      ok,
      ok
        ? `El tramo ${band} tiene ${counts[band]} de ${total} viviendas (${shareText(counts[band], total)}), cumple el mínimo de ${formatShare(minShare)}.`
        : `El tramo ${band} debe tener al menos el ${formatShare(minShare)} de las viviendas (${formatNumber(required)} de ${total}); tiene ${counts[band]} (${shareText(counts[band], total)}).`,
      source,
      { band, count: counts[band], total, minShare, minCount: required.toFixed() },
    );
  };
  results.push(minRule('composition.band1_min', 1, rules.band1MinShare));
  results.push(minRule('composition.band2_min', 2, rules.band2MinShare));

  const band3Max = dec(rules.band3MaxShare).times(total);
  const band3Ok = dec(counts[3]).lte(band3Max);
  results.push(
    rule(
      'composition.band3_max',
      band3Ok,
      band3Ok
        ? `El tramo 3 (optativo) tiene ${counts[3]} de ${total} viviendas (${shareText(counts[3], total)}), dentro del máximo de ${formatShare(rules.band3MaxShare)}.`
        : `El tramo 3 no puede exceder el ${formatShare(rules.band3MaxShare)} de las viviendas (${formatNumber(band3Max)} de ${total}); tiene ${counts[3]} (${shareText(counts[3], total)}).`,
      source,
      { band: 3, count: counts[3], total, maxShare: rules.band3MaxShare, maxCount: band3Max.toFixed() },
    ),
  );

  const sizeOk = total >= 1 && total <= rules.maxDwellings;
  results.push(
    rule(
      'composition.max_dwellings',
      sizeOk,
      total < 1
        ? 'El proyecto debe tener al menos una vivienda.'
        : sizeOk
          ? `El proyecto tiene ${total} viviendas (máximo ${rules.maxDwellings}).`
          : `El proyecto puede tener hasta ${rules.maxDwellings} viviendas; tiene ${total}.`,
      // The dwelling cap is among the call's application requirements (the Convenio's list).
      SOURCES.requirements,
      { total, maxDwellings: rules.maxDwellings },
    ),
  );
  return results;
}

/** Each roster worker is assigned one dwelling: the roster has as many workers as the project has dwellings. */
export function checkRosterSize(dwellings: ReadonlyArray<DwellingLine>, rosterBands: ReadonlyArray<Band>): RuleResult {
  const counts = countDwellingsByBand(dwellings);
  const total = counts[1] + counts[2] + counts[3];
  const ok = rosterBands.length === total;
  return rule(
    'roster.size',
    ok,
    ok
      ? `La nómina tiene ${rosterBands.length} trabajadores, uno por cada una de las ${total} viviendas.`
      : `La nómina debe tener un trabajador por vivienda: el proyecto tiene ${total} viviendas y la nómina ${rosterBands.length} trabajadores.`,
    SOURCES.projects,
    { rosterSize: rosterBands.length, dwellings: total },
  );
}

/** Each worker applies to a dwelling of their band: as many workers of each band as dwellings of that band. */
export function checkRosterBandCounts(dwellings: ReadonlyArray<DwellingLine>, rosterBands: ReadonlyArray<Band>): RuleResult {
  const counts = countDwellingsByBand(dwellings);
  const rosterCounts: Record<Band, number> = { 1: 0, 2: 0, 3: 0 };
  for (const band of rosterBands) rosterCounts[band] += 1;
  const mismatched = BANDS.filter((band) => rosterCounts[band] !== counts[band]);
  const ok = mismatched.length === 0;
  const workers = (n: number) => `${n} ${n === 1 ? 'trabajador' : 'trabajadores'}`;
  const homes = (n: number) => `${n} ${n === 1 ? 'vivienda' : 'viviendas'}`;
  const detail = mismatched.map((band) => `tramo ${band}: ${workers(rosterCounts[band])} para ${homes(counts[band])}`).join('; ');
  return rule(
    'roster.band_counts',
    ok,
    ok
      ? 'Cada tramo tiene tantos trabajadores como viviendas.'
      : `Cada trabajador postula a una vivienda de su tramo, así que cada tramo debe tener tantos trabajadores como viviendas (${detail}).`,
    SOURCES.projects,
    {
      band1Roster: rosterCounts[1],
      band1Dwellings: counts[1],
      band2Roster: rosterCounts[2],
      band2Dwellings: counts[2],
      band3Roster: rosterCounts[3],
      band3Dwellings: counts[3],
    },
  );
}
