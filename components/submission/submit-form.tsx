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
 * It stays mounted while something is pending (without the button), so a refusal stays on screen after
 * the page refreshes with the reason among the pending items.
 */
export function SubmitForm({
  applicationId,
  version,
  canSubmit,
  action,
}: {
  applicationId: string;
  version: number;
  canSubmit: boolean;
  action: SubmitAction;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(false);
  if (!canSubmit)
    return (
      <div className="space-y-3">
        {error ? <ErrorSummary errors={[{ message: error }]} title="La postulación no se envió" /> : null}
        <p className="text-slate-700">El botón para enviar aparecerá cuando se resuelva lo pendiente.</p>
      </div>
    );
  return (
    <form
      className="space-y-3"
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
      <p className="max-w-3xl">
        Al enviar, la organización de trabajadores y el empleador declaran que los antecedentes son fidedignos y que los
        trabajadores de la nómina conocen el proyecto. Se generará un comprobante con la huella de cada documento.
      </p>
      <fieldset disabled={pending}>
        <legend className="sr-only">Enviar la postulación</legend>
        <Button type="submit" className="w-full sm:w-auto">
          {pending ? 'Enviando…' : 'Aceptar y enviar la postulación'}
        </Button>
      </fieldset>
    </form>
  );
}
