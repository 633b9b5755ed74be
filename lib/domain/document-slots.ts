/**
 * The documents of an application (the 2022 call, «Requisitos de postulación» and «Antecedentes de
 * postulación»; the Convenio's contents and its Anexo 1): which slots exist, which party brings each,
 * when each is required, and whether the current version of a slot meets its rule.
 * Pure: no database, no framework. The data layer passes in the current version and the instant.
 */
import { addDays } from 'date-fns';
import { z } from 'zod';
import type { TCallParameters } from './call-parameters';
import { callDateOf, checkTitleCertificateAge } from './deadlines';
import { SOURCES } from './explain';

/** The organisation behind the application that brings a document (a subset of the DAL's Party). */
export type SlotOwner = 'organizacion' | 'empleador' | 'patrocinante' | 'constructora';

export type DocumentMime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** How the employer contributes the land (section «Terreno»): own title, or a notarised promise of sale. */
export type LandSituation = 'dominio' | 'promesa';

export interface DocumentSlotDefinition {
  id: string;
  label: string;
  owner: SlotOwner;
  /** Parties allowed to upload; the owner first. */
  uploaders: readonly SlotOwner[];
  /** Required always, never, or only under one land situation. */
  requiredWhen: 'always' | 'optional' | LandSituation;
  accepted: readonly DocumentMime[];
  /** The uploader enters the issue date (the title certificate's age rule reads it). */
  needsIssueDate: boolean;
  /** What the document must contain, shown on the slot (Spanish). */
  description: string;
  source: string;
}

const ANY_FORMAT: readonly DocumentMime[] = ['application/pdf', 'image/jpeg', 'image/png'];
const PDF_ONLY: readonly DocumentMime[] = ['application/pdf'];

export const TITLE_CERTIFICATE_SLOT = 'certificado_dominio';
export const INCORPORATION_FORM_SLOT_ID = 'formulario_incorporacion';

/** Application-level slots, in the order the page shows them. */
export const APPLICATION_DOCUMENT_SLOTS: readonly DocumentSlotDefinition[] = [
  {
    id: TITLE_CERTIFICATE_SLOT,
    label: 'Certificado de dominio vigente del terreno',
    owner: 'empleador',
    uploaders: ['empleador'],
    requiredWhen: 'dominio',
    accepted: ANY_FORMAT,
    needsIssueDate: true,
    description: 'Emitido por el Conservador de Bienes Raíces, con el terreno a nombre del empleador que lo aporta.',
    source: SOURCES.requirements,
  },
  {
    id: 'promesa_compraventa',
    label: 'Promesa de compraventa del terreno suscrita ante notario',
    owner: 'empleador',
    uploaders: ['empleador'],
    requiredWhen: 'promesa',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description:
      'Cuando el terreno se aporta por promesa de compraventa. La escritura de compraventa deberá ingresarse al Conservador de Bienes Raíces dentro del plazo que fija el llamado, contado desde la publicación de la selección.',
    source: SOURCES.requirements,
  },
  {
    id: 'inscripcion_dominio_vendedor',
    label: 'Inscripción de dominio vigente a nombre del promitente vendedor',
    owner: 'empleador',
    uploaders: ['empleador'],
    requiredWhen: 'promesa',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description: 'Copia de la inscripción de dominio vigente del terreno prometido, a nombre de quien lo vende.',
    source: SOURCES.requirements,
  },
  {
    id: 'convenio_trabajo',
    label: 'Convenio de Trabajo suscrito ante notario',
    owner: 'empleador',
    uploaders: ['empleador'],
    requiredWhen: 'always',
    accepted: PDF_ONLY,
    needsIssueDate: false,
    description:
      'Firmado ante notario por el empleador y la organización. Debe contener: cesión del terreno al grupo; número de trabajadores, del sindicato o asociación y de fuera de ella; tipo de proyecto, tipologías, cantidad de viviendas y rangos de precio; otros aportes y cómo se materializan; el Comité de Proyecto; la obligación de contratar una constructora inscrita en el Registro Nacional de Contratistas, el informe de post venta y calidad, y la Carta Gantt.',
    source: SOURCES.requirements,
  },
  {
    id: 'carta_financiamiento',
    label: 'Carta firmada por el empleador, la organización y la constructora',
    owner: 'empleador',
    uploaders: ['empleador'],
    requiredWhen: 'always',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description:
      'Firmada por los representantes del empleador, el representante legal de la organización y una empresa constructora; acredita que el proyecto fue evaluado y está dentro del financiamiento disponible.',
    source: SOURCES.antecedents,
  },
  {
    id: 'personalidad_juridica',
    label: 'Certificado de personalidad jurídica vigente de la organización',
    owner: 'organizacion',
    uploaders: ['organizacion'],
    requiredWhen: 'always',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description: 'Del sindicato o la asociación gremial que postula, emitido por la autoridad que la registró.',
    source: SOURCES.requirements,
  },
  {
    id: 'proyecto_tecnico',
    label: 'Proyecto, planos y especificaciones técnicas',
    owner: 'patrocinante',
    uploaders: ['patrocinante'],
    requiredWhen: 'always',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description:
      'Antecedentes técnicos del proyecto (Anexo 1 del Convenio): arquitectura, planos y especificaciones de las tipologías de vivienda. Reúnalos en un solo PDF.',
    source: SOURCES.requirements,
  },
  {
    id: 'carta_gantt',
    label: 'Carta Gantt del proyecto',
    owner: 'patrocinante',
    uploaders: ['patrocinante'],
    requiredWhen: 'optional',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description: 'Desarrollo y ejecución del proyecto. Es parte del Convenio; súbala aparte si no va incluida en él.',
    source: SOURCES.requirements,
  },
  {
    id: 'otros',
    label: 'Otros antecedentes',
    owner: 'organizacion',
    uploaders: ['organizacion', 'empleador', 'patrocinante', 'constructora'],
    requiredWhen: 'optional',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description: 'Cualquier antecedente adicional que ayude a revisar la postulación.',
    source: SOURCES.requirements,
  },
];

/** Per roster entry, not part of the application-level list: each worker's signed declaration. */
export const INCORPORATION_FORM_SLOT: DocumentSlotDefinition = {
  id: INCORPORATION_FORM_SLOT_ID,
  label: 'Formulario de incorporación firmado',
  owner: 'organizacion',
  uploaders: ['organizacion'],
  requiredWhen: 'optional',
  accepted: ANY_FORMAT,
  needsIssueDate: false,
  description: 'Declaración firmada del trabajador o trabajadora de que conoce el proyecto y sus características.',
  source: SOURCES.antecedents,
};

export const CONSTRUCTION_CONTRACT_SLOT = 'contrato_construccion';

/**
 * After selection the Project Committee backs its reports to SERVIU with documents (the 2022 call,
 * «Obligaciones Equipo de Trabajo y SERVIU para seguimiento proyectos»); the construction contract is
 * what the bridge loan waits for («Préstamos»). Not part of the submitted file.
 */
export const FOLLOWUP_DOCUMENT_SLOTS: readonly DocumentSlotDefinition[] = [
  {
    id: 'permiso_edificacion',
    label: 'Permiso de edificación (solicitud o aprobación de la Dirección de Obras)',
    owner: 'patrocinante',
    uploaders: ['patrocinante', 'organizacion', 'empleador', 'constructora'],
    requiredWhen: 'optional',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description: 'El ingreso de la solicitud en la Dirección de Obras Municipales y, luego, el permiso aprobado.',
    source: SOURCES.followup,
  },
  {
    id: CONSTRUCTION_CONTRACT_SLOT,
    label: 'Contrato de construcción',
    owner: 'constructora',
    uploaders: ['constructora', 'patrocinante', 'organizacion', 'empleador'],
    requiredWhen: 'optional',
    accepted: PDF_ONLY,
    needsIssueDate: false,
    description: 'El contrato con la constructora inscrita en el Registro Nacional de Contratistas del MINVU. Con él, el SERVIU puede otorgar el préstamo de enlace.',
    source: SOURCES.bridgeLoan,
  },
  {
    id: 'respaldo_avance',
    label: 'Respaldo del inicio o del avance de obras',
    owner: 'constructora',
    uploaders: ['constructora', 'patrocinante', 'organizacion', 'empleador'],
    requiredWhen: 'optional',
    accepted: ANY_FORMAT,
    needsIssueDate: false,
    description: 'Acta de inicio de obras, estados de pago o informes de avance que respaldan lo informado; el SERVIU lo verifica en terreno.',
    source: SOURCES.followup,
  },
];

const ALL_SLOTS = new Map([...APPLICATION_DOCUMENT_SLOTS, INCORPORATION_FORM_SLOT, ...FOLLOWUP_DOCUMENT_SLOTS].map((slot) => [slot.id, slot]));

/** A slot definition by id (application-level, the per-worker form or a follow-up slot), or undefined. */
export function documentSlotById(id: string): DocumentSlotDefinition | undefined {
  return ALL_SLOTS.get(id);
}

const ZLandSection = z.object({ situation: z.enum(['dominio', 'promesa']).optional() });

/**
 * The land situation from `applications.sections.terreno` (owned by the land form). Absent or unreadable
 * means "dominio": the employer contributes its own land, the seed's main case.
 */
export function landSituationOf(sections: unknown): LandSituation {
  if (typeof sections !== 'object' || sections === null) return 'dominio';
  const parsed = ZLandSection.safeParse((sections as Record<string, unknown>).terreno);
  return parsed.success && parsed.data.situation === 'promesa' ? 'promesa' : 'dominio';
}

export function isSlotRequired(slot: DocumentSlotDefinition, situation: LandSituation): boolean {
  if (slot.requiredWhen === 'always') return true;
  if (slot.requiredWhen === 'optional') return false;
  return slot.requiredWhen === situation;
}

/** Whether the land situation makes the slot irrelevant (a promise's papers when the employer owns the land). */
export function isSlotApplicable(slot: DocumentSlotDefinition, situation: LandSituation): boolean {
  return slot.requiredWhen === 'always' || slot.requiredWhen === 'optional' || slot.requiredWhen === situation;
}

export function canUploadSlot(slot: DocumentSlotDefinition, parties: readonly string[]): boolean {
  return slot.uploaders.some((party) => parties.includes(party));
}

const FORMAT_LABELS: Record<DocumentMime, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
const FORMAT_EXTENSIONS: Record<DocumentMime, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg,.jpeg', 'image/png': '.png' };

/** "PDF, JPG o PNG" */
export function acceptedFormatsText(slot: DocumentSlotDefinition): string {
  const labels = slot.accepted.map((mime) => FORMAT_LABELS[mime]);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} o ${labels[labels.length - 1]}`;
}

/** The file input's `accept` attribute (a hint for the picker; the server checks the content). */
export function acceptAttribute(slot: DocumentSlotDefinition): string {
  return [...slot.accepted.map((mime) => FORMAT_EXTENSIONS[mime]), ...slot.accepted].join(',');
}

/** The rule shown on the slot, in Spanish, with the call's figures. */
export function slotRuleText(slot: DocumentSlotDefinition, params: TCallParameters): string {
  const parts: string[] = [];
  if (slot.requiredWhen === 'dominio') parts.push('Obligatorio si el empleador aporta un terreno propio (no se exige con promesa de compraventa).');
  else if (slot.requiredWhen === 'promesa') parts.push('Obligatorio si el terreno se aporta mediante promesa de compraventa.');
  else if (slot.requiredWhen === 'always') parts.push('Obligatorio.');
  else parts.push('Opcional.');
  if (slot.id === TITLE_CERTIFICATE_SLOT) {
    parts.push(`Emitido hace no más de ${params.deadlines.titleCertificateMaxAgeDays} días al momento de enviar.`);
  }
  if (slot.id === 'promesa_compraventa') {
    parts.push(`La escritura de compraventa se inscribe en el Conservador dentro de ${params.deadlines.cbrInscriptionDays} días desde la publicación de la selección.`);
  }
  parts.push(`Formato ${acceptedFormatsText(slot)}.`);
  return parts.join(' ');
}

/** The facts of a slot's current version the rules read. */
export interface CurrentVersionFacts {
  issuedOn: string | null;
}

export interface SlotEvaluation {
  required: boolean;
  applicable: boolean;
  ok: boolean;
  /** Why the slot is not ready, in Spanish; null when it is. */
  problem: string | null;
  /** Extra guidance (e.g. until when the certificate still serves); null when there is none. */
  note: string | null;
}

const longDate = new Intl.DateTimeFormat('es-CL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "10 de octubre de 2026" from "2026-10-10". */
export function formatCalendarDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
}

/** The last calendar day (Santiago) on which an application may be sent with a certificate issued on `issuedOn`. */
export function titleCertificateLastDay(issuedOn: string, params: TCallParameters): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  return addDays(new Date(Date.UTC(y, m - 1, d)), params.deadlines.titleCertificateMaxAgeDays).toISOString().slice(0, 10);
}

/**
 * The state of one slot at an instant: the submission instant once sent, "now" for a draft (as if it
 * were sent now). A missing required file, a missing issue date or a certificate older than the call
 * allows (counted in calendar days in the call's time zone) is a problem.
 */
export function evaluateDocumentSlot(
  slot: DocumentSlotDefinition,
  current: CurrentVersionFacts | null,
  context: { situation: LandSituation; params: TCallParameters; at: Date },
): SlotEvaluation {
  const required = isSlotRequired(slot, context.situation);
  const applicable = isSlotApplicable(slot, context.situation);
  if (!current) {
    return required
      ? { required, applicable, ok: false, problem: 'Falta subir este documento.', note: null }
      : { required, applicable, ok: true, problem: null, note: null };
  }
  // A file kept in a slot the land situation no longer asks for does not hold the application back.
  if (!applicable) return { required, applicable, ok: true, problem: null, note: null };
  if (slot.id === TITLE_CERTIFICATE_SLOT) {
    if (!current.issuedOn) {
      return {
        required,
        applicable,
        ok: false,
        problem: 'Falta la fecha de emisión del certificado: vuelva a subirlo indicando la fecha que aparece en él.',
        note: null,
      };
    }
    const check = checkTitleCertificateAge(current.issuedOn, context.at, context.params);
    if (!check.ok) return { required, applicable, ok: false, problem: check.message, note: null };
    const lastDay = titleCertificateLastDay(current.issuedOn, context.params);
    const today = callDateOf(context.at, context.params);
    return {
      required,
      applicable,
      ok: true,
      problem: null,
      note:
        lastDay === today
          ? `Emitido el ${formatCalendarDate(current.issuedOn)}: hoy es el último día en que sirve para enviar la postulación.`
          : `Emitido el ${formatCalendarDate(current.issuedOn)}: sirve para enviar la postulación hasta el ${formatCalendarDate(lastDay)}.`,
    };
  }
  return { required, applicable, ok: true, problem: null, note: null };
}
