import { describe, expect, it } from 'vitest';
import { checkListedDs49Group } from './group-check-from-list';
import type { Ds49ListedGroup } from './group-check-from-list';
import { family, params } from './test-fixtures';

function group(count: number, overrides: Partial<Ds49ListedGroup> = {}): Ds49ListedGroup {
  return {
    comunaCode: '12101',
    families: Array.from({ length: count }, (_, i) => ({ family: family(i + 1), bedrooms: null, hasSocialReport: false })),
    costUf: '2100',
    goreContributionUf: '550',
    surfaceM2: '53',
    extensionM2: '10.48',
    areaHa: '1',
    buildingPermit: 'permiso_aprobado',
    typology: 'construccion_nuevos_terrenos',
    ...overrides,
  };
}

const withFirst = (g: Ds49ListedGroup, first: Ds49ListedGroup['families'][number]): Ds49ListedGroup => ({ ...g, families: [first, ...g.families.slice(1)] });

const failing = (g: Ds49ListedGroup, at = '2026-12-07') => checkListedDs49Group(g, at, params).blocking.map((r) => r.id);

describe('checkListedDs49Group', () => {
  it('gives each family a dwelling of the project, the base one unless the line says otherwise', () => {
    expect(failing(group(40))).toEqual([]);
    const third = (householdSize: number) => withFirst(group(40), { family: family(1, { householdSize }), bedrooms: 3, hasSocialReport: true });
    expect(failing(third(3))).toEqual(['ds49.third_bedroom']);
    expect(failing(third(4))).toEqual([]);
  });

  it('reads the density at exactly 40 dwellings per hectare and one past it', () => {
    expect(failing(group(40, { areaHa: '1' }))).toEqual([]);
    expect(failing(group(41, { areaHa: '1' }))).toEqual(['ds49.density_max']);
  });

  it('reads the surfaces and the comuna limits the group typed', () => {
    expect(failing(group(20, { surfaceM2: '52.99', extensionM2: '10.47' }))).toEqual(['ds49.surface_min']);
    expect(failing(group(20, { comunaCode: '12401', costUf: '2415', goreContributionUf: '551' }))).toEqual(['ds49.gore_contribution_max']);
    expect(failing(group(20, { comunaCode: '12201', costUf: '3360', goreContributionUf: '2000' }))).toEqual([]);
  });

  it('asks for the small-project exception only for groups within its size, and accepts it only for its typologies', () => {
    const small = group(10, { buildingPermit: 'en_tramite' });
    const asNew = checkListedDs49Group(small, '2026-12-07', params);
    expect(asNew.exception).toEqual({ kind: 'small_project', accepted: false });
    expect(asNew.blocking.map((r) => r.id)).toContain('ds49.building_permit');
    const densification = checkListedDs49Group({ ...small, typology: 'densificacion_predial' }, '2026-12-07', params);
    expect(densification.exception).toEqual({ kind: 'small_project', accepted: true });
    expect(densification.ok).toBe(true);
    expect(densification.waived.map((r) => r.id)).toEqual(['ds49.building_permit']);
    expect(checkListedDs49Group({ ...group(11), typology: 'densificacion_predial' }, '2026-12-07', params).exception).toEqual({
      kind: null,
      accepted: false,
    });
  });

  it('counts the savings seniority to the day the group is checked', () => {
    const g = withFirst(group(20), { family: family(1, { savingsInstrumentOpenedOn: '2023-12-07' }), bedrooms: null, hasSocialReport: false });
    expect(failing(g, '2026-12-06')).toEqual(['ds49.savings_seniority']);
    expect(failing(g, '2026-12-07')).toEqual([]);
  });
});
