import { StatusTag } from '@/components/ui/status-tag';
import type { Tone } from '@/components/ui/status-tag';
import type { ActionResult } from '@/lib/actions/result';
import type { InvitationDto, InvitationState } from '@/lib/dal/invitations';
import { formatSantiagoDate } from '@/lib/santiago-time';
import { RevokeInvitationButton } from './revoke-invitation-button';

const stateView: Record<InvitationState, { label: string; tone: Tone }> = {
  pendiente: { label: 'Pendiente', tone: 'info' },
  aceptada: { label: 'Aceptada', tone: 'ok' },
  vencida: { label: 'Vencida', tone: 'warn' },
  revocada: { label: 'Revocada', tone: 'neutral' },
};

function when(r: InvitationDto): string | null {
  if (r.state === 'pendiente') return `Vence el ${formatSantiagoDate(r.expiresAt)}`;
  if (r.state === 'vencida') return `Venció el ${formatSantiagoDate(r.expiresAt)}`;
  if (r.state === 'aceptada' && r.acceptedAt) return `Aceptada el ${formatSantiagoDate(r.acceptedAt)}`;
  if (r.state === 'revocada' && r.revokedAt) return `Revocada el ${formatSantiagoDate(r.revokedAt)}`;
  return null;
}

/** Invitations with their state, one per row (stacked on a phone); pending ones can be revoked. */
export function InvitationTable({
  rows,
  caption,
  showApplication,
  revokeAction,
}: {
  rows: InvitationDto[];
  caption: string;
  showApplication: boolean;
  revokeAction: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const id = showApplication ? 'invitaciones-organizacion' : 'invitaciones-postulacion';
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-2xl font-bold">
        {caption}
      </h2>
      {rows.length === 0 ? (
        <p className="text-slate-700">Todavía no ha enviado invitaciones.</p>
      ) : (
        <ul className="divide-y divide-slate-300 border-y border-slate-300">
          {rows.map((r) => (
            <li key={r.id} className="grid gap-2 py-3 md:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,1.3fr)_auto] md:items-start md:gap-4">
              <div>
                <p className="break-all font-semibold">{r.email}</p>
                <p className="text-sm text-slate-700">Como {r.kindLabel}</p>
              </div>
              <div className="text-sm text-slate-700">
                {showApplication && r.applicationNumber ? (
                  <p>
                    {r.applicationNumber} · {r.projectName}
                  </p>
                ) : null}
                <p>Enviada por {r.invitedByName}</p>
              </div>
              <div>
                <StatusTag tone={stateView[r.state].tone}>{stateView[r.state].label}</StatusTag>
                <p className="mt-1 text-sm text-slate-600">{when(r)}</p>
              </div>
              <div>{r.state === 'pendiente' ? <RevokeInvitationButton invitationId={r.id} email={r.email} action={revokeAction} /> : null}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
