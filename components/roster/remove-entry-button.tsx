'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';

/** «Quitar de la nómina» behind a confirmation, on the native <dialog> (focus, Escape and backdrop from the browser). */
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
  const dialog = useRef<HTMLDialogElement>(null);
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
    <>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>
        Quitar de la nómina
      </Button>
      <dialog ref={dialog} aria-labelledby="remove-title" aria-describedby="remove-text" className="m-auto w-full max-w-lg rounded-lg p-6 backdrop:bg-black/50">
        <h2 id="remove-title" className="mb-3 text-xl font-bold">
          ¿Quitar a {name} de la nómina?
        </h2>
        <p id="remove-text" className="mb-4">
          Dejará de figurar en esta postulación. Si ya confirmó su incorporación, esa confirmación se pierde; podrá volver a agregarlo
          mientras la postulación esté en borrador.
        </p>
        {error ? (
          <p role="alert" className="mb-4 font-semibold text-err-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <Button variant="danger" onClick={remove} disabled={pending}>
            {pending ? 'Quitando…' : 'Sí, quitar'}
          </Button>
          <Button variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
            No, volver
          </Button>
        </div>
      </dialog>
    </>
  );
}
