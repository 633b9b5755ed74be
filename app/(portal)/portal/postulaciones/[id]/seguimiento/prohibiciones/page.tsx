import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EarlySaleRequestFacts } from '@/components/followup/early-sale-request-facts';
import { StatusTag } from '@/components/ui/status-tag';
import { Table } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getProhibitionsView } from '@/lib/dal/prohibitions';
import type { EarlySaleRequestDto, ProhibitionsView } from '@/lib/dal/prohibitions';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { fileEarlySaleRequestAction } from './actions';
import { EarlySaleRequestForm } from './early-sale-request-form';

export const metadata: Metadata = { title: 'Prohibiciones de las viviendas' };

const day = (iso: string) => iso.split('-').reverse().join('-');

function RequestSummary({ request }: { request: EarlySaleRequestDto }) {
  return (
    <article className="rounded border border-slate-300 bg-white p-4" aria-labelledby={`solicitud-${request.id}`}>
      <EarlySaleRequestFacts request={request} heading="h4" />
    </article>
  );
}

/** The family and its union see each dwelling's prohibition and ask the director to sell early. */
export default async function PortalProhibitionsPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await props.params;
  let view: ProhibitionsView;
  try {
    view = await getProhibitionsView(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const requestable = view.dwellings.filter((d) => d.canRequest).map((d) => ({ value: d.id, label: `${d.dwellingLabel} · ${d.familyName}` }));
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <p>
          <Link href={`/portal/postulaciones/${view.application.id}/seguimiento`} className="text-brand-700 underline underline-offset-4">
            Volver al seguimiento
          </Link>
        </p>
        <h2 className="text-2xl font-bold">Prohibiciones de las viviendas</h2>
        <p className="max-w-3xl">
          La vivienda debe ser habitada por la familia beneficiaria durante {view.years} años desde su inscripción en el Conservador de Bienes
          Raíces. En ese plazo no puede venderse, arrendarse ni cederse su uso. Solo el Director SERVIU puede autorizar una venta anticipada:
          con restitución del subsidio recibido o, sin restitución, por movilidad habitacional cuando quien compra es beneficiario/a de este
          programa (o de uno para hogares más vulnerables) y el precio se destina a comprar otra vivienda.
        </p>
        <p className="text-sm text-slate-700">Estado al {formatSantiagoDateTime(view.at)}.</p>
      </div>

      <section aria-labelledby="viviendas" className="space-y-3">
        <h3 id="viviendas" className="text-xl font-bold">
          {user.role === 'worker' ? 'Su vivienda' : 'Viviendas entregadas'}
        </h3>
        <Table
          caption="Plazos de prohibición por vivienda"
          rows={view.dwellings}
          rowKey={(d) => d.id}
          empty="El SERVIU aún no registra la inscripción en el Conservador de Bienes Raíces de las viviendas entregadas."
          columns={[
            { key: 'v', header: 'Vivienda', cell: (d) => (<>{d.dwellingLabel}<span className="block text-sm text-slate-700">{d.familyName}</span></>) },
            { key: 'e', header: 'Entrega', cell: (d) => day(d.handedOverOn) },
            { key: 'c', header: 'Inscripción CBR', cell: (d) => (<>{day(d.cbrInscribedOn)}{d.cbrReference ? <span className="block text-sm text-slate-700">{d.cbrReference}</span> : null}</>) },
            { key: 'h', header: 'Prohibición hasta', cell: (d) => day(d.endsOn) },
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
      </section>

      <section aria-labelledby="solicitudes" className="space-y-3">
        <h3 id="solicitudes" className="text-xl font-bold">
          Solicitudes de venta anticipada
        </h3>
        {view.requests.length === 0 ? <p>No hay solicitudes.</p> : view.requests.map((r) => <RequestSummary key={r.id} request={r} />)}
        {requestable.length > 0 ? (
          <div className="rounded border border-slate-300 bg-white p-4">
            <EarlySaleRequestForm applicationId={view.application.id} dwellings={requestable} action={fileEarlySaleRequestAction} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
