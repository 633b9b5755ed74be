import type Mail from 'nodemailer/lib/mailer';
import type { MailMessage } from './types';

// Deliberately loose: the SMTP server has the last word, this only catches our own mistakes early.
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

/** The nodemailer message for one of ours; refuses empty or malformed recipient lists. */
export function toNodemailerMessage(from: string, message: MailMessage): Mail.Options {
  if (message.to.length === 0) throw new Error('Mail has no recipients');
  for (const address of message.to) {
    if (!ADDRESS.test(address)) throw new Error(`Invalid recipient address: ${JSON.stringify(address)}`);
  }
  return {
    from,
    to: message.to,
    // A subject built from user data must stay on one header line.
    subject: message.subject.replace(/[\r\n]+/g, ' ').trim(),
    text: message.text,
    html: message.html,
    headers: { 'Content-Language': 'es-CL', 'Auto-Submitted': 'auto-generated' },
  };
}
