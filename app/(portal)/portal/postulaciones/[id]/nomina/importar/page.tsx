import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ImportDecision } from '@/components/roster/import-decision';
import { ImportDiff } from '@/components/roster/import-diff';
import { ImportExcludedRows } from '@/components/roster/import-excluded-rows';
import { ImportGrid } from '@/components/roster/import-grid';
import { ImportUploadForm } from '@/components/roster/import-upload-form';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getPendingRosterImport, getRosterView } from '@/lib/dal/roster';
import { ROSTER_COLUMNS } from '@/lib/roster/columns';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import {
  acceptRosterImportAction,
  discardRosterImportAction,
  importRosterFileAction,
  revalidateRosterImportAction,
  setRosterImportRowExcludedAction,
} from '../actions';

export const metadata: Metadata = { title: 'Importar la nómina' };

function TemplateLinks({ id }: { id: string }) {
  const link = 'font-semibold text-brand-700 underline underline-offset-4';
  return (
    <p>
      Descargar:{' '}
      <a href={`/api/postulaciones/${id}/nomina/plantilla?formato=xlsx`} className={link} download>
        Plantilla en Excel (.xlsx)
      </a>{' '}
      ·{' '}
      <a href={`/api/postulaciones/${id}/nomina/plantilla?formato=csv`} className={link} download>
        Plantilla en CSV
      </a>
    </p>
  );
}

function ColumnHelp() {
  return (
    <details className="mb-6 rounded-md border border-slate-300 p-3">
      <summary className="cursor-pointer font-semibold">Qué columnas debe tener la planilla</summary>
      <dl className="mt-3 space-y-2 text-sm">
        {ROSTER_COLUMNS.map((column) => (
          <div key={column.key}>
            <dt className="font-semibold">
              {column.header}
              {column.required ? '' : ' (opcional)'}
            </dt>
            <dd className="text-slate-700">
              {column.hint} Ejemplo: {column.example}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export default async function ImportRosterPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('org_rep', 'employer_rep', 'sponsor', 'worker');
  const roster = await getRosterView(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (!roster.canChangeComposition) redirect(`/portal/postulaciones/${id}/nomina`);
  const pending = await getPendingRosterImport(user, id);
  const back = `/portal/postulaciones/${id}/nomina`;

  if (!pending)
    return (
      <section aria-labelledby="import-title">
        <p className="mb-3">
          <Link href={back} className="text-brand-700 underline underline-offset-4">
            ← Volver a la nómina
          </Link>
        </p>
        <h2 id="import-title" className="mb-2 text-2xl font-bold">
          Importar la nómina desde una planilla
        </h2>
        <p className="mb-3 max-w-2xl text-slate-700">
          Suba la nómina completa en Excel o CSV. Antes de cambiar nada le mostraremos los errores de cada fila, para corregirlos aquí
          mismo, y lo que cambiará respecto de la nómina actual ({roster.entries.length}{' '}
          {roster.entries.length === 1 ? 'trabajador' : 'trabajadores'}).
        </p>
        <div className="mb-4">
          <TemplateLinks id={id} />
        </div>
        <ColumnHelp />
        <ImportUploadForm applicationId={id} action={importRosterFileAction} />
      </section>
    );

  const valid = pending.totalRows - pending.rowsWithErrors.length - pending.excludedRows.length;
  return (
    <section aria-labelledby="import-title">
      <p className="mb-3">
        <Link href={back} className="text-brand-700 underline underline-offset-4">
          ← Volver a la nómina
        </Link>
      </p>
      <h2 id="import-title" className="mb-2 text-2xl font-bold">
        Revisar la planilla importada
      </h2>
      <p className="mb-1">
        <strong>{pending.fileName}</strong>, subida el {formatSantiagoDateTime(pending.createdAt)}: {pending.totalRows}{' '}
        {pending.totalRows === 1 ? 'fila' : 'filas'} leídas.
      </p>
      <p className="mb-4 text-slate-700">La nómina actual no cambia hasta que usted acepte la planilla.</p>
      {pending.ignoredColumns.length > 0 ? (
        <p className="mb-4 text-sm text-slate-700">
          Columnas de la planilla que no son de la nómina y no se importan: {pending.ignoredColumns.join(', ')}.
        </p>
      ) : null}
      {!pending.zoneKnown ? (
        <p className="mb-4 border-l-4 border-warn-800 bg-warn-50 p-3 text-sm">
          La postulación aún no tiene la comuna del terreno: el tope de ingresos (para hogares sobre el 90% del RSH) se revisará cuando la
          indique. Los demás requisitos de cada tramo ya se revisaron.
        </p>
      ) : null}

      {pending.rowsWithErrors.length > 0 ? (
        <>
          <h3 className="mb-2 text-xl font-bold">Corregir las filas con errores</h3>
          <p className="mb-4 max-w-2xl text-slate-700">
            {valid === 1 ? '1 fila está correcta y queda guardada' : `${valid} filas están correctas y quedan guardadas`} mientras corrige.
            Escriba el valor correcto en cada celda marcada y valide. Si una fila no corresponde (un trabajador repetido, que ya está en otra
            postulación o que no cumple su tramo), quítela de la importación y acepte el resto; puede volver a incluirla. También puede corregir
            el archivo y subirlo de nuevo.
          </p>
          <ImportGrid
            applicationId={id}
            importId={pending.id}
            rows={pending.rowsWithErrors}
            action={revalidateRosterImportAction}
            exclude={setRosterImportRowExcludedAction}
          />
        </>
      ) : (
        <>
          <h3 className="mb-2 text-xl font-bold">Cambios respecto de la nómina actual</h3>
          {pending.excludedRows.length === pending.totalRows ? (
            <p role="status" className="mb-3 font-semibold text-warn-800">
              No queda ninguna fila para importar: vuelva a incluir alguna o descarte la planilla.
            </p>
          ) : (
            <p role="status" className="mb-3 font-semibold text-ok-700">
              {pending.excludedRows.length > 0 ? 'Todas las filas que quedan en la importación son válidas.' : 'Todas las filas son válidas.'}
            </p>
          )}
          {pending.diff ? <ImportDiff diff={pending.diff} /> : null}
        </>
      )}

      {pending.excludedRows.length > 0 ? (
        <ImportExcludedRows applicationId={id} importId={pending.id} rows={pending.excludedRows} include={setRosterImportRowExcludedAction} />
      ) : null}

      <div className="mt-6">
        <ImportDecision
          applicationId={id}
          importId={pending.id}
          rosterStamp={pending.rosterStamp}
          importable={pending.importable}
          accept={acceptRosterImportAction}
          discard={discardRosterImportAction}
        />
      </div>

      <div className="mt-8 border-t border-slate-300 pt-6">
        <h3 className="mb-2 text-lg font-bold">¿Prefiere corregir el archivo?</h3>
        <p className="mb-3 text-slate-700">Suba la planilla corregida: reemplaza a esta, que se descarta.</p>
        <ImportUploadForm applicationId={id} action={importRosterFileAction} replacing />
        <div className="mt-3 text-sm">
          <TemplateLinks id={id} />
        </div>
      </div>
    </section>
  );
}
