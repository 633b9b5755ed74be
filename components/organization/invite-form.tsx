'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ZCreateInvitation } from '@/lib/validations/invitation';
import type { InvitableKind, TCreateInvitation, TCreateInvitationInput } from '@/lib/validations/invitation';
import { applyServerErrors, callAction, summaryOf } from './form-helpers';
import { useHydrated } from './use-hydrated';
import { RadioGroup } from './radio-group';

const fields = ['kind', 'email'] as const;

const kindOptions: Record<InvitableKind, { label: string; hint: string }> = {
  employer_rep: { label: 'Representante del empleador', hint: 'Completa terreno, aportes y convenio.' },
  sponsor: { label: 'Entidad Patrocinante o entidad gestora', hint: 'Prepara el proyecto técnico.' },
  builder: { label: 'Constructora', hint: 'Inscrita en el Registro Nacional de Contratistas del MINVU.' },
};

/** Invites one party to an application by e-mail; the link goes only to that mailbox. */
export function InviteForm({
  applicationId,
  kinds,
  action,
}: {
  applicationId: string;
  kinds: InvitableKind[];
  action: (input: unknown) => Promise<ActionResult<{ email: string }>>;
}) {
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<TCreateInvitationInput, unknown, TCreateInvitation>({
    resolver: zodResolver(ZCreateInvitation),
    defaultValues: { applicationId, email: '', kind: kinds.length === 1 ? kinds[0] : undefined },
    shouldFocusError: false,
  });
  const { errors, isSubmitting, submitCount } = form.formState;
  const hydrated = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setSentTo(null);
    const result = await callAction(action, values);
    if (!result.ok) {
      applyServerErrors(result, form.setError, fields);
      return;
    }
    setSentTo(values.email);
    // An empty value unchecks the radios (undefined would leave the sent one checked, though it may no longer be offered).
    form.reset({ applicationId, email: '', kind: '' as InvitableKind });
    router.refresh();
  });

  return (
    <>
      {sentTo ? (
        <p role="status" className="mb-4 border-l-4 border-ok-700 bg-ok-50 p-3">
          Enviamos la invitación a <strong>{sentTo}</strong>. El enlace vence en 7 días y sirve una sola vez.
        </p>
      ) : null}
      {submitCount > 0 ? <ErrorSummary errors={summaryOf(errors, fields)} /> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl">
        <fieldset disabled={isSubmitting}>
          <legend className="sr-only">Nueva invitación</legend>
          <input type="hidden" {...form.register('applicationId')} />
          <RadioGroup
            id="kind"
            legend="¿A quién invita?"
            error={errors.kind?.message}
            options={kinds.map((k) => ({ value: k, label: kindOptions[k].label, hint: kindOptions[k].hint }))}
            field={form.register('kind')}
          />
          <TextField
            id="email"
            type="email"
            label="Correo electrónico de la persona invitada"
            hint="Debe ingresar al portal con este mismo correo para aceptar."
            autoComplete="off"
            error={errors.email?.message}
            {...form.register('email')}
          />
          <Button type="submit" disabled={!hydrated}>{isSubmitting ? 'Enviando…' : 'Enviar invitación'}</Button>
        </fieldset>
      </form>
    </>
  );
}
