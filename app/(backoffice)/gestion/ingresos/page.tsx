import type { Metadata } from 'next';
import Link from 'next/link';
import { IncomeExportButton } from '@/components/backoffice/observations/income-export-button';
import { IncomeImportForm } from '@/components/backoffice/observations/income-import-form';
import { StatusTag } from '@/components/ui/status-tag';
import { Table } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { getIncomeCheckOverview } from '@/lib/dal/income-check';
import type { IncomeCheckCandidate } from '@/lib/dal/income-check';
import { getRegionName } from '@/lib/dal/territory';
import { formatRut } from '@/lib/domain/rut';
import { formatClp } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { exportIncomeCheckAction, importIncomeCheckAnswerAction } from './actions';

export const metadata: Metadata = { title: 'Revisión de ingresos (SII)' };

function CheckState({ c }: { c: IncomeCheckCandidate }) {
  if (!c.check) return <StatusTag tone="neutral">Sin enviar</StatusTag>;
  if (!c.check.answeredAt)
    return (
      <span>
        <StatusTag tone="info">Enviado al SII</StatusTag>
        {c.check.exportedAt ? <span className="block text-xs text-slate-600">{formatSantiagoDateTime(c.check.exportedAt)}</span> : null}
      </span>
    );
  return (
    <span>
      <StatusTag tone={c.check.overCap ? 'error' : 'ok'}>{c.check.overCap ? 'Sobre el tope' : 'Bajo el tope'}</StatusTag>
      <span className="block text-xs text-slate-600">Verificado: {c.check.verifiedIncomeClp !== null ? formatClp(c.check.verifiedIncomeClp) : '—'}</span>
    </span>
  );
}

export default async function IncomeCheckPage() {
  const user = await requireRole('reviewer', 'director');
  const { candidates, canCheck } = await getIncomeCheckOverview(user);
  const region = user.regionCode ? await getRegionName(user.regionCode) : null;
  return (
    <div className="space-y-8">
      <header>
        <p className="text-sm text-slate-700">
          <Link href="/gestion" className="text-brand-700 underline underline-offset-4">
            Bandeja
          </Link>{' '}
          › Revisión de ingresos
        </p>
        <h1 className="mt-1 text-3xl font-bold">Revisión de ingresos con el SII</h1>
        <p className="mt-2 max-w-3xl">
          Sobre el 90% del Registro Social de Hogares, el ingreso mensual del hogar no puede superar el tope del llamado según el número de
          integrantes y la zona. Descargue la lista de {region ? `la Región ${region}` : 'su región'}, envíela al SII y cargue su respuesta: cada
          trabajador queda marcado bajo o sobre el tope, y quien lo supere no cumple el requisito en la revisión de su postulación.
        </p>
      </header>

      <section aria-labelledby="exportar-title" className="space-y-3">
        <h2 id="exportar-title" className="text-xl font-bold">
          1. Lista para el SII
        </h2>
        <p>
          {candidates.length === 0
            ? 'No hay trabajadores sobre el 90% del RSH en postulaciones en revisión de su región.'
            : `${candidates.length} trabajador(es) sobre el 90% del RSH en postulaciones en revisión.`}
        </p>
        <IncomeExportButton action={exportIncomeCheckAction} disabled={!canCheck || candidates.length === 0} />
        <Table
          caption="Trabajadores a revisar"
          rowKey={(c) => c.entryId}
          rows={candidates}
          empty="No hay trabajadores a revisar."
          columns={[
            { key: 'rut', header: 'RUT', cell: (c) => <span className="whitespace-nowrap">{formatRut(c.rut)}</span> },
            { key: 'name', header: 'Nombre', cell: (c) => `${c.firstNames} ${c.lastNames}` },
            {
              key: 'app',
              header: 'Postulación',
              cell: (c) => (
                <Link href={`/gestion/postulaciones/${c.applicationId}`} className="text-brand-700 underline underline-offset-4">
                  {c.applicationNumber}
                </Link>
              ),
            },
            { key: 'size', header: 'Integrantes', numeric: true, cell: (c) => c.householdSize },
            { key: 'declared', header: 'Ingreso declarado', numeric: true, cell: (c) => formatClp(c.declaredIncomeClp) },
            {
              key: 'cap',
              header: 'Tope',
              numeric: true,
              cell: (c) => (c.capClp !== null ? `${formatClp(c.capClp)}${c.capInferred ? ' *' : ''}` : '—'),
            },
            { key: 'state', header: 'Cruce SII', cell: (c) => <CheckState c={c} /> },
          ]}
        />
        {candidates.some((c) => c.capInferred) ? (
          <p className="text-sm text-slate-700">* Tope inferido para ese número de integrantes, pendiente de confirmar en la resolución del llamado.</p>
        ) : null}
      </section>

      {canCheck ? (
        <section aria-labelledby="importar-title" className="space-y-3">
          <h2 id="importar-title" className="text-xl font-bold">
            2. Respuesta del SII
          </h2>
          <IncomeImportForm action={importIncomeCheckAnswerAction} />
        </section>
      ) : null}
    </div>
  );
}
