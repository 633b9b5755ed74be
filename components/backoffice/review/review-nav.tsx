'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Sub-navigation of the review area: the file, its observations, the decision and, once selected, the follow-up. */
export function ReviewNav({ base, followupHref }: { base: string; followupHref?: string }) {
  const pathname = usePathname();
  const tabs = [
    { href: base, label: 'Expediente', current: pathname === base },
    { href: `${base}/observaciones`, label: 'Observaciones', current: pathname.startsWith(`${base}/observaciones`) },
    { href: `${base}/decision`, label: 'Decisión', current: pathname.startsWith(`${base}/decision`) },
    ...(followupHref ? [{ href: followupHref, label: 'Seguimiento', current: false }] : []),
  ];
  return (
    <nav aria-label="Revisión de la postulación" className="mb-6 overflow-x-auto border-b-2 border-slate-300">
      <ul className="flex gap-1 whitespace-nowrap">
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.current ? 'page' : undefined}
              className={`-mb-0.5 inline-flex min-h-11 items-center border-b-4 px-4 py-2 text-base ${
                t.current ? 'border-brand-700 font-bold text-slate-900' : 'border-transparent text-brand-700 underline underline-offset-4 hover:border-slate-400'
              }`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
