/**
 * Schemas of the application's sections (Proyecto, Carta Gantt, Convenio de Trabajo, Comité de Proyecto,
 * Terreno), shared by the form
 * (zodResolver) and the server action. Form values are the strings the browser holds; the parsed output
 * is what is stored under `applications.sections[<key>]` (numbers, normalised RUTs and decimals).
 * Contents: the 2022 call, «Requisitos de postulación» (Convenio de Trabajo) and «Antecedentes de postulación».
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { formatRut, normalizeRut, parseRut, rutErrorMessage } from '@/lib/domain/rut';

export const sectionKeys = ['proyecto', 'gantt', 'convenio', 'comite', 'terreno'] as const;
export type SectionKey = (typeof sectionKeys)[number];

// ——— shared field helpers ———

function requiredText(message: string, max = 200) {
  return z.string().trim().min(1, message).max(max, `Use como máximo ${max} caracteres.`);
}

function optionalText(max = 200) {
  return z.string().trim().max(max, `Use como máximo ${max} caracteres.`);
}

/**
 * Reads a decimal typed the Chilean way or the plain way: "1200", "1.200", "1200,5", "1.200,50",
 * "1200.5". Returns canonical text ("1200.5") or null when it is not a number.
 */
export function normalizeDecimalText(input: string): string | null {
  const text = input.trim().replace(/\s/g, '');
  if (text === '') return null;
  let plain: string;
  if (text.includes(',')) plain = text.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) plain = text.replace(/\./g, '');
  else plain = text;
  if (!/^\d+(\.\d+)?$/.test(plain)) return null;
  return new Decimal(plain).toFixed();
}

function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** A positive decimal with at most `places` decimals, kept as exact text. */
function decimalText(messages: { required: string; invalid: string }, options: { max: string; places: number; maxMessage: string }) {
  return z.string().transform((value, ctx) => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: messages.required });
      return z.NEVER;
    }
    const normal = normalizeDecimalText(value);
    if (normal === null || new Decimal(normal).lte(0)) {
      ctx.addIssue({ code: 'custom', message: messages.invalid });
      return z.NEVER;
    }
    if (decimalPlaces(normal) > options.places) {
      ctx.addIssue({ code: 'custom', message: `Use como máximo ${options.places} decimales.` });
      return z.NEVER;
    }
    if (new Decimal(normal).gt(options.max)) {
      ctx.addIssue({ code: 'custom', message: options.maxMessage });
      return z.NEVER;
    }
    return normal;
  });
}

/** A whole number typed in a text box, between min and max. */
function wholeNumber(messages: { required: string; range: string }, min: number, max: number) {
  return z.string().transform((value, ctx) => {
    const text = value.trim().replace(/\./g, '');
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: messages.required });
      return z.NEVER;
    }
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      ctx.addIssue({ code: 'custom', message: messages.range });
      return z.NEVER;
    }
    return Number(text);
  });
}

/** A RUT in any usual writing, stored normalised ("12345678-5"); the message names the expected digit. */
function rutField(requiredMessage: string) {
  return z.string().transform((value, ctx) => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: requiredMessage });
      return z.NEVER;
    }
    const parsed = parseRut(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: rutErrorMessage(parsed) });
      return z.NEVER;
    }
    return parsed.rut;
  });
}

/** A calendar date from <input type="date"> ("AAAA-MM-DD") that exists and is within a sane range. */
export function calendarDate(requiredMessage: string) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: requiredMessage });
      return;
    }
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const probe = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    const exists =
      match !== null &&
      probe !== null &&
      probe.getUTCFullYear() === Number(match[1]) &&
      probe.getUTCMonth() === Number(match[2]) - 1 &&
      probe.getUTCDate() === Number(match[3]);
    if (!exists) {
      ctx.addIssue({ code: 'custom', message: 'Escriba una fecha válida (día, mes y año).' });
      return;
    }
    const year = Number(match[1]);
    if (year < 1900 || year > 2100) ctx.addIssue({ code: 'custom', message: 'El año de la fecha debe estar entre 1900 y 2100.' });
  });
}

// ——— Proyecto (owner: entidad patrocinante) ———

/**
 * Kinds of project of the collective modality (the 2022 call: «tipo de proyecto»; the names are the
 * MINVU typologies the call documents use, the GORE Magallanes reglamento «densificación predial, pequeños condominios…»).
 */
export const projectTypes = ['construccion_nuevos_terrenos', 'densificacion_predial', 'pequeno_condominio', 'etapa_megaproyecto'] as const;
export type ProjectType = (typeof projectTypes)[number];
export const projectTypeLabels: Record<ProjectType, string> = {
  construccion_nuevos_terrenos: 'Construcción en nuevos terrenos',
  densificacion_predial: 'Densificación predial',
  pequeno_condominio: 'Pequeño condominio',
  etapa_megaproyecto: 'Etapa de un megaproyecto',
};

export const ZTypology = z.object({
  name: requiredText('Escriba el nombre de la tipología (por ejemplo, «Casa A» o «Departamento 3D»).', 60),
  areaM2: decimalText(
    { required: 'Indique la superficie de la vivienda en m².', invalid: 'Escriba la superficie en m² como número, por ejemplo 55,4.' },
    { max: '500', places: 2, maxMessage: 'La superficie no puede superar 500 m².' },
  ),
  bedrooms: wholeNumber({ required: 'Indique cuántos dormitorios tiene.', range: 'Los dormitorios deben ser un número entero entre 1 y 6.' }, 1, 6),
});

export const dwellingBands = ['1', '2', '3'] as const;

/**
 * One line of dwellings: a band, how many and their price. A project may have several lines in the
 * same band at different prices (the 2022 call's financing tables show two band-3 prices in the centro zone).
 * A line left with no count and no price is an unused row of the form and parses to null.
 */
export const ZDwellingLine = z
  .object({
    band: z.string(),
    count: z.string(),
    priceUf: z.string(),
  })
  .transform((line, ctx) => {
    const countText = line.count.trim().replace(/\./g, '');
    const priceText = line.priceUf.trim();
    if ((countText === '' || countText === '0') && priceText === '') return null;
    if (!(dwellingBands as readonly string[]).includes(line.band)) {
      ctx.addIssue({ code: 'custom', path: ['band'], message: 'Elija el tramo de estas viviendas.' });
      return z.NEVER;
    }
    const band = Number(line.band) as 1 | 2 | 3;
    if (!/^\d+$/.test(countText) || Number(countText) < 1 || Number(countText) > 300) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: countText === '' ? `Indique cuántas viviendas del tramo ${band} tienen este precio.` : `La cantidad de viviendas debe ser un número entero entre 1 y 300.`,
      });
      return z.NEVER;
    }
    const count = Number(countText);
    if (priceText === '') {
      ctx.addIssue({ code: 'custom', path: ['priceUf'], message: `Indique el precio en UF de estas viviendas del tramo ${band}.` });
      return z.NEVER;
    }
    const price = normalizeDecimalText(priceText);
    if (price === null || new Decimal(price).lte(0)) {
      ctx.addIssue({ code: 'custom', path: ['priceUf'], message: 'El precio debe ser un número mayor que 0 (por ejemplo, 1.200 o 1200,5).' });
      return z.NEVER;
    }
    if (decimalPlaces(price) > 2 || new Decimal(price).gt(10000)) {
      ctx.addIssue({ code: 'custom', path: ['priceUf'], message: 'El precio debe tener como máximo 2 decimales y no superar 10.000 UF.' });
      return z.NEVER;
    }
    return { band, count, priceUf: price };
  });
export type DwellingLineData = NonNullable<z.output<typeof ZDwellingLine>>;

export const MAX_DWELLING_LINES = 12;

export const ZProjectSection = z
  .object({
    projectName: requiredText('Escriba el nombre del proyecto.', 120),
    comunaCode: z.string().trim().regex(/^\d{5}$/, 'Elija la comuna donde está el terreno.'),
    projectType: z.enum(projectTypes, { error: 'Elija el tipo de proyecto.' }),
    typologies: z.array(ZTypology).min(1, 'Agregue al menos una tipología de vivienda.').max(20, 'Puede registrar hasta 20 tipologías.'),
    dwellings: z.array(ZDwellingLine).max(MAX_DWELLING_LINES, `Puede registrar hasta ${MAX_DWELLING_LINES} líneas de viviendas.`),
  })
  .superRefine((value, ctx) => {
    const lines = value.dwellings.flatMap((line, index) => (line ? [{ ...line, index }] : []));
    if (lines.length === 0)
      ctx.addIssue({ code: 'custom', path: ['dwellings'], message: 'Indique cuántas viviendas tiene el proyecto, con su tramo y su precio.' });
    // Two lines of the same band and price are one line: their counts belong together.
    const seen = new Map<string, number>();
    for (const line of lines) {
      const key = `${line.band}:${line.priceUf}`;
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['dwellings', line.index, 'priceUf'],
          message: `La línea ${first + 1} ya tiene viviendas del tramo ${line.band} a este precio: sume la cantidad en esa línea.`,
        });
      else seen.set(key, line.index);
    }
  })
  // Unused rows are dropped; each line keeps the row of the form it came from, for messages next to it.
  .transform((value) => ({ ...value, dwellings: value.dwellings.flatMap((line, formIndex) => (line ? [{ ...line, formIndex }] : [])) }));
export type ProjectFormValues = z.input<typeof ZProjectSection>;
export type ProjectSectionData = z.output<typeof ZProjectSection>;
/** What is stored under sections.proyecto (name, comuna and dwellings live in their own columns and rows). */
export type StoredProjectSection = Pick<ProjectSectionData, 'projectType' | 'typologies'>;

// ——— Convenio de Trabajo (owner: empleador) ———

export const committeeSides = ['empleador', 'organizacion', 'grupo'] as const;
export type CommitteeSide = (typeof committeeSides)[number];
export const committeeSideLabels: Record<CommitteeSide, string> = {
  empleador: 'El empleador',
  organizacion: 'La organización de trabajadores',
  grupo: 'El grupo postulante',
};

export const contributionParties = ['empleador', 'trabajadores'] as const;
export type ContributionParty = (typeof contributionParties)[number];
export const contributionPartyLabels: Record<ContributionParty, string> = {
  empleador: 'Empleador',
  trabajadores: 'Trabajadores',
};

export const ZContribution = z.object({
  party: z.enum(contributionParties, { error: 'Indique quién hace el aporte.' }),
  description: requiredText('Describa el aporte (por ejemplo, «Urbanización del terreno»).', 300),
  materialization: requiredText('Indique cómo y cuándo se materializa el aporte.', 500),
  amountUf: z.string().transform((value, ctx) => {
    if (value.trim() === '') return null;
    const normal = normalizeDecimalText(value);
    if (normal === null || decimalPlaces(normal) > 2 || new Decimal(normal).gt(1_000_000)) {
      ctx.addIssue({ code: 'custom', message: 'Si indica un valor, escríbalo en UF con hasta 2 decimales (por ejemplo, 150 o 150,5).' });
      return z.NEVER;
    }
    return normal;
  }),
});

export const ZCommitteeMember = z.object({
  name: requiredText('Escriba el nombre completo del integrante.', 120),
  rut: rutField('Escriba el RUT del integrante.'),
  side: z.enum(committeeSides, { error: 'Indique a quién representa en el comité.' }),
  position: optionalText(120),
});

export const ZGanttMilestone = z
  .object({
    title: requiredText('Escriba el nombre del hito (por ejemplo, «Permiso de edificación»).', 160),
    startOn: calendarDate('Indique la fecha de inicio planificada.'),
    endOn: calendarDate('Indique la fecha de término planificada.'),
  })
  .superRefine((value, ctx) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value.startOn) && /^\d{4}-\d{2}-\d{2}$/.test(value.endOn) && value.endOn < value.startOn)
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'La fecha de término no puede ser anterior a la de inicio.' });
  });

export const ZWorkAgreementSection = z
  .object({
    landCession: z.enum(['si', 'no'], { error: 'Indique si el convenio incluye el compromiso de ceder el terreno al grupo.' }),
    landCessionDescription: optionalText(2000),
    unionWorkers: wholeNumber(
      { required: 'Indique cuántos trabajadores del sindicato o asociación considera el proyecto.', range: 'Escriba un número entero entre 0 y 300.' },
      0,
      300,
    ),
    nonUnionWorkers: wholeNumber(
      { required: 'Indique cuántos trabajadores que no son socios considera el proyecto (0 si no hay).', range: 'Escriba un número entero entre 0 y 300.' },
      0,
      300,
    ),
    contributions: z.array(ZContribution).max(30, 'Puede registrar hasta 30 aportes.'),
    builder: z.object({
      name: requiredText('Escriba el nombre de la empresa constructora.', 160),
      rut: rutField('Escriba el RUT de la empresa constructora.'),
      registryNumber: requiredText('Indique el número de inscripción de la constructora en el Registro Nacional de Contratistas del MINVU.', 40),
    }),
    postSaleReport: z.boolean().refine((v) => v, {
      message: 'El convenio debe incluir la obligación de exigir a la constructora el informe «Mecanismo de Post Venta y Calidad de la Construcción».',
    }),
    technicalSupport: requiredText('Describa el apoyo técnico que aporta el empleador al proyecto.', 4000),
  })
  .superRefine((value, ctx) => {
    if (value.landCession === 'si' && value.landCessionDescription === '')
      ctx.addIssue({ code: 'custom', path: ['landCessionDescription'], message: 'Describa el terreno que se cede al grupo y en qué condiciones.' });
    if (value.unionWorkers + value.nonUnionWorkers === 0)
      ctx.addIssue({ code: 'custom', path: ['unionWorkers'], message: 'El proyecto debe considerar al menos un trabajador.' });
  });
export type WorkAgreementFormValues = z.input<typeof ZWorkAgreementSection>;
export type WorkAgreementSectionData = z.output<typeof ZWorkAgreementSection>;

// ——— Comité de Proyecto (owner: organización de trabajadores) ———

/**
 * The Project Committee the Convenio names: representatives of the employer, of the union and at least
 * one member of the applicant group (the 2022 call, «Requisitos de postulación», contents of the Convenio de Trabajo).
 * Stored under sections.comite.
 */
export const ZProjectCommitteeSection = z
  .object({
    committee: z.array(ZCommitteeMember).max(20, 'Puede registrar hasta 20 integrantes.'),
  })
  .superRefine((value, ctx) => {
    const missingSides = committeeSides.filter((side) => !value.committee.some((m) => m.side === side));
    if (value.committee.length < 3 || missingSides.length > 0) {
      const parts = [`tiene ${value.committee.length}`];
      if (missingSides.length > 0) parts.push(`falta: ${missingSides.map((s) => committeeSideLabels[s].toLowerCase()).join(', ')}`);
      ctx.addIssue({
        code: 'custom',
        path: ['committee'],
        message: `El Comité de Proyecto debe tener al menos 3 integrantes, con al menos uno del empleador, uno de la organización de trabajadores y uno del grupo postulante (${parts.join('; ')}).`,
      });
    }
    const seen = new Map<string, number>();
    value.committee.forEach((member, index) => {
      const first = seen.get(member.rut);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['committee', index, 'rut'], message: `Este RUT ya figura en el integrante ${first + 1} del comité.` });
      else seen.set(member.rut, index);
    });
  });
export type ProjectCommitteeFormValues = z.input<typeof ZProjectCommitteeSection>;
export type ProjectCommitteeSectionData = z.output<typeof ZProjectCommitteeSection>;

// ——— Carta Gantt (owner: entidad patrocinante) ———

/**
 * The project's Gantt chart as dated milestones (the 2022 call, «Requisitos de postulación»: «Carta Gantt del desarrollo y
 * ejecución del proyecto»). Stored under
 * sections.gantt; each milestone also becomes a 'gantt' project milestone for the follow-up.
 */
export const ZGanttSection = z.object({
  gantt: z.array(ZGanttMilestone).min(1, 'Agregue al menos un hito a la carta Gantt del proyecto.').max(60, 'Puede registrar hasta 60 hitos.'),
});
export type GanttFormValues = z.input<typeof ZGanttSection>;
export type GanttSectionData = z.output<typeof ZGanttSection>;

// ——— Terreno (owner: empleador) ———

export const landSituations = ['dominio', 'promesa'] as const;
export type LandSituation = (typeof landSituations)[number];

const ZTitleInscription = z.object({
  conservador: requiredText('Indique el Conservador de Bienes Raíces de la inscripción (por ejemplo, «Puente Alto»).', 80),
  fojas: requiredText('Indique las fojas de la inscripción.', 20),
  numero: requiredText('Indique el número de la inscripción.', 20),
  anio: wholeNumber({ required: 'Indique el año de la inscripción.', range: 'El año de la inscripción debe tener 4 dígitos, entre 1900 y 2100.' }, 1900, 2100),
});

const landCommon = {
  address: requiredText('Indique la dirección o ubicación del terreno.', 200),
  rolAvaluo: optionalText(30),
};

export const ZLandSection = z.discriminatedUnion(
  'situation',
  [
    z.object({
      situation: z.literal('dominio'),
      ...landCommon,
      // The certificate's issue date is the uploaded certificate's (Documentos), not a field of this section.
      dominio: ZTitleInscription,
    }),
    z.object({
      situation: z.literal('promesa'),
      ...landCommon,
      promesa: z.object({
        notary: requiredText('Indique la notaría ante la que se firmó la promesa de compraventa.', 120),
        signedOn: calendarDate('Indique la fecha de la promesa de compraventa.'),
        sellerName: requiredText('Escriba el nombre del promitente vendedor.', 160),
        sellerRut: rutField('Escriba el RUT del promitente vendedor.'),
        sellerTitle: ZTitleInscription,
      }),
    }),
  ],
  { error: 'Indique si el terreno es del empleador o está prometido en compraventa.' },
);
export type LandSectionData = z.output<typeof ZLandSection>;

/** The form holds both alternatives so switching back and forth loses nothing; only the chosen one is saved. */
export interface LandFormValues {
  situation: '' | LandSituation;
  address: string;
  rolAvaluo: string;
  dominio: { conservador: string; fojas: string; numero: string; anio: string };
  promesa: {
    notary: string;
    signedOn: string;
    sellerName: string;
    sellerRut: string;
    sellerTitle: { conservador: string; fojas: string; numero: string; anio: string };
  };
}

// ——— the action envelope ———

/**
 * What every section action receives: which application, the version the form loaded, a fingerprint
 * of the section as the form loaded it (so a change to ANOTHER section in between is not a conflict),
 * and the values.
 */
export function sectionInput<S extends z.ZodType>(values: S) {
  return z.object({
    applicationId: z.uuid({ error: 'Postulación no válida.' }),
    version: z.number().int().positive(),
    sectionHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    values,
  });
}
export const ZProjectSectionInput = sectionInput(ZProjectSection);
export const ZWorkAgreementSectionInput = sectionInput(ZWorkAgreementSection);
export const ZProjectCommitteeSectionInput = sectionInput(ZProjectCommitteeSection);
export const ZGanttSectionInput = sectionInput(ZGanttSection);
export const ZLandSectionInput = sectionInput(ZLandSection);
export type TProjectSectionInput = z.output<typeof ZProjectSectionInput>;
export type TWorkAgreementSectionInput = z.output<typeof ZWorkAgreementSectionInput>;
export type TProjectCommitteeSectionInput = z.output<typeof ZProjectCommitteeSectionInput>;
export type TGanttSectionInput = z.output<typeof ZGanttSectionInput>;
export type TLandSectionInput = z.output<typeof ZLandSectionInput>;

// ——— stored data → form values (what a form starts from) ———

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record) : [];
}
/** A stored RUT shown with thousands dots ("12.345.678-5"); anything else as it was typed. */
function displayRut(value: unknown): string {
  const t = text(value);
  const normal = normalizeRut(t);
  return normal ? formatRut(normal) : t;
}
function oneOf<T extends string>(value: unknown, options: readonly T[]): T | '' {
  return typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : '';
}
/** Stored decimals shown the Chilean way: "1200.00" (numeric column) → "1200", "55.4" → "55,4". */
function displayDecimal(value: unknown): string {
  const t = text(value);
  const normal = t === '' ? null : normalizeDecimalText(t);
  return normal === null ? t : normal.replace('.', ',');
}

export function emptyTypology(): ProjectFormValues['typologies'][number] {
  return { name: '', areaM2: '', bedrooms: '' };
}

export function emptyDwellingLine(band: '' | (typeof dwellingBands)[number] = ''): ProjectFormValues['dwellings'][number] {
  return { band, count: '', priceUf: '' };
}

/** Stored dwelling lines in a stable order: by band, then by price. */
export function sortDwellingLines<T extends { band: number; count: number; priceUf: string }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.band - b.band || new Decimal(a.priceUf).cmp(b.priceUf) || a.count - b.count);
}

export function projectFormValues(
  stored: unknown,
  columns: { projectName: string; comunaCode: string | null },
  dwellings: ReadonlyArray<{ band: number; count: number; priceUf: string }>,
): ProjectFormValues {
  const s = record(stored);
  const typologies = list(s.typologies).map((t) => ({ name: text(t.name), areaM2: displayDecimal(t.areaM2), bedrooms: text(t.bedrooms) }));
  const lines = sortDwellingLines(dwellings.filter((d) => d.count > 0)).map((d) => ({
    band: String(d.band),
    count: String(d.count),
    priceUf: displayDecimal(d.priceUf),
  }));
  return {
    projectName: columns.projectName,
    comunaCode: columns.comunaCode ?? '',
    projectType: oneOf(s.projectType, projectTypes) as ProjectFormValues['projectType'],
    typologies: typologies.length > 0 ? typologies : [emptyTypology()],
    // An unsaved project starts with one line per band; band 3 is optional and may stay empty.
    dwellings: lines.length > 0 ? lines : dwellingBands.map((band) => emptyDwellingLine(band)),
  };
}

export function emptyCommitteeMember(side: CommitteeSide | '' = ''): ProjectCommitteeFormValues['committee'][number] {
  return { name: '', rut: '', side: side as CommitteeSide, position: '' };
}
export function emptyContribution(): WorkAgreementFormValues['contributions'][number] {
  return { party: '' as ContributionParty, description: '', materialization: '', amountUf: '' };
}
export function emptyMilestone(): GanttFormValues['gantt'][number] {
  return { title: '', startOn: '', endOn: '' };
}

export function workAgreementFormValues(
  stored: unknown,
  prefill: { builder: { name: string; rut: string; registryNumber: string } | null },
): WorkAgreementFormValues {
  const s = record(stored);
  const builder = record(s.builder);
  const hasStored = Object.keys(s).length > 0;
  return {
    landCession: oneOf(s.landCession, ['si', 'no'] as const) as 'si' | 'no',
    landCessionDescription: text(s.landCessionDescription),
    unionWorkers: text(s.unionWorkers),
    nonUnionWorkers: text(s.nonUnionWorkers),
    contributions: list(s.contributions).map((c) => ({
      party: oneOf(c.party, contributionParties) as ContributionParty,
      description: text(c.description),
      materialization: text(c.materialization),
      amountUf: displayDecimal(c.amountUf),
    })),
    builder: hasStored
      ? { name: text(builder.name), rut: displayRut(builder.rut), registryNumber: text(builder.registryNumber) }
      : (prefill.builder ?? { name: '', rut: '', registryNumber: '' }),
    postSaleReport: s.postSaleReport === true,
    technicalSupport: text(s.technicalSupport),
  };
}

/** The committee as stored (sections.comite), or one empty row per side when it was never saved. */
export function projectCommitteeFormValues(stored: unknown): ProjectCommitteeFormValues {
  const committee = list(record(stored).committee).map((m) => ({
    name: text(m.name),
    rut: displayRut(m.rut),
    side: oneOf(m.side, committeeSides) as CommitteeSide,
    position: text(m.position),
  }));
  return { committee: committee.length > 0 ? committee : committeeSides.map((side) => emptyCommitteeMember(side)) };
}

/** The Gantt chart as stored (sections.gantt), or one empty milestone when it was never saved. */
export function ganttFormValues(stored: unknown): GanttFormValues {
  const gantt = list(record(stored).gantt).map((g) => ({ title: text(g.title), startOn: text(g.startOn), endOn: text(g.endOn) }));
  return { gantt: gantt.length > 0 ? gantt : [emptyMilestone()] };
}

export function landFormValues(stored: unknown): LandFormValues {
  const s = record(stored);
  const dominio = record(s.dominio);
  const promesa = record(s.promesa);
  const sellerTitle = record(promesa.sellerTitle);
  return {
    situation: oneOf(s.situation, landSituations),
    address: text(s.address),
    rolAvaluo: text(s.rolAvaluo),
    dominio: {
      conservador: text(dominio.conservador),
      fojas: text(dominio.fojas),
      numero: text(dominio.numero),
      anio: text(dominio.anio),
    },
    promesa: {
      notary: text(promesa.notary),
      signedOn: text(promesa.signedOn),
      sellerName: text(promesa.sellerName),
      sellerRut: displayRut(promesa.sellerRut),
      sellerTitle: {
        conservador: text(sellerTitle.conservador),
        fojas: text(sellerTitle.fojas),
        numero: text(sellerTitle.numero),
        anio: text(sellerTitle.anio),
      },
    },
  };
}

// ——— who completes each section (labels shared by the overview and the section pages) ———

export type SectionParty = 'organizacion' | 'empleador' | 'patrocinante' | 'constructora';
export const partyLabels: Record<SectionParty, string> = {
  organizacion: 'la organización',
  empleador: 'el empleador',
  patrocinante: 'la entidad patrocinante',
  constructora: 'la constructora',
};
