import { describe, expect, it } from 'vitest';
import { ds49ComunaFigures } from './ds49-comuna-figures';
import { params } from './test-fixtures';

describe('ds49ComunaFigures', () => {
  it('gives the maximum cost and GORE contribution of a comuna', () => {
    expect(ds49ComunaFigures('12101', params)).toEqual({
      kind: 'applicable',
      comunaCode: '12101',
      comunaName: 'Punta Arenas',
      provinceName: 'Magallanes',
      maxCostUf: '2100',
      maxGoreContributionUf: '550',
      costBeyondGoreUf: '1550',
      label: 'Costo máximo 2.100 UF; aporte GORE máximo 550 UF',
    });
    expect(ds49ComunaFigures('12201', params)).toMatchObject({ maxCostUf: '3360', maxGoreContributionUf: '2000' });
    expect(ds49ComunaFigures('12401', params)).toMatchObject({ comunaName: 'Natales', maxCostUf: '2415', maxGoreContributionUf: '550' });
  });

  it('says "No aplica" for Antártica', () => {
    expect(ds49ComunaFigures('12202', params)).toEqual({
      kind: 'not_applicable',
      comunaCode: '12202',
      comunaName: 'Antártica',
      provinceName: 'Antártica Chilena',
      label: 'No aplica',
    });
  });

  it('flags comunas outside the table', () => {
    expect(ds49ComunaFigures('13101', params).kind).toBe('not_in_table');
  });
});
