import { describe, expect, it } from 'vitest';
import { ZCreateObservation, ZDecision, ZSendObservationRound } from './observations';

const id = '6f1c1a54-3a43-4a0e-9a51-0c8a3b9d2f10';
const base = { applicationId: id, severity: 'bloqueante', ruleSource: 'Requisitos de postulación', message: 'Falta el certificado vigente.' };

function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('observation form schema', () => {
  it('asks for the section and the field of a field observation, reading blank inputs as absent', () => {
    const result = ZCreateObservation.safeParse({ ...base, targetKind: 'campo', section: '', field: '  ', documentId: '', rosterEntryId: '', ruleId: '' });
    expect(errors(result)).toEqual({ section: 'Elija la sección observada.', field: 'Indique el campo observado (por ejemplo «Fecha del certificado»).' });
  });

  it('asks for the document or the worker according to the target', () => {
    expect(errors(ZCreateObservation.safeParse({ ...base, targetKind: 'documento' }))).toEqual({ documentId: 'Elija el documento observado.' });
    expect(errors(ZCreateObservation.safeParse({ ...base, targetKind: 'trabajador', rosterEntryId: '' }))).toEqual({
      rosterEntryId: 'Elija el trabajador o la trabajadora observada.',
    });
  });

  it('requires a cited rule and a useful text, and keeps a valid one', () => {
    const bad = ZCreateObservation.safeParse({ ...base, targetKind: 'trabajador', rosterEntryId: id, ruleSource: '', message: 'corto', ruleId: 'no válido!' });
    expect(Object.keys(errors(bad)).sort()).toEqual(['message', 'ruleId', 'ruleSource']);
    const good = ZCreateObservation.parse({ ...base, targetKind: 'campo', section: 'terreno', field: 'Fecha', ruleId: 'land.title_certificate_age', documentId: '' });
    expect(good).toMatchObject({ section: 'terreno', field: 'Fecha', ruleId: 'land.title_certificate_age' });
    expect(good.documentId).toBeUndefined();
  });
});

describe('round and decision schemas', () => {
  it('needs the number of working days only for a working-day deadline', () => {
    expect(ZSendObservationRound.parse({ applicationId: id, deadlineKind: 'llamado', workingDays: '' }).workingDays).toBeUndefined();
    expect(ZSendObservationRound.parse({ applicationId: id, deadlineKind: 'dias_habiles', workingDays: '10' }).workingDays).toBe(10);
    expect(errors(ZSendObservationRound.safeParse({ applicationId: id, deadlineKind: 'dias_habiles', workingDays: '' }))).toEqual({
      workingDays: 'Indique cuántos días hábiles tiene el plazo.',
    });
    expect(errors(ZSendObservationRound.safeParse({ applicationId: id, deadlineKind: 'dias_habiles', workingDays: '0' }))).toEqual({
      workingDays: 'El plazo debe ser de al menos 1 día hábil.',
    });
    expect(errors(ZSendObservationRound.safeParse({ applicationId: id, deadlineKind: 'dias_habiles', workingDays: '2,5' })).workingDays).toBeDefined();
  });

  it('requires a reason for approvals and rejections, not to take a file into review', () => {
    expect(errors(ZDecision.safeParse({ applicationId: id, reason: '   ' })).reason).toMatch(/al menos 10 caracteres/);
    expect(ZDecision.parse({ applicationId: id, reason: '  Cumple todos los requisitos.  ' }).reason).toBe('Cumple todos los requisitos.');
    expect(errors(ZDecision.safeParse({ applicationId: id })).reason).toBe('Indique el motivo o fundamento.');
  });
});
