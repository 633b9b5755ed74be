import { describe, expect, it } from 'vitest';
import territoryJson from './territory.json';
import {
  comunas,
  comunasOfProvince,
  comunasOfRegion,
  findComuna,
  findProvince,
  findRegion,
  normalizeName,
  provinces,
  provincesOfRegion,
  regions,
  territorySource,
} from './territory';

describe('territory.json (CUT SUBDERE 2018)', () => {
  it('has 16 regions, 56 provinces and 346 comunas', () => {
    expect(regions).toHaveLength(16);
    expect(provinces).toHaveLength(56);
    expect(comunas).toHaveLength(346);
  });

  it('names its source', () => {
    expect(territorySource).toMatch(/SUBDERE/);
    expect(territoryJson.source).toBe(territorySource);
  });

  it('has unique, well-formed codes', () => {
    const regionCodes = regions.map((r) => r.code);
    const provinceCodes = provinces.map((p) => p.code);
    const comunaCodes = comunas.map((c) => c.code);
    expect(new Set(regionCodes).size).toBe(16);
    expect(new Set(provinceCodes).size).toBe(56);
    expect(new Set(comunaCodes).size).toBe(346);
    for (const code of regionCodes) expect(code).toMatch(/^\d{2}$/);
    for (const code of provinceCodes) expect(code).toMatch(/^\d{3}$/);
    for (const code of comunaCodes) expect(code).toMatch(/^\d{5}$/);
    expect([...regionCodes].sort()).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('nests every province in an existing region and every comuna in its province and region', () => {
    const regionCodes = new Set(regions.map((r) => r.code));
    for (const p of provinces) {
      expect(regionCodes.has(p.regionCode)).toBe(true);
      expect(p.code.startsWith(p.regionCode)).toBe(true);
    }
    const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
    for (const c of comunas) {
      const province = provinceByCode.get(c.provinceCode);
      expect(province, c.code).toBeDefined();
      expect(province?.regionCode).toBe(c.regionCode);
      expect(c.code.startsWith(c.provinceCode)).toBe(true);
    }
    for (const p of provinces) expect(comunasOfProvince(p.code).length).toBeGreaterThan(0);
  });

  it('has unique names and orders, roman numerals matching the codes', () => {
    expect(new Set(comunas.map((c) => normalizeName(c.name))).size).toBe(346);
    expect(new Set(provinces.map((p) => normalizeName(p.name))).size).toBe(56);
    expect([...regions.map((r) => r.order)].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI'];
    for (const r of regions) expect(r.romanNumeral).toBe(roman[Number(r.code) - 1]);
    // no alias shadows another comuna's official name
    const officialNames = new Set(comunas.map((c) => normalizeName(c.name)));
    for (const c of comunas) for (const alias of c.aliases ?? []) expect(officialNames.has(normalizeName(alias))).toBe(false);
  });

  it('puts the 10 comunas 10201–10210 in Chiloé (Los Lagos)', () => {
    const chiloe = findProvince('Chiloé');
    expect(chiloe).toMatchObject({ code: '102', regionCode: '10' });
    const codes = comunasOfProvince('102').map((c) => c.code);
    expect(codes).toEqual(Array.from({ length: 10 }, (_, i) => `102${String(i + 1).padStart(2, '0')}`));
    expect(findComuna('10201')?.name).toBe('Castro');
  });

  it('gives Ñuble (16) 21 comunas in 3 provinces: Diguillín 9, Itata 7, Punilla 5', () => {
    expect(findRegion('16')?.name).toBe('Ñuble');
    expect(provincesOfRegion('16').map((p) => p.name)).toEqual(['Diguillín', 'Itata', 'Punilla']);
    expect(comunasOfRegion('16')).toHaveLength(21);
    expect(comunasOfProvince('161')).toHaveLength(9);
    expect(comunasOfProvince('162')).toHaveLength(7);
    expect(comunasOfProvince('163')).toHaveLength(5);
    expect(findComuna('16101')).toMatchObject({ name: 'Chillán', provinceCode: '161', regionCode: '16' });
  });

  it('keeps the counts per region of the official list', () => {
    const perRegion = Object.fromEntries(regions.map((r) => [r.code, comunasOfRegion(r.code).length]));
    expect(perRegion).toEqual({
      '01': 7, '02': 9, '03': 9, '04': 15, '05': 38, '06': 33, '07': 30, '08': 33,
      '09': 32, '10': 30, '11': 10, '12': 11, '13': 52, '14': 12, '15': 4, '16': 21,
    });
  });

  it.each([
    ['13101', 'Santiago', '131', '13'],
    ['05201', 'Isla de Pascua', '052', '05'],
    ['05104', 'Juan Fernández', '051', '05'],
    ['12101', 'Punta Arenas', '121', '12'],
    ['12201', 'Cabo de Hornos', '122', '12'],
    ['12202', 'Antártica', '122', '12'],
    ['12401', 'Natales', '124', '12'],
    ['10401', 'Chaitén', '104', '10'],
  ])('knows %s %s', (code, name, provinceCode, regionCode) => {
    expect(findComuna(code)).toMatchObject({ code, name, provinceCode, regionCode });
  });
});

describe('findComuna', () => {
  it('matches names ignoring accents, case, spaces and apostrophes', () => {
    expect(findComuna('NUNOA')?.code).toBe('13120');
    expect(findComuna('  ñuñoa ')?.code).toBe('13120');
    expect(findComuna('Concepcion')?.code).toBe('08101');
    expect(findComuna('los angeles')?.code).toBe('08301');
    expect(findComuna('OHiggins')?.code).toBe('11302');
    expect(findComuna('Río   verde')?.code).toBe('12103');
  });

  it('matches common alternative spellings', () => {
    expect(findComuna('La Calera')?.code).toBe('05502');
    expect(findComuna('Llay-Llay')?.code).toBe('05703');
    expect(findComuna('Til Til')?.code).toBe('13303');
    expect(findComuna('Coihaique')?.code).toBe('11101');
  });

  it('pads codes that lost the leading zero and rejects unknown codes or names', () => {
    expect(findComuna('5201')?.name).toBe('Isla de Pascua');
    expect(findComuna('99999')).toBeUndefined();
    expect(findComuna('123456')).toBeUndefined();
    expect(findComuna('Gotham')).toBeUndefined();
    expect(findComuna('')).toBeUndefined();
  });
});

describe('findRegion and findProvince', () => {
  it('match short, official and "Región de…" names', () => {
    expect(findRegion('Aysén')?.code).toBe('11');
    expect(findRegion('Aysén del General Carlos Ibáñez del Campo')?.shortName).toBe('Aysén');
    expect(findRegion('Región del Biobío')?.code).toBe('08');
    expect(findRegion('Región Metropolitana de Santiago')?.code).toBe('13');
    expect(findRegion('1')?.name).toBe('Tarapacá');
    expect(findProvince('Provincia de Palena')?.code).toBe('104');
    expect(findProvince('Última Esperanza')?.code).toBe('124');
  });
});

describe('normalizeName', () => {
  it('folds to plain lower-case words', () => {
    expect(normalizeName("  Región de O'Higgins ")).toBe('region de ohiggins');
    expect(normalizeName('Ñiquén')).toBe('niquen');
    expect(normalizeName('Llay-Llay')).toBe('llay llay');
  });
});

describe('common ways of writing a comuna', () => {
  it.each([
    ['Alto Bío Bío', '08314'],
    ['Alto Bio-Bio', '08314'],
    ['San Vicente de Tagua Tagua', '06117'],
    ['Puerto Aysén', '11201'],
    ['Rapa Nui', '05201'],
    ['Santiago Centro', '13101'],
    ['Antártica Chilena', '12202'],
    ['nunoa', '13120'],
  ])('«%s» is %s', (name, code) => {
    expect(findComuna(name)?.code).toBe(code);
  });
});
