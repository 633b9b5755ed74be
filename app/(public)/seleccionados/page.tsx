import type { Metadata } from 'next';
import { Table } from '@/components/ui/table';
import { listPublishedSelections } from '@/lib/dal/selection';

export const metadata: Metadata = { title: 'Proyectos seleccionados' };
export const dynamic = 'force-dynamic';

export default async function SelectedPage() {
  const selections = await listPublishedSelections();
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-3xl font-bold">Proyectos seleccionados</h1>
        <p className="max-w-3xl text-slate-800">
          Grupos seleccionados en cada llamado del Programa de Vivienda para Organizaciones de Trabajadores, según la resolución que
          aprueba la selección.
        </p>
      </header>
      {selections.length === 0 ? <p>Aún no hay selecciones publicadas.</p> : null}
      {selections.map((s) => (
        <section key={`${s.callCode}-${s.resolutionNumber}`} aria-labelledby={`sel-${s.callCode}`} className="space-y-2">
          <h2 id={`sel-${s.callCode}`} className="text-2xl font-bold">
            {s.callName}
          </h2>
          <p className="text-slate-700">
            Resolución N° {s.resolutionNumber} del {s.resolutionDate?.split('-').reverse().join('-')}
          </p>
          <Table
            caption={`Seleccionados del llamado ${s.callCode} (${s.selected.length})`}
            rows={s.selected}
            rowKey={(r) => `${s.callCode}-${r.rank}`}
            columns={[
              { key: 'r', header: 'Lugar', cell: (r) => r.rank, numeric: true },
              { key: 'o', header: 'Organización', cell: (r) => r.organizationName },
              { key: 'p', header: 'Proyecto', cell: (r) => r.projectName },
              { key: 'c', header: 'Comuna', cell: (r) => r.comunaName ?? '—' },
              { key: 'g', header: 'Región', cell: (r) => r.regionName ?? '—' },
              { key: 'd', header: 'Viviendas', cell: (r) => r.dwellings, numeric: true },
              { key: 's', header: 'Puntaje', cell: (r) => r.score.replace('.', ','), numeric: true },
            ]}
          />
        </section>
      ))}
    </div>
  );
}
