import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InvitationTable } from '@/components/organization/invitation-table';
import { InviteForm } from '@/components/organization/invite-form';
import { PartyCard } from '@/components/organization/party-card';
import { StatusTag } from '@/components/ui/status-tag';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getApplicationParticipantsForUnion } from '@/lib/dal/organizations';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';
import type { InvitableKind } from '@/lib/validations/invitation';
import { createInvitationAction, revokeInvitationAction } from '../../actions';

export const metadata: Metadata = { title: 'Participantes de la postulación' };

export default async function ApplicationParticipantsPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireRole('org_rep');
  const { participants: p, invitations, canInvite } = await getApplicationParticipantsForUnion(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const pendingOf = (kind: InvitableKind) => invitations.find((i) => i.kind === kind && i.state === 'pendiente') ?? null;
  const open: InvitableKind[] = [];
  // After selection only the builder can still be named (the 2022 call: it is hired then).
  const draft = p.status === 'borrador';
  if (draft && !p.employer && !pendingOf('employer_rep')) open.push('employer_rep');
  if (draft && !p.sponsor && !pendingOf('sponsor')) open.push('sponsor');
  if (!p.builder && !pendingOf('builder')) open.push('builder');

  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link href="/portal/organizacion" className="text-brand-700 underline underline-offset-4">
            Mi organización
          </Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold">Participantes de «{p.projectName}»</h1>
        <p className="mt-1">
          Postulación{' '}
          <Link href={`/portal/postulaciones/${p.applicationId}`} className="font-semibold text-brand-700 underline underline-offset-4">
            {p.number}
          </Link>{' '}
          · <StatusTag tone={applicationStatusTones[p.status]}>{applicationStatusLabels[p.status]}</StatusTag>
        </p>
        <p className="text-sm text-slate-600">{p.callName}</p>
      </div>

      <section aria-labelledby="participantes">
        <h2 id="participantes" className="mb-3 text-2xl font-bold">
          Participantes
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <PartyCard title="Empleador" entity={p.employer} pending={pendingOf('employer_rep')} />
          <PartyCard title="Entidad patrocinante" entity={p.sponsor} pending={pendingOf('sponsor')} />
          <PartyCard title="Constructora" entity={p.builder} pending={pendingOf('builder')} />
        </div>
      </section>

      <section aria-labelledby="invitar">
        <h2 id="invitar" className="mb-3 text-2xl font-bold">
          Invitar
        </h2>
        {!canInvite ? (
          <p className="text-slate-700">Esta postulación ya no admite nuevos participantes.</p>
        ) : open.length === 0 ? (
          <p className="text-slate-700">Todos los participantes están invitados o ya se sumaron. Para cambiar a alguien con invitación pendiente, revóquela primero.</p>
        ) : (
          <InviteForm applicationId={p.applicationId} kinds={open} action={createInvitationAction} />
        )}
      </section>

      <InvitationTable rows={invitations} caption="Invitaciones de esta postulación" showApplication={false} revokeAction={revokeInvitationAction} />
    </div>
  );
}
