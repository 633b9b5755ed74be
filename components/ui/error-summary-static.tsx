import type { SummaryError } from './error-summary';

/** Server-rendered error summary for forms that work without JavaScript. */
export function ErrorSummaryStatic({ errors }: { errors: SummaryError[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" className="mb-6 border-4 border-err-700 p-4">
      <h2 id="error-summary-title" className="text-lg font-bold">Hay un problema</h2>
      <ul className="mt-2 space-y-1">
        {errors.map((e) => (
          <li key={`${e.fieldId}-${e.message}`}>
            <a href={`#${e.fieldId}`} className="font-semibold text-err-700 underline">{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
