/**
 * What an applicant's household declares for the individual score (D.S. N°1 art. 65: Grupo Familiar,
 * Vulnerabilidad Habitacional, Antigüedad de la postulación). These are facts about the household, as
 * the Registro Social de Hogares and the applicant's file show them; how many points each fact is worth
 * is never decided here but by the call's point tables (`score.factors` of ZCallParameters).
 *
 * Every fact is optional: null means "not declared", which scores nothing for the factors that read it.
 */
import { z } from 'zod';

/** Whole years; far above any living person, catches a year of birth typed as an age. */
export const MEMBER_AGE_MAX = 120;
export const HOUSEHOLD_MEMBERS_MAX = 20;
/** Earlier applications to a housing subsidy; more than this is a typing error, not a history. */
export const EARLIER_APPLICATIONS_MAX = 50;

export const HEAD_OF_HOUSEHOLD_KINDS = ['no_jefatura', 'con_pareja', 'monoparental', 'unipersonal'] as const;
export const OVERCROWDING_LEVELS = ['sin', 'medio', 'critico'] as const;
export const DWELLING_TYPES = ['casa', 'departamento', 'pieza', 'mediagua', 'otro'] as const;
export const WATER_SOURCES = ['red_publica', 'red_publica_fuera', 'otra'] as const;
export const BATHROOM_KINDS = ['exclusivo', 'compartido', 'sin_bano'] as const;

export type HeadOfHouseholdKind = (typeof HEAD_OF_HOUSEHOLD_KINDS)[number];
export type OvercrowdingLevel = (typeof OVERCROWDING_LEVELS)[number];
export type DwellingType = (typeof DWELLING_TYPES)[number];
export type WaterSource = (typeof WATER_SOURCES)[number];
export type BathroomKind = (typeof BATHROOM_KINDS)[number];

/** The facts that take one of a fixed set of values, and those values. */
export const CHOICE_FACT_VALUES = {
  headOfHousehold: HEAD_OF_HOUSEHOLD_KINDS,
  overcrowding: OVERCROWDING_LEVELS,
  dwellingType: DWELLING_TYPES,
  waterSource: WATER_SOURCES,
  bathroom: BATHROOM_KINDS,
} as const;
export type ChoiceFact = keyof typeof CHOICE_FACT_VALUES;
export const CHOICE_FACTS = Object.keys(CHOICE_FACT_VALUES) as ChoiceFact[];

/** The facts that count people or events. `memberAges` counts the members whose age falls in a range. */
export const COUNT_FACTS = ['householdMembers', 'memberAges', 'membersWithDisability', 'earlierApplications'] as const;
export type CountFact = (typeof COUNT_FACTS)[number];

export type HouseholdFact = CountFact | ChoiceFact;

/** Spanish names of the facts, for the call's tables, the breakdown and messages. */
export const HOUSEHOLD_FACT_LABELS: Record<HouseholdFact, string> = {
  householdMembers: 'Integrantes del hogar',
  memberAges: 'Edades de los integrantes',
  membersWithDisability: 'Integrantes con discapacidad',
  earlierApplications: 'Postulaciones anteriores',
  headOfHousehold: 'Jefatura de hogar',
  overcrowding: 'Hacinamiento',
  dwellingType: 'Tipo de vivienda actual',
  waterSource: 'Abastecimiento de agua',
  bathroom: 'Baño',
};

/** Spanish description of each value of each choice fact. */
export const CHOICE_FACT_VALUE_LABELS: { [F in ChoiceFact]: Record<(typeof CHOICE_FACT_VALUES)[F][number], string> } = {
  headOfHousehold: {
    no_jefatura: 'No es jefe ni jefa de hogar',
    con_pareja: 'Jefatura de hogar con cónyuge o conviviente',
    monoparental: 'Jefatura de hogar monoparental (sin cónyuge ni conviviente, con hijos u otras cargas)',
    unipersonal: 'Hogar unipersonal (vive solo o sola)',
  },
  overcrowding: {
    sin: 'Sin hacinamiento (menos de 2,5 personas por dormitorio)',
    medio: 'Hacinamiento medio (de 2,5 a 4,9 personas por dormitorio)',
    critico: 'Hacinamiento crítico (5 o más personas por dormitorio)',
  },
  dwellingType: {
    casa: 'Casa',
    departamento: 'Departamento en edificio',
    pieza: 'Pieza en casa antigua, conventillo o cité',
    mediagua: 'Mediagua, mejora, rancho o choza',
    otro: 'Otro tipo (vivienda de emergencia, carpa u otro)',
  },
  waterSource: {
    red_publica: 'Red pública con llave dentro de la vivienda',
    red_publica_fuera: 'Red pública con llave fuera de la vivienda',
    otra: 'Pozo, noria, río, vertiente, camión aljibe u otra fuente',
  },
  bathroom: {
    exclusivo: 'Baño de uso exclusivo del hogar',
    compartido: 'Baño compartido con otro hogar',
    sin_bano: 'Sin baño (letrina, pozo negro o ninguno)',
  },
};

export function choiceFactValueLabel(fact: ChoiceFact, value: string): string {
  return (CHOICE_FACT_VALUE_LABELS[fact] as Record<string, string>)[value] ?? value;
}

const nullableDefault = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

/**
 * The declared facts as stored with a roster entry (roster_entries.score_facts). Missing keys read as
 * null, so entries stored before a fact existed still parse. Household size is not here: it is a
 * column of its own (the income cap uses it too) and joins these facts in {@link TScoreFacts}.
 */
export const ZHouseholdFacts = z.object({
  /** Age in whole years of every member, the worker included. */
  memberAges: nullableDefault(z.array(z.number().int().min(0).max(MEMBER_AGE_MAX)).min(1).max(HOUSEHOLD_MEMBERS_MAX)),
  headOfHousehold: nullableDefault(z.enum(HEAD_OF_HOUSEHOLD_KINDS)),
  membersWithDisability: nullableDefault(z.number().int().min(0).max(HOUSEHOLD_MEMBERS_MAX)),
  overcrowding: nullableDefault(z.enum(OVERCROWDING_LEVELS)),
  dwellingType: nullableDefault(z.enum(DWELLING_TYPES)),
  waterSource: nullableDefault(z.enum(WATER_SOURCES)),
  bathroom: nullableDefault(z.enum(BATHROOM_KINDS)),
  earlierApplications: nullableDefault(z.number().int().min(0).max(EARLIER_APPLICATIONS_MAX)),
});
export type THouseholdFacts = z.output<typeof ZHouseholdFacts>;
export const HOUSEHOLD_FACT_KEYS = Object.keys(ZHouseholdFacts.shape) as (keyof THouseholdFacts)[];

/** Everything the individual score reads about one applicant's household. */
export type TScoreFacts = THouseholdFacts & { householdSize: number };

export const NO_HOUSEHOLD_FACTS: THouseholdFacts = ZHouseholdFacts.parse({});

/** Whether any fact is declared (for showing «sin antecedentes de puntaje»). */
export function hasHouseholdFacts(facts: THouseholdFacts): boolean {
  return HOUSEHOLD_FACT_KEYS.some((key) => facts[key] !== null);
}

/**
 * Stored facts read back (roster_entries.score_facts, selection inputs): a value the current schema
 * does not accept reads as not declared rather than breaking the pages that show it.
 */
export function readHouseholdFacts(stored: unknown): THouseholdFacts {
  const source = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of HOUSEHOLD_FACT_KEYS) {
    const parsed = ZHouseholdFacts.shape[key].safeParse(source[key]);
    out[key] = parsed.success ? parsed.data : null;
  }
  return out as THouseholdFacts;
}

function joinSpanish(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** One declared fact as a reviewer reads it: «Edades de los integrantes: 38, 35 y 9 años». */
export interface DescribedHouseholdFact {
  fact: keyof THouseholdFacts;
  label: string;
  value: string;
}

/** The declared facts of a household, in Spanish, in the order of the roster columns; undeclared ones are left out. */
export function describeHouseholdFacts(facts: THouseholdFacts): DescribedHouseholdFact[] {
  const out: DescribedHouseholdFact[] = [];
  for (const fact of HOUSEHOLD_FACT_KEYS) {
    const value = facts[fact];
    if (value === null) continue;
    let text: string;
    if (Array.isArray(value)) text = `${joinSpanish(value.map(String))} ${value.length === 1 && value[0] === 1 ? 'año' : 'años'}`;
    else if (typeof value === 'number') text = String(value);
    else text = choiceFactValueLabel(fact as ChoiceFact, value);
    out.push({ fact, label: HOUSEHOLD_FACT_LABELS[fact], value: text });
  }
  return out;
}
