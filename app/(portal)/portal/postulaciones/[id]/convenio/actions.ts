'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { updateWorkAgreementSection } from '@/lib/dal/application-sections';
import { ZWorkAgreementSectionInput } from '@/lib/validations/sections';

const saveWorkAgreementSection = defineAction({
  permission: 'application.edit',
  schema: ZWorkAgreementSectionInput,
  run: ({ user, input, tx }) => updateWorkAgreementSection(tx, user, input),
});

export async function saveWorkAgreementSectionAction(input: unknown) {
  const result = await saveWorkAgreementSection(input);
  if (result.ok) revalidatePath('/portal/postulaciones/[id]', 'layout');
  return result;
}
