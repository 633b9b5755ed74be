'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';

export interface ActionFormField {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'date' | 'number' | 'textarea';
  inputMode?: 'decimal' | 'numeric' | 'text';
  options?: { value: string; label: string }[];
  /** Shown only when another field has this value (e.g. registry number for «constructora contratada»). */
  showWhen?: { field: string; value: string };
}

/**
 * A small form for one follow-up action: fields kept in state (nothing typed is lost when the server
 * refuses), errors next to each field and in a summary, fieldset disabled while the server works.
 */
export function ActionForm({
  id,
  title,
  fields,
  fixed,
  action,
  submitLabel,
  pendingLabel,
  doneMessage,
  variant = 'primary',
  children,
}: {
  id: string;
  title: string;
  fields: ActionFormField[];
  fixed: Record<string, string | number>;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  submitLabel: string;
  pendingLabel: string;
  doneMessage: string;
  variant?: 'primary' | 'secondary' | 'danger';
  children?: ReactNode;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, ''])));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const visible = fields.filter((f) => !f.showWhen || values[f.showWhen.field] === f.showWhen.value);
  const fieldId = (name: string) => `${id}-${name}`;
  return (
    <form
      aria-label={title}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setFormError(null);
          setFieldErrors({});
          setDone(false);
          const input: Record<string, unknown> = { ...fixed };
          for (const f of visible) input[f.name] = values[f.name];
          const result = await action(input);
          if (result.ok) {
            setDone(true);
            setValues(Object.fromEntries(fields.map((f) => [f.name, ''])));
            router.refresh();
            return;
          }
          setFieldErrors(result.fieldErrors ?? {});
          setFormError(result.formError && result.formError !== 'Revise los campos marcados.' ? result.formError : null);
        });
      }}
    >
      <ErrorSummary
        title={`No se pudo completar: ${title.toLowerCase()}`}
        errors={[
          ...(formError ? [{ message: formError }] : []),
          ...visible.filter((f) => fieldErrors[f.name]).map((f) => ({ fieldId: fieldId(f.name), message: fieldErrors[f.name]! })),
        ]}
      />
      {done ? (
        <p role="status" className="mb-3 rounded border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          {doneMessage}
        </p>
      ) : null}
      <fieldset disabled={pending} className="max-w-xl">
        <legend className="mb-2 text-lg font-bold">{title}</legend>
        {children}
        {visible.map((f) =>
          f.options ? (
            <SelectField
              key={f.name}
              id={fieldId(f.name)}
              name={f.name}
              label={f.label}
              hint={f.hint}
              error={fieldErrors[f.name]}
              options={f.options}
              placeholder="Elija una opción"
              value={values[f.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          ) : f.type === 'textarea' ? (
            <TextAreaField
              key={f.name}
              id={fieldId(f.name)}
              name={f.name}
              label={f.label}
              hint={f.hint}
              error={fieldErrors[f.name]}
              rows={3}
              value={values[f.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          ) : (
            <TextField
              key={f.name}
              id={fieldId(f.name)}
              name={f.name}
              label={f.label}
              hint={f.hint}
              error={fieldErrors[f.name]}
              type={f.type ?? 'text'}
              inputMode={f.inputMode}
              value={values[f.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          ),
        )}
        <Button type="submit" variant={variant}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </fieldset>
    </form>
  );
}
