/**
 * Chile's territorial division (16 regions, 56 provinces, 346 comunas) with SUBDERE's Códigos Únicos
 * Territoriales. The data lives in `territory.json`; its `source` field says where it comes from.
 */
import territoryJson from './territory.json';

export type Region = {
  /** 2-digit CUT code, e.g. "10". */
  code: string;
  name: string;
  shortName: string;
  romanNumeral: string;
  /** Geographic order, north to south (Arica y Parinacota = 1). */
  order: number;
};

export type Province = {
  /** 3-digit CUT code, e.g. "102". */
  code: string;
  name: string;
  regionCode: string;
};

export type Comuna = {
  /** 5-digit CUT code, e.g. "10201". */
  code: string;
  name: string;
  provinceCode: string;
  regionCode: string;
  /** Common alternative spellings, for search only (e.g. "La Calera"). */
  aliases?: readonly string[];
};

export type TerritoryData = {
  source: string;
  regions: readonly Region[];
  provinces: readonly Province[];
  comunas: readonly Comuna[];
};

const data: TerritoryData = territoryJson;

export const territorySource: string = data.source;
export const regions: readonly Region[] = data.regions;
export const provinces: readonly Province[] = data.provinces;
export const comunas: readonly Comuna[] = data.comunas;

/**
 * Folds a place name for comparison: no accents or diacritics (Ñ → n), lower case, apostrophes dropped,
 * hyphens and other punctuation as spaces, single spaces. "Ñuñoa" and "nunoa", "O'Higgins" and "OHiggins"
 * compare equal.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’´`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const regionByCode = new Map(regions.map((r) => [r.code, r]));
const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const comunaByCode = new Map(comunas.map((c) => [c.code, c]));
const comunaByName = new Map<string, Comuna>();
for (const comuna of comunas) {
  for (const name of [comuna.name, ...(comuna.aliases ?? [])]) comunaByName.set(normalizeName(name), comuna);
}

/** A digits-only input is a code; codes that lost their leading zero ("5201", "1101") are padded back. */
function asCode(input: string, length: number): string | null {
  const trimmed = input.trim();
  if (!/^\d+$/.test(trimmed) || trimmed.length > length) return null;
  return trimmed.padStart(length, '0');
}

/** The comuna with this CUT code (5 digits, or 4 without the leading zero) or this name (accents and case ignored). */
export function findComuna(codeOrName: string): Comuna | undefined {
  const code = asCode(codeOrName, 5);
  if (code !== null) return comunaByCode.get(code);
  return comunaByName.get(normalizeName(codeOrName));
}

/** The region with this CUT code ("1" or "01") or name, short or official ("Aysén", "Región de Ñuble"). */
export function findRegion(codeOrName: string): Region | undefined {
  const code = asCode(codeOrName, 2);
  if (code !== null) return regionByCode.get(code);
  const wanted = normalizeName(codeOrName).replace(/^region (de |del )?/, '');
  return regions.find((r) => normalizeName(r.name) === wanted || normalizeName(r.shortName) === wanted);
}

/** The province with this CUT code or name ("Chiloé", "102"). */
export function findProvince(codeOrName: string): Province | undefined {
  const code = asCode(codeOrName, 3);
  if (code !== null) return provinceByCode.get(code);
  const wanted = normalizeName(codeOrName).replace(/^provincia (de |del )?/, '');
  return provinces.find((p) => normalizeName(p.name) === wanted);
}

export function comunasOfProvince(provinceCode: string): Comuna[] {
  return comunas.filter((c) => c.provinceCode === provinceCode);
}

export function comunasOfRegion(regionCode: string): Comuna[] {
  return comunas.filter((c) => c.regionCode === regionCode);
}

export function provincesOfRegion(regionCode: string): Province[] {
  return provinces.filter((p) => p.regionCode === regionCode);
}
