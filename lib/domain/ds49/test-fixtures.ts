/** Builders for the ds49 tests (not shipped in app code). */
import { ds49ParametersMagallanes } from '@/db/seed/ds49-parameters-magallanes';
import { computeCheckDigit } from '@/lib/domain/rut';
import type { TDs49Parameters } from './parameters';
import type { Ds49Dwelling, Ds49Family, Ds49Project } from './types';

export const params: TDs49Parameters = ds49ParametersMagallanes;

export function rutFor(n: number): string {
  const body = 10_000_000 + n;
  return `${body}-${computeCheckDigit(body)}`;
}

export function family(n: number, overrides: Partial<Ds49Family> = {}): Ds49Family {
  return {
    rut: rutFor(n),
    rshPercentile: 40,
    highDeficit: false,
    householdSize: 3,
    savingsInstrumentOpenedOn: '2018-05-10',
    previousGoreSolutionOn: null,
    ...overrides,
  };
}

/** `count` families; the first `k` get `overrides`. */
export function families(count: number, k = 0, overrides: Partial<Ds49Family> = {}): Ds49Family[] {
  return Array.from({ length: count }, (_, i) => family(i + 1, i < k ? overrides : {}));
}

export function dwelling(overrides: Partial<Ds49Dwelling> = {}): Ds49Dwelling {
  return { bedrooms: 2, surfaceM2: '55', extensionM2: '10.48', householdSize: 3, hasSocialReport: false, ...overrides };
}

export function project(overrides: Partial<Ds49Project> = {}, dwellingCount = 20): Ds49Project {
  return {
    costUf: '2100',
    goreContributionUf: '550',
    dwellings: Array.from({ length: dwellingCount }, () => dwelling()),
    areaHa: '1',
    typology: 'construccion_nuevos_terrenos',
    buildingPermit: 'permiso_aprobado',
    ...overrides,
  };
}
