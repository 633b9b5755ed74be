import Link from 'next/link';
import type { ReviewQueueQuery } from '@/lib/dal/review-queue';
import { queueHref } from './queue-href';

/** Page numbers around the current one, with the first and last always reachable. */
function pageList(page: number, pageCount: number): (number | 'gap')[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push('gap');
    out.push(p);
  });
  return out;
}

const linkClass = 'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border-2 border-slate-300 bg-white px-3 text-brand-700 underline underline-offset-4 hover:border-brand-600';

/** Server-side pages of the queue: plain links keeping every filter and the sort. */
export function QueuePagination({ query, page, pageCount, total, pageSize }: { query: ReviewQueueQuery; page: number; pageCount: number; total: number; pageSize: number }) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="mt-4 flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
      <p className="text-sm text-slate-700" data-testid="queue-range" aria-live="polite">
        {total === 0 ? 'Sin resultados.' : `Mostrando ${from}–${to} de ${total} postulaciones · página ${page} de ${pageCount}`}
      </p>
      {pageCount > 1 ? (
        <nav aria-label="Páginas de la bandeja">
          <ul className="flex flex-wrap items-center gap-1">
            {page > 1 ? (
              <li>
                <Link href={queueHref(query, { page: page - 1 })} className={linkClass} rel="prev">
                  Anterior
                </Link>
              </li>
            ) : null}
            {pageList(page, pageCount).map((p, i) =>
              p === 'gap' ? (
                <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-600">
                  …
                </li>
              ) : (
                <li key={p}>
                  {p === page ? (
                    <span aria-current="page" className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border-2 border-brand-700 bg-brand-700 px-3 font-semibold text-white">
                      <span className="sr-only">Página </span>
                      {p}
                    </span>
                  ) : (
                    <Link href={queueHref(query, { page: p })} className={linkClass}>
                      <span className="sr-only">Página </span>
                      {p}
                    </Link>
                  )}
                </li>
              ),
            )}
            {page < pageCount ? (
              <li>
                <Link href={queueHref(query, { page: page + 1 })} className={linkClass} rel="next">
                  Siguiente
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
