'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';

type ApproveAction = (input: unknown) => Promise<ActionResult<{ party: string; version: number }>>;

/** The representative's "apruebo el envío" for the version on screen. */
export function ApproveButton({
  applicationId,
  version,
  partyTitle,
  action,
}: {
  applicationId: string;
  version: number;
  partyTitle: string;
  action: ApproveAction;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? <ErrorSummary errors={[{ message: error }]} title="No se registró su aprobación" /> : null}
      <Button
        disabled={pending}
        aria-disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await action({ applicationId, expectedVersion: version });
            if (!result.ok) setError(result.formError ?? 'No se pudo registrar la aprobación.');
            router.refresh();
          })
        }
      >
        {pending ? 'Registrando…' : `Aprobar el envío como ${partyTitle.toLowerCase()}`}
      </Button>
    </div>
  );
}
