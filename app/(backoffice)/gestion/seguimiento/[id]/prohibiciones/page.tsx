import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/followup/action-form';
import { EarlySaleRequestFacts } from '@/components/followup/early-sale-request-facts';
import { StatusTag } from '@/components/ui/status-tag';
import { Table } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getProhibitionsView } from '@/lib/dal/prohibitions';
import type { EarlySaleRequestDto, ProhibitionsView } from '@/lib/dal/prohibitions';
import { formatUf } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { decideEarlySaleRequestAction, recordCbrInscriptionAction } from './actions';
import { EarlySaleDecisionForm } from './early-sale-decision-form';

export const metadata: Metadata = { title: 'Prohibiciones de las viviendas' };

const day = (iso: string) => iso.split('-').reverse().join('-');

function RequestCard({ request, view, subsidyUf }: { request: EarlySaleRequestDto; view: ProhibitionsView; subsidyUf: string | null }) {
  return (
    <article className="space-y-3 rounded border border-slate-300 bg-white p-4" aria-labelledby={`solicitud-${request.id}`}>
      <EarlySaleRequestFacts request={request} heading="h3" />
      {!request.decision && view.canDecide ? (
        <EarlySaleDecisionForm
          applicationId={view.application.id}
          requestId={request.id}
          mobilityAllowed={request.mobility.ok}
          restitution={subsidyUf ? formatUf(subsidyUf) : 'el subsidio recibido'}
          action={decideEarlySaleRequestAction}
        />
      ) : null}
      {!request.decision && !view.canDecide ? <p className="text-sm text-slate-700">La decisión corresponde al Director SERVIU de la región.</p> : null}
    </article>
  );
}

/** SERVIU records each dwelling's CBR inscription; the region's director decides early-sale requests. */
export default async function BackofficeProhibitionsPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole('reviewer', 'director', 'minvu_admin');
  const { id } = await props.params;
  let view: ProhibitionsView;
  try {
    view = await getProhibitionsView(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const subsidyOf = new Map(view.dwellings.map((d) => [d.id, d.subsidyUf]));
  const pending = view.requests.filter((r) => !r.decision).length;
  return (
    <div className="space-y-8 py-4">
      <header className="space-y-2">
        <p>
          <Link href={`/gestion/seguimiento/${view.application.id}`} className="text-brand-700 underline underline-offset-4">
            Volver al seguimiento
          </Link>
        </p>
        <p className="text-sm font-semibold text-slate-700">{view.application.number}</p>
        <h1 className="text-3xl font-bold">Prohibiciones: {view.application.projectName}</h1>
        <p className="max-w-3xl">
          Cada vivienda queda afecta a prohibición de enajenar y de ceder su uso durante {view.years} años desde su inscripción en el
          Conservador de Bienes Raíces. Una venta anticipada requiere autorización del Director SERVIU, con restitución del subsidio o por
          movilidad habitacional si se cumplen las condiciones a) y b).
        </p>
        <p className="text-sm text-slate-700">Estado al {formatSantiagoDateTime(view.at)}.</p>
      </header>

      <section aria-labelledby="viviendas" className="space-y-3">
        <h2 id="viviendas" className="text-2xl font-bold">
          Viviendas y plazos de prohibición
        </h2>
        <Table
          caption="Viviendas entregadas con inscripción en el CBR"
          rows={view.dwellings}
          rowKey={(d) => d.id}
          empty="Aún no se registra la inscripción de ninguna vivienda."
          columns={[
            { key: 'v', header: 'Vivienda', cell: (d) => (<>{d.dwellingLabel}<span className="block text-sm text-slate-700">{d.familyName} · RUT {d.rut}</span></>) },
            { key: 'e', header: 'Entrega', cell: (d) => day(d.handedOverOn) },
            { key: 'c', header: 'Inscripción CBR', cell: (d) => (<>{day(d.cbrInscribedOn)}{d.cbrReference ? <span className="block text-sm text-slate-700">{d.cbrReference}</span> : null}</>) },
            { key: 'h', header: 'Prohibición hasta', cell: (d) => day(d.endsOn) },
            { key: 'u', header: 'Subsidio', cell: (d) => formatUf(d.subsidyUf), numeric: true },
            {
              key: 's',
              header: 'Estado',
              cell: (d) =>
                d.inForce.ok ? (
                  <StatusTag tone={d.hasOpenRequest ? 'warn' : 'info'}>{d.hasOpenRequest ? 'Vigente · solicitud pendiente' : 'Vigente'}</StatusTag>
                ) : (
                  <StatusTag tone="ok">Terminada</StatusTag>
                ),
            },
          ]}
        />
        {view.canRecord && view.families.length > 0 ? (
          <div className="rounded border border-slate-300 bg-white p-4">
            <ActionForm
              id="inscripcion-cbr"
              title="Registrar entrega e inscripción en el CBR"
              fixed={{ applicationId: view.application.id }}
              action={recordCbrInscriptionAction}
              submitLabel="Registrar inscripción"
              pendingLabel="Registrando…"
              doneMessage="Inscripción registrada: la prohibición y su fecha de término quedaron calculadas y se avisó a la familia."
              fields={[
                {
                  name: 'rosterEntryId',
                  label: 'Familia beneficiaria',
                  hint: 'Si la vivienda ya estaba registrada, se corrigen sus datos.',
                  options: view.families.map((f) => ({ value: f.rosterEntryId, label: f.recorded ? `${f.label} · ya registrada` : f.label })),
                },
                { name: 'dwellingLabel', label: 'Vivienda', hint: 'Por ejemplo, «Casa 12» o «Depto. 301, Torre B».' },
                { name: 'handedOverOn', label: 'Fecha de entrega a la familia', type: 'date' },
                { name: 'cbrInscribedOn', label: 'Fecha de inscripción en el Conservador de Bienes Raíces', type: 'date', hint: `La prohibición rige ${view.years} años desde esta fecha.` },
                { name: 'cbrReference', label: 'Inscripción (fojas, número y año)', hint: 'Opcional. Por ejemplo, «Fs. 1234 N° 567 año 2026».' },
              ]}
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="solicitudes" className="space-y-3">
        <h2 id="solicitudes" className="text-2xl font-bold">
          Solicitudes de venta anticipada{pending > 0 ? ` (${pending} pendiente${pending === 1 ? '' : 's'})` : ''}
        </h2>
        {view.requests.length === 0 ? (
          <p>No hay solicitudes.</p>
        ) : (
          view.requests.map((r) => <RequestCard key={r.id} request={r} view={view} subsidyUf={subsidyOf.get(r.prohibitionId) ?? null} />)
        )}
      </section>
    </div>
  );
}
