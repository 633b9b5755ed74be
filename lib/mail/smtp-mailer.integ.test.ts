import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, SmtpMailer } from './index';
import { applicationSubmittedMail } from './templates';
import { readMail } from './test-mime';

interface Captured {
  from: string;
  recipients: string[];
  raw: string;
}

let server: SMTPServer;
let port: number;
let captured: Captured[] = [];
const mailers: SmtpMailer[] = [];

function mailer(): SmtpMailer {
  const created = createMailer({
    transport: 'smtp',
    host: '127.0.0.1',
    port,
    secure: false,
    from: 'Portal de Vivienda <no-responder@portal.example.cl>',
  });
  if (!(created instanceof SmtpMailer)) throw new Error('expected the SMTP mailer');
  mailers.push(created);
  return created;
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        captured.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.server.address() as AddressInfo).port;
});

beforeEach(() => {
  captured = [];
});

afterAll(async () => {
  for (const created of mailers) created.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('SmtpMailer against smtp-server', () => {
  it('delivers subject, recipients, text and HTML intact, accents included', async () => {
    const mail = applicationSubmittedMail({
      applicationNumber: 'PVT-2026-000123',
      projectName: 'Villa Los Aromos',
      callName: 'Llamado especial 2026 para trabajadores',
      organizationName: 'Sindicato N°1 de Trabajadores Ñuñoa',
      submittedAt: new Date('2026-11-22T17:05:00Z'),
      url: 'https://portal.example.cl/postulaciones/123/comprobante',
    });
    const result = await mailer().send({ to: ['ana@example.cl', 'jose.perez@example.org'], ...mail });

    expect(result.messageId).toMatch(/^<.+@.+>$/);
    expect(captured).toHaveLength(1);
    const [message] = captured;
    expect(message?.from).toBe('no-responder@portal.example.cl');
    expect(message?.recipients).toEqual(['ana@example.cl', 'jose.perez@example.org']);

    const read = readMail(message?.raw ?? '');
    expect(read.headers.get('subject')).toBe('Postulación PVT-2026-000123 enviada');
    expect(read.headers.get('to')).toBe('ana@example.cl, jose.perez@example.org');
    expect(read.headers.get('content-language')).toBe('es-CL');
    expect(read.text).toContain('Sindicato N°1 de Trabajadores Ñuñoa');
    expect(read.text).toContain('22 de noviembre de 2026, 14:05 (hora de Chile)');
    expect(read.html).toContain('<a href="https://portal.example.cl/postulaciones/123/comprobante"');
    expect(read.html).toContain('Recibimos su postulación');
  });

  it('sends plain-text mail without an HTML part', async () => {
    await mailer().send({ to: ['ana@example.cl'], subject: 'Prueba', text: 'Línea única.' });
    const read = readMail(captured[0]?.raw ?? '');
    expect(read.text?.trim()).toBe('Línea única.');
    expect(read.html).toBeUndefined();
  });

  it('refuses a mail without recipients or with a malformed address, before connecting', async () => {
    await expect(mailer().send({ to: [], subject: 'x', text: 'x' })).rejects.toThrow(/no recipients/);
    await expect(mailer().send({ to: ['ana@example.cl\r\nBcc: x@y.z'], subject: 'x', text: 'x' })).rejects.toThrow(
      /Invalid recipient/,
    );
    expect(captured).toHaveLength(0);
  });

  it('keeps a subject with line breaks on one header line', async () => {
    await mailer().send({ to: ['ana@example.cl'], subject: 'Hola\r\nBcc: intruso@example.com', text: 'x' });
    const read = readMail(captured[0]?.raw ?? '');
    expect(read.headers.get('subject')).toBe('Hola Bcc: intruso@example.com');
    expect(read.headers.has('bcc')).toBe(false);
    expect(captured[0]?.recipients).toEqual(['ana@example.cl']);
  });

  it('fails loudly when the server is unreachable', async () => {
    const unreachable = new SmtpMailer({ host: '127.0.0.1', port: 1, secure: false, from: 'a@b.cl' });
    await expect(unreachable.send({ to: ['ana@example.cl'], subject: 'x', text: 'x' })).rejects.toThrow();
    unreachable.close();
  });
});
