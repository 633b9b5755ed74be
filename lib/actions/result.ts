import type { z } from 'zod';

/** The one result shape of every server action. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T }
  | { ok: false; fieldErrors?: Record<string, string>; formError?: string };

/** A rule or state refusal the user can act on; its message is shown as is (Spanish). */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Another tab or person saved first: the user reloads and re-applies, nothing is overwritten silently. */
export class ConflictError extends DomainError {
  constructor(message = 'Otra persona o pestaña guardó cambios en esta sección mientras usted la editaba. Recargue para ver la versión actual; lo que escribió sigue en el formulario.') {
    super(message);
    this.name = 'ConflictError';
  }
}

/** zod issues as one Spanish message per field path ("members.0.rut"); safe in the browser too. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}
