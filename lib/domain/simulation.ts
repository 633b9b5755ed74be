/**
 * The public simulator's answer for one dwelling: zone by comuna, band by price, and the financing of
 * the 2022 call's tables, in the shape of GET /api/v1/simulation.
 */
import type { TCallParameters, ZoneId } from './call-parameters';
import { SOURCES, dec, formatUf } from './explain';
import { computeFinancing } from './financing';
import type { Financing } from './financing';
import { bandForPrice, zoneForComuna } from './zones';

export interface SimulationInput {
  comuna: { code: string; provinceCode: string; regionCode: string };
  priceUf: string;
  savingsUf: string;
}

export interface SimulationReason {
  id: string;
  message: string;
}

export type SimulationResult =
  | {
      ok: true;
      zone: ZoneId;
      band: 1 | 2 | 3;
      financing: Financing;
      eligible: boolean;
      reasons: SimulationReason[];
    }
  | { ok: false; field: 'comuna' | 'priceUf'; message: string };

export function simulateDwelling(input: SimulationInput, params: TCallParameters): SimulationResult {
  const zone = zoneForComuna({ comunaCode: input.comuna.code, provinceCode: input.comuna.provinceCode, regionCode: input.comuna.regionCode }, params);
  if (zone.zone === null) return { ok: false, field: 'comuna', message: zone.message };
  if (dec(input.priceUf).lte(0)) return { ok: false, field: 'priceUf', message: 'El precio de la vivienda debe ser mayor que 0 UF.' };
  const band = bandForPrice(input.priceUf, zone.zone, params);
  if (band.band === null) return { ok: false, field: 'priceUf', message: band.message };
  const financing = computeFinancing(
    { priceUf: input.priceUf, subsidyUf: params.zones[zone.zone].subsidyUf, savingsUf: input.savingsUf, band: band.band },
    params,
  );
  const minSavings = params.bandRequirements[band.band].minSavingsUf;
  const reasons: SimulationReason[] = [
    { id: 'zone', message: zone.message },
    { id: 'band', message: band.message },
  ];
  const meetsSavings = dec(input.savingsUf).gte(minSavings);
  reasons.push({
    id: 'savings_min',
    message: meetsSavings
      ? `El ahorro de ${formatUf(input.savingsUf)} cumple el mínimo de ${formatUf(minSavings)} del tramo ${band.band}. (${SOURCES.projects})`
      : `El ahorro de ${formatUf(input.savingsUf)} no alcanza el mínimo de ${formatUf(minSavings)} exigido en el tramo ${band.band}. (${SOURCES.projects})`,
  });
  for (const note of financing.notes) reasons.push({ id: 'financing', message: note });
  return { ok: true, zone: zone.zone, band: band.band, financing, eligible: meetsSavings, reasons };
}
