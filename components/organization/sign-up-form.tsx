'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';
import { TextField } from '@/components/ui/field';
import { PASSWORD_MIN_LENGTH, ZSignUp, ZWorkerSignUp } from '@/lib/validations/organization';
import type { TSignUp, TSignUpInput } from '@/lib/validations/organization';
import { applyServerErrors, callAction, summaryOf } from './form-helpers';
import { useHydrated } from './use-hydrated';

const fields = ['name', 'rut', 'email', 'password', 'passwordConfirmation'] as const;

/**
 * Account sign-up. With an invitation the e-mail is the invited one and cannot be changed here. A worker's
 * sign-up (`kind="worker"`) asks the same data, checked with its own schema; its RUT is what links the
 * account to the roster.
 */
export function SignUpForm({
  action,
  invitationToken,
  invitedEmail,
  kind = 'applicant',
}: {
  action: (input: unknown) => Promise<ActionResult>;
  invitationToken?: string;
  invitedEmail?: string;
  kind?: 'applicant' | 'worker';
}) {
  const form = useForm<TSignUpInput, unknown, TSignUp>({
    // The worker's schema is the same minus the invitation; it parses to a subset of TSignUp.
    resolver: zodResolver(kind === 'worker' ? ZWorkerSignUp : ZSignUp),
    defaultValues: { name: '', rut: '', email: invitedEmail ?? '', password: '', passwordConfirmation: '', invitationToken: invitationToken ?? '' },
    shouldFocusError: false,
  });
  const { errors, isSubmitting, submitCount } = form.formState;
  const hydrated = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callAction(action, values);
    // On success the action redirects; it only comes back to say what to fix. Passwords are never sent back.
    if (result && !result.ok) applyServerErrors(result, form.setError, fields);
  });

  return (
    <>
      {submitCount > 0 ? <ErrorSummary errors={summaryOf(errors, fields)} /> : null}
      <form method="post" onSubmit={onSubmit} noValidate>
        <fieldset disabled={isSubmitting}>
          <legend className="sr-only">Datos de la cuenta</legend>
          <TextField id="name" label="Nombre completo" autoComplete="name" error={errors.name?.message} {...form.register('name')} />
          <TextField
            id="rut"
            label="RUT"
            hint={
              kind === 'worker'
                ? 'Su RUT, con dígito verificador, por ejemplo 12.345.678-5. Con él encontramos la postulación en que su organización le incluyó.'
                : 'Con dígito verificador, por ejemplo 12.345.678-5.'
            }
            autoComplete="off"
            spellCheck={false}
            error={errors.rut?.message}
            {...form.register('rut')}
          />
          <TextField
            id="email"
            type="email"
            label="Correo electrónico"
            hint={invitedEmail ? 'Es el correo al que llegó la invitación; con él ingresará al portal.' : 'Con él ingresará al portal y recibirá los avisos.'}
            autoComplete="email"
            readOnly={!!invitedEmail}
            className={invitedEmail ? 'bg-slate-100' : ''}
            error={errors.email?.message}
            {...form.register('email')}
          />
          <TextField
            id="password"
            type="password"
            label="Contraseña"
            hint={`Al menos ${PASSWORD_MIN_LENGTH} caracteres. Una frase que recuerde es más segura que una palabra con símbolos.`}
            autoComplete="new-password"
            error={errors.password?.message}
            {...form.register('password')}
          />
          <TextField
            id="passwordConfirmation"
            type="password"
            label="Repita la contraseña"
            autoComplete="new-password"
            error={errors.passwordConfirmation?.message}
            {...form.register('passwordConfirmation')}
          />
          {kind === 'worker' ? null : <input type="hidden" {...form.register('invitationToken')} />}
          <Button type="submit" disabled={!hydrated}>{isSubmitting ? 'Creando la cuenta…' : 'Crear cuenta'}</Button>
        </fieldset>
      </form>
    </>
  );
}
