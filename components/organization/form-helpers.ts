import { unstable_rethrow } from 'next/navigation';
import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { SummaryError } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';

/** The browser-side errors of react-hook-form as error-summary entries, in the order of the fields. */
export function summaryOf<T extends FieldValues>(errors: FieldErrors<T>, order: readonly string[], idPrefix = ''): SummaryError[] {
  const out: SummaryError[] = [];
  for (const name of order) {
    const message = (errors as Record<string, { message?: unknown } | undefined>)[name]?.message;
    if (typeof message === 'string') out.push({ fieldId: `${idPrefix}${name}`, message });
  }
  const root = errors.root?.server?.message;
  if (typeof root === 'string') out.unshift({ message: root });
  return out;
}

/**
 * Puts a server action's refusal on the form: field messages next to their fields, the general one in the
 * summary. Values stay as typed. `stripPrefix` maps server paths such as `entity.rut` to form fields.
 */
export function applyServerErrors<T extends FieldValues>(
  result: Extract<ActionResult<unknown>, { ok: false }>,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  stripPrefix = '',
): void {
  let placed = false;
  for (const [key, message] of Object.entries(result.fieldErrors ?? {})) {
    const name = stripPrefix && key.startsWith(stripPrefix) ? key.slice(stripPrefix.length) : key;
    if (fields.includes(name)) {
      setError(name as Path<T>, { type: 'server', message });
      placed = true;
    }
  }
  const general = result.formError && !(placed && result.formError === 'Revise los campos marcados.') ? result.formError : null;
  if (general) setError('root.server', { type: 'server', message: general });
}

const UNREACHABLE =
  'No pudimos comunicarnos con el portal. Revise su conexión e intente nuevamente; lo que escribió sigue en el formulario.';

/**
 * Calls a server action and turns a dropped connection into a refusal the form can show, so the person is
 * never left without an answer. A redirect (success) is rethrown for the router to follow.
 */
export async function callAction<T>(
  action: (input: unknown) => Promise<ActionResult<T>>,
  input: unknown,
): Promise<ActionResult<T>> {
  try {
    return await action(input);
  } catch (error) {
    unstable_rethrow(error);
    console.error(error);
    return { ok: false, formError: UNREACHABLE };
  }
}
