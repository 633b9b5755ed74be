import { describe, expect, it } from 'vitest';
import {
  checkBuildingPermit,
  checkCostMax,
  checkDensityMax,
  checkGoreContributionMax,
  checkSurfaceMin,
  checkThirdBedroom,
  checkWorksStart,
  worksStartDeadline,
} from './technical-rules';
import { dwelling, params, project } from './test-fixtures';

describe('ds49.building_permit (4.a)', () => {
  it('accepts an approved permit or its anteproyecto only', () => {
    expect(checkBuildingPermit({ buildingPermit: 'permiso_aprobado' }, params).ok).toBe(true);
    expect(checkBuildingPermit({ buildingPermit: 'anteproyecto_aprobado' }, params).ok).toBe(true);
    expect(checkBuildingPermit({ buildingPermit: 'en_tramite' }, params).ok).toBe(false);
    const none = checkBuildingPermit({}, params);
    expect(none.ok).toBe(false);
    expect(none.message).toMatch(/No se ha informado/);
    expect(none.message).toContain('(Reglamento GORE Magallanes, numeral 4.a).');
  });
});

describe('ds49.cost_max and ds49.gore_contribution_max (4.b)', () => {
  it.each([
    ['12101', '2100', '550'],
    ['12103', '2415', '1390'],
    ['12102', '2415', '1390'],
    ['12104', '2415', '1390'],
    ['12401', '2415', '550'],
    ['12402', '2688', '1390'],
    ['12301', '2688', '1390'],
    ['12302', '2688', '1390'],
    ['12303', '2688', '1390'],
    ['12201', '3360', '2000'],
  ])('comuna %s: cost up to %s UF, GORE up to %s UF', (code, cost, gore) => {
    const atMax = project({ costUf: cost, goreContributionUf: gore });
    expect(checkCostMax(code, atMax, params).ok).toBe(true);
    expect(checkGoreContributionMax(code, atMax, params).ok).toBe(true);
    const over = project({ costUf: `${cost}.01`, goreContributionUf: `${gore}.01` });
    expect(checkCostMax(code, over, params)).toMatchObject({ ok: false, figures: { maxCostUf: cost } });
    expect(checkGoreContributionMax(code, over, params)).toMatchObject({ ok: false, figures: { maxGoreContributionUf: gore } });
  });

  it('says "no aplica" for Antártica and rejects comunas outside the table', () => {
    const antartica = checkCostMax('12202', project(), params);
    expect(antartica.ok).toBe(false);
    expect(antartica.message).toMatch(/Antártica el cofinanciamiento del Gobierno Regional no aplica/);
    expect(checkGoreContributionMax('12202', project(), params).ok).toBe(false);
    const santiago = checkCostMax('13101', project(), params);
    expect(santiago.ok).toBe(false);
    expect(santiago.message).toMatch(/no figura en la tabla/);
  });

  it('checks per-dwelling overrides and UF thousands in es-CL', () => {
    const p = project({ dwellings: [dwelling(), dwelling({ costUf: '2100.5' })] });
    const r = checkCostMax('12101', p, params);
    expect(r.ok).toBe(false);
    expect(r.figures).toMatchObject({ dwellingsOver: 1, highestCostUf: '2100.5' });
    expect(r.message).toContain('2.100,5 UF');
  });

  it('rejects a GORE contribution above the dwelling cost', () => {
    const p = project({ dwellings: [dwelling({ costUf: '500', goreContributionUf: '550' })] });
    const r = checkGoreContributionMax('12101', p, params);
    expect(r.ok).toBe(false);
    expect(r.figures.dwellingsAboveCost).toBe(1);
  });
});

describe('ds49.surface_min (4.c)', () => {
  it('accepts 53 m² and rejects 52,99 m²', () => {
    expect(checkSurfaceMin({ dwellings: [dwelling({ surfaceM2: '53' })] }, params).ok).toBe(true);
    expect(checkSurfaceMin({ dwellings: [dwelling({ surfaceM2: 53 })] }, params).ok).toBe(true);
    const r = checkSurfaceMin({ dwellings: [dwelling({ surfaceM2: '52.99' })] }, params);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('la menor: 52,99 m²');
    expect(checkSurfaceMin({ dwellings: [dwelling({ surfaceM2: 52.99 })] }, params).ok).toBe(false);
  });

  it('requires the planned 10,48 m² extension', () => {
    expect(checkSurfaceMin({ dwellings: [dwelling({ extensionM2: '10.48' })] }, params).ok).toBe(true);
    const r = checkSurfaceMin({ dwellings: [dwelling({ extensionM2: '10.47' })] }, params);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('ampliación proyectada menor a 10,48 m²');
  });

  it('applies only to 2-bedroom dwellings and fails a project without dwellings', () => {
    expect(checkSurfaceMin({ dwellings: [dwelling({ bedrooms: 3, surfaceM2: '50' })] }, params)).toMatchObject({
      ok: true,
      figures: { dwellingsChecked: 0 },
    });
    expect(checkSurfaceMin({ dwellings: [] }, params).ok).toBe(false);
  });
});

describe('ds49.density_max (4.c)', () => {
  const n = (count: number) => Array.from({ length: count }, () => dwelling());

  it('accepts 40 dwellings on 1 ha and rejects 41', () => {
    expect(checkDensityMax({ dwellings: n(40), areaHa: '1' }, params).ok).toBe(true);
    const r = checkDensityMax({ dwellings: n(41), areaHa: '1' }, params);
    expect(r.ok).toBe(false);
    expect(r.figures).toMatchObject({ dwellingsPerHa: '41', maxDwellingsOnLand: 40 });
  });

  it('scales proportionally to the land', () => {
    expect(checkDensityMax({ dwellings: n(20), areaHa: '0.5' }, params).ok).toBe(true);
    expect(checkDensityMax({ dwellings: n(21), areaHa: '0.5' }, params).ok).toBe(false);
    expect(checkDensityMax({ dwellings: n(10), areaHa: 0.25 }, params).ok).toBe(true);
    expect(checkDensityMax({ dwellings: n(1), areaHa: '0' }, params).ok).toBe(false);
  });
});

describe('ds49.third_bedroom (4.c)', () => {
  it('allows a third bedroom for households of 4 or more with a social report', () => {
    const r = checkThirdBedroom({ dwellings: [dwelling(), dwelling({ bedrooms: 3, householdSize: 4, hasSocialReport: true })] }, params);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/dupla técnico-social del SERVIU/);
  });

  it('refuses it for a household of 3 or without social report', () => {
    expect(checkThirdBedroom({ dwellings: [dwelling({ bedrooms: 3, householdSize: 3, hasSocialReport: true })] }, params).ok).toBe(false);
    expect(checkThirdBedroom({ dwellings: [dwelling({ bedrooms: 3, householdSize: 5, hasSocialReport: false })] }, params).ok).toBe(false);
  });

  it('refuses bedroom counts the reglamento does not contemplate', () => {
    const r = checkThirdBedroom({ dwellings: [dwelling({ bedrooms: 4, householdSize: 6, hasSocialReport: true })] }, params);
    expect(r.ok).toBe(false);
    expect(r.figures.dwellingsOtherBedrooms).toBe(1);
  });
});

describe('ds49.works_start (4.a)', () => {
  it('counts 90 calendar days from publication in the Diario Oficial', () => {
    expect(worksStartDeadline('2024-04-01', params)).toBe('2024-06-30');
    expect(checkWorksStart({ publishedOn: '2024-04-01', worksStartedOn: '2024-06-30', asOf: '2024-07-15' }, params).ok).toBe(true);
    const late = checkWorksStart({ publishedOn: '2024-04-01', worksStartedOn: '2024-07-01', asOf: '2024-07-15' }, params);
    expect(late.ok).toBe(false);
    expect(late.message).toContain('vence el 30-06-2024');
  });

  it('without a start date, fails only once the deadline has passed', () => {
    expect(checkWorksStart({ publishedOn: '2024-04-01', asOf: '2024-06-30' }, params).ok).toBe(true);
    expect(checkWorksStart({ publishedOn: '2024-04-01', asOf: new Date('2024-07-01T12:00:00Z') }, params).ok).toBe(false);
  });
});
