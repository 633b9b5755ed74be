import { describe, expect, it } from 'vitest';
import { ZDs49Parameters, parseDs49Parameters } from './parameters';
import { params } from './test-fixtures';

describe('ZDs49Parameters', () => {
  it('accepts the GORE Magallanes seed values', () => {
    expect(ZDs49Parameters.safeParse(params).success).toBe(true);
    expect(params.rsh).toMatchObject({ vulnerableBracketMax: 40, minShareVulnerable: '0.70', aboveBracketMax: 90, maxShareAbove: '0.30' });
    expect(params.household).toEqual({ minMembers: 2, minShareWithMinMembers: '0.90' });
    expect(params.savings).toEqual({ minSeniorityYears: 3, exemptIfHighDeficit: true });
    expect(params.goreBlock).toEqual({ years: 5, ageOfMajority: 18 });
    expect(params.smallProjectException.maxFamilies).toBe(10);
    expect(params.dwelling).toMatchObject({ minSurfaceM2: '53', plannedExtensionM2: '10.48', thirdBedroomMinHousehold: 4 });
    expect(params.density.maxDwellingsPerHa).toBe('40');
    expect(params.worksStart.maxCalendarDaysFromPublication).toBe(90);
    expect(params.timeZone).toBe('America/Santiago');
  });

  it('keys the seed table 4.b by CUT code', () => {
    const table = Object.fromEntries(
      Object.entries(params.comunaLimits).map(([code, l]) => [code, l.applicable ? `${l.maxCostUf}/${l.maxGoreContributionUf}` : 'no aplica']),
    );
    expect(table).toEqual({
      '12101': '2100/550',
      '12102': '2415/1390',
      '12103': '2415/1390',
      '12104': '2415/1390',
      '12401': '2415/550',
      '12402': '2688/1390',
      '12301': '2688/1390',
      '12302': '2688/1390',
      '12303': '2688/1390',
      '12201': '3360/2000',
      '12202': 'no aplica',
    });
  });

  it('rejects malformed values with Spanish messages', () => {
    const bad = structuredClone(params) as unknown as Record<string, Record<string, unknown>>;
    bad.rsh = { ...bad.rsh, minShareVulnerable: '1.5' };
    const result = ZDs49Parameters.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/proporción/);

    const floaty = { ...params, dwelling: { ...params.dwelling, minSurfaceM2: '53,0' } };
    expect(ZDs49Parameters.safeParse(floaty).success).toBe(false);

    const badKey = { ...params, comunaLimits: { '1210': params.comunaLimits['12101'] } };
    expect(ZDs49Parameters.safeParse(badKey).success).toBe(false);

    const goreAboveCost = {
      ...params,
      comunaLimits: {
        '12101': { applicable: true, comunaName: 'Punta Arenas', provinceName: 'Magallanes', maxCostUf: '500', maxGoreContributionUf: '550' },
      },
    };
    expect(ZDs49Parameters.safeParse(goreAboveCost).success).toBe(false);
    expect(() => parseDs49Parameters({})).toThrow();
  });
});
