'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ActionResult } from '@/lib/actions/result';

/** «Quitar de la nómina» behind a confirmation dialog. */
export function RemoveEntryButton({
  applicationId,
  entryId,
  name,
  action,
}: {
  applicationId: string;
  entryId: string;
  name: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setPending(true);
    setError(null);
    const result = await action({ applicationId, entryId });
    if (result.ok) {
      router.push(`/portal/postulaciones/${applicationId}/nomina?aviso=quitado&nombre=${encodeURIComponent(name)}`);
      return;
    }
    setPending(false);
    setError(result.formError ?? 'No se pudo quitar al trabajador. Intente nuevamente.');
  };

  return (
    <Dialog
      trigger="Quitar de la nómina"
      triggerVariant="danger"
      title={`¿Quitar a ${name} de la nómina?`}
      description="Dejará de figurar en esta postulación. Si ya confirmó su incorporación, esa confirmación se pierde; podrá volver a agregarlo mientras la postulación esté en borrador."
      closeLabel={null}
    >
      {error ? (
        <p role="alert" className="mb-4 font-semibold text-err-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button variant="danger" onClick={remove} disabled={pending}>
          {pending ? 'Quitando…' : 'Sí, quitar'}
        </Button>
        <form method="dialog">
          <Button type="submit" variant="secondary" disabled={pending}>
            No, volver
          </Button>
        </form>
      </div>
    </Dialog>
  );
}
