/**
 * Rule parameters of a Call (the 2022 call), stored with the call as JSON.
 *
 * Decimal amounts (UF, rates, shares, points) are decimal STRINGS ("1200", "0.045", "0.2"): JSON
 * numbers would pass through IEEE floats in the database driver and in JSON.parse, and 0.045 or
 * 33179.05 are not representable exactly. Input may also be a finite number, which is converted to
 * its shortest decimal text (String(0.045) === "0.045"); the parsed value is always a string. Shares
 * are fractions (0.2 = 20%). Integers (months, days, dwellings, pesos, RSH labels) stay numbers.
 * Peso amounts are whole pesos (the published caps are whole pesos).
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { CHOICE_FACT_VALUES, CHOICE_FACTS, HOUSEHOLD_FACT_LABELS, HOUSEHOLD_MEMBERS_MAX, MEMBER_AGE_MAX } from './household-facts';
import type { ChoiceFact } from './household-facts';

export const ZONE_IDS = ['centro', 'norte', 'extremo_sur'] as const;
export type ZoneId = (typeof ZONE_IDS)[number];
export const ZZoneId = z.enum(ZONE_IDS);

export const BANDS = [1, 2, 3] as const;
export type Band = (typeof BANDS)[number];
export const ZBand = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** RSH bracket labels (40 = the 40% most vulnerable … 100). */
export const RSH_LABELS = [40, 50, 60, 70, 80, 90, 100] as const;
export type RshPercentile = (typeof RSH_LABELS)[number];

export const INCOME_CAP_GROUPS = ['centro', 'norte_extremo_sur'] as const;
export type IncomeCapGroup = (typeof INCOME_CAP_GROUPS)[number];

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** Non-negative decimal kept as an exact string. */
export const ZDecimalString = z
  .union([z.string().trim(), z.number().finite().nonnegative()])
  .transform((value) => (typeof value === 'number' ? new Decimal(value).toFixed() : value))
  .refine((text) => DECIMAL_TEXT.test(text), {
    message: 'Debe ser un número decimal no negativo, con punto decimal (ej.: "1200" o "0.045").',
  });

/** A fraction between 0 and 1 inclusive, as a string. */
export const ZShareString = ZDecimalString.refine((text) => new Decimal(text).lte(1), {
  message: 'Debe ser una fracción entre 0 y 1 (ej.: "0.2" para 20%).',
});

/** Calendar date "YYYY-MM-DD" (interpreted in the call's time zone). */
export const ZCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Fecha con formato AAAA-MM-DD.' })
  .refine(
    (text) => {
      const [y, m, d] = text.split('-').map(Number) as [number, number, number];
      const probe = new Date(Date.UTC(y, m - 1, d));
      return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    },
    { message: 'La fecha no existe en el calendario.' },
  );

const ZPoints = ZDecimalString.nullable();
const ZRsh = z.literal(RSH_LABELS);

/** Band price limits of a zone: band n is "> previous max and ≤ max" (band 1 starts above 0). */
export const ZZone = z
  .object({
    label: z.string().min(1),
    band1MaxUf: ZDecimalString,
    band2MaxUf: ZDecimalString,
    band3MaxUf: ZDecimalString,
    subsidyUf: ZDecimalString,
  })
  .refine(
    (zone) =>
      new Decimal(zone.band1MaxUf).gt(0) &&
      new Decimal(zone.band1MaxUf).lt(zone.band2MaxUf) &&
      new Decimal(zone.band2MaxUf).lt(zone.band3MaxUf),
    { message: 'Los topes de precio de los tramos deben ser crecientes: tramo 1 < tramo 2 < tramo 3.' },
  );

const CODE_PATTERN = { region: /^\d{2}$/, province: /^\d{3}$/, comuna: /^\d{5}$/ } as const;

/** One zone-map entry: a region (2 digits), a province (3) or a comuna (5), CUT codes as strings. */
export const ZZoneMapEntry = z
  .object({
    level: z.enum(['region', 'province', 'comuna']),
    code: z.string(),
    zone: ZZoneId,
    label: z.string().min(1),
  })
  .refine((entry) => CODE_PATTERN[entry.level].test(entry.code), {
    message: 'Código CUT inválido: región 2 dígitos, provincia 3, comuna 5 (como texto, con cero inicial).',
    path: ['code'],
  });

export const ZBandRequirement = z.object({
  /** Highest RSH label admitted; null = only an RSH record is required (band 3). */
  maxRshPercentile: ZRsh.nullable(),
  requiresRshRecord: z.boolean(),
  minSavingsUf: ZDecimalString,
});

const ZIncomeCapValue = z.object({ amountClp: z.number().int().nonnegative(), inferred: z.boolean() });
/** Keys are household sizes; "4" means 4 or more members. */
export const ZIncomeCapTable = z.object({
  '1': ZIncomeCapValue,
  '2': ZIncomeCapValue,
  '3': ZIncomeCapValue,
  '4': ZIncomeCapValue,
});

const ZOnTimeBracket = z.object({ maxCreditUf: ZDecimalString, share: ZShareString });

const ZScoreGroup = z.enum(['grupo_familiar', 'vulnerabilidad_habitacional', 'antiguedad_postulacion']);

/** Ages in whole years, both ends included; `toAge: null` = no upper end (e.g. 60 years or more). */
export const ZAgeRange = z
  .object({
    fromAge: z.number().int().min(0).max(MEMBER_AGE_MAX),
    toAge: z.number().int().min(0).max(MEMBER_AGE_MAX).nullable(),
  })
  .refine((range) => range.toAge === null || range.toAge >= range.fromAge, {
    message: 'La edad final del tramo no puede ser menor que la inicial.',
    path: ['toAge'],
  });
export type TAgeRange = z.output<typeof ZAgeRange>;

/**
 * What a counting factor counts, among the household facts (lib/domain/household-facts.ts). For
 * `memberAges`, the members whose age falls in `ageRange`; `ageRange: null` = the ages that score are not
 * yet entered from the decree ("unset", like a null point value).
 */
export const ZCountBasis = z.discriminatedUnion('fact', [
  z.object({ fact: z.literal('householdMembers') }),
  z.object({ fact: z.literal('membersWithDisability') }),
  z.object({ fact: z.literal('earlierApplications') }),
  z.object({ fact: z.literal('memberAges'), ageRange: ZAgeRange.nullable() }),
]);
export type TCountBasis = z.output<typeof ZCountBasis>;

const ZAtLeast = z.number().int().min(1).max(HOUSEHOLD_MEMBERS_MAX);
const choiceValues = <F extends ChoiceFact>(fact: F) =>
  z.object({ fact: z.literal(fact), values: z.array(z.enum(CHOICE_FACT_VALUES[fact])).min(1) });

/** When a flag factor holds: a count of at least `atLeast`, or a choice fact with one of `values`. */
export const ZFlagBasis = z.discriminatedUnion('fact', [
  z.object({ fact: z.literal('householdMembers'), atLeast: ZAtLeast }),
  z.object({ fact: z.literal('membersWithDisability'), atLeast: ZAtLeast }),
  z.object({ fact: z.literal('earlierApplications'), atLeast: ZAtLeast }),
  z.object({ fact: z.literal('memberAges'), ageRange: ZAgeRange.nullable(), atLeast: ZAtLeast }),
  choiceValues('headOfHousehold'),
  choiceValues('overcrowding'),
  choiceValues('dwellingType'),
  choiceValues('waterSource'),
  choiceValues('bathroom'),
]);
export type TFlagBasis = z.output<typeof ZFlagBasis>;

/**
 * One line of a choice factor's table. `factValues` are the declared values it scores (default: its own
 * id), so a call may group several facts under one line («precaria»: pieza, mediagua, otro).
 */
const ZScoreOption = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  points: ZPoints,
  factValues: z.array(z.string().min(1)).min(1).optional(),
});

/**
 * A factor of D.S. N°1 art. 65. `points: null` = not yet entered from the decree ("unset").
 * per_unit: points × the count its basis reads (members, earlier applications…), optionally capped at
 * maxUnits; flag: points when its basis holds; choice: the points of the line of the declared value.
 */
const ZScoreFactorShape = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('per_unit'),
    id: z.string().min(1),
    group: ZScoreGroup,
    label: z.string().min(1),
    basis: ZCountBasis,
    pointsPerUnit: ZPoints,
    maxUnits: z.number().int().positive().nullable(),
  }),
  z.object({ kind: z.literal('flag'), id: z.string().min(1), group: ZScoreGroup, label: z.string().min(1), basis: ZFlagBasis, points: ZPoints }),
  z.object({
    kind: z.literal('choice'),
    id: z.string().min(1),
    group: ZScoreGroup,
    label: z.string().min(1),
    basis: z.object({ fact: z.enum(CHOICE_FACTS as [ChoiceFact, ...ChoiceFact[]]) }),
    options: z.array(ZScoreOption).min(1),
  }),
]);

/**
 * Calls stored before factors named the household fact they read: the factors of the 2022 seed, by id,
 * with the lines of their choice tables mapped onto the declared values.
 */
const LEGACY_FACTOR_BASIS: Record<string, { basis: unknown; optionFactValues?: Record<string, string[]> }> = {
  'grupo_familiar.integrantes': { basis: { fact: 'householdMembers' } },
  'grupo_familiar.edades': { basis: { fact: 'memberAges', ageRange: null } },
  'grupo_familiar.jefatura_hogar': { basis: { fact: 'headOfHousehold', values: ['monoparental'] } },
  'grupo_familiar.discapacidad': { basis: { fact: 'membersWithDisability' } },
  'grupo_familiar.adultos_mayores': { basis: { fact: 'memberAges', ageRange: { fromAge: 60, toAge: null } } },
  'vulnerabilidad_habitacional.hacinamiento': { basis: { fact: 'overcrowding' } },
  'vulnerabilidad_habitacional.tipo_vivienda': {
    basis: { fact: 'dwellingType' },
    optionFactValues: { adecuada: ['casa', 'departamento'], precaria: ['pieza', 'mediagua', 'otro'] },
  },
  'vulnerabilidad_habitacional.agua': {
    basis: { fact: 'waterSource' },
    optionFactValues: { red_publica: ['red_publica'], otra: ['red_publica_fuera', 'otra'] },
  },
  'vulnerabilidad_habitacional.bano': {
    basis: { fact: 'bathroom' },
    optionFactValues: { exclusivo: ['exclusivo'], compartido_o_sin: ['compartido', 'sin_bano'] },
  },
  'antiguedad_postulacion.postulaciones_anteriores': { basis: { fact: 'earlierApplications' } },
};

function withLegacyBasis(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'basis' in value) return value;
  const factor = value as { id?: unknown; options?: unknown };
  const legacy = typeof factor.id === 'string' ? LEGACY_FACTOR_BASIS[factor.id] : undefined;
  if (!legacy) return value;
  const options = Array.isArray(factor.options)
    ? factor.options.map((option: unknown) => {
        const id = (option as { id?: unknown }).id;
        const factValues = typeof id === 'string' ? legacy.optionFactValues?.[id] : undefined;
        return factValues && typeof option === 'object' ? { ...option, factValues } : option;
      })
    : factor.options;
  return { ...value, basis: legacy.basis, ...(options === undefined ? {} : { options }) };
}

export const ZScoreFactor = z.preprocess(withLegacyBasis, ZScoreFactorShape);

/** Marginal bracket: `pointsPerUf` for each UF up to `uptoUf` (null = no upper end). */
const ZSavingsBracket = z.object({ uptoUf: ZDecimalString.nullable(), pointsPerUf: ZDecimalString });
const ZSavingsBrackets = z
  .array(ZSavingsBracket)
  .min(1)
  .refine(
    (brackets) =>
      brackets.every((b, i) => {
        const isLast = i === brackets.length - 1;
        if (b.uptoUf === null) return isLast;
        const prev = i === 0 ? null : brackets[i - 1]?.uptoUf;
        return prev === null || prev === undefined || new Decimal(b.uptoUf).gt(prev);
      }),
    { message: 'Los tramos de ahorro deben tener topes crecientes y solo el último puede no tener tope.' },
  );

const ZBridgeInstalment = z.object({
  share: ZShareString,
  /** null = unlocked by the verified start of works; otherwise verified progress must be strictly above. */
  progressAbovePercent: ZDecimalString.nullable(),
});

export const ZCallParameters = z
  .object({
    schemaVersion: z.literal(1),
    timeZone: z
      .string()
      .min(1)
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat('es-CL', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { message: 'Zona horaria IANA desconocida.' },
      ),
    zones: z.object({ centro: ZZone, norte: ZZone, extremo_sur: ZZone }),
    zoneMap: z.array(ZZoneMapEntry).min(1),
    bandRequirements: z.object({ '1': ZBandRequirement, '2': ZBandRequirement, '3': ZBandRequirement }),
    savings: z.object({
      /** Share of the band's MINIMUM savings that must be deposited by `depositDeadline`. */
      depositedShareOfMinimum: ZShareString,
      depositDeadline: ZCalendarDate,
    }),
    composition: z.object({
      band1MinShare: ZShareString,
      band2MinShare: ZShareString,
      band3MaxShare: ZShareString,
      minBands: z.number().int().min(1).max(3),
      maxDwellings: z.number().int().positive(),
    }),
    roster: z.object({ nonUnionMaxShare: ZShareString, replacementsMaxShare: ZShareString }),
    incomeCap: z.object({
      /** The cap applies to RSH labels strictly above this one. */
      rshThreshold: ZRsh,
      zoneGroups: z.object({ centro: z.enum(INCOME_CAP_GROUPS), norte: z.enum(INCOME_CAP_GROUPS), extremo_sur: z.enum(INCOME_CAP_GROUPS) }),
      groups: z.object({ centro: ZIncomeCapTable, norte_extremo_sur: ZIncomeCapTable }),
    }),
    financing: z.object({
      annualRate: ZDecimalString,
      termMonths: z.number().int().positive(),
      ufValueClp: ZDecimalString,
      ufDate: ZCalendarDate,
      /** The 25% rule: the mortgage payment may take at most this share of the monthly income. */
      maxPaymentToIncomeShare: ZShareString.refine((s) => new Decimal(s).gt(0), { message: 'Debe ser mayor que 0.' }),
      onTimeSubsidy: z.object({
        basis: z.enum(['by_band', 'by_credit']),
        byBand: z.object({ '1': ZShareString, '2': ZShareString, '3': ZShareString }),
        byCredit: z.array(ZOnTimeBracket).min(1),
        /** No on-time subsidy for credits above this amount. */
        maxCreditUf: ZDecimalString,
      }),
    }),
    selection: z.object({
      budgetUf: ZDecimalString,
      maxDwellings: z.number().int().positive(),
      /** What happens after the first ranked project that does not fit (see selection.ts). */
      afterMiss: z.enum(['continue', 'stop']),
    }),
    score: z.object({
      factors: z.array(ZScoreFactor),
      savingsExcess: z.object({
        counts: z.boolean(),
        /** Bracket limits measured on the excess over the minimum (the programme rules) or on total savings. */
        thresholdsOf: z.enum(['excess', 'total_savings']),
        byBand: z.object({ '1': ZSavingsBrackets, '2': ZSavingsBrackets, '3': ZSavingsBrackets }),
      }),
    }),
    bridgeLoan: z.object({
      instalments: z.array(ZBridgeInstalment).min(1),
      maxMonths: z.number().int().positive(),
      /** The loan never exceeds the subsidy of the project's dwellings. */
      capBasis: z.literal('dwelling_subsidies'),
      /**
       * Days before the builder's guarantee expires when SERVIU of the region and the builder are warned.
       * Defaulted so that calls stored before this parameter existed still parse.
       */
      guaranteeWarningDays: z.number().int().positive().default(30),
    }),
    deadlines: z.object({
      cbrInscriptionDays: z.number().int().positive(),
      subsidyPaymentMonths: z.number().int().positive(),
      prohibitionYears: z.number().int().positive(),
      titleCertificateMaxAgeDays: z.number().int().positive(),
      correctionWorkingDays: z.number().int().positive(),
      startOfWorksBy: ZCalendarDate,
      /**
       * Calendar days SERVIU of the region has, after a file is sent, to take it into review; past them
       * the queue flags it overdue. Defaulted so that calls stored before this parameter existed parse.
       */
      reviewStartDays: z.number().int().positive().default(10),
      /**
       * Calendar days before a follow-up deadline (Gantt milestone, CBR inscription, start of works,
       * payment window) from which it shows as due soon and its people are told.
       */
      followUpNoticeDays: z.number().int().positive().default(30),
      /**
       * Calendar days between the committee's progress reports once works start (SERVIU verifies the
       * progress monthly against the programme), and the days before each is due from which it shows as
       * due soon and the committee is told. Defaulted so that calls stored before them parse.
       */
      progressReportDays: z.number().int().positive().default(30),
      progressReportNoticeDays: z.number().int().positive().default(7),
    }),
  })
  .superRefine((params, ctx) => {
    const seen = new Set<string>();
    params.zoneMap.forEach((entry, index) => {
      const key = `${entry.level}:${entry.code}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['zoneMap', index, 'code'], message: `Entrada repetida en el mapa de zonas: ${entry.code}.` });
      seen.add(key);
    });
    const total = params.bridgeLoan.instalments.reduce((sum, i) => sum.plus(i.share), new Decimal(0));
    if (!total.eq(1))
      ctx.addIssue({ code: 'custom', path: ['bridgeLoan', 'instalments'], message: 'Las cuotas del préstamo de enlace deben sumar 100%.' });
    let previous: Decimal | null = null;
    params.bridgeLoan.instalments.forEach((instalment, index) => {
      const threshold = instalment.progressAbovePercent === null ? null : new Decimal(instalment.progressAbovePercent);
      if (threshold === null && index > 0)
        ctx.addIssue({ code: 'custom', path: ['bridgeLoan', 'instalments', index], message: 'Solo la primera cuota puede no exigir avance.' });
      if (threshold !== null && previous !== null && !threshold.gt(previous))
        ctx.addIssue({ code: 'custom', path: ['bridgeLoan', 'instalments', index], message: 'Los umbrales de avance deben ser crecientes.' });
      if (threshold !== null) previous = threshold;
    });
    const brackets = params.financing.onTimeSubsidy.byCredit;
    brackets.forEach((bracket, index) => {
      const prev = brackets[index - 1];
      if (prev && !new Decimal(bracket.maxCreditUf).gt(prev.maxCreditUf))
        ctx.addIssue({ code: 'custom', path: ['financing', 'onTimeSubsidy', 'byCredit', index], message: 'Los tramos por monto de crédito deben ser crecientes.' });
    });
    const factorIds = new Set<string>();
    params.score.factors.forEach((factor, index) => {
      if (factorIds.has(factor.id))
        ctx.addIssue({ code: 'custom', path: ['score', 'factors', index, 'id'], message: `Factor repetido: ${factor.id}.` });
      factorIds.add(factor.id);
      if (factor.kind !== 'choice') return;
      // Every value an applicant can declare must fall on exactly one line of the table.
      const allowed: readonly string[] = CHOICE_FACT_VALUES[factor.basis.fact];
      const covered = new Map<string, string>();
      const optionIds = new Set<string>();
      factor.options.forEach((option, optionIndex) => {
        if (optionIds.has(option.id))
          ctx.addIssue({ code: 'custom', path: ['score', 'factors', index, 'options', optionIndex, 'id'], message: `Opción repetida en ${factor.label}: ${option.id}.` });
        optionIds.add(option.id);
        for (const value of option.factValues ?? [option.id]) {
          if (!allowed.includes(value))
            ctx.addIssue({
              code: 'custom',
              path: ['score', 'factors', index, 'options', optionIndex],
              message: `«${value}» no es un valor de ${HOUSEHOLD_FACT_LABELS[factor.basis.fact]} (valores: ${allowed.join(', ')}).`,
            });
          else if (covered.has(value))
            ctx.addIssue({
              code: 'custom',
              path: ['score', 'factors', index, 'options', optionIndex],
              message: `«${value}» está en dos líneas de ${factor.label}: ${covered.get(value)} y ${option.id}.`,
            });
          else covered.set(value, option.id);
        }
      });
      const uncovered = allowed.filter((value) => !covered.has(value));
      if (uncovered.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['score', 'factors', index, 'options'],
          message: `A ${factor.label} le faltan líneas para: ${uncovered.join(', ')}.`,
        });
    });
  });

export type TCallParameters = z.output<typeof ZCallParameters>;
export type TCallParametersInput = z.input<typeof ZCallParameters>;
export type TZone = z.output<typeof ZZone>;
export type TZoneMapEntry = z.output<typeof ZZoneMapEntry>;
export type TBandRequirement = z.output<typeof ZBandRequirement>;
export type TScoreFactor = z.output<typeof ZScoreFactor>;
export type TIncomeCapTable = z.output<typeof ZIncomeCapTable>;

/** Suffix of the unset id of an age range that is not yet entered: `grupo_familiar.edades:edades`. */
export const AGE_RANGE_UNSET_SUFFIX = 'edades';

/** The age range a factor reads, when it counts members by age (null when it does not, or is unset). */
function ageRangeOf(factor: TScoreFactor): { reads: boolean; range: TAgeRange | null } {
  if (factor.kind === 'choice' || factor.basis.fact !== 'memberAges') return { reads: false, range: null };
  return { reads: true, range: factor.basis.ageRange };
}

export interface UnsetScoreParameter {
  /** `factorId`, `factorId:optionId`, or `factorId:edades` for an age range. */
  id: string;
  factorId: string;
  /** Spanish: «Jefatura de hogar — Monoparental», «Integrantes de 60 años o más (puntos por integrante)». */
  label: string;
}

/**
 * The point-table values still unset (null), in the order of the call's tables, for the back-office
 * screen that lists what must be entered from D.S. N°1 art. 65 before a real call.
 */
export function describeUnsetScoreParameters(params: TCallParameters): UnsetScoreParameter[] {
  const unset: UnsetScoreParameter[] = [];
  for (const factor of params.score.factors) {
    const age = ageRangeOf(factor);
    if (age.reads && age.range === null)
      unset.push({ id: `${factor.id}:${AGE_RANGE_UNSET_SUFFIX}`, factorId: factor.id, label: `${factor.label} (tramo de edad)` });
    if (factor.kind === 'per_unit' && factor.pointsPerUnit === null)
      unset.push({ id: factor.id, factorId: factor.id, label: `${factor.label} (puntos por unidad)` });
    else if (factor.kind === 'flag' && factor.points === null) unset.push({ id: factor.id, factorId: factor.id, label: `${factor.label} (puntos)` });
    else if (factor.kind === 'choice')
      for (const option of factor.options)
        if (option.points === null) unset.push({ id: `${factor.id}:${option.id}`, factorId: factor.id, label: `${factor.label} — ${option.label}` });
  }
  return unset;
}

/**
 * Ids of the point-table values still unset: `factorId` for per-unit and flag factors,
 * `factorId:optionId` for each option of a choice factor, `factorId:edades` for an unset age range.
 */
export function listUnsetScoreParameters(params: TCallParameters): string[] {
  return describeUnsetScoreParameters(params).map((p) => p.id);
}
