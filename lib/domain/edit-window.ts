/**
 * When the applicant side may change an application's file, and what it may change.
 *
 * Two windows, both measured by the server clock against deadlines in the call's time zone:
 * - the draft («borrador»), until the call closes: everything;
 * - the correction of SERVIU's observations («observada»), until the deadline of the round that was
 *   sent (the 2022 call, «Cronograma»: «Observaciones» → «Subsanación de observaciones»; the deadline is the
 *   call's date or administrative working days under Ley N°19.880 art. 25): the sections, each worker's
 *   data, new document versions and incorporation forms. The roster's membership changes only through
 *   replacements (the 2022 call, «Postulación»: up to the call's share of the roster presented), so adding,
 *   removing or re-identifying a worker stays closed.
 * In every other state the file is read-only. Who owns each part (section owners, document uploaders)
 * is checked apart from this: it is the same in both windows.
 */
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import type { ApplicationState } from './application-state';
import { isPastDeadline } from './deadlines';
import { formatShare } from './explain';

/** What the applicant side is about to change. */
export type FileChange =
  /** A section form: Proyecto, Convenio de Trabajo, Terreno. */
  | 'seccion'
  /** A worker's data in the roster, the same person. */
  | 'dato_trabajador'
  /** A worker's RUT: another person in the same place of the roster. */
  | 'rut_trabajador'
  /** Adding or removing workers, or replacing the roster with a file. */
  | 'composicion_nomina'
  /** A new version of a document. */
  | 'documento'
  /** A worker's incorporation form (confirmation online, by link or signed on paper). */
  | 'incorporacion'
  /** An answer to an observation, a replacement or sending the correction: only while correcting. */
  | 'respuesta';

export interface EditWindowFacts {
  status: ApplicationState;
  call: { status: string; closesAt: Date };
  /** The latest round of observations sent to the applicant, when the file is «observada». */
  round: { number: number; deadlineAt: Date | null } | null;
  /** The call's share of the presented roster that may be replaced ("0.3"), for the reason shown. */
  replacementsMaxShare?: string;
}

export type EditWindow =
  | { open: true; stage: 'borrador'; closesAt: Date }
  | { open: true; stage: 'subsanacion'; roundNumber: number; deadlineAt: Date | null }
  | { open: false; reason: string };

function replacementsText(share: string | undefined): string {
  return share ? `hasta el ${formatShare(share)} de la nómina presentada` : 'dentro del máximo que fija el llamado';
}

/** The reason the file is read-only in a state that is neither a draft nor under correction. */
function closedReason(status: ApplicationState): string {
  switch (status) {
    case 'enviada':
      return 'La postulación ya fue enviada y no puede modificarse.';
    case 'en_revision':
      return 'La postulación ya fue enviada y SERVIU la está revisando; no puede modificarse. Si SERVIU formula observaciones, podrá corregirla dentro del plazo que fije.';
    case 'subsanada':
      return 'La subsanación ya fue enviada y SERVIU la está revisando; la postulación no puede modificarse.';
    case 'aprobada_tecnicamente':
      return 'La postulación fue aprobada técnicamente y ya no puede modificarse.';
    case 'rechazada':
      return 'La postulación fue rechazada y ya no puede modificarse.';
    case 'seleccionada':
      return 'La postulación fue seleccionada y ya no puede modificarse.';
    case 'no_seleccionada':
      return 'La postulación no fue seleccionada y ya no puede modificarse.';
    case 'borrador':
    case 'observada':
      return 'La postulación no puede modificarse.';
  }
}

/** Whether `change` may be made now (`at`, server clock), and if not, the Spanish reason. */
export function editWindowOf(facts: EditWindowFacts, change: FileChange, at: Date): EditWindow {
  if (change === 'respuesta' && facts.status !== 'observada')
    return { open: false, reason: 'La postulación no tiene observaciones pendientes de subsanar.' };
  if (facts.status === 'borrador') {
    if (facts.call.status !== 'abierto' || isPastDeadline(at, facts.call.closesAt))
      return { open: false, reason: `El llamado cerró el ${formatSantiagoDateTime(facts.call.closesAt)}; ya no se pueden hacer cambios.` };
    return { open: true, stage: 'borrador', closesAt: facts.call.closesAt };
  }
  if (facts.status !== 'observada') return { open: false, reason: closedReason(facts.status) };

  const round = facts.round;
  if (!round) return { open: false, reason: 'La postulación no tiene observaciones pendientes de subsanar; no puede modificarse.' };
  if (round.deadlineAt && isPastDeadline(at, round.deadlineAt))
    return {
      open: false,
      reason: `El plazo para subsanar las observaciones venció el ${formatSantiagoDateTime(round.deadlineAt)}. Ya no se pueden enviar respuestas, correcciones ni documentos; SERVIU revisará la postulación con lo recibido.`,
    };
  if (change === 'composicion_nomina')
    return {
      open: false,
      reason: `Durante la subsanación no se pueden agregar ni quitar trabajadores ni reemplazar la nómina con una planilla: la nómina cambia solo con reemplazos (${replacementsText(facts.replacementsMaxShare)}). Sí puede corregir los datos de cada trabajador.`,
    };
  if (change === 'rut_trabajador')
    return {
      open: false,
      reason: `Durante la subsanación no se puede cambiar el RUT de un trabajador: sería otra persona. Si debe dejar la nómina, proponga un reemplazante (${replacementsText(facts.replacementsMaxShare)}).`,
    };
  return { open: true, stage: 'subsanacion', roundNumber: round.number, deadlineAt: round.deadlineAt };
}
