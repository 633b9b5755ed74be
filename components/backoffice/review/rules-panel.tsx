import type { RuleResult } from '@/lib/domain/explain';

/** The rules engine's verdict on the file: every rule with its reason and where it comes from. */
export function RulesPanel({ ok, zoneLabel, rules, failingWorkers }: { ok: boolean; zoneLabel: string | null; rules: RuleResult[]; failingWorkers: number }) {
  const failing = rules.filter((r) => !r.ok);
  const passing = rules.filter((r) => r.ok);
  return (
    <div>
      <p className={`mb-2 font-semibold ${ok ? 'text-ok-700' : 'text-err-700'}`} data-testid="rules-verdict">
        {ok
          ? 'La postulación cumple todos los requisitos verificables del programa.'
          : `${failing.length} requisito(s) del proyecto y ${failingWorkers} trabajador(es) no cumplen.`}
      </p>
      {zoneLabel ? <p className="mb-3 text-sm text-slate-700">Zona del terreno: {zoneLabel}.</p> : null}
      {failing.length > 0 ? (
        <ul className="mb-3 space-y-2">
          {failing.map((r, i) => (
            <li key={`${r.id}-${i}`} className="border-l-4 border-err-700 bg-white py-1 pl-3" data-rule={r.id} data-ok="false">
              <span className="sr-only">No cumple: </span>
              {r.message}
              <span className="block text-xs text-slate-600">Fuente: {r.source}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {passing.length > 0 ? (
        <details className="rounded border border-slate-300 bg-white p-2" open={failing.length === 0}>
          <summary className="min-h-11 cursor-pointer content-center font-semibold">{passing.length} requisito(s) cumplidos</summary>
          <ul className="mt-2 space-y-2">
            {passing.map((r, i) => (
              <li key={`${r.id}-${i}`} className="border-l-4 border-ok-700 pl-3" data-rule={r.id} data-ok="true">
                <span className="sr-only">Cumple: </span>
                {r.message}
                <span className="block text-xs text-slate-600">Fuente: {r.source}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
