import Link from 'next/link';
import type { SubmissionBlocker } from '@/lib/dal/submission';

const kindLabels: Record<SubmissionBlocker['kind'], string> = {
  estado: 'Estado',
  llamado: 'Plazo del llamado',
  seccion: 'Sección incompleta',
  documento: 'Documento',
  requisito: 'Requisito del programa',
  trabajador: 'Nómina',
  aprobacion: 'Aprobación',
};

/** What still stands between the file and "Enviar", each with a link to where it is fixed. */
export function BlockerList({ applicationId, blockers }: { applicationId: string; blockers: SubmissionBlocker[] }) {
  if (blockers.length === 0) return null;
  const base = `/portal/postulaciones/${applicationId}`;
  return (
    <section aria-labelledby="pendientes-title" className="border-l-8 border-warn-800 bg-warn-50 p-4" data-testid="bloqueos">
      <h3 id="pendientes-title" className="text-lg font-bold">
        {blockers.length === 1 ? 'Falta 1 cosa para poder enviar' : `Faltan ${blockers.length} cosas para poder enviar`}
      </h3>
      <ul className="mt-2 space-y-2">
        {blockers.map((b, i) => {
          const href = b.href?.startsWith('/enviar#') ? b.href.slice('/enviar'.length) : b.href ? `${base}${b.href}` : null;
          return (
            <li key={`${b.kind}-${i}`} data-kind={b.kind}>
              <span className="block text-xs font-semibold uppercase tracking-wide text-warn-800">{kindLabels[b.kind]}</span>
              {href ? (
                <Link href={href} className="text-brand-700 underline underline-offset-4">
                  {b.message}
                </Link>
              ) : (
                <span>{b.message}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
