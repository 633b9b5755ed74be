'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState, useMemo, useRef, useState, useSyncExternalStore, startTransition } from 'react';
import type { FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { buttonClass } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { FieldShell, describedBy } from '@/components/ui/field';
import { formatFileSize } from '@/components/documents/format';
import { documentUploadSchema, initialUploadFormState } from '@/lib/validations/document-upload';
import type { DocumentUploadData, DocumentUploadFormValues, UploadFormState } from '@/lib/validations/document-upload';

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
  /** Hint under the issue date, with the call's maximum age. */
  issueDateHint?: string;
}

const noSubscription = () => () => {};

function megabytes(bytes: number): string {
  return formatFileSize(bytes).replace(/,0 MB$/, ' MB');
}

/**
 * Uploads a new version to one slot. A plain form posting to the server action, so it works before
 * scripts load; with scripts, the slot's shared schema (lib/validations/document-upload.ts) checks it
 * through zodResolver before anything is sent, and the page shows that the upload is under way. A
 * successful upload starts a fresh form (the fields are keyed on the answer).
 */
export function UploadForm(props: UploadFormProps) {
  const [state, formAction, pending] = useActionState(props.action, initialUploadFormState);
  const [sending, setSending] = useState<string | null>(null);
  const freshKey = state.status === 'ok' ? state.seq : 0;
  return (
    <UploadFields key={freshKey} {...props} state={state} formAction={formAction} pending={pending} sending={sending} onSending={setSending} />
  );
}

function UploadFields(
  props: UploadFormProps & {
    state: UploadFormState;
    formAction: (formData: FormData) => void;
    pending: boolean;
    sending: string | null;
    onSending: (text: string | null) => void;
  },
) {
  const { state, pending } = props;
  // True once scripts run: the browser-side checks below are active.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useMemo(
    () => documentUploadSchema({ maxBytes: props.maxBytes, needsIssueDate: props.needsIssueDate, today: props.today }),
    [props.maxBytes, props.needsIssueDate, props.today],
  );
  const {
    register,
    handleSubmit,
    formState: { errors: clientErrors },
  } = useForm<DocumentUploadFormValues, unknown, DocumentUploadData>({
    resolver: zodResolver(schema),
    defaultValues: { applicationId: props.applicationId, slot: props.slot, issuedOn: state.status === 'error' ? state.issuedOn : '' },
    mode: 'onSubmit',
    // The error summary takes the focus (GOV.UK pattern); its links lead to each field.
    shouldFocusError: false,
  });

  const fileId = `${props.slot}-file`;
  const dateId = `${props.slot}-issuedOn`;
  const message = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const local = { file: message(clientErrors.file?.message), issuedOn: message(clientErrors.issuedOn?.message) };
  const hasLocal = Boolean(local.file || local.issuedOn);
  const server = state.status === 'error' ? state.fieldErrors : {};
  const errors = hasLocal ? local : { file: server.file, issuedOn: server.issuedOn };
  const formError = !hasLocal && state.status === 'error' && Object.keys(state.fieldErrors).length === 0 ? state.message : null;
  const fileHint = `Formato ${props.formats}; hasta ${megabytes(props.maxBytes)}. Cada archivo que suba queda como una nueva versión y las anteriores se conservan.`;
  const dateHint = props.issueDateHint ?? 'La fecha que aparece en el certificado.';

  // Without scripts the browser posts the form to the action; with them, the same FormData is sent
  // only once the shared schema accepts it.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void handleSubmit((values) => {
      props.onSending(`${values.file.name} (${formatFileSize(values.file.size)})`);
      const data = new FormData(formRef.current!);
      startTransition(() => props.formAction(data));
    })(event);
  }

  const summary = [
    ...(errors.file ? [{ fieldId: fileId, message: errors.file }] : []),
    ...(errors.issuedOn ? [{ fieldId: dateId, message: errors.issuedOn }] : []),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form ref={formRef} action={props.formAction} onSubmit={submit} noValidate data-testid={`${props.slot}-upload`} data-enhanced={enhanced ? 'true' : undefined}>
      <h4 className="mb-3 font-semibold">{props.hasCurrent ? 'Subir una nueva versión' : 'Subir el archivo'}</h4>
      {summary.length > 0 && !pending ? <ErrorSummary errors={summary} title={`No se pudo subir: ${props.slotLabel}`} /> : null}
      <fieldset disabled={pending} className="min-w-0">
        <legend className="sr-only">{props.slotLabel}</legend>
        <input type="hidden" name="applicationId" value={props.applicationId} />
        <input type="hidden" name="slot" value={props.slot} />
        <FieldShell id={fileId} label="Archivo" hint={fileHint} error={errors.file}>
          <input
            id={fileId}
            type="file"
            accept={props.accept}
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={describedBy(fileId, fileHint, errors.file)}
            className={`block w-full max-w-full rounded-md border-2 bg-white p-2 text-base file:mr-3 file:min-h-9 file:rounded file:border-0 file:bg-brand-600 file:px-3 file:font-semibold file:text-white ${errors.file ? 'border-err-700' : 'border-slate-700'}`}
            {...register('file')}
          />
        </FieldShell>
        {props.needsIssueDate ? (
          <FieldShell id={dateId} label="Fecha de emisión del certificado" hint={dateHint} error={errors.issuedOn}>
            <input
              id={dateId}
              type="date"
              max={props.today}
              defaultValue={state.status === 'error' ? state.issuedOn : ''}
              aria-invalid={errors.issuedOn ? true : undefined}
              aria-describedby={describedBy(dateId, dateHint, errors.issuedOn)}
              className={`block min-h-11 w-full max-w-xs rounded-md border-2 bg-white px-3 py-2 text-base ${errors.issuedOn ? 'border-err-700' : 'border-slate-700'}`}
              {...register('issuedOn')}
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
            <p className="font-semibold">Subiendo{props.sending ? ` «${props.sending}»` : ''}… No cierre esta página.</p>
            <div className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
              <div className="h-full w-1/3 animate-pulse rounded bg-brand-600" />
            </div>
          </div>
        ) : state.status === 'ok' && !hasLocal ? (
          <p className="border-l-4 border-ok-700 bg-ok-50 p-2 font-semibold text-ok-700" data-testid={`${props.slot}-uploaded`}>
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
