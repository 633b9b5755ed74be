import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { santiagoInstant } from '@/lib/santiago-time';
import {
  APPLICATION_DOCUMENT_SLOTS,
  INCORPORATION_FORM_SLOT,
  acceptAttribute,
  canUploadSlot,
  documentSlotById,
  evaluateDocumentSlot,
  isSlotRequired,
  landSituationOf,
  slotRuleText,
  titleCertificateLastDay,
} from './document-slots';
import type { DocumentSlotDefinition, LandSituation } from './document-slots';

const params = callParameters2022;
const slot = (id: string): DocumentSlotDefinition => documentSlotById(id)!;
const title = slot('certificado_dominio');

function evaluateTitle(issuedOn: string | null, at: Date, situation: LandSituation = 'dominio') {
  return evaluateDocumentSlot(title, { issuedOn }, { situation, params, at });
}

describe('document slots', () => {
  it('lists the antecedents of the 2022 call with their owners, and keeps the per-worker form apart', () => {
    const owners = Object.fromEntries(APPLICATION_DOCUMENT_SLOTS.map((s) => [s.id, s.owner]));
    expect(owners).toEqual({
      certificado_dominio: 'empleador',
      promesa_compraventa: 'empleador',
      inscripcion_dominio_vendedor: 'empleador',
      convenio_trabajo: 'empleador',
      carta_financiamiento: 'empleador',
      personalidad_juridica: 'organizacion',
      proyecto_tecnico: 'patrocinante',
      carta_gantt: 'patrocinante',
      otros: 'organizacion',
    });
    expect(APPLICATION_DOCUMENT_SLOTS.map((s) => s.id)).not.toContain('formulario_incorporacion');
    expect(documentSlotById('formulario_incorporacion')).toBe(INCORPORATION_FORM_SLOT);
    expect(documentSlotById('nada')).toBeUndefined();
    // Storage keys are built from slot ids: they must be safe path segments.
    for (const s of [...APPLICATION_DOCUMENT_SLOTS, INCORPORATION_FORM_SLOT]) expect(s.id).toMatch(/^[a-z][a-z_]*$/);
  });

  it('the Convenio de Trabajo is a PDF; the rest accept PDF, JPG or PNG', () => {
    expect(slot('convenio_trabajo').accepted).toEqual(['application/pdf']);
    expect(acceptAttribute(slot('convenio_trabajo'))).toBe('.pdf,application/pdf');
    expect(acceptAttribute(slot('carta_financiamiento'))).toBe('.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png');
  });

  it('the land documents depend on how the land is contributed', () => {
    expect(landSituationOf({})).toBe('dominio');
    expect(landSituationOf(null)).toBe('dominio');
    expect(landSituationOf({ terreno: { situation: 'promesa', rol: '123-4' } })).toBe('promesa');
    expect(landSituationOf({ terreno: { situation: 'otra' } })).toBe('dominio');
    expect(isSlotRequired(title, 'dominio')).toBe(true);
    expect(isSlotRequired(title, 'promesa')).toBe(false);
    expect(isSlotRequired(slot('promesa_compraventa'), 'promesa')).toBe(true);
    expect(isSlotRequired(slot('inscripcion_dominio_vendedor'), 'promesa')).toBe(true);
    expect(isSlotRequired(slot('promesa_compraventa'), 'dominio')).toBe(false);
    expect(isSlotRequired(slot('convenio_trabajo'), 'promesa')).toBe(true);
    expect(isSlotRequired(slot('carta_gantt'), 'dominio')).toBe(false);
    expect(isSlotRequired(slot('otros'), 'dominio')).toBe(false);
  });

  it('only the owning party uploads, except «otros», open to every party', () => {
    expect(canUploadSlot(title, ['empleador'])).toBe(true);
    expect(canUploadSlot(title, ['organizacion', 'patrocinante'])).toBe(false);
    expect(canUploadSlot(slot('proyecto_tecnico'), ['constructora'])).toBe(false);
    expect(canUploadSlot(slot('otros'), ['constructora'])).toBe(true);
    expect(canUploadSlot(slot('otros'), [])).toBe(false);
  });

  it('states the rule with the call’s figures', () => {
    expect(slotRuleText(title, params)).toContain('Emitido hace no más de 30 días al momento de enviar.');
    expect(slotRuleText(slot('convenio_trabajo'), params)).toBe('Obligatorio. Formato PDF.');
    expect(slotRuleText(slot('carta_gantt'), params)).toBe('Opcional. Formato PDF, JPG o PNG.');
  });

  it('a missing required file is a problem; a missing optional one is not', () => {
    const context = { situation: 'dominio' as const, params, at: santiagoInstant(2026, 11, 1, 12) };
    expect(evaluateDocumentSlot(slot('convenio_trabajo'), null, context)).toMatchObject({ required: true, ok: false, problem: 'Falta subir este documento.' });
    expect(evaluateDocumentSlot(slot('carta_gantt'), null, context)).toMatchObject({ required: false, ok: true, problem: null });
    expect(evaluateDocumentSlot(slot('promesa_compraventa'), null, context)).toMatchObject({ required: false, applicable: false, ok: true });
    expect(evaluateDocumentSlot(slot('convenio_trabajo'), { issuedOn: null }, context)).toMatchObject({ ok: true, problem: null });
  });
});

describe('title certificate age (calendar days in America/Santiago)', () => {
  it('needs the issue date', () => {
    const result = evaluateTitle(null, santiagoInstant(2026, 11, 1, 12));
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/Falta la fecha de emisión/);
  });

  it('30 days is accepted and 31 is not, around the April change (UTC−3 → UTC−4)', () => {
    // Issued before the change, checked after it: 30 × 24 + 1 hours have passed, still 30 calendar days.
    const late = santiagoInstant(2026, 4, 9, 23, 30); // 2026-04-10T03:30Z: a UTC date would say 31 days
    expect(late.toISOString()).toBe('2026-04-10T03:30:00.000Z');
    const thirty = evaluateTitle('2026-03-10', late);
    expect(thirty).toMatchObject({ ok: true, problem: null });
    expect(thirty.note).toBe('Emitido el 10 de marzo de 2026: hoy es el último día en que sirve para enviar la postulación.');
    const thirtyOne = evaluateTitle('2026-03-10', santiagoInstant(2026, 4, 10, 0, 0));
    expect(thirtyOne.ok).toBe(false);
    expect(thirtyOne.problem).toBe('El certificado de dominio vigente debe tener como máximo 30 días de antigüedad al presentar; tiene 31.');
    expect(evaluateTitle('2026-03-09', late).ok).toBe(false);
  });

  it('30 days is accepted and 31 is not, around the September change (UTC−4 → UTC−3)', () => {
    const lastMillisecond = santiagoInstant(2026, 9, 9, 23, 59, 59, 999);
    expect(lastMillisecond.toISOString()).toBe('2026-09-10T02:59:59.999Z');
    expect(evaluateTitle('2026-08-10', lastMillisecond).ok).toBe(true);
    const nextDay = santiagoInstant(2026, 9, 10, 0, 0);
    expect(evaluateTitle('2026-08-10', nextDay).ok).toBe(false);
    expect(evaluateTitle('2026-08-10', nextDay).problem).toMatch(/tiene 31\.$/);
    // The night the clocks jump (Sunday 6 September starts at 01:00) counts as one calendar day.
    expect(evaluateTitle('2026-08-07', santiagoInstant(2026, 9, 6, 1, 0)).ok).toBe(true);
    expect(evaluateTitle('2026-08-06', santiagoInstant(2026, 9, 6, 1, 0)).ok).toBe(false);
  });

  it('a fresh certificate says until when it serves; one dated after the filing is refused', () => {
    const at = santiagoInstant(2026, 11, 2, 9);
    expect(evaluateTitle('2026-11-01', at).note).toBe('Emitido el 1 de noviembre de 2026: sirve para enviar la postulación hasta el 1 de diciembre de 2026.');
    expect(titleCertificateLastDay('2026-11-01', params)).toBe('2026-12-01');
    expect(evaluateTitle('2026-11-03', at).ok).toBe(false);
  });

  it('with a promise of sale the certificate is not required and an old one does not block', () => {
    const result = evaluateTitle('2020-01-01', santiagoInstant(2026, 11, 2, 9), 'promesa');
    expect(result).toMatchObject({ required: false, applicable: false, ok: true, problem: null });
  });

  it('reads the maximum age from the call', () => {
    const strict = { ...params, deadlines: { ...params.deadlines, titleCertificateMaxAgeDays: 10 } };
    const at = santiagoInstant(2026, 11, 20, 9);
    expect(evaluateDocumentSlot(title, { issuedOn: '2026-11-10' }, { situation: 'dominio', params: strict, at }).ok).toBe(true);
    expect(evaluateDocumentSlot(title, { issuedOn: '2026-11-09' }, { situation: 'dominio', params: strict, at }).ok).toBe(false);
    expect(slotRuleText(title, strict)).toContain('no más de 10 días');
    const promise = slot('promesa_compraventa');
    expect(slotRuleText(promise, { ...strict, deadlines: { ...strict.deadlines, cbrInscriptionDays: 75 } })).toContain('dentro de 75 días desde la publicación');
  });
});
