import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy } from '@/components/ui/field';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id' | 'value'>;

function ErrorLine({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-err-700">
      <span className="sr-only">Error: </span>
      {error}
    </p>
  ) : null;
}

/**
 * Radio buttons in a fieldset whose legend is the question (GOV.UK pattern); the first radio carries
 * `id` so the error summary can link to the group.
 */
export function RadioGroupField({
  id,
  legend,
  hint,
  error,
  options,
  inline = false,
  ...input
}: InputProps & {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  inline?: boolean;
}) {
  return (
    <fieldset className={`mb-5 min-w-0 ${error ? 'border-l-4 border-err-700 pl-3' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorLine id={id} error={error} />
      <div className={`mt-2 ${inline ? 'flex flex-wrap gap-x-8' : 'space-y-2'}`}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-3">
              <input type="radio" id={optionId} value={option.value} className="mt-3 size-5 shrink-0" {...input} />
              <label htmlFor={optionId} className="min-h-11 py-2">
                {option.label}
                {option.hint ? <span className="block text-sm text-slate-600">{option.hint}</span> : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** One checkbox whose label is the commitment itself, under a legend. */
export function CheckboxField({ id, legend, label, error, ...input }: InputProps & { id: string; legend: ReactNode; label: ReactNode; error?: string }) {
  return (
    <fieldset className={`mb-5 min-w-0 ${error ? 'border-l-4 border-err-700 pl-3' : ''}`}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <ErrorLine id={id} error={error} />
      <div className="mt-2 flex items-start gap-3">
        <input type="checkbox" id={id} className="mt-1 size-5 shrink-0" aria-describedby={describedBy(id, undefined, error)} aria-invalid={error ? true : undefined} {...input} />
        <label htmlFor={id}>{label}</label>
      </div>
    </fieldset>
  );
}
