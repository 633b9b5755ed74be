import '@/lib/validations/zod-locale';
import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/db';
import type { Tx } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import type { Permission } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { getStorage } from '@/lib/services';
import { undoWrittenFilesOnFailure } from '@/lib/storage/written-files';
import { DomainError, fieldErrorsOf } from './result';
import type { ActionResult } from './result';

export { fieldErrorsOf };

export interface ActionContext<I> {
  user: SessionUser;
  input: I;
  tx: Tx;
}

/**
 * Every server action goes through here: authenticate → permission → validate (the form's own zod
 * schema, again on the server) → one transaction in which the DAL scopes, changes and audits → result.
 * Scope (own organisation, own region) is enforced by the DAL calls inside `run`.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  permission: Permission;
  schema: S;
  run: (ctx: ActionContext<z.output<S>>) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    const user = await getSessionUser();
    if (!user) return { ok: false, formError: 'Su sesión expiró. Ingrese nuevamente; lo que escribió sigue en el formulario.' };
    if (!hasPermission(user.role, options.permission)) return { ok: false, formError: new ForbiddenError().message };
    const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      return { ok: false, fieldErrors, formError: 'Revise los campos marcados.' };
    }
    try {
      const db = await getDb();
      const data = await undoWrittenFilesOnFailure(
        () => db.transaction((tx) => options.run({ user, input: parsed.data as z.output<S>, tx })),
        (key) => getStorage().delete(key),
      );
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, formError: error.message, fieldErrors: error.fieldErrors };
      if (error instanceof ForbiddenError || error instanceof NotFoundError) return { ok: false, formError: error.message };
      console.error('Acción fallida', error);
      return { ok: false, formError: 'No pudimos guardar por un error del sistema. Intente nuevamente en unos minutos; sus datos no se perdieron.' };
    }
  };
}
