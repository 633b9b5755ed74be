'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';

type Summary = { added: number; removed: number; modified: number; unchanged: number; total: number };

/** Accept (replace the roster with the import) or discard it. */
export function ImportDecision({
  applicationId,
  importId,
  rosterStamp,
  importable,
  accept,
  discard,
}: {
  applicationId: string;
  importId: string;
  rosterStamp: string;
  importable: boolean;
  accept: (input: unknown) => Promise<ActionResult<Summary>>;
  discard: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<'accept' | 'discard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/portal/postulaciones/${applicationId}/nomina`;

  const onAccept = async () => {
    setPending('accept');
    setError(null);
    const result = await accept({ applicationId, importId, rosterStamp });
    if (result.ok && result.data) {
      const s = result.data;
      router.push(`${base}?aviso=importada&agregados=${s.added}&modificados=${s.modified}&quitados=${s.removed}&sin_cambios=${s.unchanged}`);
      return;
    }
    setPending(null);
    setError(result.ok ? null : (result.formError ?? 'No se pudo aceptar la planilla.'));
    router.refresh();
  };

  const onDiscard = async () => {
    setPending('discard');
    setError(null);
    const result = await discard({ applicationId, importId });
    setPending(null);
    if (result.ok) {
      router.push(base);
      return;
    }
    setError(result.formError ?? 'No se pudo descartar la planilla.');
  };

  return (
    <div>
      {error ? (
        <p role="alert" className="mb-3 border-l-4 border-err-700 bg-err-50 p-3 font-semibold text-err-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {importable ? (
          <Button onClick={onAccept} disabled={pending !== null}>
            {pending === 'accept' ? 'Reemplazando la nómina…' : 'Aceptar y reemplazar la nómina'}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onDiscard} disabled={pending !== null}>
          {pending === 'discard' ? 'Descartando…' : 'Descartar esta planilla'}
        </Button>
      </div>
    </div>
  );
}
