/**
 * The score columns of a roster (D.S. N°1 art. 65 household facts) as a person writes them in a cell or
 * picks them in the worker form: the words each value accepts, the short text the template and the
 * export write, and the readers with their Spanish messages. All of them are optional: an empty cell
 * means "not declared", which scores nothing for the factors that read it.
 */
import {
  CHOICE_FACT_VALUE_LABELS,
  CHOICE_FACT_VALUES,
  EARLIER_APPLICATIONS_MAX,
  HOUSEHOLD_FACT_LABELS,
  MEMBER_AGE_MAX,
  ZHouseholdFacts,
  type ChoiceFact,
  type THouseholdFacts,
} from '@/lib/domain/household-facts';
import type { CellParse } from '@/lib/roster/values';
import { HOUSEHOLD_SIZE_MAX } from '@/lib/roster/values';

/** The roster columns that hold household facts, in the order of the template. */
export const SCORE_FACT_COLUMN_KEYS = [
  'memberAges',
  'headOfHousehold',
  'membersWithDisability',
  'overcrowding',
  'dwellingType',
  'waterSource',
  'bathroom',
  'earlierApplications',
] as const satisfies readonly (keyof THouseholdFacts)[];
export type ScoreFactColumnKey = (typeof SCORE_FACT_COLUMN_KEYS)[number];

/** The heading of the worker form's group and of the reviewer's column. */
export const SCORE_FACTS_HEADING = 'Puntaje (D.S. N°1, art. 65)';

type ChoiceCells<F extends ChoiceFact> = Record<(typeof CHOICE_FACT_VALUES)[F][number], { cell: string; accepts: readonly string[] }>;

/**
 * Short cell text of each value (what the template's drop-downs offer and the export writes) and other
 * words people use for it. The long description (CHOICE_FACT_VALUE_LABELS) is accepted as well.
 */
export const CHOICE_FACT_CELLS: { [F in ChoiceFact]: ChoiceCells<F> } = {
  headOfHousehold: {
    no_jefatura: { cell: 'No', accepts: ['no es jefe', 'no es jefa', 'no es jefe de hogar', 'no es jefa de hogar', 'sin jefatura', 'n'] },
    con_pareja: { cell: 'Con pareja', accepts: ['biparental', 'con conyuge', 'con conviviente', 'con conyuge o conviviente', 'jefatura con pareja'] },
    monoparental: { cell: 'Monoparental', accepts: ['jefatura monoparental', 'sin pareja', 'jefa de hogar monoparental', 'jefe de hogar monoparental'] },
    unipersonal: { cell: 'Unipersonal', accepts: ['hogar unipersonal', 'vive solo', 'vive sola'] },
  },
  overcrowding: {
    sin: { cell: 'Sin', accepts: ['sin hacinamiento', 'no', 'no hay', 'ninguno'] },
    medio: { cell: 'Medio', accepts: ['hacinamiento medio', 'medio bajo', 'medio alto'] },
    critico: { cell: 'Crítico', accepts: ['hacinamiento critico'] },
  },
  dwellingType: {
    casa: { cell: 'Casa', accepts: [] },
    departamento: { cell: 'Departamento', accepts: ['depto', 'dpto', 'departamento en edificio'] },
    pieza: { cell: 'Pieza', accepts: ['pieza en casa antigua', 'conventillo', 'cite', 'pieza en conventillo'] },
    mediagua: { cell: 'Mediagua', accepts: ['media agua', 'mejora', 'rancho', 'choza'] },
    otro: { cell: 'Otro', accepts: ['otra', 'vivienda de emergencia', 'carpa'] },
  },
  waterSource: {
    red_publica: { cell: 'Red pública dentro', accepts: ['red publica', 'dentro', 'red publica dentro de la vivienda'] },
    red_publica_fuera: { cell: 'Red pública fuera', accepts: ['fuera', 'red publica fuera de la vivienda'] },
    otra: { cell: 'Otra', accepts: ['otra fuente', 'pozo', 'noria', 'rio', 'vertiente', 'camion aljibe', 'aljibe'] },
  },
  bathroom: {
    exclusivo: { cell: 'Exclusivo', accepts: ['uso exclusivo', 'de uso exclusivo', 'propio'] },
    compartido: { cell: 'Compartido', accepts: ['bano compartido'] },
    sin_bano: { cell: 'Sin baño', accepts: ['sin', 'no tiene', 'ninguno', 'letrina', 'pozo negro'] },
  },
};

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const CHOICE_INDEX: { [F in ChoiceFact]: ReadonlyMap<string, string> } = (() => {
  const out = {} as { [F in ChoiceFact]: Map<string, string> };
  for (const fact of Object.keys(CHOICE_FACT_CELLS) as ChoiceFact[]) {
    const index = new Map<string, string>();
    const cells = CHOICE_FACT_CELLS[fact] as Record<string, { cell: string; accepts: readonly string[] }>;
    const labels = CHOICE_FACT_VALUE_LABELS[fact] as Record<string, string>;
    for (const [value, { cell, accepts }] of Object.entries(cells)) {
      for (const word of [value, value.replace(/_/g, ' '), cell, labels[value] ?? '', ...accepts]) if (word) index.set(fold(word), value);
    }
    out[fact] = index;
  }
  return out;
})();

/** Short cell text of a value ('' for null). */
export function choiceFactCell(fact: ChoiceFact, value: string | null): string {
  if (value === null) return '';
  return (CHOICE_FACT_CELLS[fact] as Record<string, { cell: string }>)[value]?.cell ?? value;
}

/** The options of a choice fact for a drop-down: value = the short cell text, label = the description. */
export function choiceFactOptions(fact: ChoiceFact): { value: string; label: string }[] {
  const labels = CHOICE_FACT_VALUE_LABELS[fact] as Record<string, string>;
  return CHOICE_FACT_VALUES[fact].map((value) => ({ value: choiceFactCell(fact, value), label: labels[value] ?? value }));
}

const ok = <T>(value: T): CellParse<T> => ({ ok: true, value });
const fail = <T>(message: string): CellParse<T> => ({ ok: false, message });

export function parseChoiceFactCell<F extends ChoiceFact>(fact: F, text: string): CellParse<(typeof CHOICE_FACT_VALUES)[F][number] | null> {
  if (!text) return ok(null);
  const value = CHOICE_INDEX[fact].get(fold(text));
  if (value) return ok(value as (typeof CHOICE_FACT_VALUES)[F][number]);
  const cells = CHOICE_FACT_VALUES[fact].map((v) => `«${choiceFactCell(fact, v)}»`);
  const choices = `${cells.slice(0, -1).join(', ')} o ${cells[cells.length - 1]}`;
  return fail(`${HOUSEHOLD_FACT_LABELS[fact]}: escriba ${choices} (se indicó «${text}»). Déjelo vacío si no lo declara.`);
}

function parseWholeNumber(text: string): number | null {
  const match = /^(\d{1,3})(?:,0+)?$/.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** Integrantes con discapacidad: a whole number from 0 to the household maximum, or empty. */
export function parseMembersWithDisabilityCell(text: string): CellParse<number | null> {
  if (!text) return ok(null);
  const value = parseWholeNumber(text);
  if (value !== null && value <= HOUSEHOLD_SIZE_MAX) return ok(value);
  return fail(
    `Los integrantes con discapacidad deben ser un número entero entre 0 y ${HOUSEHOLD_SIZE_MAX} (se indicó «${text}»). Escriba 0 si no hay; déjelo vacío si no lo declara.`,
  );
}

/** Postulaciones anteriores: a whole number from 0, or empty. */
export function parseEarlierApplicationsCell(text: string): CellParse<number | null> {
  if (!text) return ok(null);
  const value = parseWholeNumber(text);
  if (value !== null && value <= EARLIER_APPLICATIONS_MAX) return ok(value);
  return fail(
    `Las postulaciones anteriores deben ser un número entero entre 0 y ${EARLIER_APPLICATIONS_MAX} (se indicó «${text}»). Escriba 0 si es la primera; déjelo vacío si no lo declara.`,
  );
}

/**
 * Edades de los integrantes: whole years, one per member, separated by semicolons (commas, slashes or
 * «y» also work): "38; 35; 9". An Excel number such as 38 (one member) is read too.
 */
export function parseMemberAgesCell(text: string): CellParse<number[] | null> {
  if (!text) return ok(null);
  const parts = text
    .split(/\s*(?:;|,|\/|\|| y |\s)\s*/i)
    .map((part) => part.trim().replace(/\s*años?$/i, ''))
    .filter(Boolean);
  if (parts.length === 0) return ok(null);
  const ages: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,4}$/.test(part))
      return fail(
        `Las edades de los integrantes deben ser años cumplidos separados por punto y coma, por ejemplo 38; 35; 9 (se indicó «${text}»; «${part}» no es una edad).`,
      );
    const age = Number(part);
    if (age > MEMBER_AGE_MAX)
      return fail(`La edad ${age} no es posible (máximo ${MEMBER_AGE_MAX} años); escriba la edad en años cumplidos, no el año de nacimiento.`);
    ages.push(age);
  }
  if (ages.length > HOUSEHOLD_SIZE_MAX)
    return fail(`Se indicaron ${ages.length} edades; un hogar puede tener hasta ${HOUSEHOLD_SIZE_MAX} integrantes.`);
  return ok(ages);
}

export function formatMemberAges(ages: readonly number[] | null): string {
  return ages === null ? '' : ages.join('; ');
}

/** The cells of the score columns, as the template and the export write them. */
export function scoreFactCells(entry: Partial<THouseholdFacts>): Record<ScoreFactColumnKey, string> {
  const facts = householdFactsOf(entry);
  return {
    memberAges: formatMemberAges(facts.memberAges),
    headOfHousehold: choiceFactCell('headOfHousehold', facts.headOfHousehold),
    membersWithDisability: facts.membersWithDisability === null ? '' : String(facts.membersWithDisability),
    overcrowding: choiceFactCell('overcrowding', facts.overcrowding),
    dwellingType: choiceFactCell('dwellingType', facts.dwellingType),
    waterSource: choiceFactCell('waterSource', facts.waterSource),
    bathroom: choiceFactCell('bathroom', facts.bathroom),
    earlierApplications: facts.earlierApplications === null ? '' : String(facts.earlierApplications),
  };
}

/** The household facts of an entry (or of anything with the score columns), as stored. */
export function householdFactsOf(entry: Partial<Pick<THouseholdFacts, ScoreFactColumnKey>>): THouseholdFacts {
  return ZHouseholdFacts.parse(Object.fromEntries(SCORE_FACT_COLUMN_KEYS.map((key) => [key, entry[key]])));
}
