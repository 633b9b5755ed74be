import { describe, expect, it } from 'vitest';
import { applicationStatuses } from '@/db/schema/applications';
import { roles } from '@/db/schema/auth';
import {
  ACTOR_ROLES,
  APPLICATION_STATES,
  TRANSITIONS,
  allowedTransitions,
  checkTransition,
  findTransition,
  isReviewClosed,
  suggestedReviewReason,
} from './application-state';
import type { ActorRole, ApplicationState } from './application-state';

const allowed = new Map(TRANSITIONS.map((t) => [`${t.from}>${t.to}`, t]));

describe('application state machine', () => {
  it('knows exactly the states and roles of the database', () => {
    expect([...APPLICATION_STATES]).toEqual([...applicationStatuses]);
    expect([...ACTOR_ROLES].sort()).toEqual([...roles].sort());
  });

  it('lists each move once', () => {
    expect(allowed.size).toBe(TRANSITIONS.length);
  });

  it('has exactly the moves of the review flow', () => {
    expect(TRANSITIONS.map((t) => `${t.from}>${t.to}:${[...t.roles].sort().join('+')}:${t.reason}`).sort()).toEqual(
      [
        'borrador>enviada:employer_rep+org_rep:stated',
        'enviada>en_revision:director+reviewer:written',
        'subsanada>en_revision:director+reviewer:written',
        'observada>en_revision:director+reviewer:written',
        'en_revision>observada:director+reviewer:stated',
        'subsanada>observada:director+reviewer:stated',
        'observada>subsanada:employer_rep+org_rep:stated',
        'en_revision>aprobada_tecnicamente:director:written',
        'subsanada>aprobada_tecnicamente:director:written',
        'en_revision>rechazada:director+reviewer:written',
        'subsanada>rechazada:director+reviewer:written',
        'observada>rechazada:director+reviewer:written',
        'aprobada_tecnicamente>seleccionada:minvu_admin:stated',
        'aprobada_tecnicamente>no_seleccionada:minvu_admin:stated',
      ].sort(),
    );
  });

  // Every pair of states × every role: the move is allowed exactly when it is listed for that role.
  const pairs: [ApplicationState, ApplicationState][] = APPLICATION_STATES.flatMap((from) => APPLICATION_STATES.map((to) => [from, to] as [ApplicationState, ApplicationState]));
  const forbidden = pairs.filter(([from, to]) => !allowed.has(`${from}>${to}`));

  it.each(forbidden)('refuses %s → %s for every role', (from, to) => {
    expect(findTransition(from, to)).toBeNull();
    for (const role of ACTOR_ROLES) {
      const check = checkTransition(from, to, role, 'Motivo suficiente');
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.reason).toBe('no_existe');
        expect(check.message).toMatch(/no puede pasar a/);
      }
    }
  });

  const roleCases: [ApplicationState, ApplicationState, ActorRole, boolean][] = TRANSITIONS.flatMap((t) =>
    ACTOR_ROLES.map((role) => [t.from, t.to, role, t.roles.includes(role)] as [ApplicationState, ApplicationState, ActorRole, boolean]),
  );

  it.each(roleCases)('%s → %s by %s: allowed = %s', (from, to, role, expected) => {
    const check = checkTransition(from, to, role, 'Cumple todos los requisitos del llamado.');
    expect(check.ok).toBe(expected);
    if (!check.ok) expect(check.reason).toBe('rol');
  });

  it('only the director approves technically, and says so', () => {
    for (const from of ['en_revision', 'subsanada'] as const) {
      const check = checkTransition(from, 'aprobada_tecnicamente', 'reviewer', 'Fundamento');
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.message).toContain('Solo el Director o la Directora SERVIU');
      expect(checkTransition(from, 'aprobada_tecnicamente', 'director', 'Fundamento').ok).toBe(true);
    }
  });

  it('requires a reason for every move, and refuses a blank one', () => {
    for (const t of TRANSITIONS) {
      const role = t.roles[0]!;
      for (const reason of [undefined, null, '', '   \n ']) {
        const check = checkTransition(t.from, t.to, role, reason);
        expect(check.ok).toBe(false);
        if (!check.ok) {
          expect(check.reason).toBe('motivo');
          expect(check.message).toMatch(/debe indicar el motivo/);
        }
      }
      expect(checkTransition(t.from, t.to, role, 'Fundado en el informe técnico.').ok).toBe(true);
    }
  });

  it('leaves the decisions to the official’s own words, and the acts state their own reason', () => {
    const written = TRANSITIONS.filter((t) => t.reason === 'written').map((t) => t.action);
    expect([...new Set(written)].sort()).toEqual(['approve_technical', 'reject', 'take_into_review']);
  });

  it('suggests a review reason that says why the review begins', () => {
    expect(suggestedReviewReason('enviada')).toMatch(/inicia la revisión/);
    expect(suggestedReviewReason('subsanada')).toMatch(/subsanación presentada/);
    expect(suggestedReviewReason('observada')).toMatch(/Venció el plazo/);
  });

  it('marks the moves from an observed file that wait for the correction deadline', () => {
    expect(findTransition('observada', 'rechazada')?.guard).toBe('correction_deadline_passed');
    expect(findTransition('observada', 'en_revision')?.guard).toBe('correction_deadline_passed');
    expect(findTransition('observada', 'subsanada')?.guard).toBeUndefined();
  });

  it('lists the moves of a role from a state', () => {
    expect(allowedTransitions('en_revision', 'reviewer').map((t) => t.to).sort()).toEqual(['observada', 'rechazada']);
    expect(allowedTransitions('en_revision', 'director').map((t) => t.to).sort()).toEqual(['aprobada_tecnicamente', 'observada', 'rechazada']);
    expect(allowedTransitions('observada', 'org_rep').map((t) => t.to)).toEqual(['subsanada']);
    expect(allowedTransitions('observada', 'sponsor')).toEqual([]);
    expect(allowedTransitions('borrador', 'reviewer')).toEqual([]);
    for (const state of ['rechazada', 'seleccionada', 'no_seleccionada'] as const)
      for (const role of ACTOR_ROLES) expect(allowedTransitions(state, role)).toEqual([]);
  });

  it('applicants and the worker never move a file under review', () => {
    for (const role of ['worker', 'org_rep', 'employer_rep', 'sponsor', 'gore'] as const)
      for (const t of TRANSITIONS.filter((x) => x.action !== 'submit' && x.action !== 'submit_correction'))
        expect(checkTransition(t.from, t.to, role, 'x').ok).toBe(false);
  });

  it('knows which states close the review', () => {
    expect(APPLICATION_STATES.filter(isReviewClosed)).toEqual(['aprobada_tecnicamente', 'rechazada', 'seleccionada', 'no_seleccionada']);
  });
});
