'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ZEmployerEntity, ZSponsorEntity } from '@/lib/validations/invitation';
import type { TEmployerEntity, TEmployerEntityInput, TSponsorEntity, TSponsorEntityInput } from '@/lib/validations/invitation';
import { employerKindLabels, employerKinds, sponsorKindLabels } from '@/lib/validations/organization';
import { applyServerErrors, callAction, summaryOf } from './form-helpers';
import { useHydrated } from './use-hydrated';
import { RadioGroup } from './radio-group';

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

/** Accepting in the name of the entity the invitee already represents. */
export function ConfirmAcceptButton({ token, entityName, action }: { token: string; entityName: string; action: Action }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await callAction(action, { token });
            if (result && !result.ok) setError(result.formError ?? 'No se pudo aceptar la invitación.');
          })
        }
      >
        {pending ? 'Aceptando…' : `Aceptar en nombre de ${entityName}`}
      </Button>
    </div>
  );
}

const employerFields = ['name', 'rut', 'kind'] as const;

/** The invitee registers the employer they represent and accepts, in one step. */
export function EmployerAcceptForm({ token, action }: { token: string; action: Action }) {
  const form = useForm<TEmployerEntityInput, unknown, TEmployerEntity>({
    resolver: zodResolver(ZEmployerEntity),
    defaultValues: { name: '', rut: '' },
    shouldFocusError: false,
  });
  const { errors, isSubmitting, submitCount } = form.formState;
  const hydrated = useHydrated();
  const onSubmit = form.handleSubmit(async (entity) => {
    const result = await callAction(action, { token, entity });
    if (result && !result.ok) applyServerErrors(result, form.setError, employerFields, 'entity.');
  });
  return (
    <>
      {submitCount > 0 ? <ErrorSummary errors={summaryOf(errors, employerFields)} /> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl">
        <fieldset disabled={isSubmitting}>
          <legend className="mb-3 text-xl font-bold">Datos del empleador</legend>
          <TextField id="name" label="Razón social o nombre" error={errors.name?.message} {...form.register('name')} />
          <TextField
            id="rut"
            label="RUT del empleador"
            hint="Con dígito verificador, por ejemplo 76.123.456-7."
            autoComplete="off"
            spellCheck={false}
            error={errors.rut?.message}
            {...form.register('rut')}
          />
          <RadioGroup
            id="kind"
            legend="Tipo de empleador"
            error={errors.kind?.message}
            options={employerKinds.map((k) => ({ value: k, label: employerKindLabels[k] }))}
            field={form.register('kind')}
          />
          <Button type="submit" disabled={!hydrated}>{isSubmitting ? 'Aceptando…' : 'Registrar y aceptar la invitación'}</Button>
        </fieldset>
      </form>
    </>
  );
}

const sponsorFields = ['name', 'rut', 'kind', 'registryNumber'] as const;

/** The invitee registers their sponsoring entity, management entity or builder and accepts, in one step. */
export function SponsorAcceptForm({ token, builder, action }: { token: string; builder: boolean; action: Action }) {
  const form = useForm<TSponsorEntityInput, unknown, TSponsorEntity>({
    resolver: zodResolver(ZSponsorEntity),
    defaultValues: { name: '', rut: '', registryNumber: '', kind: builder ? 'constructora' : undefined },
    shouldFocusError: false,
  });
  const { errors, isSubmitting, submitCount } = form.formState;
  const hydrated = useHydrated();
  const onSubmit = form.handleSubmit(async (entity) => {
    const result = await callAction(action, { token, entity });
    if (result && !result.ok) applyServerErrors(result, form.setError, sponsorFields, 'entity.');
  });
  return (
    <>
      {submitCount > 0 ? <ErrorSummary errors={summaryOf(errors, sponsorFields)} /> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl">
        <fieldset disabled={isSubmitting}>
          <legend className="mb-3 text-xl font-bold">{builder ? 'Datos de la constructora' : 'Datos de la entidad'}</legend>
          <TextField id="name" label="Razón social" error={errors.name?.message} {...form.register('name')} />
          <TextField
            id="rut"
            label={builder ? 'RUT de la constructora' : 'RUT de la entidad'}
            hint="Con dígito verificador, por ejemplo 77.123.456-7."
            autoComplete="off"
            spellCheck={false}
            error={errors.rut?.message}
            {...form.register('rut')}
          />
          {builder ? (
            <input type="hidden" {...form.register('kind')} />
          ) : (
            <RadioGroup
              id="kind"
              legend="Tipo de entidad"
              error={errors.kind?.message}
              options={(['entidad_patrocinante', 'entidad_gestora'] as const).map((k) => ({ value: k, label: sponsorKindLabels[k] }))}
              field={form.register('kind')}
            />
          )}
          <TextField
            id="registryNumber"
            label={builder ? 'N° de inscripción en el Registro Nacional de Contratistas' : 'N° de convenio o registro de la entidad'}
            hint={builder ? 'El registro del MINVU en que está inscrita la constructora.' : 'El número de su convenio vigente con el MINVU o SERVIU.'}
            error={errors.registryNumber?.message}
            {...form.register('registryNumber')}
          />
          <Button type="submit" disabled={!hydrated}>{isSubmitting ? 'Aceptando…' : 'Registrar y aceptar la invitación'}</Button>
        </fieldset>
      </form>
    </>
  );
}
