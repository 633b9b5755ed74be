'use client';

import { useEffect, useRef } from 'react';

export interface SummaryError {
  fieldId?: string;
  message: string;
}

/** GOV.UK-style summary at the top of a form: focused on submit, each error links to its field. */
export function ErrorSummary({ errors, title = 'Hay un problema' }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.fieldId}:${e.message}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-6 border-4 border-err-700 p-4"
    >
      <h2 id="error-summary-title" className="text-lg font-bold">
        {title}
      </h2>
      <ul className="mt-2 list-none space-y-1">
        {errors.map((e, i) => (
          <li key={`${e.fieldId ?? 'form'}-${i}`}>
            {e.fieldId ? (
              <a href={`#${e.fieldId}`} className="font-semibold text-err-700 underline">
                {e.message}
              </a>
            ) : (
              <span className="font-semibold text-err-700">{e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
