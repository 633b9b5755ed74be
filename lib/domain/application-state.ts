/**
 * The life of an application (postulación) as a state machine: which moves exist, who may make each one
 * and where its reason comes from (every move carries one, stored and sent to the participants). Pure:
 * the data layer asks it before every change of status and moves the row only from the state it read (the 2022 call, «Cronograma»: revisión, observaciones,
 * subsanación, revisión de subsanaciones, aprobación técnica por el Director SERVIU, selección).
 */

export const APPLICATION_STATES = [
  'borrador',
  'enviada',
  'en_revision',
  'observada',
  'subsanada',
  'aprobada_tecnicamente',
  'rechazada',
  'seleccionada',
  'no_seleccionada',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const ACTOR_ROLES = ['worker', 'org_rep', 'employer_rep', 'sponsor', 'reviewer', 'director', 'minvu_admin', 'gore'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export type TransitionAction =
  | 'submit'
  | 'take_into_review'
  | 'send_observations'
  | 'submit_correction'
  | 'approve_technical'
  | 'reject'
  | 'select'
  | 'not_select';

export interface Transition {
  action: TransitionAction;
  from: ApplicationState;
  to: ApplicationState;
  /** Roles that may make the move (region or organisation scope is checked by the data layer). */
  roles: readonly ActorRole[];
  /**
   * Every move carries a reason, stored in the audit log and sent to the participants. «written»: the
   * official writes it; «stated»: the act itself states it (the round's observations and deadline, the
   * correction's answers, the selection's resolution) and the data layer composes it.
   */
  reason: 'written' | 'stated';
  /**
   * A condition the data layer checks with data this module does not see: after the correction deadline
   * (an observed file nobody answered in time can be reviewed or rejected).
   */
  guard?: 'correction_deadline_passed';
}

const SERVIU: readonly ActorRole[] = ['reviewer', 'director'];
const APPLICANT_FILERS: readonly ActorRole[] = ['org_rep', 'employer_rep'];

/** Every allowed move. Anything not listed here is refused. */
export const TRANSITIONS: readonly Transition[] = [
  // The union or the employer files the application (both approve first; see submission).
  { action: 'submit', from: 'borrador', to: 'enviada', roles: APPLICANT_FILERS, reason: 'stated' },
  // SERVIU of the region takes the file into review: after submission, after a correction, or when the
  // correction deadline passed without an answer.
  { action: 'take_into_review', from: 'enviada', to: 'en_revision', roles: SERVIU, reason: 'written' },
  { action: 'take_into_review', from: 'subsanada', to: 'en_revision', roles: SERVIU, reason: 'written' },
  { action: 'take_into_review', from: 'observada', to: 'en_revision', roles: SERVIU, reason: 'written', guard: 'correction_deadline_passed' },
  // One round of observations at a time, from a file under review or a corrected one.
  { action: 'send_observations', from: 'en_revision', to: 'observada', roles: SERVIU, reason: 'stated' },
  { action: 'send_observations', from: 'subsanada', to: 'observada', roles: SERVIU, reason: 'stated' },
  // The applicant answers every blocking observation and sends the correction (subsanación).
  { action: 'submit_correction', from: 'observada', to: 'subsanada', roles: APPLICANT_FILERS, reason: 'stated' },
  // Technical approval belongs to the regional director alone.
  { action: 'approve_technical', from: 'en_revision', to: 'aprobada_tecnicamente', roles: ['director'], reason: 'written' },
  { action: 'approve_technical', from: 'subsanada', to: 'aprobada_tecnicamente', roles: ['director'], reason: 'written' },
  { action: 'reject', from: 'en_revision', to: 'rechazada', roles: SERVIU, reason: 'written' },
  { action: 'reject', from: 'subsanada', to: 'rechazada', roles: SERVIU, reason: 'written' },
  { action: 'reject', from: 'observada', to: 'rechazada', roles: SERVIU, reason: 'written', guard: 'correction_deadline_passed' },
  // National selection (MINVU) among technically approved projects.
  { action: 'select', from: 'aprobada_tecnicamente', to: 'seleccionada', roles: ['minvu_admin'], reason: 'stated' },
  { action: 'not_select', from: 'aprobada_tecnicamente', to: 'no_seleccionada', roles: ['minvu_admin'], reason: 'stated' },
];

export const stateLabels: Record<ApplicationState, string> = {
  borrador: 'Borrador',
  enviada: 'Enviada',
  en_revision: 'En revisión',
  observada: 'Observada',
  subsanada: 'Subsanada',
  aprobada_tecnicamente: 'Aprobada técnicamente',
  rechazada: 'Rechazada',
  seleccionada: 'Seleccionada',
  no_seleccionada: 'No seleccionada',
};

export const actionLabels: Record<TransitionAction, string> = {
  submit: 'enviar la postulación',
  take_into_review: 'tomar la postulación para revisión',
  send_observations: 'enviar observaciones',
  submit_correction: 'enviar la subsanación',
  approve_technical: 'aprobar técnicamente',
  reject: 'rechazar la postulación',
  select: 'seleccionar el proyecto',
  not_select: 'dejar el proyecto como no seleccionado',
};

/** The allowed move between two states, whoever makes it; null when the move does not exist. */
export function findTransition(from: ApplicationState, to: ApplicationState): Transition | null {
  return TRANSITIONS.find((t) => t.from === from && t.to === to) ?? null;
}

/** The moves a role may make from a state. */
export function allowedTransitions(from: ApplicationState, role: ActorRole): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role));
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'no_existe' | 'rol' | 'motivo'; message: string };

/** Whether `role` may move an application from `from` to `to` (the reason aside), with the Spanish reason when not. */
export function checkMove(from: ApplicationState, to: ApplicationState, role: ActorRole): TransitionCheck {
  const transition = findTransition(from, to);
  if (!transition)
    return {
      ok: false,
      reason: 'no_existe',
      message: `Una postulación en estado «${stateLabels[from]}» no puede pasar a «${stateLabels[to]}».`,
    };
  if (!transition.roles.includes(role))
    return {
      ok: false,
      reason: 'rol',
      message:
        transition.action === 'approve_technical'
          ? 'Solo el Director o la Directora SERVIU de la región puede aprobar técnicamente una postulación.'
          : `Su rol no permite ${actionLabels[transition.action]}.`,
    };
  return { ok: true, transition };
}

/**
 * Whether `role` may move an application from `from` to `to` with this reason: every move needs one (an
 * empty or blank text counts as missing).
 */
export function checkTransition(
  from: ApplicationState,
  to: ApplicationState,
  role: ActorRole,
  reason: string | null | undefined,
): TransitionCheck {
  const check = checkMove(from, to, role);
  if (check.ok && !(reason ?? '').trim())
    return { ok: false, reason: 'motivo', message: `Para ${actionLabels[check.transition.action]} debe indicar el motivo o fundamento.` };
  return check;
}

/**
 * What the reviewer's reason box starts with when taking a file into review; they may rewrite it, and
 * it says why this review begins (a new file, a correction, or a deadline that passed unanswered).
 */
export function suggestedReviewReason(from: ApplicationState): string {
  if (from === 'subsanada') return 'Se revisa nuevamente la postulación con la subsanación presentada.';
  if (from === 'observada') return 'Venció el plazo para subsanar sin subsanación; se revisa la postulación con lo recibido.';
  return 'Se inicia la revisión técnica de la postulación enviada.';
}

/** Whether a state is final for the review (nothing more for SERVIU of the region to decide). */
export function isReviewClosed(state: ApplicationState): boolean {
  return state === 'aprobada_tecnicamente' || state === 'rechazada' || state === 'seleccionada' || state === 'no_seleccionada';
}
