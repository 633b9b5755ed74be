import Link from 'next/link';
import type { ReviewQueueQuery } from '@/lib/dal/review-queue';
import { queueStatuses } from '@/lib/dal/review-queue';
import { formatRut } from '@/lib/domain/rut';
import { applicationStatusLabels } from '@/lib/labels';

const control = 'block w-full min-h-11 rounded-md border-2 border-slate-700 bg-white px-3 py-2 text-base';
const labelClass = 'block text-sm font-semibold text-slate-900';

/**
 * The queue's filters as a GET form: it works without scripts, the URL can be shared or bookmarked,
 * and every field shows the value it was sent with. Sorting travels along in hidden fields.
 */
export function QueueFilters({
  query,
  comunaOptions,
  regionOptions,
  showMine,
  searchedRut,
}: {
  query: ReviewQueueQuery;
  comunaOptions: { code: string; name: string; regionName: string }[];
  regionOptions: { code: string; name: string }[];
  showMine: boolean;
  searchedRut: string | null;
}) {
  const national = regionOptions.length > 0;
  return (
    <form method="get" action="/gestion" role="search" aria-label="Filtrar postulaciones" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
      <div className="mb-4">
        <label htmlFor="q" className={labelClass}>
          Buscar
        </label>
        <p id="q-hint" className="text-sm text-slate-600">
          N° de postulación, nombre o RUT de la organización, o RUT de un trabajador de la nómina (con o sin puntos).
        </p>
        <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q ?? ''}
            aria-describedby={searchedRut ? 'q-hint q-rut' : 'q-hint'}
            autoComplete="off"
            className={`${control} sm:flex-1`}
          />
          <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-5 py-2 text-base font-semibold text-white hover:bg-brand-700">
            Buscar y filtrar
          </button>
        </div>
        {searchedRut ? (
          <p id="q-rut" className="mt-1 text-sm text-slate-700">
            Se buscó también como RUT {formatRut(searchedRut)}.
          </p>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="estado" className={labelClass}>
            Estado
          </label>
          <select id="estado" name="estado" defaultValue={query.estado ?? ''} className={`${control} mt-1.5`}>
            <option value="">Todos</option>
            {queueStatuses.map((s) => (
              <option key={s} value={s}>
                {applicationStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        {national ? (
          <div>
            <label htmlFor="region" className={labelClass}>
              Región
            </label>
            <select id="region" name="region" defaultValue={query.region ?? ''} className={`${control} mt-1.5`}>
              <option value="">Todas</option>
              {regionOptions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="comuna" className={labelClass}>
            Comuna
          </label>
          <select id="comuna" name="comuna" defaultValue={query.comuna ?? ''} className={`${control} mt-1.5`}>
            <option value="">Todas</option>
            {comunaOptions.map((c) => (
              <option key={c.code} value={c.code}>
                {national ? `${c.name} (${c.regionName})` : c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tramos" className={labelClass}>
            Tramos de las viviendas
          </label>
          <select id="tramos" name="tramos" defaultValue={query.tramos ?? ''} className={`${control} mt-1.5`}>
            <option value="">Todos</option>
            <option value="con_tramo_3">Con viviendas de tramo 3</option>
            <option value="solo_tramos_1_2">Solo tramos 1 y 2</option>
          </select>
        </div>
        <div>
          <label htmlFor="asignacion" className={labelClass}>
            Asignación
          </label>
          <select id="asignacion" name="asignacion" defaultValue={query.asignacion ?? ''} className={`${control} mt-1.5`}>
            <option value="">Todas</option>
            {showMine ? <option value="mias">Asignadas a mí</option> : null}
            <option value="sin_asignar">Sin asignar</option>
          </select>
        </div>
        <div className="flex items-end">
          <div className="flex min-h-11 items-center gap-3">
            <input
              id="atrasadas"
              name="atrasadas"
              type="checkbox"
              value="si"
              defaultChecked={query.atrasadas === 'si'}
              aria-describedby="atrasadas-hint"
              className="h-6 w-6 accent-brand-600"
            />
            <div>
              <label htmlFor="atrasadas" className="text-base font-semibold">
                Solo atrasadas
              </label>
              <p id="atrasadas-hint" className="text-xs text-slate-600">
                Enviadas sin que la revisión empezara en los días que da el llamado, u observadas con el plazo de subsanación vencido.
              </p>
            </div>
          </div>
        </div>
      </div>
      <input type="hidden" name="orden" value={query.orden} />
      <input type="hidden" name="dir" value={query.dir} />
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="min-h-11 rounded-md border-2 border-brand-600 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          Aplicar filtros
        </button>
        <Link href="/gestion" className="text-brand-700 underline underline-offset-4">
          Quitar filtros
        </Link>
      </div>
    </form>
  );
}
