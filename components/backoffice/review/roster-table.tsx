import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import type { ReviewWorkerDto } from '@/lib/dal/review';
import { formatUf } from '@/lib/format';
import { SCORE_FACTS_HEADING } from '@/lib/roster/score-facts';
import { formatSantiagoDate } from '@/lib/santiago-time';

export const ROSTER_PAGE_SIZE = 50;

const incomeCapText = { no_aplica: 'No aplica', cumple: 'Bajo el tope', no_cumple: 'No cumple' } as const;
const incorporationText = { en_linea: 'Confirmó en línea', formulario_firmado: 'Formulario firmado', pendiente: 'Pendiente' } as const;

function href(base: string, page: number, onlyPending: boolean): string {
  const params = new URLSearchParams();
  if (page > 1) params.set('nomina', String(page));
  if (onlyPending) params.set('trabajadores', 'pendientes');
  const search = params.toString();
  return `${base}${search ? `?${search}` : ''}#nomina`;
}

/** The household facts declared for the score, folded so the table stays readable at 50 rows. */
function ScoreFactsCell({ facts, name }: { facts: ReviewWorkerDto['scoreFacts']; name: string }) {
  if (facts.length === 0) return <span className="text-slate-600">Sin antecedentes declarados</span>;
  return (
    <details>
      <summary className="cursor-pointer text-brand-700 underline underline-offset-4">
        {facts.length === 1 ? '1 antecedente' : `${facts.length} antecedentes`}
        <span className="sr-only"> de puntaje de {name}</span>
      </summary>
      <dl className="mt-1 space-y-1 text-xs">
        {facts.map((f) => (
          <div key={f.fact}>
            <dt className="font-semibold">{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/**
 * The roster with each worker's results, 50 a page (a project has up to 300 workers). "Pendientes"
 * keeps only workers who fail a requirement or have not confirmed their incorporation.
 */
export function RosterTable({ workers, base, page, onlyPending }: { workers: ReviewWorkerDto[]; base: string; page: number; onlyPending: boolean }) {
  const shown = onlyPending ? workers.filter((w) => !w.eligible || w.incorporation.status === 'pendiente') : workers;
  const pageCount = Math.max(1, Math.ceil(shown.length / ROSTER_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = shown.slice((current - 1) * ROSTER_PAGE_SIZE, current * ROSTER_PAGE_SIZE);
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm">
        <Link href={href(base, 1, false)} aria-current={!onlyPending ? 'true' : undefined} className={!onlyPending ? 'font-bold' : 'text-brand-700 underline underline-offset-4'}>
          Todos ({workers.length})
        </Link>
        <Link href={href(base, 1, true)} aria-current={onlyPending ? 'true' : undefined} className={onlyPending ? 'font-bold' : 'text-brand-700 underline underline-offset-4'}>
          Con requisitos o incorporación pendientes ({workers.filter((w) => !w.eligible || w.incorporation.status === 'pendiente').length})
        </Link>
      </div>
      <div className="overflow-x-auto rounded border border-slate-300 bg-white" role="region" aria-label="Nómina de trabajadores" tabIndex={0}>
        <table className="w-full min-w-[64rem] border-collapse text-left text-sm">
          <thead>
            <tr className="border-b-2 border-slate-800 bg-slate-100">
              <th scope="col" className="px-2 py-2">Trabajador/a</th>
              <th scope="col" className="px-2 py-2 text-right">Tramo</th>
              <th scope="col" className="px-2 py-2 text-right">RSH</th>
              <th scope="col" className="px-2 py-2 text-right">Ahorro</th>
              <th scope="col" className="px-2 py-2 text-right">Depositado</th>
              <th scope="col" className="px-2 py-2">Socio/a</th>
              <th scope="col" className="px-2 py-2">Tope de ingresos</th>
              <th scope="col" className="px-2 py-2">Incorporación</th>
              <th scope="col" className="px-2 py-2">Resultado</th>
              <th scope="col" className="px-2 py-2">{SCORE_FACTS_HEADING}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={10} className="px-2 py-4 text-slate-700">
                  {workers.length === 0 ? 'La nómina está vacía.' : 'Ningún trabajador con requisitos o incorporación pendientes.'}
                </td>
              </tr>
            ) : (
              rows.map((w) => {
                const failing = w.reasons.filter((r) => !r.ok);
                return (
                  <tr key={w.id} className="border-b border-slate-300 align-top" data-testid="worker-row">
                    <th scope="row" className="px-2 py-2 text-left font-normal">
                      <span className="font-semibold">{w.name}</span>
                      <span className="block whitespace-nowrap tabular-nums text-slate-700">{w.rut}</span>
                      {w.isReplacement ? <span className="block text-xs text-slate-600">Reemplazante</span> : null}
                    </th>
                    <td className="px-2 py-2 text-right tabular-nums">{w.band}</td>
                    <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{w.rshPercentile === null ? 'Sin RSH' : `${w.rshPercentile}%`}</td>
                    <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatUf(w.savingsUf)}</td>
                    <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatUf(w.savingsDepositedUf)}</td>
                    <td className="px-2 py-2">{w.unionMember ? 'Sí' : 'No'}</td>
                    <td className="px-2 py-2">
                      <span className={w.incomeCap.state === 'no_cumple' ? 'font-semibold text-err-700' : ''} title={w.incomeCap.message}>
                        {incomeCapText[w.incomeCap.state]}
                      </span>
                      {w.incomeCap.sii ? <span className="block text-xs text-slate-600">{w.incomeCap.sii}</span> : null}
                    </td>
                    <td className="px-2 py-2">
                      <span className={w.incorporation.status === 'pendiente' ? 'font-semibold text-warn-800' : ''}>{incorporationText[w.incorporation.status]}</span>
                      {w.incorporation.confirmedAt ? (
                        <span className="block text-xs text-slate-600">{formatSantiagoDate(w.incorporation.confirmedAt)}</span>
                      ) : null}
                      {w.incorporation.form ? (
                        <a href={`/api/documentos/${w.incorporation.form.id}`} target="_blank" rel="noopener" className="block text-brand-700 underline underline-offset-4">
                          Ver formulario<span className="sr-only"> de {w.name}</span>
                        </a>
                      ) : null}
                    </td>
                    <td className="px-2 py-2">
                      {w.eligible ? <StatusTag tone="ok">Cumple</StatusTag> : <StatusTag tone="error">No cumple</StatusTag>}
                      {failing.length > 0 ? (
                        <ul className="mt-1 space-y-1 text-xs">
                          {failing.map((r) => (
                            <li key={r.id} data-rule={r.id}>
                              {r.message}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td className="px-2 py-2" data-testid="antecedentes-puntaje">
                      <ScoreFactsCell facts={w.scoreFacts} name={w.name} />
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 ? (
        <nav aria-label="Páginas de la nómina" className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          {current > 1 ? (
            <Link href={href(base, current - 1, onlyPending)} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4" rel="prev">
              Anteriores {ROSTER_PAGE_SIZE}
            </Link>
          ) : null}
          <span aria-current="page">
            Trabajadores {(current - 1) * ROSTER_PAGE_SIZE + 1}–{Math.min(shown.length, current * ROSTER_PAGE_SIZE)} de {shown.length} · página {current} de {pageCount}
          </span>
          {current < pageCount ? (
            <Link href={href(base, current + 1, onlyPending)} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4" rel="next">
              Siguientes {ROSTER_PAGE_SIZE}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
