import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import type { RosterEntryDto } from '@/lib/dal/roster';
import { formatSantiagoDate } from '@/lib/santiago-time';

/** The rules engine's verdict on one worker, as the eligibility panel has it. */
export interface WorkerEligibility {
  ok: boolean;
  reasons: { id: string; ok: boolean; message: string }[];
}

const INCORPORATION_LABELS = {
  en_linea: 'Confirmada en línea',
  formulario_firmado: 'Formulario firmado',
  pendiente: 'Pendiente',
} as const;

export function IncorporationStatus({ incorporation }: { incorporation: RosterEntryDto['incorporation'] }) {
  const { status, confirmedAt } = incorporation;
  return (
    <span data-incorporation={status}>
      <StatusTag tone={status === 'pendiente' ? 'warn' : 'ok'}>{INCORPORATION_LABELS[status]}</StatusTag>
      {confirmedAt ? <span className="mt-1 block text-xs text-slate-600">el {formatSantiagoDate(confirmedAt)}</span> : null}
    </span>
  );
}

function Eligibility({ result }: { result: WorkerEligibility | undefined }) {
  if (!result)
    return <span className="text-sm text-slate-600">Sin evaluar</span>;
  if (result.ok) return <StatusTag tone="ok">Cumple</StatusTag>;
  return (
    <div>
      <StatusTag tone="error">No cumple</StatusTag>
      <ul className="mt-1 list-disc space-y-1 pl-4 text-sm">
        {result.reasons
          .filter((reason) => !reason.ok)
          .map((reason) => (
            <li key={reason.id} data-rule={reason.id}>
              {reason.message}
            </li>
          ))}
      </ul>
    </div>
  );
}

const money = (cells: RosterEntryDto['cells']) => `$${cells.monthlyIncomeClp}`;
const rsh = (cells: RosterEntryDto['cells']) => (cells.rshPercentile ? `${cells.rshPercentile}%` : 'sin registro');

/**
 * The roster: a table at desk widths (the status columns first; the rest scrolls sideways inside its
 * own region, with the worker's column fixed), and one compact card per worker on a phone.
 */
export function RosterTable({
  entries,
  eligibility,
  editBase,
  observedIds,
}: {
  entries: RosterEntryDto[];
  /** By roster entry id; null when the rules engine could not evaluate the workers (no comuna yet). */
  eligibility: Map<string, WorkerEligibility> | null;
  /** Link to each worker's page, when the user may manage the roster. */
  editBase: string | null;
  /** Workers that SERVIU's current observations point at. */
  observedIds?: ReadonlySet<string>;
}) {
  if (entries.length === 0)
    return <p className="rounded-md border-2 border-dashed border-slate-400 p-6 text-slate-700">La nómina aún no tiene trabajadores.</p>;
  const name = (e: RosterEntryDto) => `${e.entry.firstNames} ${e.entry.lastNames}`;
  const nameCell = (e: RosterEntryDto) => (
    <>
      {editBase ? (
        <Link href={`${editBase}/${e.id}`} className="font-semibold text-brand-700 underline underline-offset-4">
          {name(e)}
        </Link>
      ) : (
        <span className="font-semibold">{name(e)}</span>
      )}
      {observedIds?.has(e.id) ? (
        <span className="ml-2 inline-block" data-testid="trabajador-observado">
          <StatusTag tone="error">Con observaciones</StatusTag>
        </span>
      ) : null}
    </>
  );
  const th = 'px-2 py-2 font-semibold';
  const num = 'whitespace-nowrap px-2 py-2 text-right tabular-nums';
  return (
    <>
      <div className="hidden md:block">
        {editBase ? <p className="mb-2 text-sm text-slate-700">Elija el nombre de un trabajador para ver o editar sus datos y registrar su incorporación.</p> : null}
        {/* w-0 + min-w-full: the region takes the column's width instead of widening the page. */}
        <div className="w-0 min-w-full overflow-x-auto rounded-md border border-slate-300" role="region" aria-labelledby="roster-caption" tabIndex={0}>
          <table className="w-full border-collapse text-left text-sm" data-testid="roster-table">
            <caption id="roster-caption" className="sr-only">
              Nómina de trabajadores: {entries.length}
            </caption>
            <thead className="bg-slate-100">
              <tr className="border-b-2 border-slate-800">
                <th scope="col" className={`sticky left-0 z-10 bg-slate-100 ${th}`}>
                  Trabajador
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Tramo
                </th>
                <th scope="col" className={`min-w-48 ${th}`}>
                  Requisitos del tramo
                </th>
                <th scope="col" className={th}>
                  Incorporación
                </th>
                <th scope="col" className={th}>
                  Socio
                </th>
                <th scope="col" className={th}>
                  RSH
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Integrantes
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Ingreso mensual
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Ahorro
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Depositado
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-slate-300 align-top" data-rut={e.entry.rut}>
                  <th scope="row" className="sticky left-0 z-10 min-w-44 bg-white px-2 py-2 text-left font-normal">
                    <span className="block">{nameCell(e)}</span>
                    <span className="tabular-nums text-slate-700">{e.cells.rut}</span>
                  </th>
                  <td className={num}>{e.cells.band}</td>
                  <td className="px-2 py-2">
                    <Eligibility result={eligibility?.get(e.id)} />
                  </td>
                  <td className="px-2 py-2">
                    <IncorporationStatus incorporation={e.incorporation} />
                  </td>
                  <td className="px-2 py-2">{e.entry.unionMember ? 'Sí' : 'No'}</td>
                  <td className="whitespace-nowrap px-2 py-2">{rsh(e.cells)}</td>
                  <td className={num}>{e.cells.householdSize}</td>
                  <td className={num}>{money(e.cells)}</td>
                  <td className={num}>{e.cells.savingsUf} UF</td>
                  <td className={num}>{e.cells.savingsDepositedUf} UF</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <ul className="space-y-3 md:hidden" aria-label={`Nómina de trabajadores: ${entries.length}`} data-testid="roster-cards">
        {entries.map((e) => (
          <li key={e.id} className="rounded-md border-2 border-slate-300 p-3" data-rut={e.entry.rut}>
            <p className="text-base">{nameCell(e)}</p>
            <p className="text-sm tabular-nums text-slate-700">
              RUT {e.cells.rut} · {e.entry.unionMember ? 'socio' : 'no socio'}
            </p>
            <p className="mt-1 text-sm">
              <strong>Tramo {e.cells.band}</strong> · RSH {rsh(e.cells)} · {e.cells.householdSize}{' '}
              {e.entry.householdSize === 1 ? 'integrante' : 'integrantes'}
            </p>
            <p className="text-sm tabular-nums">
              Ingreso {money(e.cells)} · Ahorro {e.cells.savingsUf} UF ({e.cells.savingsDepositedUf} UF depositadas)
            </p>
            <div className="mt-2 flex flex-wrap items-start gap-x-4 gap-y-2">
              <Eligibility result={eligibility?.get(e.id)} />
              <IncorporationStatus incorporation={e.incorporation} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
