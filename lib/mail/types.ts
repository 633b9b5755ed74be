export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface SentMail {
  messageId: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
}

export interface SmtpMailerConfig {
  transport: 'smtp';
  host: string;
  port: number;
  /** `true` for implicit TLS (port 465); with `false` the connection is upgraded by STARTTLS when offered. */
  secure: boolean;
  /** Omit both for a relay that needs no authentication. */
  user?: string;
  pass?: string;
  /** Sender, e.g. `Portal de Vivienda <no-responder@portal.example.cl>`. */
  from: string;
  /** Refuse to send when the server does not offer STARTTLS (set it in production on port 587). */
  requireTls?: boolean;
}

export interface FileMailerConfig {
  transport: 'file';
  /** Folder for the `.eml` files. Default `.data/mail`. */
  dir?: string;
  from?: string;
}

export type MailConfig = SmtpMailerConfig | FileMailerConfig;
