/**
 * Parameters of the D.S. N°49 rules with GORE Magallanes co-financing. Every figure of the reglamento is
 * here, so a new version of the convenio is a new parameters object, not a code change.
 */
import { z } from 'zod';

const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, { message: 'Debe ser un número decimal con punto, por ejemplo 10.48' });

const shareString = decimalString.refine((v) => Number(v) <= 1, { message: 'Debe ser una proporción entre 0 y 1' });

const isoDate = z.iso.date({ message: 'Debe ser una fecha AAAA-MM-DD' });

const rshBracket = z.union([
  z.literal(40),
  z.literal(50),
  z.literal(60),
  z.literal(70),
  z.literal(80),
  z.literal(90),
  z.literal(100),
]);

export const DS49_CHECKED_RULE_IDS = [
  'ds49.rsh_40_min',
  'ds49.rsh_high_deficit',
  'ds49.household_2plus',
  'ds49.savings_seniority',
  'ds49.gore_block',
  'ds49.building_permit',
  'ds49.cost_max',
  'ds49.gore_contribution_max',
  'ds49.surface_min',
  'ds49.density_max',
  'ds49.third_bedroom',
] as const;

const waivableRuleId = z.enum(DS49_CHECKED_RULE_IDS);

export const ZDs49ComunaLimit = z.discriminatedUnion('applicable', [
  z
    .object({
      applicable: z.literal(true),
      comunaName: z.string().min(1),
      provinceName: z.string().min(1),
      /** "Valor TOTAL Referencial" per dwelling, land and GORE contribution included. */
      maxCostUf: decimalString,
      maxGoreContributionUf: decimalString,
    })
    .refine((v) => Number(v.maxGoreContributionUf) <= Number(v.maxCostUf), {
      message: 'El aporte GORE máximo no puede superar el costo máximo',
    }),
  z.object({
    applicable: z.literal(false),
    comunaName: z.string().min(1),
    provinceName: z.string().min(1),
  }),
]);

export const ZDs49Parameters = z.object({
  /** Full name of the reglamento, cited in `RuleResult.source`. */
  sourceName: z.string().min(1),
  /** Short name cited at the end of each message. */
  sourceShortName: z.string().min(1),
  /** Period of the convenio; the cost table "se ajustará anualmente" (seed 4.b). */
  version: z.string().min(1),
  validFrom: isoDate,
  timeZone: z.string().min(1),
  rsh: z.object({
    /** Bracket of the most vulnerable families ("40% de calificación socioeconómica"). */
    vulnerableBracketMax: rshBracket,
    minShareVulnerable: shareString,
    /** Highest bracket admitted above the vulnerable one ("hasta el 90%"). */
    aboveBracketMax: rshBracket,
    maxShareAbove: shareString,
    aboveRequiresHighDeficit: z.boolean(),
  }),
  household: z.object({
    minMembers: z.number().int().min(1),
    minShareWithMinMembers: shareString,
  }),
  savings: z.object({
    minSeniorityYears: z.number().int().min(0),
    exemptIfHighDeficit: z.boolean(),
  }),
  goreBlock: z.object({
    years: z.number().int().min(0),
    /** Age of majority that ends the block for people invoked as minors (Código Civil art. 26: 18). */
    ageOfMajority: z.number().int().min(1),
  }),
  smallProjectException: z.object({
    maxFamilies: z.number().int().min(1),
    /** Rules that stop blocking when the exception is applied. */
    waives: z.array(waivableRuleId).min(1),
    typologies: z
      .array(
        z.enum([
          'densificacion_predial',
          'pequeno_condominio',
          'construccion_sitio_propio',
          'otra_linea_individual',
          'construccion_nuevos_terrenos',
          'megaproyecto',
        ]),
      )
      .min(1),
  }),
  /** 3.e: founded SERVIU resolution, after consulting the regional government. */
  serviuException: z.object({
    waives: z.array(waivableRuleId).min(1),
    requiresGoreConsultation: z.boolean(),
  }),
  dwelling: z.object({
    baseBedrooms: z.number().int().min(1),
    minSurfaceM2: decimalString,
    plannedExtensionM2: decimalString,
    thirdBedroomMinHousehold: z.number().int().min(1),
    thirdBedroomRequiresSocialReport: z.boolean(),
  }),
  density: z.object({ maxDwellingsPerHa: decimalString }),
  worksStart: z.object({ maxCalendarDaysFromPublication: z.number().int().min(1) }),
  /**
   * Calendar days SERVIU of the region has, after a file is sent, to take it into review (the back
   * office's «atrasada» flag). Defaulted so that calls stored before this parameter existed parse.
   */
  reviewStartDays: z.number().int().positive().default(10),
  /** Keyed by the comuna's 5-digit CUT code. */
  comunaLimits: z.record(z.string().regex(/^\d{5}$/, { message: 'Código CUT de 5 dígitos' }), ZDs49ComunaLimit),
});

export type TDs49Parameters = z.infer<typeof ZDs49Parameters>;
export type TDs49ComunaLimit = z.infer<typeof ZDs49ComunaLimit>;

/** Validates a parameters object (e.g. one edited in the back office); throws a ZodError when it is not valid. */
export function parseDs49Parameters(input: unknown): TDs49Parameters {
  return ZDs49Parameters.parse(input);
}
