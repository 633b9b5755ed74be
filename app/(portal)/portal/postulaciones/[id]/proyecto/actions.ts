'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { updateProjectSection } from '@/lib/dal/application-sections';
import { ZProjectSectionInput } from '@/lib/validations/sections';

const saveProjectSection = defineAction({
  permission: 'application.edit',
  schema: ZProjectSectionInput,
  run: ({ user, input, tx }) => updateProjectSection(tx, user, input),
});

export async function saveProjectSectionAction(input: unknown) {
  const result = await saveProjectSection(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}
