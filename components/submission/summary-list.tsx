import Link from 'next/link';
import type { ReactNode } from 'react';

export interface SummaryRow {
  key: string;
  label: ReactNode;
  value: ReactNode;
}

/**
 * GOV.UK "check your answers" card: a titled block of label/value rows and one "Cambiar" link to the
 * section, whose accessible name says what it changes.
 */
export function SummaryCard({
  id,
  title,
  changeHref,
  changeLabel,
  status,
  rows,
  children,
}: {
  id: string;
  title: string;
  changeHref?: string;
  /** Completes "Cambiar …" for screen readers, e.g. "el proyecto". */
  changeLabel?: string;
  status?: ReactNode;
  rows?: SummaryRow[];
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-md border-2 border-slate-300" data-testid={`resumen-${id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2 border-b-2 border-slate-300 bg-slate-50 px-4 py-3">
        <h3 id={`${id}-title`} className="text-lg font-bold">
          {title}
        </h3>
        <div className="flex flex-wrap items-center gap-3">
          {status}
          {changeHref ? (
            <Link href={changeHref} className="font-semibold text-brand-700 underline underline-offset-4">
              Cambiar<span className="sr-only"> {changeLabel ?? title.toLowerCase()}</span>
            </Link>
          ) : null}
        </div>
      </div>
      <div className="px-4 py-2">
        {rows && rows.length > 0 ? (
          <dl className="divide-y divide-slate-200">
            {rows.map((row) => (
              <div key={row.key} className="grid gap-1 py-2 sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-4">
                <dt className="font-semibold">{row.label}</dt>
                <dd className="min-w-0 break-words">{row.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {children}
      </div>
    </section>
  );
}

/** "No indicado" in a muted tone, for answers still empty. */
export function Missing({ children = 'No indicado' }: { children?: ReactNode }) {
  return <span className="text-slate-600">{children}</span>;
}
