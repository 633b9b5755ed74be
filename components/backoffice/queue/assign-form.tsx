'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/actions/result';

type AssignResult = ActionResult<{ number: string; reviewer: { id: string; name: string } | null; changed: boolean }>;
type AssignFormAction = (previous: AssignResult | null, formData: FormData) => Promise<AssignResult>;

/**
 * "Asignar" one file to a reviewer of the region. A plain form posting to a server action: it works
 * before scripts load, and the server checks region and assignee again whatever the form sends.
 */
export function AssignForm({
  applicationId,
  number,
  currentReviewerId,
  reviewers,
  action,
}: {
  applicationId: string;
  number: string;
  currentReviewerId: string | null;
  reviewers: { id: string; name: string }[];
  action: AssignFormAction;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [selected, setSelected] = useState(currentReviewerId ?? '');
  const id = `asignar-${applicationId}`;
  const error = state && !state.ok ? (state.fieldErrors?.reviewerId ?? state.fieldErrors?.applicationId ?? state.formError ?? 'No se pudo asignar.') : null;
  const done = state?.ok ? state.data : null;
  return (
    <form action={formAction} className="mt-1" data-testid="assign-form">
      <input type="hidden" name="applicationId" value={applicationId} />
      <fieldset disabled={pending} className="flex flex-wrap items-end gap-2">
        <legend className="sr-only">Asignar la postulación {number}</legend>
        <div>
          <label htmlFor={id} className="block text-sm font-semibold">
            Analista
          </label>
          <select
            id={id}
            name="reviewerId"
            value={selected}
            onChange={(event) => setSelected(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={`min-h-11 max-w-[14rem] rounded-md border-2 bg-white px-2 py-1.5 text-sm ${error ? 'border-err-700' : 'border-slate-700'}`}
          >
            <option value="">Sin asignar</option>
            {reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="min-h-11 rounded-md border-2 border-brand-600 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:border-slate-300 disabled:text-slate-400"
        >
          {pending ? 'Asignando…' : 'Asignar'}
        </button>
      </fieldset>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-semibold text-err-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="mt-1 text-sm text-ok-700">
          {done.reviewer ? `${done.number} asignada a ${done.reviewer.name}.` : `${done.number} quedó sin asignar.`}
        </p>
      ) : null}
    </form>
  );
}
