'use server';

import { fieldErrorsOf } from '@/lib/actions/result';
import { now } from '@/lib/clock';
import { getOpenDs49Parameters } from '@/lib/dal/calls';
import { checkListedDs49Group } from '@/lib/domain/ds49/group-check-from-list';
import { todayInChile } from '@/lib/roster/values';
import { ds49GroupCheckSchema } from '@/lib/validations/ds49-group-check';
import type { Ds49GroupCheckState, TDs49GroupCheckValues } from '@/lib/validations/ds49-group-check';

const FIELDS: (keyof TDs49GroupCheckValues)[] = [
  'comunaCode',
  'families',
  'costUf',
  'goreContributionUf',
  'surfaceM2',
  'extensionM2',
  'areaHa',
  'buildingPermit',
  'typology',
];

/**
 * The public D.S. N°49 group check. Like the simulator and the /api/v1 endpoints it is open to anyone and
 * stores nothing, so there is no one to authorise and nothing to audit: it validates with the form's own
 * schema and answers. The family list travels in the body, never in the address, because it holds RUTs.
 */
export async function checkDs49GroupAction(previous: Ds49GroupCheckState, formData: FormData): Promise<Ds49GroupCheckState> {
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? '')])) as TDs49GroupCheckValues;
  const answer = previous.answer + 1;
  const at = now();
  const parsed = ds49GroupCheckSchema(todayInChile(at)).safeParse(values);
  if (!parsed.success) return { answer, values, fieldErrors: fieldErrorsOf(parsed.error) };
  const call = await getOpenDs49Parameters();
  if (!call) return { answer, values, formError: 'No hay un llamado D.S. N°49 con cofinanciamiento abierto; no hay reglas vigentes con que revisar.' };
  const check = checkListedDs49Group(parsed.data, at, call.parameters);
  const waived = new Set(check.waived.map((r) => r.id));
  return {
    answer,
    values,
    outcome: {
      ok: check.ok,
      families: parsed.data.families.length,
      presentedOn: check.submittedOn,
      exception: check.exception,
      rules: check.results.map((r) => ({ id: r.id, ok: r.ok, waived: waived.has(r.id), message: r.message })),
    },
  };
}
