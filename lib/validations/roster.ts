/**
 * Inputs of the roster (nómina) and incorporation actions. The worker's own fields use the roster
 * library's ZRosterEntryInput, so the form in the browser, the file import and the server action all
 * read a cell the same way and give the same Spanish message.
 */
import { z } from 'zod';
import { ROSTER_COLUMN_KEYS } from '@/lib/roster/columns';
import type { RosterColumnKey } from '@/lib/roster/columns';
import { MAX_ROSTER_FILE_BYTES, MAX_ROSTER_ROWS } from '@/lib/roster/parse-file';
import { ZRosterEntryInput } from '@/lib/roster/schema';

export { ZRosterEntryInput };

const ZId = z.uuid({ message: 'Identificador no válido.' });
/** Opaque token of the content the user saw (a worker, or the whole roster), so a concurrent change is not overwritten. */
const ZStamp = z.string().min(1).max(100);

/** What the worker form holds: one text per column, exactly as typed. */
export type RosterEntryFormValues = Record<RosterColumnKey, string>;

export const ZAddRosterEntry = z.object({
  applicationId: ZId,
  entry: ZRosterEntryInput,
});
export type TAddRosterEntry = z.output<typeof ZAddRosterEntry>;

export const ZUpdateRosterEntry = ZAddRosterEntry.extend({ entryId: ZId, expectedStamp: ZStamp });
export type TUpdateRosterEntry = z.output<typeof ZUpdateRosterEntry>;

export const ZRemoveRosterEntry = z.object({ applicationId: ZId, entryId: ZId });
export type TRemoveRosterEntry = z.output<typeof ZRemoveRosterEntry>;

const megabytes = (bytes: number) => String(Math.round(bytes / 1024 / 1024));

/** An uploaded file from FormData: present, not empty, under `maxBytes`. */
function ZUpload(maxBytes: number, what: string) {
  return z
    .instanceof(File, { message: `Elija ${what}.` })
    .refine((file) => file.size > 0, { message: `El archivo está vacío. Elija ${what}.` })
    .refine((file) => file.size <= maxBytes, {
      message: `El archivo pesa más de ${megabytes(maxBytes)} MB, el máximo permitido. Revise que sea el archivo correcto.`,
    });
}

export const ZUploadRosterFile = z.object({
  applicationId: ZId,
  file: ZUpload(MAX_ROSTER_FILE_BYTES, 'la planilla de la nómina (Excel .xlsx o CSV)'),
});
export type TUploadRosterFile = z.output<typeof ZUploadRosterFile>;

const ZCellEdit = z.object({
  rowNumber: z.number().int().min(1),
  column: z.enum(ROSTER_COLUMN_KEYS),
  value: z.string().max(500, { message: 'El valor es demasiado largo.' }),
});
export type TCellEdit = z.output<typeof ZCellEdit>;

export const ZRevalidateRosterImport = z.object({
  applicationId: ZId,
  importId: ZId,
  edits: z.array(ZCellEdit).max(MAX_ROSTER_ROWS * ROSTER_COLUMN_KEYS.length),
});
export type TRevalidateRosterImport = z.output<typeof ZRevalidateRosterImport>;

/** Drop one row of a pending import (excluded: true) or bring it back (false). */
export const ZSetRosterImportRowExcluded = z.object({
  applicationId: ZId,
  importId: ZId,
  rowNumber: z.number().int().min(1),
  excluded: z.boolean(),
});
export type TSetRosterImportRowExcluded = z.output<typeof ZSetRosterImportRowExcluded>;

export const ZAcceptRosterImport = z.object({ applicationId: ZId, importId: ZId, rosterStamp: ZStamp });
export type TAcceptRosterImport = z.output<typeof ZAcceptRosterImport>;

export const ZDiscardRosterImport = z.object({ applicationId: ZId, importId: ZId });
export type TDiscardRosterImport = z.output<typeof ZDiscardRosterImport>;

export const ZCreateIncorporationLink = z.object({
  applicationId: ZId,
  entryId: ZId,
  sendEmail: z.boolean(),
});
export type TCreateIncorporationLink = z.output<typeof ZCreateIncorporationLink>;

/** The signed paper form: a PDF or a photo; the content itself is checked when it is stored. */
export const SIGNED_FORM_MAX_BYTES = 10 * 1024 * 1024;

export const ZUploadSignedForm = z.object({
  applicationId: ZId,
  entryId: ZId,
  file: ZUpload(SIGNED_FORM_MAX_BYTES, 'el formulario firmado (PDF, JPG o PNG)'),
});
export type TUploadSignedForm = z.output<typeof ZUploadSignedForm>;

/** The "Declaro conocer el proyecto" box: `true` from a script, "on" from a plain HTML form. */
const ZDeclared = z
  .unknown()
  .refine((value) => value === true || value === 'on' || value === 'true', {
    message: 'Marque la casilla para declarar que conoce el proyecto.',
  })
  .transform(() => true as const);

export const ZConfirmIncorporation = z.object({ applicationId: ZId, accepted: ZDeclared });
export type TConfirmIncorporation = z.output<typeof ZConfirmIncorporation>;

export const ZConfirmIncorporationByToken = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { message: 'El enlace no es válido.' }),
  accepted: ZDeclared,
});
export type TConfirmIncorporationByToken = z.output<typeof ZConfirmIncorporationByToken>;
