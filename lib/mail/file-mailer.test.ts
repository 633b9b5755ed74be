import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, DEFAULT_MAIL_DIR, FileMailer } from './index';
import { invitationMail } from './templates';
import { readMail } from './test-mime';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mail-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileMailer', () => {
  it('writes each mail as a readable .eml file', async () => {
    const mailer = new FileMailer({ dir: path.join(dir, 'nested', 'mail') });
    const mail = invitationMail({
      inviterName: 'María José Muñoz',
      organizationName: 'Sindicato Minero <Unidos>',
      projectName: 'Condominio Los Ñires',
      roleLabel: 'representante del empleador',
      expiresAt: new Date('2026-12-01T02:59:00Z'),
      url: 'https://portal.example.cl/invitaciones/abc?x=1&y=2',
    });
    const result = await mailer.send({ to: ['empleador@example.cl'], ...mail });

    const files = await readdir(path.join(dir, 'nested', 'mail'));
    expect(files).toEqual([path.basename(result.file)]);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-invitacion-a-participar-en-la-postulacion-condominio-[a-z-]+-[0-9a-f]{8}\.eml$/);

    const raw = await readFile(result.file, 'utf8');
    expect(raw).toContain('\r\n');
    const read = readMail(raw);
    expect(read.headers.get('subject')).toBe('Invitación a participar en la postulación «Condominio Los Ñires»');
    expect(read.headers.get('to')).toBe('empleador@example.cl');
    expect(read.headers.get('from')).toBe('"Portal de Vivienda (desarrollo)" <no-responder@localhost>');
    expect(read.headers.get('message-id')).toBe(result.messageId);
    expect(read.text).toContain('María José Muñoz, de Sindicato Minero <Unidos>, le invita');
    expect(read.text).toContain('30 de noviembre de 2026, 23:59 (hora de Chile)');
    expect(read.html).toContain('Sindicato Minero &lt;Unidos&gt;');
    expect(read.html).toContain('href="https://portal.example.cl/invitaciones/abc?x=1&amp;y=2"');
  });

  it('keeps every mail, even two with the same subject in the same instant', async () => {
    const mailer = new FileMailer({ dir, from: 'Pruebas <pruebas@localhost>' });
    await Promise.all([
      mailer.send({ to: ['a@example.cl'], subject: 'Igual', text: 'uno' }),
      mailer.send({ to: ['b@example.cl'], subject: 'Igual', text: 'dos' }),
    ]);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.eml'));
    expect(files).toHaveLength(2);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('is what createMailer gives by default, writing to .data/mail', () => {
    const mailer = createMailer();
    expect(mailer).toBeInstanceOf(FileMailer);
    expect((mailer as FileMailer).dir).toBe(path.resolve(DEFAULT_MAIL_DIR));
  });
});
