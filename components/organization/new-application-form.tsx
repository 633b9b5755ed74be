'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ZNewApplication } from '@/lib/validations/organization';
import type { TNewApplication, TNewApplicationInput } from '@/lib/validations/organization';
import { applyServerErrors, callAction, summaryOf } from './form-helpers';
import { useHydrated } from './use-hydrated';
import { RadioGroup } from './radio-group';

const fields = ['callId', 'projectName'] as const;

export function NewApplicationForm({
  calls,
  action,
}: {
  calls: { id: string; name: string; closesLabel: string }[];
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const form = useForm<TNewApplicationInput, unknown, TNewApplication>({
    resolver: zodResolver(ZNewApplication),
    defaultValues: { callId: calls.length === 1 ? calls[0]!.id : '', projectName: '' },
    shouldFocusError: false,
  });
  const { errors, isSubmitting, submitCount } = form.formState;
  const hydrated = useHydrated();
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callAction(action, values);
    // Success redirects to the new application; only a refusal comes back.
    if (result && !result.ok) applyServerErrors(result, form.setError, fields);
  });
  return (
    <>
      {submitCount > 0 ? <ErrorSummary errors={summaryOf(errors, fields)} /> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl">
        <fieldset disabled={isSubmitting}>
          <legend className="sr-only">Nueva postulación</legend>
          <RadioGroup
            id="callId"
            legend="Llamado"
            error={errors.callId?.message}
            options={calls.map((c) => ({ value: c.id, label: c.name, hint: c.closesLabel }))}
            field={form.register('callId')}
          />
          <TextField
            id="projectName"
            label="Nombre del proyecto"
            hint="Por ejemplo, «Condominio Los Aromos». Podrá cambiarlo mientras la postulación esté en borrador."
            error={errors.projectName?.message}
            {...form.register('projectName')}
          />
          <Button type="submit" disabled={!hydrated}>{isSubmitting ? 'Creando…' : 'Crear postulación'}</Button>
        </fieldset>
      </form>
    </>
  );
}
