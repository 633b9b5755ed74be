/**
 * D.S. N°49 with GORE Magallanes co-financing: the values of the "Reglamento Convenio de Programación
 * 2021-2027 «Atención Territorial Integrada de Magallanes»" (the GORE Magallanes reglamento). Comunas keyed by CUT code
 * (db/data/territory.json).
 */
import { DS49_CHECKED_RULE_IDS, parseDs49Parameters } from '../../lib/domain/ds49/parameters';
import type { TDs49Parameters } from '../../lib/domain/ds49/parameters';

export const ds49ParametersMagallanes: TDs49Parameters = parseDs49Parameters({
  sourceName: 'Reglamento Convenio de Programación MINVU-GORE Magallanes 2021-2027',
  sourceShortName: 'Reglamento GORE Magallanes',
  version: '2021-2027',
  // The convenio runs 2021-2027; the reglamento carries no exact date of entry into force.
  validFrom: '2021-01-01',
  timeZone: 'America/Santiago',
  // 3.a
  rsh: {
    vulnerableBracketMax: 40,
    minShareVulnerable: '0.70',
    aboveBracketMax: 90,
    maxShareAbove: '0.30',
    aboveRequiresHighDeficit: true,
  },
  // 3.b
  household: { minMembers: 2, minShareWithMinMembers: '0.90' },
  // 3.d
  savings: { minSeniorityYears: 3, exemptIfHighDeficit: true },
  // 3.c
  goreBlock: { years: 5, ageOfMajority: 18 },
  // 5, "Excepción"
  // "podrá omitirse las condiciones de este reglamento": all of them, group and technical.
  smallProjectException: {
    maxFamilies: 10,
    waives: [...DS49_CHECKED_RULE_IDS],
    typologies: ['densificacion_predial', 'pequeno_condominio', 'construccion_sitio_propio', 'otra_linea_individual'],
  },
  // 3.e: "agrupaciones y/o familias que no cumplan con las condiciones señaladas anteriormente" (3.a–3.d)
  serviuException: {
    waives: ['ds49.rsh_40_min', 'ds49.rsh_high_deficit', 'ds49.household_2plus', 'ds49.gore_block', 'ds49.savings_seniority'],
    requiresGoreConsultation: true,
  },
  // 4.c
  dwelling: {
    baseBedrooms: 2,
    minSurfaceM2: '53',
    plannedExtensionM2: '10.48',
    thirdBedroomMinHousehold: 4,
    thirdBedroomRequiresSocialReport: true,
  },
  density: { maxDwellingsPerHa: '40' },
  // 4.a: "90 días corridos para inicio de obras, desde la publicación en el Diario Oficial"
  worksStart: { maxCalendarDaysFromPublication: 90 },
  reviewStartDays: 10,
  // 4.b: "Valor TOTAL Referencial (UF)" (GORE contribution included) and "Aporte GORE máximo"
  comunaLimits: {
    '12101': { applicable: true, comunaName: 'Punta Arenas', provinceName: 'Magallanes', maxCostUf: '2100', maxGoreContributionUf: '550' },
    '12103': { applicable: true, comunaName: 'Río Verde', provinceName: 'Magallanes', maxCostUf: '2415', maxGoreContributionUf: '1390' },
    '12102': { applicable: true, comunaName: 'Laguna Blanca', provinceName: 'Magallanes', maxCostUf: '2415', maxGoreContributionUf: '1390' },
    '12104': { applicable: true, comunaName: 'San Gregorio', provinceName: 'Magallanes', maxCostUf: '2415', maxGoreContributionUf: '1390' },
    '12401': { applicable: true, comunaName: 'Natales', provinceName: 'Última Esperanza', maxCostUf: '2415', maxGoreContributionUf: '550' },
    '12402': { applicable: true, comunaName: 'Torres del Paine', provinceName: 'Última Esperanza', maxCostUf: '2688', maxGoreContributionUf: '1390' },
    '12301': { applicable: true, comunaName: 'Porvenir', provinceName: 'Tierra del Fuego', maxCostUf: '2688', maxGoreContributionUf: '1390' },
    '12302': { applicable: true, comunaName: 'Primavera', provinceName: 'Tierra del Fuego', maxCostUf: '2688', maxGoreContributionUf: '1390' },
    '12303': { applicable: true, comunaName: 'Timaukel', provinceName: 'Tierra del Fuego', maxCostUf: '2688', maxGoreContributionUf: '1390' },
    '12201': { applicable: true, comunaName: 'Cabo de Hornos', provinceName: 'Antártica Chilena', maxCostUf: '3360', maxGoreContributionUf: '2000' },
    // The seed's table says "Antártica Chilena ... No Aplica"; the comuna's CUT name is "Antártica".
    '12202': { applicable: false, comunaName: 'Antártica', provinceName: 'Antártica Chilena' },
  },
});
