import type { EligibilityDto } from '@/lib/dal/eligibility';

/** What passes, what fails and why, straight from the rules engine. */
export function EligibilityPanel({ result }: { result: EligibilityDto }) {
  const failing = result.rules.filter((r) => !r.ok);
  const passing = result.rules.filter((r) => r.ok);
  const failingWorkers = result.workers.filter((w) => !w.ok);
  return (
    <aside aria-labelledby="eligibility-title" className="rounded-lg border-2 border-slate-300 bg-white p-4" data-testid="eligibility-panel">
      <h2 id="eligibility-title" className="mb-2 text-lg font-bold">
        Requisitos del programa
      </h2>
      <p className={`mb-3 font-semibold ${result.ok ? 'text-ok-700' : 'text-err-700'}`} data-testid="eligibility-status">
        {result.ok ? 'La postulación cumple todos los requisitos verificables.' : `Hay ${failing.length + failingWorkers.length} requisito(s) por cumplir.`}
      </p>
      {result.zoneLabel ? <p className="mb-3 text-sm text-slate-700">Zona del terreno: {result.zoneLabel}.</p> : null}
      {failing.length > 0 ? (
        <ul className="mb-3 space-y-2 text-sm">
          {failing.map((r, i) => (
            <li key={`${r.id}-${i}`} className="border-l-4 border-err-700 pl-2" data-rule={r.id}>
              <span className="sr-only">No cumple: </span>
              {r.message}
              <span className="block text-xs text-slate-600">{r.source}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {failingWorkers.length > 0 ? (
        <details className="mb-3 text-sm" open={failingWorkers.length <= 5}>
          <summary className="cursor-pointer font-semibold">{failingWorkers.length} trabajador(es) con requisitos pendientes</summary>
          <ul className="mt-2 space-y-2">
            {failingWorkers.map((w) => (
              <li key={w.entryId} className="border-l-4 border-err-700 pl-2">
                <strong>{w.name}</strong>
                <ul>
                  {w.reasons.filter((r) => !r.ok).map((r) => (
                    <li key={r.id} data-rule={r.id}>{r.message}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {passing.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer">{passing.length} requisito(s) cumplidos</summary>
          <ul className="mt-2 space-y-1">
            {passing.map((r, i) => (
              <li key={`${r.id}-${i}`} className="border-l-4 border-ok-700 pl-2">
                <span className="sr-only">Cumple: </span>
                {r.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </aside>
  );
}
