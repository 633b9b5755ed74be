'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

/**
 * A one-press server action (accept, repeat, delete): locked while it runs, the server's Spanish
 * message shown beside it when refused, the page refreshed when done.
 */
export function ActionButton({
  action,
  input,
  label,
  pendingLabel,
  variant = 'secondary',
  describedBy,
}: {
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  input: Record<string, unknown>;
  label: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  describedBy?: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        variant={variant}
        disabled={!hydrated || pending}
        aria-describedby={describedBy}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await action(input);
            if (!result.ok) setError(result.formError ?? 'No se pudo completar la acción.');
            router.refresh();
          })
        }
      >
        {pending ? pendingLabel : label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm font-semibold text-err-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
