'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { updateLandSection } from '@/lib/dal/application-sections';
import { ZLandSectionInput } from '@/lib/validations/sections';

const saveLandSection = defineAction({
  permission: 'application.edit',
  schema: ZLandSectionInput,
  run: ({ user, input, tx }) => updateLandSection(tx, user, input),
});

export async function saveLandSectionAction(input: unknown) {
  const result = await saveLandSection(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}
