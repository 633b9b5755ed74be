import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES } from './application-state';
import type { ApplicationState } from './application-state';
import { editWindowOf } from './edit-window';
import type { EditWindowFacts, FileChange } from './edit-window';

const closesAt = new Date('2026-12-14T02:59:59.999Z');
const deadlineAt = new Date('2027-01-08T02:59:59.999Z');
const CHANGES: FileChange[] = ['seccion', 'dato_trabajador', 'rut_trabajador', 'composicion_nomina', 'documento', 'incorporacion', 'respuesta'];

function facts(status: ApplicationState, overrides: Partial<EditWindowFacts> = {}): EditWindowFacts {
  return {
    status,
    call: { status: 'abierto', closesAt },
    round: status === 'observada' ? { number: 1, deadlineAt } : null,
    replacementsMaxShare: '0.3',
    ...overrides,
  };
}

describe('edit window of the applicant side', () => {
  it('opens everything but answers in a draft until the call closes (inclusive), and nothing after', () => {
    for (const change of CHANGES.filter((c) => c !== 'respuesta'))
      expect(editWindowOf(facts('borrador'), change, closesAt)).toEqual({ open: true, stage: 'borrador', closesAt });
    expect(editWindowOf(facts('borrador'), 'respuesta', closesAt)).toMatchObject({ open: false, reason: expect.stringMatching(/no tiene observaciones pendientes/) });
    const late = editWindowOf(facts('borrador'), 'seccion', new Date(closesAt.getTime() + 1));
    expect(late).toEqual({ open: false, reason: 'El llamado cerró el 13 de diciembre de 2026 a las 23:59 (hora de Chile); ya no se pueden hacer cambios.' });
    expect(editWindowOf(facts('borrador', { call: { status: 'cerrado', closesAt } }), 'seccion', new Date('2026-12-01T12:00:00Z')).open).toBe(false);
  });

  it('opens sections, workers’ data, documents, incorporation and answers while observed, until the round’s deadline (inclusive)', () => {
    for (const change of ['seccion', 'dato_trabajador', 'documento', 'incorporacion', 'respuesta'] as const)
      expect(editWindowOf(facts('observada'), change, deadlineAt)).toEqual({ open: true, stage: 'subsanacion', roundNumber: 1, deadlineAt });
    // The call having closed long ago does not matter: the round's deadline does.
    expect(editWindowOf(facts('observada', { call: { status: 'cerrado', closesAt } }), 'seccion', deadlineAt).open).toBe(true);
  });

  it('keeps the roster’s membership closed while observed: it changes only through replacements', () => {
    const composition = editWindowOf(facts('observada'), 'composicion_nomina', deadlineAt);
    expect(composition.open).toBe(false);
    expect(!composition.open && composition.reason).toMatch(/no se pueden agregar ni quitar trabajadores.*hasta el 30% de la nómina presentada/);
    const rut = editWindowOf(facts('observada'), 'rut_trabajador', deadlineAt);
    expect(!rut.open && rut.reason).toMatch(/no se puede cambiar el RUT de un trabajador/);
  });

  it('closes everything after the correction deadline, with the deadline in Chile’s time', () => {
    for (const change of CHANGES) {
      const window = editWindowOf(facts('observada'), change, new Date(deadlineAt.getTime() + 1));
      expect(window).toEqual({
        open: false,
        reason: 'El plazo para subsanar las observaciones venció el 7 de enero de 2027 a las 23:59 (hora de Chile). Ya no se pueden enviar respuestas, correcciones ni documentos; SERVIU revisará la postulación con lo recibido.',
      });
    }
  });

  it('is read-only in every other state, with a reason of its own', () => {
    const reasons = new Set<string>();
    for (const status of APPLICATION_STATES.filter((s) => s !== 'borrador' && s !== 'observada'))
      for (const change of CHANGES) {
        const window = editWindowOf(facts(status), change, new Date('2026-12-01T12:00:00Z'));
        expect(window.open, `${status} ${change}`).toBe(false);
        if (!window.open && change !== 'respuesta') reasons.add(window.reason);
      }
    expect(reasons.size).toBe(7);
    expect(editWindowOf(facts('subsanada'), 'seccion', new Date()).open).toBe(false);
    expect(editWindowOf(facts('observada', { round: null }), 'seccion', new Date()).open).toBe(false);
  });
});
