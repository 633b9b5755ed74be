'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';

type SubmitAction = (input: unknown) => Promise<ActionResult<{ number: string; submittedAt: string; alreadySubmitted: boolean }>>;

/**
 * "Enviar postulación": one press, the button locked while the server works. The server, not this
 * button, guarantees a single submission; a second press or tab gets the first one's receipt or a refusal.
 */
export function SubmitForm({ applicationId, version, action }: { applicationId: string; version: number; action: SubmitAction }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (sent.current) return;
        sent.current = true;
        startTransition(async () => {
          setError(null);
          const result = await action({ applicationId, expectedVersion: version });
          if (result.ok) {
            router.push(`/portal/postulaciones/${applicationId}/estado?enviada=1`);
            router.refresh();
            return;
          }
          sent.current = false;
          setError(result.formError ?? 'No se pudo enviar la postulación.');
          router.refresh();
        });
      }}
    >
      {error ? <ErrorSummary errors={[{ message: error }]} title="La postulación no se envió" /> : null}
      <fieldset disabled={pending}>
        <legend className="sr-only">Enviar la postulación</legend>
        <Button type="submit" className="w-full sm:w-auto">
          {pending ? 'Enviando…' : 'Aceptar y enviar la postulación'}
        </Button>
      </fieldset>
    </form>
  );
}
