'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { exportIncomeCheck, importIncomeCheckAnswer } from '@/lib/dal/income-check';
import { ZExportIncomeCheck, ZImportIncomeAnswer } from '@/lib/validations/observations';

const exportCheck = defineAction({
  permission: 'review.observe',
  schema: ZExportIncomeCheck,
  run: ({ user, tx }) => exportIncomeCheck(tx, user),
});

const importAnswer = defineAction({
  permission: 'review.observe',
  schema: ZImportIncomeAnswer,
  run: async ({ user, input, tx }) =>
    importIncomeCheckAnswer(tx, user, { fileName: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()) }),
});

/** The CSV for the SII with the region's workers above the RSH threshold (recorded as exported). */
export async function exportIncomeCheckAction(input: unknown) {
  const result = await exportCheck(input);
  if (result.ok) revalidatePath('/gestion/ingresos');
  return result;
}

/** Reads the SII's answer and marks each worker over the income cap or not, with a per-row report. */
export async function importIncomeCheckAnswerAction(input: unknown) {
  const result = await importAnswer(input);
  if (result.ok) revalidatePath('/gestion', 'layout');
  return result;
}
