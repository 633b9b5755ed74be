'use client';

import { Button } from '@/components/ui/button';
import type { RestoredDraft } from './use-draft-autosave';

const timeFormat = new Intl.DateTimeFormat('es-CL', { timeZone: 'America/Santiago', hour: '2-digit', minute: '2-digit', hour12: false });
const dayFormat = new Intl.DateTimeFormat('es-CL', { timeZone: 'America/Santiago', day: 'numeric', month: 'long' });

/** "We recovered unsaved changes from 14:32": shown after a reload restored a draft from this browser. */
export function DraftNotice({ restored, onDiscard }: { restored: RestoredDraft | null; onDiscard: () => void }) {
  if (!restored) return null;
  return (
    <div role="status" className="mb-6 border-l-4 border-brand-600 bg-brand-50 p-4" data-testid="draft-notice">
      <p className="font-semibold">
        Recuperamos cambios sin guardar de las {timeFormat.format(restored.savedAt)} del {dayFormat.format(restored.savedAt)}.
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {restored.stale
          ? 'Mientras tanto alguien guardó esta sección. Revise los valores antes de guardar: al guardar reemplazará lo que esa persona guardó.'
          : 'Están solo en este navegador. Guarde la sección para que las demás partes los vean.'}
      </p>
      <Button variant="secondary" className="mt-3" onClick={onDiscard}>
        Descartar
      </Button>
    </div>
  );
}
