'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/result';

/** Uploads a roster file (CSV or XLSX); the server reads it and keeps it as a pending import. */
export function ImportUploadForm({
  applicationId,
  action,
  replacing = false,
}: {
  applicationId: string;
  action: (input: FormData) => Promise<ActionResult<{ importId: string; rows: number; rowsWithErrors: number }>>;
  /** A pending import exists: the new file replaces it. */
  replacing?: boolean;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = replacing ? 'roster-file-again' : 'roster-file';

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError('Elija la planilla de la nómina (Excel .xlsx o CSV).');
      input.current?.focus();
      return;
    }
    const data = new FormData();
    data.set('applicationId', applicationId);
    data.set('file', file);
    setPending(true);
    const result = await action(data);
    setPending(false);
    if (result.ok) {
      if (input.current) input.current.value = '';
      router.refresh();
      return;
    }
    setError(result.fieldErrors?.file ?? result.formError ?? 'No se pudo leer la planilla.');
    input.current?.focus();
  };

  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={pending}>
        <legend className="sr-only">{replacing ? 'Subir la planilla corregida' : 'Subir la planilla de la nómina'}</legend>
        <div className={error ? 'border-l-4 border-err-700 pl-3' : ''}>
          <label htmlFor={id} className="block text-base font-semibold">
            {replacing ? 'Planilla corregida' : 'Planilla de la nómina'}
          </label>
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            Excel (.xlsx) o CSV separado por punto y coma o comas, de hasta 5 MB. La primera fila debe tener los títulos de las columnas.
          </p>
          {error ? (
            <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-err-700" role="alert">
              <span className="sr-only">Error: </span>
              {error}
            </p>
          ) : null}
          <input
            ref={input}
            id={id}
            name="file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            className="mt-1 block w-full max-w-md text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-brand-600 file:bg-white file:px-3 file:font-semibold file:text-brand-700"
          />
        </div>
        <Button type="submit" variant={replacing ? 'secondary' : 'primary'} className="mt-3">
          {pending ? 'Leyendo la planilla…' : replacing ? 'Subir la planilla corregida' : 'Subir y revisar'}
        </Button>
      </fieldset>
    </form>
  );
}
