import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import type { CorrectionPanelDto } from '@/lib/dal/observations';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

/**
 * On a page of an observed file: until when it can be corrected (server clock, shown as given) and which
 * of SERVIU's observations point at it, each linked to where it is answered.
 */
export function CorrectionNotice({ panel, canEdit, what = 'esta sección' }: { panel: CorrectionPanelDto; canEdit: boolean; what?: string }) {
  const count = panel.observations.length;
  return (
    <section
      aria-labelledby="correccion-title"
      className={`mb-6 rounded-md border-l-8 p-4 ${panel.open ? 'border-warn-800 bg-warn-50' : 'border-slate-700 bg-slate-100'}`}
      data-testid="correccion-seccion"
    >
      <h3 id="correccion-title" className="text-lg font-bold">
        Corrección de observaciones · ronda {panel.roundNumber}
      </h3>
      <p className="mt-1">
        {panel.open
          ? canEdit
            ? `Puede corregir ${what}${panel.deadlineAt ? ` hasta el ${formatSantiagoDateTime(panel.deadlineAt)}` : ''}. SERVIU verá lo que cambie cuando se envíe la subsanación.`
            : `Plazo para corregir: ${panel.deadlineAt ? `hasta el ${formatSantiagoDateTime(panel.deadlineAt)}` : 'el que fijó SERVIU'}.`
          : panel.closedReason}
      </p>
      {count > 0 ? (
        <>
          <p className="mt-3 font-semibold">
            {count === 1 ? 'Una observación de SERVIU apunta aquí:' : `${count} observaciones de SERVIU apuntan aquí:`}
          </p>
          <ul className="mt-2 space-y-2" data-testid="observaciones-seccion">
            {panel.observations.map((o) => (
              <li key={o.id} className="rounded border border-slate-300 bg-white p-3">
                <p className="flex flex-wrap items-center gap-2">
                  <StatusTag tone={o.severity === 'bloqueante' ? 'error' : 'warn'}>{o.severity === 'bloqueante' ? 'Bloqueante' : 'Advertencia'}</StatusTag>
                  <StatusTag tone={o.status === 'respondida' ? 'info' : 'warn'}>{o.status === 'respondida' ? 'Respondida' : 'Sin responder'}</StatusTag>
                  <span className="font-semibold break-words">{o.target.label}</span>
                </p>
                <p className="mt-1 line-clamp-3 whitespace-pre-line break-words">{o.message}</p>
                <p className="mt-1">
                  <Link href={o.href} className="font-semibold text-brand-700 underline underline-offset-4">
                    {panel.open ? 'Ver y responder la observación' : 'Ver la observación'}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
