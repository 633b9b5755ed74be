import { z } from 'zod';

/**
 * The upload form, checked in the browser before sending (when scripts run) and again by the action.
 * Only the shape is checked here; the content (type by its bytes, size, emptiness) is judged on the
 * server by the document rules, which answer in the same words next to the field.
 */
export const ZDocumentUpload = z.object({
  applicationId: z.string().uuid({ error: 'No se encontró la postulación.' }),
  slot: z.string().regex(/^[a-z][a-z_]{1,40}$/, { error: 'Tipo de documento desconocido.' }),
  file: z
    .custom<File>((value) => typeof File !== 'undefined' && value instanceof File, { error: 'Elija el archivo que quiere subir.' })
    // A file input left empty still sends a nameless, empty file.
    .refine((file) => file.name !== '' || file.size > 0, { error: 'Elija el archivo que quiere subir.' }),
  issuedOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null)),
});
export type TDocumentUpload = z.output<typeof ZDocumentUpload>;

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
