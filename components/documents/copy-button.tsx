'use client';

import { useState, useSyncExternalStore } from 'react';

const noop = () => () => {};

/** Copies a text (a full SHA-256) to the clipboard; absent without scripts, where the text is shown whole. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  // False while rendering on the server and hydrating, true in a browser with a clipboard.
  const ready = useSyncExternalStore(noop, () => Boolean(navigator.clipboard), () => false);
  const [copied, setCopied] = useState<'idle' | 'ok' | 'error'>('idle');
  if (!ready) return null;
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="min-h-11 rounded-md border-2 border-brand-600 bg-white px-3 text-sm font-semibold text-brand-700 hover:bg-brand-50"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied('ok');
          } catch {
            setCopied('error');
          }
        }}
      >
        {label}
      </button>
      <span role="status" className="text-sm text-slate-700">
        {copied === 'ok' ? 'Copiado.' : copied === 'error' ? 'No se pudo copiar; selecciónelo y cópielo a mano.' : ''}
      </span>
    </span>
  );
}
