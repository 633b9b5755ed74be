import '@/lib/validations/zod-locale';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Ds49BuildingPermit, Ds49Family, Ds49ProjectTypology, RshBracket } from '@/lib/domain/ds49/types';
import { formatRut } from '@/lib/domain/rut';
import { cleanCellText, parseHouseholdSizeCell, parsePastDateCell, parseRshCell, parseRutCell, parseYesNoCell } from '@/lib/roster/values';
import type { CellParse } from '@/lib/roster/values';
import { amount } from './amount';

/** A D.S. N°49 group has at most a few hundred families; the cap keeps a pasted sheet from flooding the check. */
export const DS49_FAMILY_LIST_MAX = 500;

/** Columns of the pasted family list, in order; the last three may be left out. */
export const DS49_FAMILY_COLUMNS = [
  'RUT del postulante',
  'tramo RSH',
  'déficit habitacional alto (Sí/No)',
  'integrantes del hogar',
  'apertura del instrumento de ahorro (dd-mm-aaaa)',
  'solución GORE anterior de alguien del hogar (fecha, si la hubo)',
  'dormitorios de su vivienda (2 o 3)',
  'informe social (Sí/No)',
] as const;

export type Ds49FamilyLine = {
  /** Line of the pasted text, counted from 1, so messages point where the person looks. */
  line: number;
  family: Ds49Family;
  /** Null when the line leaves it out: the reglamento's base dwelling. */
  bedrooms: number | null;
  hasSocialReport: boolean;
};

export type Ds49FamilyListParse = { families: Ds49FamilyLine[]; errors: string[] };

const MAX_ERRORS_SHOWN = 5;

function delimiterOf(text: string): string {
  // Pasted from a spreadsheet the cells come tab-separated; typed by hand, the hint asks for «;».
  if (text.includes('\t')) return '\t';
  return text.includes(';') ? ';' : ',';
}

function parseBedroomsCell(text: string): CellParse<number | null> {
  if (!text) return { ok: true, value: null };
  const value = /^\d$/.test(text) ? Number(text) : Number.NaN;
  if (value >= 1 && value <= 6) return { ok: true, value };
  return { ok: false, message: `Los dormitorios deben ser un número entre 1 y 6 (se indicó «${text}»).` };
}

/**
 * The family list a group leader pastes: one family per line, cells separated by tab, «;» or «,». A first
 * line with column names is skipped. `today` is the server's date in Chile: no date may come after it.
 */
export function parseDs49FamilyList(text: string, today: string): Ds49FamilyListParse {
  const rows = Papa.parse<string[]>(text.trim(), { delimiter: delimiterOf(text), skipEmptyLines: 'greedy' }).data;
  const families: Ds49FamilyLine[] = [];
  const errors: string[] = [];
  const firstLineOfRut = new Map<string, number>();
  rows.forEach((raw, index) => {
    const line = index + 1;
    const cells = raw.map((cell) => cleanCellText(cell));
    if (index === 0 && /[a-zñ]{3}/i.test(cells[0] ?? '') && !parseRutCell(cells[0] ?? '').ok) return;
    const problems: string[] = [];
    const take = <T,>(parse: CellParse<T>): T | undefined => {
      if (parse.ok) return parse.value;
      problems.push(parse.message);
      return undefined;
    };
    const rut = take(parseRutCell(cells[0] ?? ''));
    const rsh = take(parseRshCell(cells[1] ?? ''));
    if (rsh === null) problems.push('Falta el tramo del Registro Social de Hogares (40, 50, …, 100).');
    const highDeficit = take(parseYesNoCell(cells[2] ?? '', 'el hogar tiene déficit habitacional alto', false));
    const householdSize = take(parseHouseholdSizeCell(cells[3] ?? ''));
    const savingsOpenedOn = take(parsePastDateCell(cells[4] ?? '', 'La fecha de apertura del ahorro', today));
    const previousGore = take(parsePastDateCell(cells[5] ?? '', 'La fecha de la solución GORE anterior', today));
    const bedrooms = take(parseBedroomsCell(cells[6] ?? ''));
    const hasSocialReport = take(parseYesNoCell(cells[7] ?? '', 'hay informe social', false));
    if (cells.length > DS49_FAMILY_COLUMNS.length && cells.slice(DS49_FAMILY_COLUMNS.length).some(Boolean))
      problems.push(`Tiene más de ${DS49_FAMILY_COLUMNS.length} columnas; revise el separador.`);
    if (rut !== undefined) {
      const earlier = firstLineOfRut.get(rut);
      if (earlier !== undefined) problems.push(`El RUT ${formatRut(rut)} ya está en la línea ${earlier}: una familia por postulante.`);
      else firstLineOfRut.set(rut, line);
    }
    if (problems.length > 0) {
      errors.push(`Línea ${line}: ${problems.join(' ')}`);
      return;
    }
    families.push({
      line,
      family: {
        rut: rut!,
        rshPercentile: rsh as RshBracket,
        highDeficit: highDeficit!,
        householdSize: householdSize!,
        savingsInstrumentOpenedOn: savingsOpenedOn ?? null,
        previousGoreSolutionOn: previousGore ?? null,
      },
      bedrooms: bedrooms ?? null,
      hasSocialReport: hasSocialReport!,
    });
  });
  return { families, errors };
}

function familyListMessage(errors: string[]): string {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).join(' ');
  const rest = errors.length - MAX_ERRORS_SHOWN;
  return rest > 0 ? `${shown} Y ${rest} ${rest === 1 ? 'línea más' : 'líneas más'} con errores.` : shown;
}

export const DS49_BUILDING_PERMITS: Record<Ds49BuildingPermit, string> = {
  permiso_aprobado: 'Permiso de Edificación aprobado',
  anteproyecto_aprobado: 'Anteproyecto aprobado por la Dirección de Obras',
  en_tramite: 'Permiso en trámite, sin anteproyecto aprobado',
  sin_permiso: 'Sin permiso ni anteproyecto',
};

export const DS49_TYPOLOGIES: Record<Ds49ProjectTypology, string> = {
  construccion_nuevos_terrenos: 'Construcción en nuevos terrenos',
  densificacion_predial: 'Densificación predial',
  pequeno_condominio: 'Pequeño condominio',
  construccion_sitio_propio: 'Construcción en sitio propio',
  otra_linea_individual: 'Otra línea individual',
  megaproyecto: 'Etapa de un megaproyecto',
};

const keysOf = <K extends string>(record: Record<K, string>) => Object.keys(record) as [K, ...K[]];

/**
 * The public D.S. N°49 group check: the comuna, the pasted family list and the project's figures. Built
 * for a given day (the server's, in Chile), because no date in the list may come after it.
 */
export function ds49GroupCheckSchema(today: string) {
  return z.object({
    comunaCode: z.string({ error: 'Elija la comuna del proyecto.' }).regex(/^\d{5}$/, 'Elija la comuna del proyecto.'),
    families: z
      .string({ error: 'Pegue la nómina de familias.' })
      .trim()
      .min(1, 'Pegue la nómina de familias: una por línea.')
      .transform((text, ctx) => {
        // A sheet far past the cap is refused before any line is read (one header line allowed).
        const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
        if (lines > DS49_FAMILY_LIST_MAX + 1) {
          ctx.addIssue({ code: 'custom', message: `La nómina tiene ${lines} líneas; el simulador revisa hasta ${DS49_FAMILY_LIST_MAX} familias.` });
          return [];
        }
        const parsed = parseDs49FamilyList(text, today);
        if (parsed.errors.length > 0) ctx.addIssue({ code: 'custom', message: familyListMessage(parsed.errors) });
        else if (parsed.families.length === 0) ctx.addIssue({ code: 'custom', message: 'La nómina no tiene familias: pegue una por línea.' });
        else if (parsed.families.length > DS49_FAMILY_LIST_MAX)
          ctx.addIssue({ code: 'custom', message: `La nómina tiene ${parsed.families.length} familias; el simulador revisa hasta ${DS49_FAMILY_LIST_MAX}.` });
        return parsed.families;
      }),
    costUf: amount('costUf', 'el costo por vivienda en UF'),
    goreContributionUf: amount('goreContributionUf', 'el aporte GORE por vivienda en UF'),
    surfaceM2: amount('surfaceM2', 'la superficie de la vivienda en m²'),
    extensionM2: amount('extensionM2', 'la ampliación proyectada en m²'),
    areaHa: amount('areaHa', 'la superficie del terreno en hectáreas').refine((v) => Number(v) > 0, 'La superficie del terreno debe ser mayor que 0.'),
    buildingPermit: z.enum(keysOf(DS49_BUILDING_PERMITS), { error: 'Indique el estado del Permiso de Edificación.' }),
    typology: z.enum(keysOf(DS49_TYPOLOGIES), { error: 'Indique el tipo de proyecto.' }),
  });
}

export type TDs49GroupCheckForm = z.output<ReturnType<typeof ds49GroupCheckSchema>>;
/** What the form holds: every field as the text the person typed. */
export type TDs49GroupCheckValues = Record<keyof TDs49GroupCheckForm, string>;

export type Ds49GroupCheckOutcome = {
  ok: boolean;
  families: number;
  presentedOn: string;
  exception: { kind: 'small_project' | 'serviu_resolution' | null; accepted: boolean };
  rules: { id: string; ok: boolean; waived: boolean; message: string }[];
};

export type Ds49GroupCheckState = {
  /** Counts the answers, so the form is drawn afresh with what was sent (a reset form would show its first defaults). */
  answer: number;
  values: TDs49GroupCheckValues;
  fieldErrors?: Record<string, string>;
  formError?: string;
  outcome?: Ds49GroupCheckOutcome;
};
