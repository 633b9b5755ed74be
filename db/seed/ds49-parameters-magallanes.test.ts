import { describe, expect, it } from 'vitest';
import { comunasOfRegion, findComuna, findProvince } from '../data/territory';
import { ds49ParametersMagallanes } from './ds49-parameters-magallanes';

describe('ds49ParametersMagallanes', () => {
  it('covers exactly the 11 comunas of Magallanes, with their CUT names and provinces', () => {
    const codes = Object.keys(ds49ParametersMagallanes.comunaLimits).sort();
    expect(codes).toEqual(comunasOfRegion('12').map((c) => c.code).sort());
    for (const [code, limit] of Object.entries(ds49ParametersMagallanes.comunaLimits)) {
      const comuna = findComuna(code);
      expect(comuna?.name).toBe(limit.comunaName);
      expect(findProvince(comuna?.provinceCode ?? '')?.name).toBe(limit.provinceName);
    }
  });
});
