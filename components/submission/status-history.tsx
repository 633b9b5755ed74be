import type { StatusHistoryEntry } from '@/lib/dal/submission';
import { applicationStatusLabels } from '@/lib/labels';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

/** The application's state changes, oldest first, each with its reason and who acted named by role only. */
export function StatusHistory({ entries }: { entries: StatusHistoryEntry[] }) {
  return (
    <ol className="space-y-3 border-l-4 border-slate-300 pl-5" aria-label="Cambios de estado">
      {entries.map((e, i) => (
        <li key={`${e.at.toISOString()}-${i}`}>
          <p className="text-sm text-slate-600">{formatSantiagoDateTime(e.at)}</p>
          <p className="font-semibold">
            {e.from === null ? `Creada como ${applicationStatusLabels[e.to].toLowerCase()}` : `${applicationStatusLabels[e.from]} → ${applicationStatusLabels[e.to]}`}
          </p>
          <p className="text-sm text-slate-700">Por: {e.actor}</p>
          {e.reason ? <p className="mt-1 whitespace-pre-line break-words">Motivo: {e.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}
