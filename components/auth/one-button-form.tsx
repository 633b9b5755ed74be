'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';

export type OneButtonState = { status: 'idle' | 'ok' | 'error'; message?: string };

/**
 * One press that asks the server for one thing (confirm an address, send a link again): a plain form
 * posting to a server action, so it works without JavaScript too, with the answer in its place.
 */
export function OneButtonForm({
  action,
  hidden,
  label,
  pendingLabel,
  variant = 'primary',
}: {
  action: (state: OneButtonState, data: FormData) => Promise<OneButtonState>;
  hidden?: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary';
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  if (state.status === 'ok')
    return (
      <p role="status" className="border-l-4 border-ok-700 bg-ok-50 p-4 font-semibold text-ok-700">
        {state.message}
      </p>
    );
  return (
    <form action={formAction}>
      {state.status === 'error' && state.message ? (
        <p role="alert" className="mb-3 border-4 border-err-700 p-3 font-semibold text-err-700">
          {state.message}
        </p>
      ) : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}
