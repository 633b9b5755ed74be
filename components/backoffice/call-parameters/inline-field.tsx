import type { InputHTMLAttributes, ReactNode } from 'react';
import { forwardRef } from 'react';
import { describedBy } from '@/components/ui/field';
import { StatusTag } from '@/components/ui/status-tag';

type InlineFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Unit written after the box («puntos»). */
  suffix?: string;
  /** The stored value is still unset: tagged «sin definir». */
  unset?: boolean;
  /** Another tag after the label («inferido»). */
  note?: ReactNode;
};

/** A short labelled box for a table of values, with its hint and error tied by aria-describedby. */
export const InlineField = forwardRef<HTMLInputElement, InlineFieldProps>(function InlineField(
  { id, label, hint, error, suffix, unset = false, note, className = '', ...props },
  ref,
) {
  return (
    <div className={`py-1 ${error ? 'border-l-4 border-err-700 pl-3' : ''}`}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-900">
        {label} {unset ? <StatusTag tone="warn">Sin definir</StatusTag> : null} {note}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-err-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="mt-1 flex items-center gap-2">
        <input
          ref={ref}
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          autoComplete="off"
          className={`block min-h-11 w-32 rounded-md border-2 bg-white px-3 py-2 text-base ${error ? 'border-err-700' : 'border-slate-700'} ${className}`}
          {...props}
        />
        {suffix ? <span className="text-sm text-slate-700">{suffix}</span> : null}
      </div>
    </div>
  );
});
