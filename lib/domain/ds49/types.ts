/**
 * Shapes of the D.S. N°49 / GORE Magallanes rules. `RuleResult` is structurally identical to the one in
 * `lib/domain/explain.ts`, so either can be used where the other is expected.
 */

export type RuleResult = {
  id: string;
  ok: boolean;
  /** Spanish explanation citing the seed article, shown to applicants and reviewers. */
  message: string;
  /** Where the rule comes from, e.g. "Reglamento GORE Magallanes, 3.a". */
  source: string;
  /** Figures the message uses; decimals as strings with a dot ("0.7"), counts as numbers. */
  figures: Record<string, string | number>;
};

export type Ds49RuleId =
  | 'ds49.rsh_40_min'
  | 'ds49.rsh_high_deficit'
  | 'ds49.household_2plus'
  | 'ds49.savings_seniority'
  | 'ds49.gore_block'
  | 'ds49.building_permit'
  | 'ds49.cost_max'
  | 'ds49.gore_contribution_max'
  | 'ds49.surface_min'
  | 'ds49.density_max'
  | 'ds49.third_bedroom'
  | 'ds49.small_project_exception'
  | 'ds49.serviu_exception'
  | 'ds49.works_start';

/** A decimal figure: a decimal string ("2100", "10.48") or a number that is exact in its decimal form (52.99). */
export type DecimalInput = string | number;

/** A calendar date in ISO form, `YYYY-MM-DD`, read as a date in Chile. */
export type IsoDate = string;

/**
 * A moment: a `Date`, an ISO date-time with offset, or a plain ISO date (`YYYY-MM-DD`, taken as that
 * calendar day in America/Santiago).
 */
export type DateInput = Date | string;

/** RSH bracket labels: 40 means the 40% most vulnerable, and so on (glossary). */
export type RshBracket = 40 | 50 | 60 | 70 | 80 | 90 | 100;

export type Ds49Member = {
  rut: string;
  birthDate?: IsoDate;
  /**
   * Date of the MINVU resolution that selected an earlier project where this person was invoked in a
   * household and GORE money financed the dwelling (seed 3.c). Null or absent when there was none.
   */
  previousGoreSolutionOn?: IsoDate | null;
  /** The person was a minor when invoked in that earlier household declaration (seed 3.c, second sentence). */
  wasMinorWhenInvoked?: boolean;
};

export type Ds49Family = {
  /** RUT of the applicant (head of household). */
  rut: string;
  rshPercentile: RshBracket;
  /** "Déficit Habitacional Alto" according to the RSH. */
  highDeficit: boolean;
  /** Members of the household declared in the application, the applicant included. */
  householdSize: number;
  /** Opening date of the housing savings instrument (libreta / cuenta de ahorro para la vivienda). */
  savingsInstrumentOpenedOn: IsoDate | null;
  /** The applicant's own earlier GORE-financed solution, if any (seed 3.c). */
  previousGoreSolutionOn?: IsoDate | null;
  /** The other members of the household, for the 5-year block of seed 3.c. */
  members?: readonly Ds49Member[];
};

export type Ds49Dwelling = {
  bedrooms: number;
  /** Initial built surface (m²). */
  surfaceM2: DecimalInput;
  /** Planned future extension (m²). */
  extensionM2: DecimalInput;
  /** Household size of the family assigned to this dwelling. */
  householdSize: number;
  /** The EP attached a social report justifying a third bedroom (seed 4.c). */
  hasSocialReport: boolean;
  /** Cost of this dwelling (UF) when it differs from the project's per-dwelling cost. */
  costUf?: DecimalInput;
  /** GORE contribution to this dwelling (UF) when it differs from the project's per-dwelling figure. */
  goreContributionUf?: DecimalInput;
};

/** Project types the small-project exception of seed 5 names. */
export type Ds49ProjectTypology =
  | 'densificacion_predial'
  | 'pequeno_condominio'
  | 'construccion_sitio_propio'
  | 'otra_linea_individual'
  | 'construccion_nuevos_terrenos'
  | 'megaproyecto';

export type Ds49BuildingPermit = 'permiso_aprobado' | 'anteproyecto_aprobado' | 'en_tramite' | 'sin_permiso';

export type Ds49Project = {
  /** Cost of each dwelling in UF, land and GORE contribution included (seed 4.b). */
  costUf: DecimalInput;
  /** GORE contribution per dwelling in UF (seed 4.b, "Aporte GORE máximo"). */
  goreContributionUf: DecimalInput;
  dwellings: readonly Ds49Dwelling[];
  /** Land area in hectares. */
  areaHa: DecimalInput;
  typology?: Ds49ProjectTypology;
  buildingPermit?: Ds49BuildingPermit;
};
