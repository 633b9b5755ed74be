/**
 * Zone of the land (by comuna, through the call's zone map) and band of a dwelling (by price).
 * The 2022 call, «Características de los proyectos y su financiamiento».
 */
import type { Band, TCallParameters, TZoneMapEntry, ZoneId } from './call-parameters';
import { Dec, SOURCES, dec, formatUf } from './explain';
import type { DecimalInput } from './explain';

export type ComunaLocation = {
  comunaCode: string;
  /** Optional: derived from the comuna's CUT code (first 3 digits) when absent. */
  provinceCode?: string | null;
  /** Optional: derived from the comuna's CUT code (first 2 digits) when absent. */
  regionCode?: string | null;
};

export type ZoneLookup =
  | { zone: ZoneId; matchedBy: TZoneMapEntry; message: string; source: string }
  | { zone: null; matchedBy: null; message: string; source: string };

/**
 * Zone of a comuna: the most specific zone-map entry wins (comuna, then province, then region), so
 * Provincia de Chiloé can be north while the rest of Los Lagos is centro.
 */
export function zoneForComuna(location: ComunaLocation, params: TCallParameters): ZoneLookup {
  const comuna = location.comunaCode.trim();
  if (!/^\d{5}$/.test(comuna))
    return {
      zone: null,
      matchedBy: null,
      message: `El código de comuna «${location.comunaCode}» no es un código CUT de 5 dígitos.`,
      source: SOURCES.projects,
    };
  const province = location.provinceCode?.trim() || comuna.slice(0, 3);
  const region = location.regionCode?.trim() || comuna.slice(0, 2);
  if (!comuna.startsWith(province) || !province.startsWith(region))
    return {
      zone: null,
      matchedBy: null,
      message: `La comuna ${comuna} no pertenece a la provincia ${province} o a la región ${region} indicadas.`,
      source: SOURCES.projects,
    };
  const candidates: Array<[TZoneMapEntry['level'], string]> = [
    ['comuna', comuna],
    ['province', province],
    ['region', region],
  ];
  for (const [level, code] of candidates) {
    const entry = params.zoneMap.find((e) => e.level === level && e.code === code);
    if (entry)
      return {
        zone: entry.zone,
        matchedBy: entry,
        message: `La comuna ${comuna} está en la ${params.zones[entry.zone].label.toLowerCase()} (${entry.label}).`,
        source: SOURCES.projects,
      };
  }
  return {
    zone: null,
    matchedBy: null,
    message: `La comuna ${comuna} no está en el mapa de zonas del llamado.`,
    source: SOURCES.projects,
  };
}

export type BandLookup =
  | { band: Band; minExclusiveUf: string; maxUf: string; message: string; source: string }
  | { band: null; minExclusiveUf: null; maxUf: null; message: string; source: string };

/** Price range of each band of a zone: band n is "> min and ≤ max" (band 1 starts above 0 UF). */
export function bandRanges(zone: ZoneId, params: TCallParameters): Array<{ band: Band; minExclusiveUf: string; maxUf: string }> {
  const z = params.zones[zone];
  return [
    { band: 1, minExclusiveUf: '0', maxUf: z.band1MaxUf },
    { band: 2, minExclusiveUf: z.band1MaxUf, maxUf: z.band2MaxUf },
    { band: 3, minExclusiveUf: z.band2MaxUf, maxUf: z.band3MaxUf },
  ];
}

/** Band of a dwelling by its price in UF, or null (with the reason) when it is outside every band. */
export function bandForPrice(priceUf: DecimalInput, zone: ZoneId, params: TCallParameters): BandLookup {
  const price = dec(priceUf);
  const label = params.zones[zone].label.toLowerCase();
  for (const range of bandRanges(zone, params)) {
    if (price.gt(range.minExclusiveUf) && price.lte(range.maxUf))
      return {
        band: range.band,
        minExclusiveUf: range.minExclusiveUf,
        maxUf: range.maxUf,
        message: `Una vivienda de ${formatUf(price)} en la ${label} corresponde al tramo ${range.band} (más de ${formatUf(range.minExclusiveUf)} y hasta ${formatUf(range.maxUf)}).`,
        source: SOURCES.projects,
      };
  }
  const top = params.zones[zone].band3MaxUf;
  const message = price.lte(0)
    ? `El precio de la vivienda debe ser mayor que 0 UF (se indicó ${formatUf(price)}).`
    : `Una vivienda de ${formatUf(price)} supera el precio máximo del tramo 3 en la ${label} (${formatUf(top)}).`;
  return { band: null, minExclusiveUf: null, maxUf: null, message, source: SOURCES.projects };
}

/** Subsidy per dwelling in the zone (UF, includes the integration bonus; same for every band). */
export function subsidyForZone(zone: ZoneId, params: TCallParameters): string {
  return new Dec(params.zones[zone].subsidyUf).toFixed();
}
