'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/actions/define-action';
import { acceptInvitation } from '@/lib/dal/invitations';
import { ZAcceptEmployerInvitation, ZAcceptSponsorInvitation } from '@/lib/validations/invitation';

// The DAL checks the invited e-mail, the role and the invitation's state; the permission is only the first gate.
const acceptEmployer = defineAction({
  permission: 'application.edit',
  schema: ZAcceptEmployerInvitation,
  run: ({ user, input, tx }) => acceptInvitation(tx, user, input.token, input.entity ? { type: 'employer', data: input.entity } : null),
});

const acceptSponsor = defineAction({
  permission: 'application.edit',
  schema: ZAcceptSponsorInvitation,
  run: ({ user, input, tx }) => acceptInvitation(tx, user, input.token, input.entity ? { type: 'sponsor', data: input.entity } : null),
});

export async function acceptEmployerInvitationAction(input: unknown) {
  const result = await acceptEmployer(input);
  if (!result.ok || !result.data) return result;
  redirect(`/portal/postulaciones/${result.data.applicationId}`);
}

export async function acceptSponsorInvitationAction(input: unknown) {
  const result = await acceptSponsor(input);
  if (!result.ok || !result.data) return result;
  redirect(`/portal/postulaciones/${result.data.applicationId}`);
}
