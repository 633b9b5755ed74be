import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { toNodemailerMessage } from './message';
import type { FileMailerConfig, Mailer, MailMessage, SentMail } from './types';

export const DEFAULT_MAIL_DIR = '.data/mail';
export const DEFAULT_DEV_FROM = '"Portal de Vivienda (desarrollo)" <no-responder@localhost>';

function slugify(subject: string): string {
  const slug = subject
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'correo';
}

/**
 * The development default: each mail becomes an `.eml` file (open it with any mail client) instead of
 * leaving the machine, so a newcomer needs no SMTP server and real people never get test mail.
 */
export class FileMailer implements Mailer {
  readonly dir: string;
  private readonly from: string;
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(config: Omit<FileMailerConfig, 'transport'> = {}) {
    this.dir = path.resolve(/*turbopackIgnore: true*/ config.dir ?? DEFAULT_MAIL_DIR);
    this.from = config.from ?? DEFAULT_DEV_FROM;
  }

  async send(message: MailMessage): Promise<SentMail & { file: string }> {
    const info: StreamTransport.SentMessageInfo = await this.transport.sendMail(toNodemailerMessage(this.from, message));
    if (!Buffer.isBuffer(info.message)) throw new Error('Stream transport did not buffer the message');
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${slugify(message.subject)}-${randomUUID().slice(0, 8)}.eml`;
    const file = path.join(this.dir, name);
    // Written whole then renamed, so a folder watcher never opens half a message.
    const temp = path.join(this.dir, `.${name}.part`);
    await writeFile(temp, info.message);
    await rename(temp, file);
    return { messageId: info.messageId, file };
  }
}
