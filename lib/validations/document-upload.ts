import { z } from 'zod';
import { formatCalendarDate } from '@/lib/domain/document-slots';

/**
 * The upload form. `ZDocumentUpload` is its shape (which application and slot, a file, an optional
 * issue date); `documentUploadSchema(rules)` adds the slot's rules the person can act on before sending
 * — no file, an empty one, too big a file, a missing, invalid or future issue date — and is what the
 * form checks in the browser (zodResolver) and the action checks again on the server. The file's type
 * is judged by its content on the server only (lib/storage/inspect-upload.ts), with the same kind of
 * message next to the field.
 */

const MIB = 1024 * 1024;

/** "1,5 MB", "10 MB": one decimal under 10 MB, as the server's content check writes sizes. */
function megabytes(bytes: number): string {
  const value = bytes / MIB;
  return `${new Intl.NumberFormat('es-CL', { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} MB`;
}

function isFile(value: unknown): value is File {
  return typeof File !== 'undefined' && value instanceof File;
}

/** A file input read by react-hook-form is a FileList; the same field posted as FormData is a File. */
function firstFile(value: unknown): unknown {
  if (typeof FileList !== 'undefined' && value instanceof FileList) return value.item(0) ?? undefined;
  return value;
}

const chooseFile = 'Elija el archivo que quiere subir.';

const ZUploadFile = z.preprocess(
  firstFile,
  z
    .custom<File>(isFile, { error: chooseFile })
    // A file input left empty still sends a nameless, empty file.
    .refine((file) => file.name !== '' || file.size > 0, { error: chooseFile }),
);

export const ZDocumentUpload = z.object({
  applicationId: z.string().uuid({ error: 'No se encontró la postulación.' }),
  slot: z.string().regex(/^[a-z][a-z_]{1,40}$/, { error: 'Tipo de documento desconocido.' }),
  file: ZUploadFile,
  issuedOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null)),
});
export type TDocumentUpload = z.output<typeof ZDocumentUpload>;

/** What a slot asks of an upload, from the page (browser) or the slot and the server clock (action). */
export interface DocumentUploadRules {
  maxBytes: number;
  /** The title certificate asks for the issue date printed on it (its age rule reads it). */
  needsIssueDate: boolean;
  /** Today in Chile ("YYYY-MM-DD"): the latest issue date a certificate may carry. */
  today: string;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The upload form of one slot, with its rules (see the module comment). */
export function documentUploadSchema(rules: DocumentUploadRules) {
  return ZDocumentUpload.extend({
    file: ZUploadFile.superRefine((file, ctx) => {
      if (file.size === 0)
        ctx.addIssue({ code: 'custom', message: `El archivo «${file.name}» está vacío (0 bytes). Revise el archivo y vuelva a subirlo.` });
      else if (file.size > rules.maxBytes)
        ctx.addIssue({
          code: 'custom',
          message: `El archivo «${file.name}» pesa ${megabytes(file.size)} y supera el máximo permitido de ${megabytes(rules.maxBytes)}.`,
        });
    }),
    issuedOn: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!rules.needsIssueDate) return null;
        const date = value ?? '';
        let message: string | null = null;
        if (date === '') message = 'Indique la fecha de emisión que aparece en el certificado.';
        else if (!isCalendarDate(date)) message = 'La fecha de emisión no es una fecha válida (día, mes y año).';
        else if (date < '1900-01-01') message = 'Revise el año de la fecha de emisión.';
        else if (date > rules.today)
          message = `La fecha de emisión (${formatCalendarDate(date)}) no puede ser posterior a hoy, ${formatCalendarDate(rules.today)}.`;
        if (message) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        return date;
      }),
  });
}
export type DocumentUploadFormValues = z.input<ReturnType<typeof documentUploadSchema>>;
export type DocumentUploadData = z.output<ReturnType<typeof documentUploadSchema>>;

/** What the upload form shows after a try: the result's message, its field errors and what was typed. */
export interface UploadFormState {
  status: 'idle' | 'ok' | 'error';
  message: string | null;
  fieldErrors: Record<string, string>;
  issuedOn: string;
  /** Changes on every answer, so the form can announce and reset even when the text repeats. */
  seq: number;
}

export const initialUploadFormState: UploadFormState = { status: 'idle', message: null, fieldErrors: {}, issuedOn: '', seq: 0 };
