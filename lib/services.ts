import 'server-only';
import { createMailer } from '@/lib/mail';
import type { Mailer } from '@/lib/mail';
import { createStorage } from '@/lib/storage';
import type { FileStorage } from '@/lib/storage';
import { env } from '@/lib/env';

const globalForServices = globalThis as unknown as { __storage?: FileStorage; __mailer?: Mailer };

/** Document storage chosen by configuration: a local folder by default, any S3-compatible store when set. */
export function getStorage(): FileStorage {
  if (!globalForServices.__storage) {
    const e = env();
    globalForServices.__storage =
      e.STORAGE_DRIVER === 's3'
        ? createStorage({
            driver: 's3',
            bucket: e.S3_BUCKET ?? '',
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            forcePathStyle: true,
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                : undefined,
          })
        : createStorage({ driver: 'local', root: e.UPLOAD_DIR });
  }
  return globalForServices.__storage;
}

/** Mail over SMTP when configured; otherwise each message is written as an .eml file a developer can open. */
export function getMailer(): Mailer {
  if (!globalForServices.__mailer) {
    const e = env();
    globalForServices.__mailer = e.SMTP_HOST
      ? createMailer({
          transport: 'smtp',
          host: e.SMTP_HOST,
          port: e.SMTP_PORT ?? 587,
          secure: e.SMTP_SECURE,
          user: e.SMTP_USER,
          pass: e.SMTP_PASS,
          from: e.MAIL_FROM,
        })
      : createMailer({ transport: 'file', dir: e.MAIL_DIR, from: e.MAIL_FROM });
  }
  return globalForServices.__mailer;
}
