import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IncomeCapsForm } from '@/components/backoffice/call-parameters/income-caps-form';
import { IncomeCapsView, ParametersView, ScoreTablesView } from '@/components/backoffice/call-parameters/parameters-view';
import { ScoreTablesForm } from '@/components/backoffice/call-parameters/score-tables-form';
import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getCallParametersView } from '@/lib/dal/call-configuration';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { updateIncomeCapsAction, updateScoreTablesAction } from './actions';

export const metadata: Metadata = { title: 'Parámetros del llamado' };

const statusLabels: Record<string, string> = { borrador: 'En preparación', abierto: 'Abierto', cerrado: 'Cerrado' };

const valueText = (value: unknown): string => {
  if (value === null || value === undefined) return 'sin definir';
  if (typeof value === 'boolean') return value ? 'sí' : 'no';
  if (typeof value === 'object') {
    const range = value as { fromAge?: number; toAge?: number | null };
    if (typeof range.fromAge === 'number') return range.toAge === null ? `${range.fromAge} años o más` : `${range.fromAge} a ${range.toAge} años`;
    return JSON.stringify(value);
  }
  return String(value).replace('.', ',');
};

/**
 * Every parameter of a call of the workers' programme; national staff enter the score point tables and
 * correct the income caps here. Anyone without 'call.configure' gets «not found» from the data layer.
 */
export default async function CallParametersPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireUser();
  const view = await getCallParametersView(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { call, params, unset, lockedReason, history } = view;
  return (
    <div className="space-y-10 py-4">
      <header className="space-y-2">
        <nav aria-label="Ruta" className="text-sm">
          <Link href="/gestion/llamados" className="text-brand-700 underline underline-offset-4">
            Llamados
          </Link>{' '}
          ·{' '}
          <Link href={`/gestion/seleccion?llamado=${call.id}`} className="text-brand-700 underline underline-offset-4">
            Selección nacional de este llamado
          </Link>
        </nav>
        <h1 className="text-3xl font-bold">Parámetros del llamado</h1>
        <p className="text-lg">
          <span className="font-semibold">{call.code}</span> — {call.name}
        </p>
        <p className="text-sm text-slate-700" data-testid="version-parametros">
          {statusLabels[call.status] ?? call.status} · versión {call.parametersVersion} de los parámetros · actualizados el {formatSantiagoDateTime(call.updatedAt)}
        </p>
      </header>

      {lockedReason ? (
        <p role="status" className="border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="parametros-bloqueados">
          {lockedReason}
        </p>
      ) : null}

      <section aria-labelledby="sin-definir" className="space-y-2" data-testid="puntaje-sin-definir">
        <h2 id="sin-definir" className="text-2xl font-bold">
          {unset.length === 0 ? 'Todos los valores de puntaje están definidos' : `Faltan ${unset.length} valores de puntaje`}
        </h2>
        {unset.length === 0 ? (
          <p>Las tablas de puntaje del D.S. N°1 art. 65 de este llamado están completas.</p>
        ) : (
          <>
            <p className="max-w-3xl">
              Estos valores aún no se han ingresado desde el decreto: en la selección cuentan como 0 y los grupos empatados se
              ordenan por fecha de ingreso. Ingréselos en las tablas de puntaje antes de una selección real.
            </p>
            <ul className="list-disc columns-1 pl-5 md:columns-2">
              {unset.map((u) => (
                <li key={u.id} data-unset={u.id}>
                  {u.label}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="tablas-puntaje" className="space-y-3">
        <h2 id="tablas-puntaje" className="text-2xl font-bold">
          Tablas de puntaje (D.S. N°1, art. 65)
        </h2>
        <p className="max-w-3xl text-slate-800">
          Puntaje individual = suma de los factores Grupo familiar, Vulnerabilidad habitacional y Antigüedad de la postulación
          {params.score.savingsExcess.counts ? ', más el ahorro sobre el mínimo' : ''}, según los antecedentes del hogar declarados en la
          nómina. Puntaje del grupo = promedio de los postulantes hábiles.
        </p>
        {lockedReason ? (
          <ScoreTablesView factors={params.score.factors} />
        ) : (
          <ScoreTablesForm callId={call.id} version={call.parametersVersion} factors={params.score.factors} action={updateScoreTablesAction} />
        )}
      </section>

      <section aria-labelledby="topes" className="space-y-3">
        <h2 id="topes" className="text-2xl font-bold">
          Topes de ingresos por tamaño del hogar
        </h2>
        <IncomeCapsView params={params} />
        {lockedReason ? null : (
          <IncomeCapsForm callId={call.id} version={call.parametersVersion} caps={params.incomeCap.groups} action={updateIncomeCapsAction} />
        )}
      </section>

      <ParametersView params={params} />

      <section aria-labelledby="historial" className="space-y-2">
        <h2 id="historial" className="text-2xl font-bold">
          Historial de cambios
        </h2>
        {history.length === 0 ? (
          <p>Los parámetros no se han cambiado desde que se creó el llamado.</p>
        ) : (
          <ol className="space-y-3" data-testid="historial-parametros">
            {history.map((h) => (
              <li key={h.id} className="rounded border border-slate-300 bg-white p-3">
                <p className="font-semibold">
                  {formatSantiagoDateTime(h.at)} · {h.actorName ?? 'Sistema'}
                  {h.version !== null ? ` · versión ${h.version}` : ''}
                </p>
                <ul className="list-disc pl-5 text-sm">
                  {h.changes.map((c) => (
                    <li key={c.key}>
                      {c.label}: {valueText(c.before)} → {valueText(c.after)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
