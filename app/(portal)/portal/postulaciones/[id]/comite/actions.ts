'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { updateProjectCommitteeSection } from '@/lib/dal/application-sections';
import { ZProjectCommitteeSectionInput } from '@/lib/validations/sections';

const saveProjectCommitteeSection = defineAction({
  permission: 'application.edit',
  schema: ZProjectCommitteeSectionInput,
  run: ({ user, input, tx }) => updateProjectCommitteeSection(tx, user, input),
});

export async function saveProjectCommitteeSectionAction(input: unknown) {
  const result = await saveProjectCommitteeSection(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}
