'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { FieldShell, describedBy } from '@/components/ui/field';
import { StatusTag } from '@/components/ui/status-tag';
import type { ActionResult } from '@/lib/actions/result';
import type { IncomeAnswerReport } from '@/lib/dal/income-check';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

const statusView = {
  actualizado: { label: 'Actualizado', tone: 'ok' },
  desconocido: { label: 'RUT desconocido', tone: 'warn' },
  error: { label: 'Error', tone: 'error' },
} as const;

/** Uploads the SII's answer (RUT; ingreso verificado) and shows what happened to each row. */
export function IncomeImportForm({ action }: { action: (input: unknown) => Promise<ActionResult<IncomeAnswerReport>> }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [fileError, setFileError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [report, setReport] = useState<IncomeAnswerReport | null>(null);
  const hint = 'Archivo CSV con las columnas «RUT» e «Ingreso verificado», separadas por punto y coma o coma. Máximo 2 MB.';
  return (
    <>
      <ErrorSummary
        errors={[...(formError ? [{ message: formError }] : []), ...(fileError ? [{ fieldId: 'sii-file', message: fileError }] : [])]}
        title="No se pudo leer la respuesta del SII"
      />
      <form
        aria-label="Cargar la respuesta del SII"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(async () => {
            setFormError(null);
            setFileError(undefined);
            const result = await action(data);
            if (result.ok && result.data) {
              setReport(result.data);
              router.refresh();
              return;
            }
            if (!result.ok) {
              setFileError(result.fieldErrors?.file);
              setFormError(result.formError && result.formError !== 'Revise los campos marcados.' ? result.formError : null);
            }
          });
        }}
      >
        <fieldset disabled={!hydrated || pending}>
          <legend className="sr-only">Respuesta del SII</legend>
          <FieldShell id="sii-file" label="Respuesta del SII" hint={hint} error={fileError}>
            <input
              id="sii-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={describedBy('sii-file', hint, fileError)}
              className="block w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-brand-600 file:bg-white file:px-4 file:font-semibold file:text-brand-700"
            />
          </FieldShell>
          <Button type="submit">{pending ? 'Procesando…' : 'Cargar respuesta'}</Button>
        </fieldset>
      </form>
      {report ? (
        <section aria-labelledby="reporte-title" className="mt-6" data-testid="reporte-sii">
          <h3 id="reporte-title" className="text-lg font-bold" role="status">
            {report.updated} trabajador(es) actualizados · {report.overCap} sobre el tope · {report.problems} fila(s) con problemas
          </h3>
          <div className="mt-2 overflow-x-auto" role="region" aria-label="Resultado por fila" tabIndex={0}>
            <table className="w-full border-collapse text-left text-sm">
              <thead>
                <tr className="border-b-2 border-slate-800">
                  <th scope="col" className="px-2 py-1">Fila</th>
                  <th scope="col" className="px-2 py-1">RUT</th>
                  <th scope="col" className="px-2 py-1">Resultado</th>
                  <th scope="col" className="px-2 py-1">Detalle</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r, i) => (
                  <tr key={i} className="border-b border-slate-300 align-top">
                    <td className="px-2 py-1 tabular-nums">{r.line}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{r.rut || '—'}</td>
                    <td className="px-2 py-1">
                      <StatusTag tone={r.status === 'actualizado' && r.overCap ? 'error' : statusView[r.status].tone}>
                        {r.status === 'actualizado' && r.overCap ? 'Sobre el tope' : statusView[r.status].label}
                      </StatusTag>
                    </td>
                    <td className="px-2 py-1 break-words">
                      {r.name ? `${r.name} (${r.applicationNumber}): ` : ''}
                      {r.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
