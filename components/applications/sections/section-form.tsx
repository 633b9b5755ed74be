'use client';

import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore, useTransition } from 'react';
import type { ReactNode } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { DefaultValues, FieldErrors, FieldValues, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { DraftNotice } from '@/components/forms/draft-notice';
import { applyServerErrors, collectErrors, fieldId, summaryMessage } from '@/components/forms/form-errors';
import type { ListLabels } from '@/components/forms/form-errors';
import { useDraftAutosave } from '@/components/forms/use-draft-autosave';
import type { DraftAutosave } from '@/components/forms/use-draft-autosave';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { SummaryError } from '@/components/ui/error-summary';
import { ConflictError } from '@/lib/actions/result';
import type { ActionResult } from '@/lib/actions/result';

const CONFLICT_MESSAGE = new ConflictError().message;
const timeFormat = new Intl.DateTimeFormat('es-CL', { timeZone: 'America/Santiago', hour: '2-digit', minute: '2-digit', hour12: false });

export type SectionAction = (input: unknown) => Promise<ActionResult<{ version: number; sectionHash: string }>>;

export interface SectionFormState {
  version: number;
  autosave: DraftAutosave;
  summary: SummaryError[];
  conflict: boolean;
  savedAt: Date | null;
  pending: boolean;
  submit: (event?: React.BaseSyntheticEvent) => Promise<void>;
}

/**
 * Save cycle of one section form: the values go to the server action with the version the page
 * loaded; a stale version comes back as a conflict and the form keeps what the user typed; a success
 * clears the browser draft, makes the saved values the new baseline and refreshes the page's panels.
 */
/**
 * The form of one section, checked with the section's own zod schema (the server checks it again):
 * errors appear on submit, then follow each change; the error summary takes the focus (GOV.UK pattern)
 * and its links lead to each field.
 */
export function useSectionFields<V extends FieldValues, D>(schema: z.ZodType<D, V>, defaultValues: V): UseFormReturn<V, unknown, D> {
  return useForm<V, unknown, D>({
    resolver: zodResolver(schema),
    defaultValues: defaultValues as DefaultValues<V>,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
}

/** What every section form receives from its page: which file, which version, who edits, what it holds. */
export interface SectionFormProps<V> {
  applicationId: string;
  /** Whose draft this is (the signed-in user's id): two people sharing a browser never see each other's drafts. */
  draftOwner: string;
  version: number;
  /** Fingerprint of the section as the page loaded it (lets a save ignore changes to other sections). */
  sectionHash: string;
  canEdit: boolean;
  readOnlyReason: string | null;
  defaultValues: V;
  action: SectionAction;
}

export function useSectionForm<T extends FieldValues>(options: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver output type
  form: UseFormReturn<T, any, any>;
  section: string;
  props: SectionFormProps<unknown>;
  /** Row names of the form's repeatable lists, for unique messages in the error summary. */
  listLabels?: ListLabels;
}): SectionFormState {
  const { form, section, listLabels = {} } = options;
  const { applicationId, draftOwner, version: initialVersion, sectionHash: initialSectionHash, canEdit, action } = options.props;
  const [version, setVersion] = useState(initialVersion);
  const [sectionHash, setSectionHash] = useState(initialSectionHash);
  const autosave = useDraftAutosave(`${draftOwner}:${applicationId}:${section}`, form, { version, enabled: canEdit });
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [conflict, setConflict] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const onValid = () => {
    // The raw values, not the parsed output: the server parses them again with the same schema.
    const values = form.getValues();
    setSavedAt(null);
    startTransition(async () => {
      let result: ActionResult<{ version: number; sectionHash: string }>;
      try {
        result = await action({ applicationId, version, sectionHash, values });
      } catch {
        result = { ok: false, formError: 'No pudimos conectar con el servidor. Revise su conexión e intente de nuevo; lo que escribió sigue en el formulario.' };
      }
      if (result.ok) {
        form.reset(values);
        autosave.clear();
        if (result.data) {
          setVersion(result.data.version);
          setSectionHash(result.data.sectionHash);
        }
        setSummary([]);
        setConflict(false);
        setSavedAt(new Date());
        router.refresh();
        return;
      }
      applyServerErrors(form.setError, result.fieldErrors);
      const fieldSummary = Object.entries(result.fieldErrors ?? {})
        .map(([key, message]) => ({ path: key.replace(/^values\./, ''), message }))
        .filter((e) => !['_form', 'applicationId', 'version'].includes(e.path))
        .map((e) => ({ fieldId: fieldId(e.path), message: summaryMessage(e.path, e.message, listLabels) }));
      const generic = result.formError === 'Revise los campos marcados.' && fieldSummary.length > 0;
      setConflict(result.formError === CONFLICT_MESSAGE);
      setSummary([...(result.formError && !generic ? [{ message: result.formError }] : []), ...fieldSummary]);
    });
  };
  const onInvalid = (errors: FieldErrors<T>) => {
    setSavedAt(null);
    setSummary(collectErrors(errors, listLabels));
  };
  return { version, autosave, summary, conflict, savedAt, pending, submit: form.handleSubmit(onValid, onInvalid) };
}

const noSubscription = () => () => {};

/** False in the server's HTML, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/** Frame of a section page's form: read-only notice, recovered-draft notice, error summary, save button. */
export function SectionFormFrame({
  state,
  canEdit,
  readOnlyReason,
  sectionLabel,
  children,
}: {
  state: SectionFormState;
  canEdit: boolean;
  readOnlyReason: string | null;
  sectionLabel: string;
  children: ReactNode;
}) {
  // Until the page is interactive the button stays disabled: a plain HTML submit would skip validation.
  const hydrated = useHydrated();
  return (
    <>
      {!canEdit && readOnlyReason ? (
        <div className="mb-6 border-l-4 border-slate-500 bg-slate-100 p-4" data-testid="read-only-notice">
          <p className="font-semibold">Solo lectura</p>
          <p className="mt-1">{readOnlyReason}</p>
        </div>
      ) : null}
      <DraftNotice restored={state.autosave.restored} onDiscard={state.autosave.discard} />
      <ErrorSummary errors={state.summary} />
      {state.conflict ? (
        <div className="-mt-4 mb-6">
          <Button variant="secondary" onClick={() => window.location.reload()}>
            Recargar la versión actual
          </Button>
          <p className="mt-1 text-sm text-slate-600">Sus cambios quedan guardados en este navegador y se recuperan al recargar.</p>
        </div>
      ) : null}
      <form noValidate onSubmit={state.submit} aria-label={sectionLabel}>
        <fieldset disabled={!canEdit || state.pending} className="min-w-0">
          <legend className="sr-only">{sectionLabel}</legend>
          {children}
        </fieldset>
        {canEdit ? (
          <div className="mt-8 flex flex-wrap items-center gap-4 border-t border-slate-300 pt-6">
            <Button type="submit" disabled={!hydrated || state.pending}>
              {state.pending ? 'Guardando…' : 'Guardar sección'}
            </Button>
            <p role="status" className="text-ok-700 font-semibold" data-testid="save-status">
              {state.savedAt ? `Cambios guardados a las ${timeFormat.format(state.savedAt)}.` : ''}
            </p>
          </div>
        ) : null}
      </form>
    </>
  );
}
