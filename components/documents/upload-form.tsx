'use client';

import { useActionState, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { FieldShell, describedBy } from '@/components/ui/field';
import { formatFileSize } from '@/components/documents/format';
import { initialUploadFormState } from '@/lib/validations/document-upload';
import type { UploadFormState } from '@/lib/validations/document-upload';

interface UploadFormProps {
  action: (state: UploadFormState, formData: FormData) => Promise<UploadFormState>;
  applicationId: string;
  slot: string;
  slotLabel: string;
  accept: string;
  formats: string;
  maxBytes: number;
  needsIssueDate: boolean;
  hasCurrent: boolean;
  /** Latest accepted issue date ("YYYY-MM-DD", today in Chile). */
  today: string;
  defaultIssuedOn: string | null;
  /** Hint under the issue date, with the call's maximum age. */
  issueDateHint?: string;
}

const noSubscription = () => () => {};

function megabytes(bytes: number): string {
  return formatFileSize(bytes).replace(/,0 MB$/, ' MB');
}

/**
 * Uploads a new version to one slot. A plain form posting to the server action, so it works before
 * scripts load; with scripts it checks the obvious (no file, empty, too big, no date) before sending
 * and shows that the upload is under way.
 */
export function UploadForm(props: UploadFormProps) {
  const [state, formAction, pending] = useActionState(props.action, initialUploadFormState);
  const [localErrors, setLocalErrors] = useState<Record<string, string> | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  // True once scripts run: the browser-side checks below are active.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const fileId = `${props.slot}-file`;
  const dateId = `${props.slot}-issuedOn`;
  const errors = localErrors ?? (state.status === 'error' ? state.fieldErrors : {});
  const formError = localErrors ? null : state.status === 'error' && Object.keys(state.fieldErrors).length === 0 ? state.message : null;
  const fileHint = `Formato ${props.formats}; hasta ${megabytes(props.maxBytes)}. Cada archivo que suba queda como una nueva versión y las anteriores se conservan.`;
  const dateHint = props.issueDateHint ?? 'La fecha que aparece en el certificado.';

  function check(event: FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    const found: Record<string, string> = {};
    if (!(file instanceof File) || (file.name === '' && file.size === 0)) {
      found.file = 'Elija el archivo que quiere subir.';
    } else if (file.size === 0) {
      found.file = `El archivo «${file.name}» está vacío (0 bytes). Revise el archivo y vuelva a subirlo.`;
    } else if (file.size > props.maxBytes) {
      found.file = `El archivo «${file.name}» pesa ${formatFileSize(file.size)} y supera el máximo permitido de ${megabytes(props.maxBytes)}.`;
    }
    if (props.needsIssueDate) {
      const issuedOn = String(data.get('issuedOn') ?? '').trim();
      if (!issuedOn) found.issuedOn = 'Indique la fecha de emisión que aparece en el certificado.';
      else if (issuedOn > props.today) found.issuedOn = 'La fecha de emisión no puede ser posterior a hoy.';
    }
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      setLocalErrors(found);
      return;
    }
    setLocalErrors(null);
    setSending(file instanceof File ? `${file.name} (${formatFileSize(file.size)})` : null);
  }

  const summary = [
    ...(errors.file ? [{ fieldId: fileId, message: errors.file }] : []),
    ...(errors.issuedOn ? [{ fieldId: dateId, message: errors.issuedOn }] : []),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form action={formAction} onSubmit={check} noValidate data-testid={`${props.slot}-upload`} data-enhanced={enhanced ? 'true' : undefined}>
      <h4 className="mb-3 font-semibold">{props.hasCurrent ? 'Subir una nueva versión' : 'Subir el archivo'}</h4>
      {summary.length > 0 && !pending ? <ErrorSummary errors={summary} title={`No se pudo subir: ${props.slotLabel}`} /> : null}
      <fieldset disabled={pending} className="min-w-0">
        <legend className="sr-only">{props.slotLabel}</legend>
        <input type="hidden" name="applicationId" value={props.applicationId} />
        <input type="hidden" name="slot" value={props.slot} />
        <FieldShell id={fileId} label="Archivo" hint={fileHint} error={errors.file}>
          <input
            id={fileId}
            name="file"
            type="file"
            accept={props.accept}
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={describedBy(fileId, fileHint, errors.file)}
            className={`block w-full max-w-full rounded-md border-2 bg-white p-2 text-base file:mr-3 file:min-h-9 file:rounded file:border-0 file:bg-brand-600 file:px-3 file:font-semibold file:text-white ${errors.file ? 'border-err-700' : 'border-slate-700'}`}
          />
        </FieldShell>
        {props.needsIssueDate ? (
          <FieldShell id={dateId} label="Fecha de emisión del certificado" hint={dateHint} error={errors.issuedOn}>
            <input
              id={dateId}
              name="issuedOn"
              type="date"
              max={props.today}
              defaultValue={state.status === 'error' ? state.issuedOn : (props.defaultIssuedOn ?? '')}
              aria-invalid={errors.issuedOn ? true : undefined}
              aria-describedby={describedBy(dateId, dateHint, errors.issuedOn)}
              className={`block min-h-11 w-full max-w-xs rounded-md border-2 bg-white px-3 py-2 text-base ${errors.issuedOn ? 'border-err-700' : 'border-slate-700'}`}
            />
          </FieldShell>
        ) : null}
        <button type="submit" className={buttonClass('primary')}>
          {pending ? 'Subiendo…' : props.hasCurrent ? 'Subir nueva versión' : 'Subir archivo'}
        </button>
      </fieldset>
      <div role="status" aria-live="polite" className="mt-3">
        {pending ? (
          <div data-testid={`${props.slot}-pending`}>
            <p className="font-semibold">Subiendo{sending ? ` «${sending}»` : ''}… No cierre esta página.</p>
            <div className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
              <div className="h-full w-1/3 animate-pulse rounded bg-brand-600" />
            </div>
          </div>
        ) : state.status === 'ok' && !localErrors ? (
          <p className="border-l-4 border-ok-700 bg-ok-50 p-2 font-semibold text-ok-700" data-testid={`${props.slot}-uploaded`}>
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
