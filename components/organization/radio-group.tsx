import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

/**
 * Radios in a fieldset whose legend is the question; hint and error are tied to the group (GOV.UK pattern).
 * The first radio carries `id`, so an error-summary link lands on the group.
 */
export function RadioGroup({
  id,
  legend,
  hint,
  error,
  options,
  field,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  field: UseFormRegisterReturn;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset aria-describedby={described} className={`mb-5 ${error ? 'border-l-4 border-err-700 pl-3' : ''}`}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-err-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="mt-2 space-y-2">
        {options.map((o, i) => (
          <div key={o.value} className="flex items-start gap-3">
            <input
              id={i === 0 ? id : `${id}-${o.value}`}
              type="radio"
              value={o.value}
              className="mt-0.5 size-6 shrink-0 accent-brand-700"
              {...field}
            />
            <label htmlFor={i === 0 ? id : `${id}-${o.value}`} className="text-base">
              {o.label}
              {o.hint ? <span className="block text-sm text-slate-600">{o.hint}</span> : null}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
