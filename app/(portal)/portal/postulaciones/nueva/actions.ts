'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/actions/define-action';
import { createApplication } from '@/lib/dal/application-create';
import { ZNewApplication } from '@/lib/validations/organization';

const create = defineAction({
  permission: 'application.create',
  schema: ZNewApplication,
  run: ({ user, input, tx }) => createApplication(tx, user, input),
});

export async function createApplicationAction(input: unknown) {
  const result = await create(input);
  if (!result.ok || !result.data) return result;
  redirect(`/portal/postulaciones/${result.data.id}`);
}
