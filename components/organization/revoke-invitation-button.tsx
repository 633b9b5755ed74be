'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';
import { callAction } from './form-helpers';

/** Two-step revoke: the first click asks, the second revokes; the page then reloads its data. */
export function RevokeInvitationButton({
  invitationId,
  email,
  action,
}: {
  invitationId: string;
  email: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (!asking)
    return (
      <Button variant="link" onClick={() => setAsking(true)} aria-label={`Revocar la invitación a ${email}`}>
        Revocar
      </Button>
    );
  return (
    <div role="group" aria-label={`Confirmar revocación de la invitación a ${email}`} className="space-y-2">
      <p className="text-sm">¿Revocar la invitación? El enlace dejará de funcionar.</p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="danger"
         
          disabled={pending}
          autoFocus
          onClick={() =>
            startTransition(async () => {
              const result = await callAction(action, { invitationId });
              if (!result.ok) setError(result.formError ?? 'No se pudo revocar la invitación.');
              else {
                setAsking(false);
                router.refresh();
              }
            })
          }
        >
          {pending ? 'Revocando…' : 'Sí, revocar'}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => setAsking(false)}>
          Cancelar
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-err-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
