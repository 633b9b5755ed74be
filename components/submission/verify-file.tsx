'use client';

import { useId, useState } from 'react';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working'; fileName: string }
  | { kind: 'match'; fileName: string; sha256: string; label: string; version: number }
  | { kind: 'nomatch'; fileName: string; sha256: string }
  | { kind: 'error'; message: string };

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Drop or choose a file: its SHA-256 is computed here, in the browser (the file never leaves the
 * device), and only the hash is sent to the public verification API.
 */
export function VerifyFile({ number, code }: { number: string; code: string }) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  async function check(file: File) {
    if (!globalThis.crypto?.subtle) {
      setOutcome({ kind: 'error', message: 'Su navegador no puede calcular la huella del archivo. Pegue la huella SHA-256 en el formulario de abajo.' });
      return;
    }
    setOutcome({ kind: 'working', fileName: file.name });
    try {
      const sha256 = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      const response = await fetch('/api/v1/verification', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ number, code, sha256 }),
      });
      const body = (await response.json()) as { match?: boolean; document?: { label: string; version: number }; errors?: { message: string }[] };
      if (!response.ok) {
        setOutcome({ kind: 'error', message: body.errors?.[0]?.message ?? 'No pudimos verificar el archivo. Intente nuevamente.' });
      } else if (body.match && body.document) {
        setOutcome({ kind: 'match', fileName: file.name, sha256, label: body.document.label, version: body.document.version });
      } else {
        setOutcome({ kind: 'nomatch', fileName: file.name, sha256 });
      }
    } catch {
      setOutcome({ kind: 'error', message: 'No pudimos verificar el archivo. Revise su conexión e intente nuevamente.' });
    }
  }

  return (
    <div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer.files[0];
          if (file) void check(file);
        }}
        className={`rounded-md border-2 border-dashed p-4 ${dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-500'}`}
      >
        <label htmlFor={id} className="block font-semibold">
          Elija o arrastre aquí el archivo que quiere comprobar
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          El archivo no se sube: su huella se calcula en este dispositivo.
        </p>
        <input
          id={id}
          type="file"
          aria-describedby={`${id}-hint`}
          className="mt-2 block w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-brand-600 file:bg-white file:px-4 file:font-semibold file:text-brand-700"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file);
          }}
        />
      </div>
      <div aria-live="polite" className="mt-3" data-testid="resultado-archivo">
        {outcome.kind === 'working' ? <p>Calculando la huella de «{outcome.fileName}»…</p> : null}
        {outcome.kind === 'match' ? (
          <div className="border-l-8 border-ok-700 bg-ok-50 p-3">
            <p className="font-bold">Coincide con un documento presentado.</p>
            <p>
              «{outcome.fileName}» es el documento «{outcome.label}» (versión {outcome.version}).
            </p>
            <p className="break-all font-mono text-sm">SHA-256: {outcome.sha256}</p>
          </div>
        ) : null}
        {outcome.kind === 'nomatch' ? (
          <div className="border-l-8 border-err-700 bg-err-50 p-3">
            <p className="font-bold">No coincide con ningún documento de esta postulación.</p>
            <p>El archivo «{outcome.fileName}» no es idéntico a los documentos presentados: basta un cambio mínimo para que la huella sea distinta.</p>
            <p className="break-all font-mono text-sm">SHA-256: {outcome.sha256}</p>
          </div>
        ) : null}
        {outcome.kind === 'error' ? <p className="font-semibold text-err-700">{outcome.message}</p> : null}
      </div>
    </div>
  );
}
