import type { ProjectSummaryDto } from '@/lib/dal/incorporation';
import { formatUf } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

/** The project in plain words, as the worker declares to know it (formulario de incorporación). */
export function ProjectSummary({ summary }: { summary: ProjectSummaryDto }) {
  const place = summary.comunaName ? `${summary.comunaName}${summary.regionName ? `, ${summary.regionName}` : ''}` : 'Comuna por definir';
  return (
    <dl className="mb-6 grid gap-x-6 gap-y-3 rounded-md border-2 border-slate-300 p-4 sm:grid-cols-[auto_1fr]" data-testid="project-summary">
      <dt className="font-semibold">Proyecto</dt>
      <dd>{summary.projectName}</dd>
      <dt className="font-semibold">Organización que postula</dt>
      <dd>{summary.organizationName}</dd>
      <dt className="font-semibold">Dónde se construye</dt>
      <dd>{place}</dd>
      <dt className="font-semibold">Su vivienda</dt>
      <dd>
        Tramo {summary.band}
        {summary.pricesUf.length > 0 ? (
          <>
            , de un precio de{' '}
            {summary.pricesUf.map((price, i) => (
              <span key={price}>
                {i > 0 ? (i === summary.pricesUf.length - 1 ? ' o ' : ', ') : ''}
                <strong>{formatUf(price)}</strong>
              </span>
            ))}
            {summary.pricesUf.length > 1 ? ', según el modelo' : ''}
            {summary.dwellingsInBand
              ? ` (el proyecto tiene ${summary.dwellingsInBand} ${summary.dwellingsInBand === 1 ? 'vivienda' : 'viviendas'} de este tramo)`
              : ''}
          </>
        ) : (
          ' (el precio aún no está definido en el proyecto)'
        )}
        .
      </dd>
      <dt className="font-semibold">Llamado</dt>
      <dd>
        {summary.callName}. Cierra el {formatSantiagoDateTime(summary.callClosesAt)}.
      </dd>
    </dl>
  );
}
