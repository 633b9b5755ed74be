/**
 * Inputs of SERVIU's review (observations, decisions, SII income check) and of the applicant's answers
 * and replacements. Each schema validates the form in the browser and again in the server action.
 */
import { z } from 'zod';
import { ZRosterEntryInput } from '@/lib/roster/schema';

const ZId = z.uuid({ message: 'Identificador no válido.' });

export const OBSERVATION_TARGET_KINDS = ['campo', 'documento', 'trabajador'] as const;
export type ObservationTargetKind = (typeof OBSERVATION_TARGET_KINDS)[number];

export const OBSERVATION_SECTIONS = ['proyecto', 'tipologias', 'gantt', 'nomina', 'comite', 'terreno', 'aportes', 'convenio', 'carta'] as const;
export type ObservationSection = (typeof OBSERVATION_SECTIONS)[number];

export const observationSectionLabels: Record<ObservationSection, string> = {
  proyecto: 'Proyecto',
  tipologias: 'Tipologías de vivienda',
  gantt: 'Carta Gantt',
  nomina: 'Nómina de postulantes',
  comite: 'Comité de Proyecto',
  terreno: 'Terreno',
  aportes: 'Otros aportes del empleador',
  convenio: 'Convenio de Trabajo',
  carta: 'Carta de evaluación y financiamiento',
};

/** The pages of the applicant's file; each observed section is corrected in one of them. */
export const OBSERVATION_PAGES = ['proyecto', 'gantt', 'convenio', 'terreno', 'nomina', 'comite', 'documentos'] as const;
export type ObservationPage = (typeof OBSERVATION_PAGES)[number];

/** The path segment of each page under /portal/postulaciones/[id]. */
export const observationPagePaths: Record<ObservationPage, string> = {
  proyecto: 'proyecto',
  gantt: 'carta-gantt',
  convenio: 'convenio',
  terreno: 'terreno',
  nomina: 'nomina',
  comite: 'comite',
  documentos: 'documentos',
};

/** Where each observed section is corrected: typologies in Proyecto; contributions in the Convenio; committee and Gantt in their own sections. */
export const observationSectionPages: Record<ObservationSection, ObservationPage> = {
  proyecto: 'proyecto',
  tipologias: 'proyecto',
  gantt: 'gantt',
  nomina: 'nomina',
  comite: 'comite',
  terreno: 'terreno',
  aportes: 'convenio',
  convenio: 'convenio',
  carta: 'documentos',
};

/** Empty form fields («») read as absent. */
const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(max, { message: `Use como máximo ${max} caracteres.` }).optional(),
  ).optional();

/** A reviewer's draft observation: what it is pinned to, how serious, which rule and why. */
export const ZCreateObservation = z
  .object({
    applicationId: ZId,
    targetKind: z.enum(OBSERVATION_TARGET_KINDS, { message: 'Indique a qué se refiere la observación.' }),
    section: z.preprocess(blankToUndefined, z.enum(OBSERVATION_SECTIONS, { message: 'Elija la sección.' }).optional()).optional(),
    field: optionalText(120),
    documentId: z.preprocess(blankToUndefined, ZId.optional()).optional(),
    rosterEntryId: z.preprocess(blankToUndefined, ZId.optional()).optional(),
    severity: z.enum(['bloqueante', 'advertencia'], { message: 'Indique si la observación es bloqueante o una advertencia.' }),
    ruleId: z
      .preprocess(
        (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
        z
          .string()
          .trim()
          .max(80, { message: 'El código de la regla es demasiado largo.' })
          .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'El código de la regla solo puede tener letras, números, puntos y guiones.' })
          .optional(),
      )
      .optional(),
    ruleSource: z
      .string()
      .trim()
      .min(3, { message: 'Indique la norma o regla en que se funda la observación.' })
      .max(500, { message: 'Use como máximo 500 caracteres.' }),
    message: z
      .string()
      .trim()
      .min(10, { message: 'Explique la observación con al menos 10 caracteres: qué falta o qué debe corregirse.' })
      .max(4000, { message: 'Use como máximo 4.000 caracteres.' }),
  })
  .superRefine((value, ctx) => {
    if (value.targetKind === 'campo') {
      if (!value.section) ctx.addIssue({ code: 'custom', path: ['section'], message: 'Elija la sección observada.' });
      if (!value.field) ctx.addIssue({ code: 'custom', path: ['field'], message: 'Indique el campo observado (por ejemplo «Fecha del certificado»).' });
    }
    if (value.targetKind === 'documento' && !value.documentId)
      ctx.addIssue({ code: 'custom', path: ['documentId'], message: 'Elija el documento observado.' });
    if (value.targetKind === 'trabajador' && !value.rosterEntryId)
      ctx.addIssue({ code: 'custom', path: ['rosterEntryId'], message: 'Elija el trabajador o la trabajadora observada.' });
  });
export type TCreateObservation = z.output<typeof ZCreateObservation>;
export type TCreateObservationInput = z.input<typeof ZCreateObservation>;

export const ZDeleteObservation = z.object({ applicationId: ZId, observationId: ZId });
export type TDeleteObservation = z.output<typeof ZDeleteObservation>;

export const DEADLINE_KINDS = ['llamado', 'dias_habiles'] as const;

/** Sending the draft round with its correction deadline: the call's date or N administrative working days. */
export const ZSendObservationRound = z
  .object({
    applicationId: ZId,
    deadlineKind: z.enum(DEADLINE_KINDS, { message: 'Elija cómo se fija el plazo para subsanar.' }),
    workingDays: z
      .preprocess(
        blankToUndefined,
        z.coerce
          .number({ message: 'Escriba un número de días hábiles.' })
          .int({ message: 'Escriba un número entero de días hábiles.' })
          .min(1, { message: 'El plazo debe ser de al menos 1 día hábil.' })
          .max(60, { message: 'El plazo puede ser de hasta 60 días hábiles.' })
          .optional(),
      )
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.deadlineKind === 'dias_habiles' && value.workingDays === undefined)
      ctx.addIssue({ code: 'custom', path: ['workingDays'], message: 'Indique cuántos días hábiles tiene el plazo.' });
  });
export type TSendObservationRound = z.output<typeof ZSendObservationRound>;

export const ZReviewObservation = z.object({
  applicationId: ZId,
  observationId: ZId,
  verdict: z.enum(['aceptada', 'reiterada'], { message: 'Indique si acepta o reitera la observación.' }),
});
export type TReviewObservation = z.output<typeof ZReviewObservation>;

/** An uploaded file from FormData, or nothing when the input was left empty. */
const ZOptionalFile = z
  .union([z.instanceof(File), z.literal(''), z.undefined(), z.null()])
  .transform((file) => (file instanceof File && (file.size > 0 || file.name) ? file : undefined))
  .refine((file) => !file || file.size > 0, { message: 'El archivo está vacío. Elija el documento corregido.' });

export const ZAnswerObservation = z.object({
  applicationId: ZId,
  observationId: ZId,
  answer: z
    .string()
    .trim()
    .min(5, { message: 'Escriba la respuesta a la observación: qué se corrigió o por qué no corresponde.' })
    .max(4000, { message: 'Use como máximo 4.000 caracteres.' }),
  file: ZOptionalFile.optional(),
  slot: optionalText(60),
  issuedOn: optionalText(10),
});
export type TAnswerObservation = z.output<typeof ZAnswerObservation>;

export const ZSubmitCorrection = z.object({ applicationId: ZId });
export type TSubmitCorrection = z.output<typeof ZSubmitCorrection>;

const ZReason = z
  .string({ message: 'Indique el motivo o fundamento.' })
  .trim()
  .min(10, { message: 'Indique el motivo o fundamento con al menos 10 caracteres; se enviará a los participantes.' })
  .max(2000, { message: 'Use como máximo 2.000 caracteres.' });

/** Every decision of SERVIU (taking into review, approving, rejecting) carries the official's reason. */
export const ZDecision = z.object({ applicationId: ZId, reason: ZReason });
export type TDecision = z.output<typeof ZDecision>;

/** A replacement worker proposed for a roster entry during the correction window. */
export const ZProposeReplacement = z.object({
  applicationId: ZId,
  replacedEntryId: ZId,
  entry: ZRosterEntryInput,
});
export type TProposeReplacement = z.output<typeof ZProposeReplacement>;

export const INCOME_ANSWER_MAX_BYTES = 2 * 1024 * 1024;

export const ZImportIncomeAnswer = z.object({
  file: z
    .instanceof(File, { message: 'Elija el archivo CSV con la respuesta del SII.' })
    .refine((file) => file.size > 0, { message: 'El archivo está vacío. Elija el archivo CSV con la respuesta del SII.' })
    .refine((file) => file.size <= INCOME_ANSWER_MAX_BYTES, { message: 'El archivo pesa más de 2 MB; revise que sea la respuesta del SII.' }),
});
export type TImportIncomeAnswer = z.output<typeof ZImportIncomeAnswer>;

export const ZExportIncomeCheck = z.object({});
