'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/actions/define-action';
import { createInvitation, revokeInvitation } from '@/lib/dal/invitations';
import { createOrganization } from '@/lib/dal/organizations';
import { dispatchMailAfterResponse } from '@/lib/jobs/dispatch';
import { ZCreateInvitation, ZRevokeInvitation } from '@/lib/validations/invitation';
import { ZOrganization } from '@/lib/validations/organization';

const registerOrganization = defineAction({
  permission: 'organization.manage',
  schema: ZOrganization,
  run: ({ user, input, tx }) => createOrganization(tx, user, input),
});

export async function createOrganizationAction(input: unknown) {
  const result = await registerOrganization(input);
  if (!result.ok) return result;
  revalidatePath('/portal', 'layout');
  redirect('/portal/organizacion');
}

const invite = defineAction({
  permission: 'organization.manage',
  schema: ZCreateInvitation,
  // The token leaves only in the e-mail: the inviter never sees it, so only the mailbox owner can use it.
  run: async ({ user, input, tx }) => {
    const created = await createInvitation(tx, user, input);
    return { id: created.id, email: input.email, expiresAt: created.expiresAt };
  },
});

export async function createInvitationAction(input: unknown) {
  const result = await invite(input);
  if (result.ok) dispatchMailAfterResponse();
  return result;
}

const revoke = defineAction({
  permission: 'organization.manage',
  schema: ZRevokeInvitation,
  run: ({ user, input, tx }) => revokeInvitation(tx, user, input.invitationId),
});

export async function revokeInvitationAction(input: unknown) {
  return revoke(input);
}
