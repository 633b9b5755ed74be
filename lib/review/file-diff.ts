/**
 * What changed in an application's file between two moments: the file as it stood when a round of
 * observations was sent (its baseline) and the file now. Pure: the data layer captures both states
 * (lib/dal/file-state.ts) and this compares them, field by field, worker by worker, with the labels an
 * official reads in the forms.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { formatRut } from '@/lib/domain/rut';
import { ROSTER_COLUMN_BY_KEY, ROSTER_COLUMN_KEYS } from '@/lib/roster/columns';
import type { RosterColumnKey } from '@/lib/roster/columns';
import type { TRosterEntryInput } from '@/lib/roster/schema';
import { rosterEntryToCells } from '@/lib/roster/template';
import type { RosterBand, RshPercentile } from '@/lib/roster/values';
import {
  committeeSideLabels,
  contributionPartyLabels,
  projectTypeLabels,
  sectionKeys,
} from '@/lib/validations/sections';
import type { SectionKey } from '@/lib/validations/sections';

// ───────────────────────────── the captured state ─────────────────────────────

const ZRosterRow = z.object({
  id: z.string(),
  rut: z.string(),
  firstNames: z.string(),
  lastNames: z.string(),
  unionMember: z.boolean(),
  rshPercentile: z.number().nullable(),
  householdSize: z.number(),
  monthlyIncomeClp: z.number(),
  savingsUf: z.string(),
  savingsDepositedUf: z.string(),
  band: z.number(),
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  /** The roster entry this worker replaced, for a replacement. */
  replacesEntryId: z.string().nullable(),
});

/** The file at one moment: what an applicant can change in it. Stored as jsonb with each sent round. */
export const ZFileState = z.object({
  format: z.literal(1),
  capturedAt: z.string(),
  projectName: z.string(),
  comunaCode: z.string().nullable(),
  sections: z.record(z.string(), z.unknown()),
  dwellings: z.array(z.object({ band: z.number(), count: z.number(), priceUf: z.string() })),
  /** The active roster. */
  roster: z.array(ZRosterRow),
  /** Every stored document version of the application (ids), current or superseded. */
  documentIds: z.array(z.string()),
});
export type FileState = z.output<typeof ZFileState>;
export type FileStateRosterRow = z.output<typeof ZRosterRow>;

// ───────────────────────────── section fields ─────────────────────────────

export interface FieldChange {
  section: SectionKey;
  /** Path of the field in the section ("dominio.certificateIssuedOn", "typologies.1.areaM2"). */
  field: string;
  /** The field as the form names it ("Tipología 2 › Superficie (m²)"). */
  label: string;
  before: string;
  after: string;
}

/**
 * Labels by path pattern («#» stands for a position in a list, or a band): a group's label is
 * prefixed to its fields' labels. `{n}` is the position counted from 1 (the band itself for dwellings).
 */
const FIELD_LABELS: Record<SectionKey, Record<string, string>> = {
  proyecto: {
    projectName: 'Nombre del proyecto',
    comunaCode: 'Comuna del terreno',
    projectType: 'Tipo de proyecto',
    'typologies.#': 'Tipología {n}',
    'typologies.#.name': 'Nombre',
    'typologies.#.areaM2': 'Superficie (m²)',
    'typologies.#.bedrooms': 'Dormitorios',
    'dwellings.#': 'Tramo {band}',
    'dwellings.#.#': 'línea {n}',
    'dwellings.#.#.count': 'Viviendas',
    'dwellings.#.#.priceUf': 'Precio por vivienda (UF)',
  },
  gantt: {
    'gantt.#': 'Carta Gantt, hito {n}',
    'gantt.#.title': 'Hito',
    'gantt.#.startOn': 'Inicio planificado',
    'gantt.#.endOn': 'Término planificado',
  },
  convenio: {
    landCession: 'Cesión del terreno al grupo',
    landCessionDescription: 'Terreno que se cede y condiciones de la cesión',
    unionWorkers: 'Socios del sindicato o asociación',
    nonUnionWorkers: 'Trabajadores que no son socios',
    'contributions.#': 'Aporte {n}',
    'contributions.#.party': 'Quién aporta',
    'contributions.#.description': 'Aporte',
    'contributions.#.materialization': 'Cómo y cuándo se materializa',
    'contributions.#.amountUf': 'Valor estimado (UF)',
    builder: 'Constructora',
    'builder.name': 'Nombre o razón social',
    'builder.rut': 'RUT',
    'builder.registryNumber': 'N° de inscripción en el Registro Nacional de Contratistas',
    postSaleReport: 'Obligación de exigir el informe de post venta y calidad de la construcción',
    technicalSupport: 'Apoyo técnico que aporta el empleador',
  },
  comite: {
    'committee.#': 'Comité de Proyecto, integrante {n}',
    'committee.#.name': 'Nombre completo',
    'committee.#.rut': 'RUT',
    'committee.#.side': 'Representa a',
    'committee.#.position': 'Cargo o función',
  },
  terreno: {
    situation: 'Situación del terreno',
    address: 'Dirección o ubicación del terreno',
    rolAvaluo: 'Rol de avalúo',
    dominio: 'Certificado de dominio vigente',
    'dominio.conservador': 'Conservador de Bienes Raíces',
    'dominio.fojas': 'Fojas',
    'dominio.numero': 'Número',
    'dominio.anio': 'Año',
    promesa: 'Promesa de compraventa',
    'promesa.notary': 'Notaría',
    'promesa.signedOn': 'Fecha de la promesa',
    'promesa.sellerName': 'Promitente vendedor',
    'promesa.sellerRut': 'RUT del promitente vendedor',
    'promesa.sellerTitle': 'Inscripción del vendedor',
    'promesa.sellerTitle.conservador': 'Conservador de Bienes Raíces',
    'promesa.sellerTitle.fojas': 'Fojas',
    'promesa.sellerTitle.numero': 'Número',
    'promesa.sellerTitle.anio': 'Año',
  },
};

const landSituationLabels: Record<string, string> = {
  dominio: 'Terreno del empleador, con certificado de dominio vigente',
  promesa: 'Promesa de compraventa',
};

const EMPTY = '(vacío)';

/** A calendar date "AAAA-MM-DD" as Chileans write it ("24-11-2026"). */
function chileanDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}

/** A decimal as es-CL writes it ("1.600", "55,4"), exactly (never through a float). */
function chileanDecimal(value: string): string {
  let parsed: Decimal;
  try {
    parsed = new Decimal(value);
  } catch {
    return value;
  }
  const [whole = '0', fraction] = parsed.toFixed().replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${parsed.isNegative() ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

type Formatter = (value: string, context: DiffContext) => string;

const yesNo: Formatter = (value) => (value === 'true' || value === 'si' ? 'Sí' : value === 'false' || value === 'no' ? 'No' : value);
const rut: Formatter = (value) => formatRut(value);
const date: Formatter = (value) => chileanDate(value);
const decimal: Formatter = (value) => chileanDecimal(value);

const FIELD_FORMATS: Record<SectionKey, Record<string, Formatter>> = {
  proyecto: {
    comunaCode: (value, context) => context.comunaName(value) ?? value,
    projectType: (value) => projectTypeLabels[value as keyof typeof projectTypeLabels] ?? value,
    'typologies.#.areaM2': decimal,
    'dwellings.#.#.priceUf': decimal,
  },
  gantt: {
    'gantt.#.startOn': date,
    'gantt.#.endOn': date,
  },
  convenio: {
    landCession: yesNo,
    postSaleReport: yesNo,
    'contributions.#.party': (value) => contributionPartyLabels[value as keyof typeof contributionPartyLabels] ?? value,
    'contributions.#.amountUf': decimal,
    'builder.rut': rut,
  },
  comite: {
    'committee.#.rut': rut,
    'committee.#.side': (value) => committeeSideLabels[value as keyof typeof committeeSideLabels] ?? value,
  },
  terreno: {
    situation: (value) => landSituationLabels[value] ?? value,
    'promesa.signedOn': date,
    'promesa.sellerRut': rut,
  },
};

export interface DiffContext {
  /** The name of a comuna by its CUT code, when known. */
  comunaName: (code: string) => string | null;
}

type Leaf = string | number | boolean | null;

/** Leaves of a section as "path → value"; list items by position. */
function flatten(value: unknown, path: string[] = [], out: Map<string, { path: string[]; value: Leaf }> = new Map()) {
  if (Array.isArray(value)) value.forEach((item, index) => flatten(item, [...path, String(index)], out));
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, [...path, key], out);
  else if (path.length > 0) out.set(path.join('.'), { path, value: (value ?? null) as Leaf });
  return out;
}

/** Whether a path segment stands for a position (list index or band) rather than a named field. */
function isPosition(section: SectionKey, prefix: readonly string[], segment: string): boolean {
  return /^\d+$/.test(segment) && `${[...prefix.map((p) => (/^\d+$/.test(p) ? '#' : p)), '#'].join('.')}` in FIELD_LABELS[section];
}

function patternOf(section: SectionKey, path: readonly string[]): string {
  return path.map((segment, i) => (isPosition(section, path.slice(0, i), segment) ? '#' : segment)).join('.');
}

/** "Tipología 2 › Superficie (m²)": the labels of the path's groups and of the field itself. */
export function fieldLabel(section: SectionKey, path: readonly string[]): string {
  const labels = FIELD_LABELS[section];
  const parts: string[] = [];
  for (let i = 1; i <= path.length; i++) {
    const prefix = path.slice(0, i);
    const label = labels[patternOf(section, prefix)];
    if (!label) continue;
    const position = path[i - 1]!;
    parts.push(label.replace('{n}', String(Number(position) + 1)).replace('{band}', position));
  }
  return parts.length > 0 ? parts.join(' › ') : path.join('.');
}

function display(section: SectionKey, path: readonly string[], value: Leaf | undefined, context: DiffContext): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const text = String(value);
  const format = FIELD_FORMATS[section][patternOf(section, path)];
  if (format) return format(text, context);
  if (typeof value === 'boolean') return value ? 'Sí' : 'No';
  return text;
}

/** What each section owns in a captured state: its stored entry, plus name, comuna and dwellings for Proyecto. */
function sectionContent(state: FileState, section: SectionKey): unknown {
  const stored = state.sections[section];
  if (section !== 'proyecto') return stored ?? null;
  const own = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return {
    projectName: state.projectName,
    comunaCode: state.comunaCode,
    projectType: own.projectType ?? null,
    typologies: own.typologies ?? [],
    // Keyed by band, so a band that appears or disappears does not shift the others; a band may have
    // several lines (prices), listed in the order stored.
    dwellings: Object.fromEntries(
      [...new Set(state.dwellings.filter((d) => d.count > 0).map((d) => d.band))].map((band) => [
        String(band),
        state.dwellings.filter((d) => d.band === band && d.count > 0).map((d) => ({ count: d.count, priceUf: d.priceUf })),
      ]),
    ),
  };
}

/**
 * Where a field comes in its form, as a sortable list: the rank of each group and field in the label
 * table (which follows the form), and the position of each list item. Stored jsonb does not keep the
 * order of an object's keys, so the order is taken from the form instead.
 */
function formOrder(section: SectionKey, path: readonly string[]): number[] {
  const keys = Object.keys(FIELD_LABELS[section]);
  const order: number[] = [];
  for (let i = 1; i <= path.length; i++) {
    const segment = path[i - 1]!;
    if (isPosition(section, path.slice(0, i - 1), segment)) {
      order.push(Number(segment));
      continue;
    }
    const pattern = patternOf(section, path.slice(0, i));
    const rank = keys.findIndex((k) => k === pattern || k.startsWith(`${pattern}.`));
    order.push(rank < 0 ? keys.length : rank);
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Every field of the applicant's sections whose shown value differs, with before → after, in the forms' order. */
export function diffSectionFields(before: FileState, after: FileState, context: DiffContext): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const section of sectionKeys) {
    const old = flatten(sectionContent(before, section));
    const now = flatten(sectionContent(after, section));
    const found: { order: number[]; change: FieldChange }[] = [];
    for (const key of new Set([...now.keys(), ...old.keys()])) {
      const path = (now.get(key) ?? old.get(key))!.path;
      const was = display(section, path, old.get(key)?.value, context);
      const is = display(section, path, now.get(key)?.value, context);
      if (was !== is) found.push({ order: formOrder(section, path), change: { section, field: key, label: fieldLabel(section, path), before: was, after: is } });
    }
    changes.push(...found.sort((a, b) => compareOrder(a.order, b.order)).map((f) => f.change));
  }
  return changes;
}

// ───────────────────────────── roster rows ─────────────────────────────

export interface RosterCellChange {
  column: RosterColumnKey;
  /** The column's header, as the roster template and the forms name it. */
  label: string;
  before: string;
  after: string;
}

export type RosterRowChange =
  | { kind: 'modificado'; entryId: string; worker: string; changes: RosterCellChange[] }
  | { kind: 'reemplazo'; entryId: string; worker: string; replaced: string }
  | { kind: 'agregado'; entryId: string; worker: string }
  | { kind: 'quitado'; entryId: string; worker: string };

function asEntry(row: FileStateRosterRow): TRosterEntryInput {
  return {
    rut: row.rut,
    firstNames: row.firstNames,
    lastNames: row.lastNames,
    unionMember: row.unionMember,
    rshPercentile: row.rshPercentile as RshPercentile | null,
    householdSize: row.householdSize,
    monthlyIncomeClp: row.monthlyIncomeClp,
    savingsUf: row.savingsUf,
    savingsDepositedUf: row.savingsDepositedUf,
    band: row.band as RosterBand,
    birthDate: row.birthDate,
    email: row.email,
  };
}

/** "Camila Reyes Soto (RUT 21.234.567-8)". */
export function workerLabel(row: Pick<FileStateRosterRow, 'firstNames' | 'lastNames' | 'rut'>): string {
  return `${row.firstNames} ${row.lastNames} (RUT ${formatRut(row.rut)})`;
}

/**
 * Roster rows, matched by entry: a worker's changed cells (before → after, shown as the roster shows
 * them), replacements (a new entry naming the one it replaced), and any worker added or gone otherwise.
 */
export function diffRosterRows(before: FileState, after: FileState): RosterRowChange[] {
  const old = new Map(before.roster.map((r) => [r.id, r]));
  const now = new Map(after.roster.map((r) => [r.id, r]));
  const changes: RosterRowChange[] = [];
  for (const row of after.roster) {
    const was = old.get(row.id);
    if (was) {
      const a = rosterEntryToCells(asEntry(was));
      const b = rosterEntryToCells(asEntry(row));
      const cells = ROSTER_COLUMN_KEYS.filter((key) => a[key] !== b[key]).map((key) => ({
        column: key,
        label: ROSTER_COLUMN_BY_KEY[key].header,
        before: a[key] === '' ? EMPTY : a[key],
        after: b[key] === '' ? EMPTY : b[key],
      }));
      if (cells.length > 0) changes.push({ kind: 'modificado', entryId: row.id, worker: workerLabel(row), changes: cells });
    } else {
      const replaced = row.replacesEntryId ? old.get(row.replacesEntryId) : undefined;
      if (replaced) changes.push({ kind: 'reemplazo', entryId: row.id, worker: workerLabel(row), replaced: workerLabel(replaced) });
      else changes.push({ kind: 'agregado', entryId: row.id, worker: workerLabel(row) });
    }
  }
  const replacedIds = new Set(after.roster.map((r) => r.replacesEntryId).filter((id): id is string => id !== null));
  for (const row of before.roster)
    if (!now.has(row.id) && !replacedIds.has(row.id)) changes.push({ kind: 'quitado', entryId: row.id, worker: workerLabel(row) });
  return changes;
}

/** Document versions stored after the baseline was captured. */
export function newDocumentIds(before: FileState, after: FileState): string[] {
  const old = new Set(before.documentIds);
  return after.documentIds.filter((id) => !old.has(id));
}
