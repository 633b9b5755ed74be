'use client';

import { useId, useState } from 'react';

interface ViewerDocument {
  id: string;
  label: string;
  fileName: string;
  version: number;
  kind: 'pdf' | 'imagen' | 'otro';
}

/**
 * One stored file with an inline viewer (PDF in a frame, images as images) opened on request, so a
 * page with many documents loads none of them until asked. The links work without scripts; the file
 * route checks the reader's scope again.
 */
export function DocumentViewer({ document: doc }: { document: ViewerDocument }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const src = `/api/documentos/${doc.id}`;
  return (
    <div className="mt-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="font-semibold break-all">
          {doc.fileName} <span className="font-normal text-slate-600">(versión {doc.version})</span>
        </span>
        {doc.kind !== 'otro' ? (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((v) => !v)}
            className="min-h-11 text-brand-700 underline underline-offset-4"
          >
            {open ? 'Ocultar' : 'Ver aquí'}
            <span className="sr-only"> {doc.label}</span>
          </button>
        ) : null}
        <a href={src} target="_blank" rel="noopener" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4">
          Abrir en otra pestaña<span className="sr-only"> {doc.label}</span>
        </a>
        <a href={`${src}?descargar=1`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4">
          Descargar<span className="sr-only"> {doc.label}</span>
        </a>
      </div>
      {open ? (
        <div id={panelId} className="mt-2 rounded border border-slate-300 bg-slate-100 p-1" data-testid="document-preview">
          {doc.kind === 'imagen' ? (
            // eslint-disable-next-line @next/next/no-img-element -- a private, scope-checked file: no image optimiser in between
            <img src={src} alt={`${doc.label}: ${doc.fileName}`} className="mx-auto max-h-[75vh] w-auto max-w-full" />
          ) : (
            <iframe src={src} title={`${doc.label}: ${doc.fileName}`} className="h-[75vh] w-full bg-white" />
          )}
        </div>
      ) : null}
    </div>
  );
}
