'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { updateGanttSection } from '@/lib/dal/application-sections';
import { ZGanttSectionInput } from '@/lib/validations/sections';

const saveGanttSection = defineAction({
  permission: 'application.edit',
  schema: ZGanttSectionInput,
  run: ({ user, input, tx }) => updateGanttSection(tx, user, input),
});

export async function saveGanttSectionAction(input: unknown) {
  const result = await saveGanttSection(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}
