import type { ReactNode } from 'react';
import { Table } from '@/components/ui/table';
import { documentHref } from '@/components/documents/format';
import type { FollowupMilestone, FollowupView, TimelineStatus } from '@/lib/dal/followup';
import { formatUf } from '@/lib/format';
import { formatSantiagoDate, formatSantiagoDateTime } from '@/lib/santiago-time';
import { guaranteeKindLabels } from '@/lib/validations/followup';

const statusLabels: Record<TimelineStatus, { text: string; className: string }> = {
  cumplido: { text: 'Cumplido', className: 'text-ok-700' },
  informado: { text: 'Informado, por verificar', className: 'text-brand-700' },
  vencido: { text: 'Vencido', className: 'text-err-700' },
  proximo: { text: 'Próximo a vencer', className: 'text-warn-800' },
  pendiente: { text: 'Pendiente', className: 'text-slate-800' },
};

const day = (iso: string | null) => (iso ? iso.split('-').reverse().join('-') : '—');

/** Planned against actual, in calendar days. */
function delayText(days: number | null): string {
  if (days === null) return '—';
  if (days === 0) return 'En la fecha';
  const n = Math.abs(days);
  return days > 0 ? `${n} ${n === 1 ? 'día' : 'días'} de atraso` : `${n} ${n === 1 ? 'día' : 'días'} antes`;
}

function VerificationCell({ m, verifySlot }: { m: FollowupMilestone; verifySlot?: (milestone: FollowupMilestone) => ReactNode }) {
  if (m.verificationOutcome === 'verificado')
    return (
      <span className="font-semibold text-ok-700">
        Verificado el {formatSantiagoDate(m.verifiedAt!)}
        {m.verifiedProgressPercent !== null ? (
          <span className="block font-normal text-slate-800">Avance verificado: {Number(m.verifiedProgressPercent).toLocaleString('es-CL')}%</span>
        ) : null}
      </span>
    );
  if (m.verificationOutcome === 'observado')
    return (
      <span className="text-err-700">
        <span className="font-semibold">Observado el {formatSantiagoDate(m.verifiedAt!)}</span>
        <span className="block text-slate-800">{m.verificationFinding}</span>
      </span>
    );
  return verifySlot?.(m) ?? <span>Pendiente de verificación</span>;
}

/**
 * The follow-up of a selected project for every role: timeline by the server clock, committee reports
 * with SERVIU's verification, and the bridge loan. Slots carry the role's own forms and buttons.
 */
export function FollowupPanel({
  view,
  verifySlot,
  paySlot,
  children,
}: {
  view: FollowupView;
  verifySlot?: (milestone: FollowupMilestone) => ReactNode;
  paySlot?: (number: number) => ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="plazos" className="space-y-3">
        <h2 id="plazos" className="text-2xl font-bold">
          Plazos y cronograma
        </h2>
        <p className="text-sm text-slate-700">Estado al {formatSantiagoDateTime(view.at)}.</p>
        {view.overdue.length > 0 ? (
          <p className="border-l-4 border-err-700 bg-err-50 p-3 font-semibold" role="status">
            Vencido: {view.overdue.map((o) => o.label).join('; ')}.
          </p>
        ) : null}
        {view.nextDue ? (
          <p className="border-l-4 border-brand-600 bg-brand-50 p-3">
            Lo próximo: <strong>{view.nextDue.label}</strong>
            {view.nextDue.dueAt ? `, vence el ${formatSantiagoDate(view.nextDue.dueAt)}` : ''}.
          </p>
        ) : null}
        <Table
          caption="Cronograma del proyecto"
          rows={view.timeline}
          rowKey={(t) => t.key}
          columns={[
            { key: 'l', header: 'Hito o plazo', cell: (t) => (<>{t.label}{t.note ? <span className="block text-sm text-slate-700">{t.note}</span> : null}</>) },
            { key: 'p', header: 'Programado', cell: (t) => day(t.plannedOn) },
            { key: 'd', header: 'Vence', cell: (t) => (t.dueAt ? formatSantiagoDate(t.dueAt) : '—') },
            { key: 'a', header: 'Real', cell: (t) => day(t.doneOn) },
            { key: 'r', header: 'Desfase', cell: (t) => delayText(t.delayDays) },
            { key: 's', header: 'Estado', cell: (t) => <span className={`font-semibold ${statusLabels[t.status].className}`}>{statusLabels[t.status].text}</span> },
          ]}
        />
      </section>

      <section aria-labelledby="informes" className="space-y-3">
        <h2 id="informes" className="text-2xl font-bold">
          Informes del Comité de Proyecto
        </h2>
        <Table
          caption="Informes y verificación en terreno del SERVIU"
          rows={view.milestones.filter((m) => m.actualOn !== null)}
          rowKey={(m) => m.id}
          empty="El Comité aún no ha informado avances."
          columns={[
            {
              key: 't',
              header: 'Informe',
              cell: (m) => (
                <>
                  {m.plannedOn ? <span className="block text-sm text-slate-700">{m.kindLabel}</span> : null}
                  {m.title}
                  {m.documentId ? (
                    <a className="block text-sm font-semibold text-brand-700 underline underline-offset-4" href={documentHref(m.documentId)}>
                      Ver respaldo<span className="sr-only"> de {m.title}</span>
                    </a>
                  ) : null}
                </>
              ),
            },
            {
              key: 'f',
              header: 'Fecha',
              cell: (m) =>
                m.plannedOn ? (
                  <>
                    Real: {day(m.actualOn)}
                    <span className="block text-sm text-slate-700">
                      Programada: {day(m.plannedOn)} · {delayText(m.delayDays)}
                    </span>
                  </>
                ) : (
                  day(m.actualOn)
                ),
            },
            { key: 'v', header: 'Verificación SERVIU', cell: (m) => <VerificationCell m={m} verifySlot={verifySlot} /> },
          ]}
        />
        {children}
      </section>

      <section aria-labelledby="prestamo" className="space-y-3">
        <h2 id="prestamo" className="text-2xl font-bold">
          Préstamo de enlace
        </h2>
        {!view.loan ? (
          <p>Aún no se registra el préstamo de enlace.</p>
        ) : (
          <>
            <p>
              {formatUf(view.loan.amountUf)} a {view.loan.termMonths} meses · {guaranteeKindLabels[view.loan.guaranteeKind]} por{' '}
              {formatUf(view.loan.guaranteeAmountUf)}, vence el {day(view.loan.guaranteeExpiresOn)}.
            </p>
            {view.loan.guaranteeWarning ? (
              <p className="border-l-4 border-warn-800 bg-warn-50 p-3 font-semibold" role="status">
                {view.loan.guaranteeWarning}
              </p>
            ) : null}
            <Table
              caption="Cuotas del préstamo"
              rows={view.loan.instalments}
              rowKey={(i) => String(i.number)}
              columns={[
                { key: 'n', header: 'Cuota', cell: (i) => i.number, numeric: true },
                { key: 'a', header: 'Monto', cell: (i) => formatUf(i.amountUf), numeric: true },
                { key: 'c', header: 'Condición', cell: (i) => i.condition },
                {
                  key: 's',
                  header: 'Estado',
                  cell: (i) =>
                    i.paid ? (
                      <span className="font-semibold text-ok-700">Pagada{i.paidAt ? ` el ${formatSantiagoDate(i.paidAt)}` : ''}</span>
                    ) : i.payable ? (
                      (paySlot?.(i.number) ?? <span>Puede pagarse</span>)
                    ) : (
                      <span className="text-slate-700">{i.reason.message}</span>
                    ),
                },
              ]}
            />
          </>
        )}
      </section>
    </div>
  );
}
