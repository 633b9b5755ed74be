import { formatSantiagoDateTime } from '@/lib/santiago-time';

export interface InvitationSummaryData {
  kindLabel: string;
  email: string;
  organizationName: string;
  inviterName: string;
  applicationNumber: string | null;
  projectName: string | null;
  callName: string | null;
  expiresAt: Date;
}

/** Who invites whom to what, and until when. */
export function InvitationSummary({ invitation }: { invitation: InvitationSummaryData }) {
  return (
    <div className="mb-6 rounded-lg border border-slate-300 bg-brand-50 p-4">
      <p className="mb-3 text-lg">
        <strong>{invitation.inviterName}</strong>, de <strong>{invitation.organizationName}</strong>, le invita a participar como{' '}
        <strong>{invitation.kindLabel}</strong>
        {invitation.projectName ? (
          <>
            {' '}
            en la postulación <strong>«{invitation.projectName}»</strong>
          </>
        ) : null}
        .
      </p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {invitation.applicationNumber ? (
          <>
            <dt className="font-semibold">N° de postulación</dt>
            <dd>{invitation.applicationNumber}</dd>
          </>
        ) : null}
        {invitation.callName ? (
          <>
            <dt className="font-semibold">Llamado</dt>
            <dd>{invitation.callName}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Invitación enviada a</dt>
        <dd className="break-all">{invitation.email}</dd>
        <dt className="font-semibold">Vence el</dt>
        <dd>{formatSantiagoDateTime(invitation.expiresAt)}</dd>
      </dl>
    </div>
  );
}
