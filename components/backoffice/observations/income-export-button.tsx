'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

/** Downloads the SII request file the server builds (and records as exported). */
export function IncomeExportButton({
  action,
  disabled,
}: {
  action: (input: unknown) => Promise<ActionResult<{ fileName: string; content: string; count: number }>>;
  disabled: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div>
      <Button
        disabled={!hydrated || disabled || pending}
        onClick={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await action({});
            if (!result.ok || !result.data) {
              setMessage({ ok: false, text: result.ok ? 'No se pudo generar el archivo.' : (result.formError ?? 'No se pudo generar el archivo.') });
              return;
            }
            const blob = new Blob([result.data.content], { type: 'text/csv;charset=utf-8' });
            const url = URL.createObjectURL(blob);
            const link = document.createElement('a');
            link.href = url;
            link.download = result.data.fileName;
            document.body.append(link);
            link.click();
            link.remove();
            URL.revokeObjectURL(url);
            setMessage({ ok: true, text: `Se descargó ${result.data.fileName} con ${result.data.count} trabajador(es).` });
            router.refresh();
          })
        }
      >
        {pending ? 'Generando…' : 'Descargar archivo para el SII (CSV)'}
      </Button>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-2 text-sm font-semibold ${message.ok ? 'text-ok-700' : 'text-err-700'}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
