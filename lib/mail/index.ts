import { FileMailer } from './file-mailer';
import { SmtpMailer } from './smtp-mailer';
import type { MailConfig, Mailer } from './types';

export type { FileMailerConfig, MailConfig, Mailer, MailMessage, SentMail, SmtpMailerConfig } from './types';
export { DEFAULT_DEV_FROM, DEFAULT_MAIL_DIR, FileMailer } from './file-mailer';
export { SmtpMailer } from './smtp-mailer';

/** The mailer the configuration names: `.eml` files in `.data/mail` by default, or an SMTP server. */
export function createMailer(config: MailConfig = { transport: 'file' }): Mailer {
  switch (config.transport) {
    case 'file':
      return new FileMailer(config);
    case 'smtp':
      return new SmtpMailer(config);
  }
}
