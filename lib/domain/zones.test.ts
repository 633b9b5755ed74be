import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { TCallParameters, ZoneId } from './call-parameters';
import { dec } from './explain';
import { bandForPrice, subsidyForZone, zoneForComuna } from './zones';

const params = callParameters2022;

describe('zoneForComuna', () => {
  const regions: Array<[string, string, ZoneId]> = [
    ['15101', 'Arica', 'norte'],
    ['01101', 'Iquique', 'norte'],
    ['02101', 'Antofagasta', 'norte'],
    ['03101', 'Copiapó', 'norte'],
    ['04101', 'La Serena', 'centro'],
    ['05101', 'Valparaíso', 'centro'],
    ['13101', 'Santiago', 'centro'],
    ['06101', 'Rancagua', 'centro'],
    ['07101', 'Talca', 'centro'],
    ['16101', 'Chillán', 'centro'],
    ['08101', 'Concepción', 'centro'],
    ['09101', 'Temuco', 'centro'],
    ['14101', 'Valdivia', 'centro'],
    ['10101', 'Puerto Montt', 'centro'],
    ['10301', 'Osorno', 'centro'],
    ['10401', 'Chaitén', 'centro'],
    ['11101', 'Coyhaique', 'extremo_sur'],
    ['12101', 'Punta Arenas', 'extremo_sur'],
  ];
  for (const [code, name, zone] of regions)
    it(`${code} ${name} → ${zone}`, () => {
      expect(zoneForComuna({ comunaCode: code }, params).zone).toBe(zone);
    });

  it('puts the 10 comunas of Provincia de Chiloé (10201–10210) in the north zone', () => {
    for (let n = 1; n <= 10; n++) {
      const code = `102${String(n).padStart(2, '0')}`;
      const lookup = zoneForComuna({ comunaCode: code, provinceCode: '102', regionCode: '10' }, params);
      expect(lookup.zone, code).toBe('norte');
      expect(lookup.matchedBy?.level).toBe('province');
    }
    expect(zoneForComuna({ comunaCode: '10201' }, params).message).toMatch(/Provincia de Chiloé/);
  });

  it('the most specific entry wins: comuna over province over region', () => {
    const withComuna: TCallParameters = {
      ...params,
      zoneMap: [...params.zoneMap, { level: 'comuna', code: '10202', zone: 'extremo_sur', label: 'Ancud (prueba)' }],
    };
    expect(zoneForComuna({ comunaCode: '10202' }, withComuna).zone).toBe('extremo_sur');
    expect(zoneForComuna({ comunaCode: '10201' }, withComuna).zone).toBe('norte');
    expect(zoneForComuna({ comunaCode: '10101' }, withComuna).zone).toBe('centro');
  });

  it('does not depend on the order of the zone map', () => {
    const reversed: TCallParameters = { ...params, zoneMap: [...params.zoneMap].reverse() };
    expect(zoneForComuna({ comunaCode: '10205' }, reversed).zone).toBe('norte');
    expect(zoneForComuna({ comunaCode: '10105' }, reversed).zone).toBe('centro');
  });

  it('explains bad, inconsistent and unmapped codes', () => {
    expect(zoneForComuna({ comunaCode: '1101' }, params)).toMatchObject({ zone: null });
    expect(zoneForComuna({ comunaCode: '10201', provinceCode: '101' }, params).message).toMatch(/no pertenece/);
    expect(zoneForComuna({ comunaCode: '99101' }, params).message).toMatch(/no está en el mapa/);
  });
});

describe('bandForPrice', () => {
  const limits: Record<ZoneId, [string, string, string]> = {
    centro: ['1200', '1600', '2200'],
    norte: ['1300', '1700', '2600'],
    extremo_sur: ['1400', '1800', '2600'],
  };
  for (const zone of ['centro', 'norte', 'extremo_sur'] as const) {
    const [b1, b2, b3] = limits[zone];
    it(`${zone}: exactly at and just above each limit`, () => {
      expect(bandForPrice('0.01', zone, params).band).toBe(1);
      expect(bandForPrice(b1, zone, params).band).toBe(1);
      expect(bandForPrice(dec(b1).plus('0.01').toFixed(), zone, params).band).toBe(2);
      expect(bandForPrice(b2, zone, params).band).toBe(2);
      expect(bandForPrice(dec(b2).plus('0.01').toFixed(), zone, params).band).toBe(3);
      expect(bandForPrice(b3, zone, params).band).toBe(3);
      const above = bandForPrice(dec(b3).plus('0.01').toFixed(), zone, params);
      expect(above.band).toBeNull();
      expect(above.message).toMatch(/supera el precio máximo del tramo 3/);
    });
  }

  it('accepts numbers and refuses 0 or negative prices', () => {
    expect(bandForPrice(1200.01, 'centro', params).band).toBe(2);
    expect(bandForPrice(0, 'centro', params).band).toBeNull();
    expect(bandForPrice(-5, 'centro', params).message).toMatch(/mayor que 0/);
  });

  it('message cites the range in es-CL format', () => {
    expect(bandForPrice('1500', 'centro', params).message).toBe(
      'Una vivienda de 1.500 UF en la zona centro corresponde al tramo 2 (más de 1.200 UF y hasta 1.600 UF).',
    );
  });

  it('bands are monotone in price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300_000 }),
        fc.integer({ min: 1, max: 300_000 }),
        fc.constantFrom<ZoneId>('centro', 'norte', 'extremo_sur'),
        (a, b, zone) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const bl = bandForPrice(dec(lo).div(100), zone, params).band ?? 4;
          const bh = bandForPrice(dec(hi).div(100), zone, params).band ?? 4;
          expect(bl).toBeLessThanOrEqual(bh);
        },
      ),
    );
  });

  it('subsidy by zone', () => {
    expect([subsidyForZone('centro', params), subsidyForZone('norte', params), subsidyForZone('extremo_sur', params)]).toEqual([
      '1000',
      '1100',
      '1200',
    ]);
  });
});
