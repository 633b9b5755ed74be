'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { SelectField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ZOrganization, organizationKindLabels, organizationKinds } from '@/lib/validations/organization';
import type { TOrganization, TOrganizationInput } from '@/lib/validations/organization';
import { applyServerErrors, callAction, summaryOf } from './form-helpers';
import { useHydrated } from './use-hydrated';
import { RadioGroup } from './radio-group';

export interface ComunaChoice {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
}

const fields = [
  'name',
  'rut',
  'kind',
  'legalPersonalityNumber',
  'legalPersonalityDate',
  'legalPersonalityAuthority',
  'regionCode',
  'comunaCode',
] as const;

/** Registration of the union or gremial association; region and comuna from the official CUT tables. */
export function OrganizationForm({ comunas, action }: { comunas: ComunaChoice[]; action: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const form = useForm<TOrganizationInput, unknown, TOrganization>({
    resolver: zodResolver(ZOrganization),
    defaultValues: {
      name: '',
      rut: '',
      legalPersonalityNumber: '',
      legalPersonalityDate: '',
      legalPersonalityAuthority: '',
      regionCode: '',
      comunaCode: '',
    },
    shouldFocusError: false,
  });
  const { errors, isSubmitting, submitCount } = form.formState;
  const hydrated = useHydrated();
  const regionCode = useWatch({ control: form.control, name: 'regionCode' });
  const regions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of comunas) if (!seen.has(c.regionCode)) seen.set(c.regionCode, c.regionName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [comunas]);
  const comunaOptions = useMemo(
    () =>
      comunas
        .filter((c) => c.regionCode === regionCode)
        .map((c) => ({ value: c.code, label: c.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'es')),
    [comunas, regionCode],
  );
  const regionField = form.register('regionCode', {
    onChange: () => {
      if (!form.getValues('comunaCode').startsWith(form.getValues('regionCode'))) form.setValue('comunaCode', '');
    },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callAction(action, values);
    if (result && !result.ok) applyServerErrors(result, form.setError, fields);
  });

  return (
    <>
      {submitCount > 0 ? <ErrorSummary errors={summaryOf(errors, fields)} /> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl">
        <fieldset disabled={isSubmitting}>
          <legend className="sr-only">Datos de la organización</legend>
          <TextField id="name" label="Nombre de la organización" hint="Como figura en sus estatutos." error={errors.name?.message} {...form.register('name')} />
          <TextField
            id="rut"
            label="RUT de la organización"
            hint="Con dígito verificador, por ejemplo 65.123.456-7."
            autoComplete="off"
            spellCheck={false}
            error={errors.rut?.message}
            {...form.register('rut')}
          />
          <RadioGroup
            id="kind"
            legend="Tipo de organización"
            error={errors.kind?.message}
            options={organizationKinds.map((k) => ({ value: k, label: organizationKindLabels[k] }))}
            field={form.register('kind')}
          />
          <h2 className="mb-3 mt-8 text-xl font-bold">Personalidad jurídica</h2>
          <TextField
            id="legalPersonalityNumber"
            label="Número de registro"
            hint="Por ejemplo, el RSU que asigna la Dirección del Trabajo o el número del registro de asociaciones gremiales."
            error={errors.legalPersonalityNumber?.message}
            {...form.register('legalPersonalityNumber')}
          />
          <TextField
            id="legalPersonalityDate"
            type="date"
            label="Fecha en que se otorgó"
            className="max-w-xs"
            error={errors.legalPersonalityDate?.message}
            {...form.register('legalPersonalityDate')}
          />
          <TextField
            id="legalPersonalityAuthority"
            label="Autoridad que la otorgó"
            hint="Por ejemplo, Inspección Provincial del Trabajo de Santiago o Ministerio de Economía, Fomento y Turismo."
            error={errors.legalPersonalityAuthority?.message}
            {...form.register('legalPersonalityAuthority')}
          />
          <h2 className="mb-3 mt-8 text-xl font-bold">Domicilio</h2>
          <SelectField id="regionCode" label="Región" placeholder="Elija la región" options={regions} error={errors.regionCode?.message} {...regionField} />
          <SelectField
            id="comunaCode"
            label="Comuna"
            hint={regionCode ? undefined : 'Elija primero la región.'}
            placeholder="Elija la comuna"
            options={comunaOptions}
            error={errors.comunaCode?.message}
            {...form.register('comunaCode')}
          />
          <Button type="submit" disabled={!hydrated}>{isSubmitting ? 'Registrando…' : 'Registrar organización'}</Button>
        </fieldset>
      </form>
    </>
  );
}
