import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { toNodemailerMessage } from './message';
import type { Mailer, MailMessage, SentMail, SmtpMailerConfig } from './types';

/** Sends through an SMTP server (production relay, or a catching server in tests). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly from: string;

  constructor(config: Omit<SmtpMailerConfig, 'transport'>) {
    this.from = config.from;
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTls ?? false,
      auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: MailMessage): Promise<SentMail> {
    const info = await this.transport.sendMail(toNodemailerMessage(this.from, message));
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
