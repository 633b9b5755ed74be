import { describe, expect, it } from 'vitest';
import {
  applicationStatusChangedMail,
  applicationSubmittedMail,
  escapeHtml,
  guaranteeExpiryMail,
  invitationMail,
  milestoneMail,
  milestoneOverdueNoticeMail,
  observationsSentMail,
} from './templates';

const url = 'https://portal.example.cl/postulaciones/abc';

describe('mail templates', () => {
  it('application submitted: number, Chile time and link in both versions', () => {
    const mail = applicationSubmittedMail({
      applicationNumber: 'PVT-2026-000123',
      projectName: 'Villa Los Aromos',
      callName: 'Llamado especial 2026',
      organizationName: 'Sindicato Ñuble',
      submittedAt: new Date('2026-11-22T17:05:00Z'),
      url,
    });
    expect(mail.subject).toBe('Postulación PVT-2026-000123 enviada');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('PVT-2026-000123');
      expect(body).toContain('22 de noviembre de 2026, 14:05 (hora de Chile)');
      expect(body).toContain(url);
    }
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="es-CL">/);
  });

  it('observations sent: deadline in Chile time (winter offset), singular and plural', () => {
    const base = { applicationNumber: 'PVT-1', projectName: 'P', deadline: new Date('2026-07-01T03:59:00Z'), url };
    const one = observationsSentMail({ ...base, observationCount: 1 });
    expect(one.text).toContain('formuló una observación.');
    expect(one.text).toContain('Plazo para subsanar: 30 de junio de 2026, 23:59 (hora de Chile)');
    expect(one.subject).toContain('plazo hasta el 30 de junio de 2026, 23:59');
    expect(observationsSentMail({ ...base, observationCount: 4 }).text).toContain('formuló 4 observaciones.');
  });

  it('state changed: new state and its reason', () => {
    const base = { applicationNumber: 'PVT-1', projectName: 'P', changedAt: new Date('2026-12-13T15:00:00Z'), url };
    const rejected = applicationStatusChangedMail({ ...base, statusLabel: 'Rechazada', reason: 'Falta el certificado de dominio vigente.' });
    expect(rejected.subject).toBe('Postulación PVT-1: Rechazada');
    expect(rejected.text).toContain('Nuevo estado: Rechazada');
    expect(rejected.text).toContain('Motivo: Falta el certificado de dominio vigente.');
    const observed = applicationStatusChangedMail({ ...base, statusLabel: 'Observada', reason: '  Ronda 1 de observaciones. ' });
    expect(observed.text).toContain('Motivo: Ronda 1 de observaciones.');
    expect(observed.html).toContain('Motivo');
  });

  it('invitation: link and expiry', () => {
    const mail = invitationMail({
      inviterName: 'Ana',
      organizationName: 'Sindicato',
      projectName: 'Proyecto',
      roleLabel: 'entidad patrocinante',
      expiresAt: new Date('2026-11-29T12:00:00Z'),
      url,
    });
    expect(mail.text).toContain('La invitación vence el: 29 de noviembre de 2026, 09:00 (hora de Chile)');
    expect(mail.text).toContain(`Aceptar la invitación: ${url}`);
  });

  it('milestone: due and overdue read differently', () => {
    const base = { applicationNumber: 'PVT-1', projectName: 'P', milestoneName: 'Inicio de obras', dueAt: new Date('2027-07-31T03:59:00Z'), url };
    const due = milestoneMail({ ...base, kind: 'due' });
    const overdue = milestoneMail({ ...base, kind: 'overdue' });
    expect(due.subject).toBe('Hito próximo a vencer: Inicio de obras (postulación PVT-1)');
    expect(overdue.subject).toBe('Hito vencido: Inicio de obras (postulación PVT-1)');
    expect(due.text).toContain('vence el 30 de julio de 2027, 23:59 (hora de Chile)');
    expect(overdue.text).toContain('venció el 30 de julio de 2027, 23:59 (hora de Chile) y aún no ha sido informado');
  });

  it('milestone overdue notice: asks SERVIU to follow up, not to report', () => {
    const mail = milestoneOverdueNoticeMail({ applicationNumber: 'PVT-1', projectName: 'P', milestoneName: 'Inicio de obras', dueAt: new Date('2027-07-31T03:59:00Z'), url });
    expect(mail.subject).toBe('Hito vencido sin informar: Inicio de obras (postulación PVT-1)');
    expect(mail.text).toContain('venció el 30 de julio de 2027, 23:59 (hora de Chile)');
    expect(mail.text).toContain(`Ver el seguimiento del proyecto: ${url}`);
    expect(mail.text).not.toContain('Informar el hito');
  });

  it('guarantee expiry: instrument, amount and the Chilean day it lapses, before and after', () => {
    // 23:59:59.999 of 1 December 2027 in Chile (summer time, UTC−3).
    const base = {
      applicationNumber: 'PVT-1',
      projectName: 'Villa <Sur>',
      guaranteeKindLabel: 'Boleta de garantía bancaria',
      amountLabel: '4.000 UF',
      expiresAt: new Date('2027-12-02T02:59:59.999Z'),
      url,
    };
    const due = guaranteeExpiryMail({ ...base, kind: 'due' });
    expect(due.subject).toBe('La garantía del préstamo de enlace vence el 1 de diciembre de 2027 (postulación PVT-1)');
    for (const body of [due.text, due.html]) {
      expect(body).toContain('Boleta de garantía bancaria');
      expect(body).toContain('4.000 UF');
      expect(body).toContain(url);
    }
    expect(due.text).toContain('Vence el: 1 de diciembre de 2027');
    expect(due.text).toContain('debe renovarla antes de esa fecha');
    expect(due.html).toContain('Villa &lt;Sur&gt;');
    const expired = guaranteeExpiryMail({ ...base, kind: 'expired' });
    expect(expired.subject).toBe('Garantía vencida del préstamo de enlace (postulación PVT-1)');
    expect(expired.text).toContain('Venció el: 1 de diciembre de 2027');
    expect(expired.text).not.toContain('Vence el:');
  });

  it('escapes user data in HTML and keeps it verbatim in text', () => {
    const mail = invitationMail({
      inviterName: '<script>alert("x")</script>',
      organizationName: 'A & B',
      projectName: "O'Higgins \"Norte\"",
      roleLabel: 'constructora',
      expiresAt: new Date('2026-11-29T12:00:00Z'),
      url: 'https://portal.example.cl/i?a=1&b="2"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('A &amp; B');
    expect(mail.html).toContain('O&#39;Higgins &quot;Norte&quot;');
    expect(mail.html).toContain('href="https://portal.example.cl/i?a=1&amp;b=%222%22"');
    expect(mail.text).toContain('<script>alert("x")</script>, de A & B');
  });

  it('refuses links that are not absolute http(s) URLs', () => {
    const base = { applicationNumber: 'PVT-1', projectName: 'P', statusLabel: 'Enviada', reason: 'Enviada por la organización.', changedAt: new Date() };
    expect(() => applicationStatusChangedMail({ ...base, url: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => applicationStatusChangedMail({ ...base, url: '/postulaciones/1' })).toThrow(/absolute/);
  });

  it('keeps subjects on one line', () => {
    const mail = applicationStatusChangedMail({
      applicationNumber: 'PVT-1',
      projectName: 'P',
      statusLabel: 'Observada\nBcc: x@y.z',
      reason: 'Ronda 1 de observaciones.',
      changedAt: new Date(),
      url,
    });
    expect(mail.subject).toBe('Postulación PVT-1: Observada Bcc: x@y.z');
  });

  it('escapeHtml covers the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
