import '@/lib/validations/zod-locale';
import { z } from 'zod';

const ZApplicationId = z.uuid({ error: 'No se encontró la postulación.' });
/** The version of the file the person reviewed: approving or sending a different one is refused. */
const ZExpectedVersion = z.coerce
  .number({ error: 'Recargue la página para ver la versión actual de la postulación.' })
  .int()
  .positive('Recargue la página para ver la versión actual de la postulación.');

/** "Apruebo el envío" of the union's or the employer's representative. */
export const ZApproveSubmission = z.object({ applicationId: ZApplicationId, expectedVersion: ZExpectedVersion });
export type TApproveSubmission = z.output<typeof ZApproveSubmission>;

/** "Enviar postulación". */
export const ZSubmitApplication = z.object({ applicationId: ZApplicationId, expectedVersion: ZExpectedVersion });
export type TSubmitApplication = z.output<typeof ZSubmitApplication>;

/** Application number as printed on the receipt (PVT-2026-000123); case and spaces forgiven. */
export const ZReceiptNumber = z
  .string({ error: 'Indique el número de postulación.' })
  .trim()
  .min(1, 'Indique el número de postulación, tal como aparece en el comprobante.')
  .max(40, 'El número de postulación es más corto; revise el comprobante.')
  .transform((v) => v.toUpperCase().replace(/\s+/g, ''));

/** The verification code printed under the QR code. */
export const ZReceiptCode = z
  .string({ error: 'Indique el código de verificación.' })
  .trim()
  .min(1, 'Indique el código de verificación que aparece en el comprobante.')
  .max(40, 'El código de verificación es más corto; revise el comprobante.')
  .transform((v) => v.toLowerCase().replace(/[\s-]+/g, ''));

export const ZSha256 = z
  .string({ error: 'Indique la huella SHA-256 del archivo.' })
  .trim()
  .transform((v) => v.toLowerCase().replace(/\s+/g, ''))
  .refine((v) => /^[0-9a-f]{64}$/.test(v), 'La huella SHA-256 tiene 64 caracteres, solo dígitos y letras de la «a» a la «f».');

/** Form of /verificar: number and code from the receipt. */
export const ZReceiptLookup = z.object({ number: ZReceiptNumber, code: ZReceiptCode });
export type TReceiptLookup = z.output<typeof ZReceiptLookup>;

/** Body of POST /api/v1/verification. */
export const ZVerificationRequest = z.object({ number: ZReceiptNumber, code: ZReceiptCode, sha256: ZSha256 });
export type TVerificationRequest = z.output<typeof ZVerificationRequest>;
