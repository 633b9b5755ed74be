import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { SummaryError } from '@/components/ui/error-summary';

/** The DOM id of a field from its form path: "committee.0.rut" → "committee-0-rut". */
export function fieldId(path: string): string {
  return path.replace(/\.root$/, '').replace(/\./g, '-');
}

/** Names of the rows of each repeatable list ("committee" → "Integrante"), so summary messages are unique. */
export type ListLabels = Record<string, string>;

/** "Integrante 2: Escriba el RUT del integrante." for an error inside row 2 of a labelled list. */
export function summaryMessage(path: string, message: string, listLabels: ListLabels = {}): string {
  const match = /^([^.]+)\.(\d+)\./.exec(path);
  const label = match ? listLabels[match[1]!] : undefined;
  return label ? `${label} ${Number(match![2]) + 1}: ${message}` : message;
}

/**
 * Every message in react-hook-form's nested error object, in form order, as the error summary's
 * links. Errors on a whole list (fewer than 3 committee members) sit at `<list>` or `<list>.root`.
 */
export function collectErrors(errors: FieldErrors, listLabels: ListLabels = {}, prefix = ''): SummaryError[] {
  const out: SummaryError[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref' || key === 'types' || value === null || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const node = value as Record<string, unknown>;
    if (typeof node.message === 'string' && node.message !== '')
      out.push({ fieldId: fieldId(path), message: summaryMessage(path, node.message, listLabels) });
    out.push(...collectErrors(node as FieldErrors, listLabels, path));
  }
  return out;
}

/** The message of a list-level error, wherever react-hook-form put it. */
export function listError(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const node = error as { message?: unknown; root?: { message?: unknown } };
  if (typeof node.root?.message === 'string') return node.root.message;
  return typeof node.message === 'string' ? node.message : undefined;
}

/** Server field errors ("values.committee.0.rut") onto the form, next to their fields. */
export function applyServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors: Record<string, string> | undefined): void {
  if (!fieldErrors) return;
  for (const [key, message] of Object.entries(fieldErrors)) {
    const path = key.replace(/^values\./, '');
    if (path === '_form' || path === 'applicationId' || path === 'version') continue;
    setError(path as Path<T>, { type: 'server', message });
  }
}
