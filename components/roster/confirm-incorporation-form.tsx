'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';

export type ConfirmIncorporationState = { status: 'idle' | 'ok' | 'error'; message?: string; fieldError?: string };

/**
 * «Declaro conocer el proyecto»: a plain form posting to a server action, so it also works without
 * JavaScript on an old phone.
 */
export function ConfirmIncorporationForm({
  action,
  hidden,
  successText,
  priceKnown,
}: {
  action: (state: ConfirmIncorporationState, data: FormData) => Promise<ConfirmIncorporationState>;
  hidden: Record<string, string>;
  successText: string;
  /** Whether the summary could state the dwelling's price (the sponsor may not have set it yet). */
  priceKnown: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  if (state.status === 'ok')
    return (
      <div role="status" className="border-l-4 border-ok-700 bg-ok-50 p-4" data-testid="incorporation-confirmed">
        <p className="text-lg font-bold text-ok-700">{state.message ?? successText}</p>
      </div>
    );
  const error = state.fieldError;
  return (
    <form action={formAction} noValidate>
      {state.status === 'error' && state.message ? (
        <div role="alert" className="mb-4 border-4 border-err-700 p-4">
          <p className="font-semibold text-err-700">{state.message}</p>
        </div>
      ) : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset disabled={pending}>
        <legend className="sr-only">Declaración</legend>
        <div className={`mb-4 flex items-start gap-3 ${error ? 'border-l-4 border-err-700 pl-3' : ''}`}>
          <input
            id="accepted"
            name="accepted"
            type="checkbox"
            value="on"
            aria-describedby={error ? 'accepted-error' : undefined}
            aria-invalid={error ? true : undefined}
            className="mt-1 size-6 shrink-0 accent-brand-700"
          />
          <div>
            <label htmlFor="accepted" className="text-base font-semibold">
              Declaro conocer el proyecto
            </label>
            <p className="text-sm text-slate-700">
              {priceKnown
                ? 'Conozco el proyecto descrito arriba, el tramo de la vivienda que se me asigna y su precio, y acepto postular a él con mi organización.'
                : 'Conozco el proyecto descrito arriba y el tramo de la vivienda que se me asigna, y acepto postular a él con mi organización.'}
            </p>
            {error ? (
              <p id="accepted-error" className="mt-1 text-sm font-semibold text-err-700">
                <span className="sr-only">Error: </span>
                {error}
              </p>
            ) : null}
          </div>
        </div>
        <Button type="submit">{pending ? 'Confirmando…' : 'Confirmar'}</Button>
      </fieldset>
    </form>
  );
}
