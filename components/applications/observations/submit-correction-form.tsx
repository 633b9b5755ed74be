'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

/** «Enviar subsanación»: one press; the server refuses a second one or one after the deadline. */
export function SubmitCorrectionForm({ applicationId, action }: { applicationId: string; action: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(false);
  return (
    <form
      aria-label="Enviar la subsanación"
      onSubmit={(event) => {
        event.preventDefault();
        if (sent.current) return;
        sent.current = true;
        startTransition(async () => {
          setError(null);
          const result = await action({ applicationId });
          if (!result.ok) {
            sent.current = false;
            setError(result.formError ?? 'No se pudo enviar la subsanación.');
          }
          router.refresh();
        });
      }}
    >
      {error ? <ErrorSummary errors={[{ message: error }]} title="La subsanación no se envió" /> : null}
      <fieldset disabled={!hydrated || pending}>
        <legend className="sr-only">Enviar la subsanación</legend>
        <Button type="submit" className="w-full sm:w-auto">
          {pending ? 'Enviando…' : 'Enviar subsanación'}
        </Button>
      </fieldset>
    </form>
  );
}
