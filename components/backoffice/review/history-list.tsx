import type { ReviewHistoryEntry } from '@/lib/dal/review';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

/** What happened to the file, newest first: who (name and role), when (Chile time) and what. */
export function HistoryList({ entries, truncated, limit }: { entries: ReviewHistoryEntry[]; truncated: boolean; limit: number }) {
  if (entries.length === 0) return <p className="text-slate-700">Sin movimientos registrados.</p>;
  return (
    <>
      <ol className="space-y-3 border-l-2 border-slate-300 pl-4">
        {entries.map((e) => (
          <li key={e.id} data-testid="history-entry">
            <p className="font-semibold">{e.action}</p>
            <p className="text-sm text-slate-700">
              <time dateTime={e.at.toISOString()}>{formatSantiagoDateTime(e.at)}</time>
              {' · '}
              {e.actorName ? `${e.actorName}${e.actorRole ? ` (${e.actorRole})` : ''}` : e.actorRole ?? 'Sistema'}
            </p>
            {e.details.length > 0 ? (
              <ul className="text-sm text-slate-700">
                {e.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {truncated ? <p className="mt-3 text-sm text-slate-600">Se muestran los {limit} movimientos más recientes.</p> : null}
    </>
  );
}
