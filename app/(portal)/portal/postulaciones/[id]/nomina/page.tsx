import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import { RosterTable } from '@/components/roster/roster-table';
import type { WorkerEligibility } from '@/components/roster/roster-table';
import { ButtonLink } from '@/components/ui/button';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationWorkspace } from '@/lib/dal/application-workspace';
import { getCorrectionPanel } from '@/lib/dal/observations';
import { getRosterView } from '@/lib/dal/roster';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

export const metadata: Metadata = { title: 'Nómina de trabajadores' };

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The confirmation of what just happened, from the redirect after an action. */
function noticeOf(params: SearchParams): string | null {
  const name = one(params.nombre).slice(0, 120);
  switch (one(params.aviso)) {
    case 'agregado':
      return `Se agregó a ${name || 'el trabajador'} a la nómina.`;
    case 'editado':
      return `Se guardaron los cambios de ${name || 'el trabajador'}.`;
    case 'quitado':
      return `Se quitó a ${name || 'el trabajador'} de la nómina.`;
    case 'importada': {
      const n = (key: string) => Number.parseInt(one(params[key]), 10) || 0;
      return `La planilla reemplazó la nómina: ${n('agregados')} agregados, ${n('modificados')} modificados, ${n('quitados')} quitados y ${n('sin_cambios')} sin cambios.`;
    }
    default:
      return null;
  }
}

export default async function RosterPage(props: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await props.params;
  const user = await requireRole('org_rep', 'employer_rep', 'sponsor', 'worker');
  // A worker sees only their own row, on the incorporation page.
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}/incorporacion`);
  const [roster, workspace, panel] = await Promise.all([
    getRosterView(user, id),
    getApplicationWorkspace(user, id),
    getCorrectionPanel(user, id, 'nomina'),
  ]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const notice = noticeOf(await props.searchParams);
  const base = `/portal/postulaciones/${id}/nomina`;
  const evaluated = workspace.eligibility.workers.length > 0 || roster.entries.length === 0;
  const eligibility = evaluated
    ? new Map<string, WorkerEligibility>(workspace.eligibility.workers.map((w) => [w.entryId, { ok: w.ok, reasons: w.reasons }]))
    : null;
  const total = roster.entries.length;
  const failing = eligibility ? roster.entries.filter((e) => eligibility.get(e.id)?.ok === false).length : 0;
  const confirmed = roster.entries.filter((e) => e.incorporation.status !== 'pendiente').length;
  const nonMembers = roster.entries.filter((e) => !e.entry.unionMember).length;
  const observedIds = new Set(panel?.observations.flatMap((o) => (o.target.kind === 'trabajador' ? [o.target.rosterEntryId] : [])) ?? []);

  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title" className="mb-2 text-2xl font-bold">
        Nómina de trabajadores
      </h2>
      <p className="mb-4 max-w-2xl text-slate-700">
        Los trabajadores que postulan en este proyecto, con el tramo de vivienda que se asigna a cada uno. Cada uno debe cumplir los
        requisitos de su tramo y confirmar que conoce el proyecto (formulario de incorporación).
      </p>

      {notice ? (
        <p role="status" className="mb-4 border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold text-ok-700">
          {notice}
        </p>
      ) : null}
      {panel ? <CorrectionNotice panel={panel} canEdit={roster.canEdit} what="los datos de cada trabajador" /> : null}
      {roster.readOnlyReason ? <p className="mb-4 border-l-4 border-slate-500 bg-slate-100 p-3">{roster.readOnlyReason}</p> : null}
      {roster.compositionReason ? (
        <p className="mb-4 border-l-4 border-slate-500 bg-slate-100 p-3" data-testid="nomina-solo-datos">
          {roster.compositionReason}
          {roster.correction ? (
            <>
              {' '}
              <Link href={`/portal/postulaciones/${id}/reemplazos`} className="font-semibold text-brand-700 underline underline-offset-4">
                Proponer un reemplazante
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {roster.pendingImport ? (
        <div className="mb-4 border-l-4 border-warn-800 bg-warn-50 p-3">
          <p>
            Tiene una planilla importada sin aceptar: <strong>{roster.pendingImport.fileName}</strong>, subida el{' '}
            {formatSantiagoDateTime(roster.pendingImport.createdAt)}. La nómina no cambia hasta que la acepte.
          </p>
          <Link href={`${base}/importar`} className="font-semibold text-brand-700 underline underline-offset-4">
            Revisar la planilla importada
          </Link>
        </div>
      ) : null}

      <div className="mb-4 flex flex-wrap gap-3">
        {roster.canChangeComposition ? (
          <>
            <ButtonLink href={`${base}/agregar`}>Agregar trabajador</ButtonLink>
            <ButtonLink href={`${base}/importar`} variant="secondary">
              Importar planilla (Excel o CSV)
            </ButtonLink>
          </>
        ) : null}
      </div>

      {total > 0 ? (
        <ul className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Resumen de la nómina" data-testid="roster-summary">
          <li>
            <strong>{total}</strong> {total === 1 ? 'trabajador' : 'trabajadores'}
          </li>
          <li>
            <strong>{nonMembers}</strong> no {nonMembers === 1 ? 'es socio' : 'son socios'}
          </li>
          {eligibility ? (
            <li>
              <strong>{failing}</strong> con requisitos pendientes
            </li>
          ) : null}
          <li>
            <strong>{confirmed}</strong> de {total} confirmaron su incorporación
          </li>
        </ul>
      ) : null}
      {!eligibility && total > 0 ? (
        <p className="mb-4 text-sm text-slate-700">
          Los requisitos de cada trabajador se evalúan cuando la postulación tiene la comuna del terreno (sección Proyecto).
        </p>
      ) : null}

      <RosterTable
        entries={roster.entries}
        eligibility={eligibility}
        editBase={roster.canEdit ? `${base}/trabajador` : null}
        observedIds={observedIds}
      />

      {total > 0 ? (
        <p className="mt-4 text-sm">
          Descargar:{' '}
          <a href={`/api/postulaciones/${id}/nomina/exportar?formato=xlsx`} className="font-semibold text-brand-700 underline underline-offset-4" download>
            Nómina en Excel (.xlsx)
          </a>{' '}
          ·{' '}
          <a href={`/api/postulaciones/${id}/nomina/exportar?formato=csv`} className="font-semibold text-brand-700 underline underline-offset-4" download>
            Nómina en CSV
          </a>
        </p>
      ) : null}
    </section>
  );
}
