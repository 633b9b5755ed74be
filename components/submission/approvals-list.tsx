import { StatusTag } from '@/components/ui/status-tag';
import type { ApprovalStatusDto } from '@/lib/dal/submission';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

/** Both required approvals, who gave them and whether they still hold for the file as it is now. */
export function ApprovalsList({ approvals, version }: { approvals: ApprovalStatusDto[]; version: number }) {
  return (
    <ul className="divide-y divide-slate-300 border-y border-slate-300">
      {approvals.map((a) => (
        <li key={a.party} className="flex flex-wrap items-start justify-between gap-2 py-3" data-party={a.party}>
          <div className="min-w-0">
            <p className="font-semibold">{a.title}</p>
            {a.latest ? (
              <p className="text-sm text-slate-700">
                {a.latest.userName} aprobó la versión {a.latest.version} el {formatSantiagoDateTime(a.latest.approvedAt)}.
                {a.latest.isCurrent ? null : ` La postulación cambió después (versión actual: ${version}); debe aprobar otra vez.`}
              </p>
            ) : (
              <p className="text-sm text-slate-700">Aún no aprueba el envío.</p>
            )}
          </div>
          {a.latest?.isCurrent ? (
            <StatusTag tone="ok">Aprobado</StatusTag>
          ) : a.latest ? (
            <StatusTag tone="warn">Aprobación vencida</StatusTag>
          ) : (
            <StatusTag tone="neutral">Pendiente</StatusTag>
          )}
        </li>
      ))}
    </ul>
  );
}
