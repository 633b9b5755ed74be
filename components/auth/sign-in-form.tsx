'use client';

import { useActionState } from 'react';
import { signIn } from 'next-auth/react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { signInAction } from '@/lib/auth/sign-in';
import type { SignInState } from '@/lib/auth/sign-in';

/** Works without JavaScript: a plain form posting to a server action. */
export function SignInForm({ callbackUrl, claveUnica }: { callbackUrl: string; claveUnica: boolean }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { email: '' });
  const errors = [
    ...(state.formError ? [{ message: state.formError }] : []),
    ...(state.fieldErrors?.email ? [{ fieldId: 'email', message: state.fieldErrors.email }] : []),
    ...(state.fieldErrors?.password ? [{ fieldId: 'password', message: state.fieldErrors.password }] : []),
  ];
  return (
    <>
      <ErrorSummary errors={errors} />
      <form action={action} noValidate>
        <fieldset disabled={pending}>
          <legend className="sr-only">Datos de ingreso</legend>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <TextField
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            label="Correo electrónico"
            defaultValue={state.email}
            error={state.fieldErrors?.email}
            required
          />
          <TextField
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            label="Contraseña"
            error={state.fieldErrors?.password}
            required
          />
          <Button type="submit">{pending ? 'Ingresando…' : 'Ingresar'}</Button>
        </fieldset>
      </form>
      {claveUnica ? (
        <div className="mt-8 border-t border-slate-300 pt-6">
          <Button variant="secondary" onClick={() => void signIn('claveunica', { callbackUrl: callbackUrl || '/ingresar' /* a signed-in visitor of /ingresar lands on their own panel */ })}>
            Ingresar con ClaveÚnica
          </Button>
        </div>
      ) : null}
    </>
  );
}
