/**
 * Inputs of the national selection and of the follow-up of selected projects (reports, site
 * verification, bridge loan). Each schema validates the form in the browser and again in the action.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { ZCalendarDate } from '@/lib/domain/call-parameters';

const ZId = z.uuid({ message: 'Identificador no válido.' });

const UF_TEXT = /^\d{1,9}([.,]\d{1,2})?$/;

/** A UF amount typed by a person: "12000", "12.000" is refused as ambiguous; decimals with comma or point. */
const ZUfText = (label: string) =>
  z
    .string()
    .trim()
    .regex(UF_TEXT, { message: `${label}: escriba un monto en UF sin separador de miles, con hasta 2 decimales (ej.: 12000 o 4500,5).` })
    .transform((text) => text.replace(',', '.'))
    .refine((text) => new Decimal(text).gt(0), { message: `${label}: debe ser mayor que 0 UF.` });

const optionalUf = (label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), ZUfText(label).optional());

const optionalInt = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ message: `${label}: escriba un número entero.` })
      .int({ message: `${label}: escriba un número entero.` })
      .positive({ message: `${label}: debe ser mayor que 0.` })
      .optional(),
  );

export const ZPreviewSelection = z.object({
  callId: ZId,
  /** Lower budget for this run only (UF); empty = the call's budget. */
  budgetUf: optionalUf('Presupuesto en UF'),
  /** Lower dwelling quota for this run only; empty = the call's quota. */
  maxDwellings: optionalInt('Cupo de viviendas'),
});
export type TPreviewSelection = z.output<typeof ZPreviewSelection>;

export const ZConfirmSelection = z.object({
  runId: ZId,
  resolutionNumber: z
    .string()
    .trim()
    .min(1, { message: 'Indique el número de la resolución que aprueba la selección.' })
    .max(60, { message: 'El número de resolución admite hasta 60 caracteres.' }),
  resolutionDate: z.string().trim().min(1, { message: 'Indique la fecha de la resolución.' }).pipe(ZCalendarDate),
  /** The Diario Oficial publication, when it already happened; it can also be recorded later, once. */
  publishedOn: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), ZCalendarDate.optional()),
});
export type TConfirmSelection = z.output<typeof ZConfirmSelection>;

/** The day a confirmed selection was published in the Diario Oficial, recorded once. */
export const ZRecordSelectionPublication = z.object({
  runId: ZId,
  publishedOn: z.string().trim().min(1, { message: 'Indique la fecha de publicación en el Diario Oficial.' }).pipe(ZCalendarDate),
});
export type TRecordSelectionPublication = z.output<typeof ZRecordSelectionPublication>;

export const MILESTONE_KINDS = ['permiso_solicitado', 'permiso_aprobado', 'constructora_contratada', 'inicio_obras', 'avance'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const milestoneKindLabels: Record<MilestoneKind, string> = {
  permiso_solicitado: 'Permiso de edificación solicitado en la Dirección de Obras',
  permiso_aprobado: 'Permiso de edificación aprobado',
  constructora_contratada: 'Constructora contratada',
  inicio_obras: 'Inicio de obras',
  avance: 'Avance de obras',
};

/** The Gantt chart's own milestones (copied from the Convenio), reported one by one. */
export const GANTT_MILESTONE_KIND = 'gantt';
export const ganttMilestoneLabel = 'Hito de la carta Gantt';

/** A progress percentage typed by a person: empty = not given; comma or point decimals. */
const optionalPercent = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().replace(',', '.') : v),
    z.coerce.number({ message }).min(0, { message: 'El avance va de 0 a 100%.' }).max(100, { message: 'El avance va de 0 a 100%.' }).optional(),
  );

/** An optional follow-up document chosen from those already uploaded; empty = none. */
const optionalDocumentId = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.uuid({ message: 'Elija un documento de la lista.' }).optional(),
);

export const ZReportMilestone = z
  .object({
    applicationId: ZId,
    kind: z.enum(MILESTONE_KINDS, { message: 'Elija qué informa.' }),
    actualOn: z.string().trim().min(1, { message: 'Indique la fecha.' }).pipe(ZCalendarDate),
    /** Builder's number in the Registro Nacional de Contratistas (required for 'constructora_contratada'). */
    registryNumber: z.string().trim().max(40, { message: 'Hasta 40 caracteres.' }).optional(),
    progressPercent: optionalPercent('Escriba el porcentaje de avance (0 a 100).'),
    documentId: optionalDocumentId,
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'constructora_contratada' && !value.registryNumber)
      ctx.addIssue({ code: 'custom', path: ['registryNumber'], message: 'Indique el número de registro de la constructora en el Registro Nacional de Contratistas del MINVU.' });
    if (value.kind === 'avance' && value.progressPercent === undefined)
      ctx.addIssue({ code: 'custom', path: ['progressPercent'], message: 'Indique el porcentaje de avance de obras.' });
  });
export type TReportMilestone = z.output<typeof ZReportMilestone>;

/** The committee reports that a milestone of the Gantt chart was done, on its actual date. */
export const ZReportGanttMilestone = z.object({
  applicationId: ZId,
  milestoneId: z.uuid({ message: 'Elija el hito de la carta Gantt que informa.' }),
  actualOn: z.string().trim().min(1, { message: 'Indique la fecha en que se cumplió el hito.' }).pipe(ZCalendarDate),
  documentId: optionalDocumentId,
});
export type TReportGanttMilestone = z.output<typeof ZReportGanttMilestone>;

export const VERIFICATION_OUTCOMES = ['verificado', 'observado'] as const;
export const verificationOutcomeLabels = { verificado: 'Verificado en terreno', observado: 'Observado' } as const;

/**
 * SERVIU's site verification of a report: confirmed, or observed with what it found. For a progress
 * report SERVIU states the progress it measured (the data layer requires it there).
 */
export const ZVerifyMilestone = z
  .object({
    applicationId: ZId,
    milestoneId: ZId,
    outcome: z.enum(VERIFICATION_OUTCOMES, { message: 'Elija el resultado de la verificación en terreno.' }),
    finding: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
      z.string().max(2000, { message: 'La observación admite hasta 2.000 caracteres.' }).optional(),
    ),
    verifiedProgressPercent: optionalPercent('Escriba el avance verificado en terreno (0 a 100).'),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'observado' && !value.finding)
      ctx.addIssue({ code: 'custom', path: ['finding'], message: 'Describa lo que observó en terreno: el Comité lo verá para corregir su informe.' });
  })
  .transform(
    (value): TVerifyMilestone =>
      // An observed report counts for nothing: no measured figure goes with it, and a confirmed one carries no finding.
      value.outcome === 'observado' ? { ...value, verifiedProgressPercent: undefined } : { ...value, finding: undefined },
  );
export interface TVerifyMilestone {
  applicationId: string;
  milestoneId: string;
  outcome: (typeof VERIFICATION_OUTCOMES)[number];
  finding?: string;
  verifiedProgressPercent?: number;
}

/** SERVIU records the payment of the subsidy, which closes the payment window. */
export const ZRecordSubsidyPayment = z.object({
  applicationId: ZId,
  paidOn: z.string().trim().min(1, { message: 'Indique la fecha de pago del subsidio.' }).pipe(ZCalendarDate),
  amountUf: ZUfText('Monto pagado'),
});
export type TRecordSubsidyPayment = z.output<typeof ZRecordSubsidyPayment>;

export const ZRegisterBridgeLoan = z.object({
  applicationId: ZId,
  amountUf: ZUfText('Monto del préstamo'),
  termMonths: z.coerce
    .number({ message: 'Indique el plazo en meses.' })
    .int({ message: 'El plazo es un número entero de meses.' })
    .positive({ message: 'El plazo debe ser de al menos 1 mes.' }),
  guaranteeKind: z.enum(['boleta_bancaria', 'certificado_fianza'], { message: 'Elija el tipo de garantía.' }),
  guaranteeAmountUf: ZUfText('Monto de la garantía'),
  guaranteeExpiresOn: z.string().trim().min(1, { message: 'Indique el vencimiento de la garantía.' }).pipe(ZCalendarDate),
});
export type TRegisterBridgeLoan = z.output<typeof ZRegisterBridgeLoan>;

/** The builder's renewed or replaced guarantee, recorded by SERVIU. */
export const ZRenewGuarantee = ZRegisterBridgeLoan.pick({ applicationId: true, guaranteeKind: true, guaranteeAmountUf: true, guaranteeExpiresOn: true });
export type TRenewGuarantee = z.output<typeof ZRenewGuarantee>;

export const ZPayInstalment = z.object({ applicationId: ZId, number: z.coerce.number().int().min(1).max(10) });

export const guaranteeKindLabels = { boleta_bancaria: 'Boleta de garantía bancaria', certificado_fianza: 'Certificado de fianza' } as const;

/** "20-11-2026" from "2026-11-20", as dates are read in Chile. */
export function formatDayText(date: string): string {
  return date.split('-').reverse().join('-');
}

/** A date field SERVIU may leave empty: empty keeps what is recorded. */
const optionalDate = z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), ZCalendarDate.optional());

export const projectDateLabels = {
  cbrInscribedOn: 'Inscripción en el Conservador de Bienes Raíces',
  municipalReceptionOn: 'Recepción municipal de las obras',
  handedOverOn: 'Entrega de las viviendas',
} as const;
export type ProjectDateField = keyof typeof projectDateLabels;

/**
 * The order the dates keep (municipal reception after the CBR inscription, hand-over after reception),
 * as [earlier, later] pairs: the schema checks the dates typed together, the data layer the typed ones
 * against those already recorded.
 */
export const PROJECT_DATE_ORDER: ReadonlyArray<readonly [ProjectDateField, ProjectDateField, string]> = [
  ['cbrInscribedOn', 'municipalReceptionOn', 'La recepción municipal no puede ser anterior a la inscripción en el Conservador de Bienes Raíces'],
  ['municipalReceptionOn', 'handedOverOn', 'La entrega de las viviendas no puede ser anterior a la recepción municipal'],
];

/** SERVIU records the follow-up dates of a selected project; only the fields typed change. */
export const ZUpdateProjectDates = z
  .object({
    applicationId: ZId,
    cbrInscribedOn: optionalDate,
    municipalReceptionOn: optionalDate,
    handedOverOn: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (!value.cbrInscribedOn && !value.municipalReceptionOn && !value.handedOverOn)
      ctx.addIssue({ code: 'custom', path: ['cbrInscribedOn'], message: 'Indique al menos una de las tres fechas.' });
    for (const [earlier, later, message] of PROJECT_DATE_ORDER) {
      const a = value[earlier];
      const b = value[later];
      if (a && b && b < a) ctx.addIssue({ code: 'custom', path: [later], message: `${message} (${formatDayText(a)}).` });
    }
  });
export type TUpdateProjectDates = z.output<typeof ZUpdateProjectDates>;
