'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { useHydrated } from '@/components/applications/observations/use-hydrated';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { BUYER_PROGRAMMES, buyerProgrammeLabels } from '@/lib/domain/prohibitions';
import { ZFileEarlySaleRequest } from '@/lib/validations/prohibitions';

type Values = {
  applicationId: string;
  prohibitionId: string;
  reason: string;
  buyerProgramme: string;
  buyerProgrammeName: string;
  proceedsForNewDwelling: string;
  newDwellingDescription: string;
};
const FIELDS = ['prohibitionId', 'reason', 'buyerProgramme', 'buyerProgrammeName', 'proceedsForNewDwelling', 'newDwellingDescription'] as const;
type FieldName = (typeof FIELDS)[number];

const fieldId = (name: string) => `venta-${name}`;

/** The family's request to sell early, with the facts the director needs to judge conditions a) and b). */
export function EarlySaleRequestForm({
  applicationId,
  dwellings,
  action,
}: {
  applicationId: string;
  dwellings: { value: string; label: string }[];
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const defaults: Values = {
    applicationId,
    prohibitionId: dwellings.length === 1 ? dwellings[0]!.value : '',
    reason: '',
    buyerProgramme: '',
    buyerProgrammeName: '',
    proceedsForNewDwelling: '',
    newDwellingDescription: '',
  };
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<Values>({
    // Raw values go to the action, which parses them again with the same schema.
    resolver: zodResolver(ZFileEarlySaleRequest, undefined, { raw: true }) as unknown as Resolver<Values>,
    defaultValues: defaults,
    shouldFocusError: false,
  });
  const buyer = useWatch({ control, name: 'buyerProgramme' });
  const proceeds = useWatch({ control, name: 'proceedsForNewDwelling' });
  const error = (name: FieldName) => (typeof errors[name]?.message === 'string' ? errors[name].message : undefined);
  const summary = [
    ...(formError ? [{ message: formError }] : []),
    ...(submitCount > 0 ? FIELDS.flatMap((name) => (error(name) ? [{ fieldId: fieldId(name), message: error(name)! }] : [])) : []),
  ];

  const onSubmit = async (values: Values) => {
    setFormError(null);
    setSaved(false);
    const result = await action(values);
    if (result.ok) {
      reset(defaults);
      setSaved(true);
      router.refresh();
      return;
    }
    for (const [path, message] of Object.entries(result.fieldErrors ?? {}))
      if ((FIELDS as readonly string[]).includes(path)) setError(path as FieldName, { type: 'server', message });
    setFormError(result.formError && result.formError !== 'Revise los campos marcados.' ? result.formError : null);
  };

  return (
    <>
      <ErrorSummary title="No se pudo enviar la solicitud" errors={summary} />
      {saved ? (
        <p role="status" className="mb-4 rounded border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          Solicitud enviada. El Director SERVIU la resolverá y le avisaremos por correo.
        </p>
      ) : null}
      <form onSubmit={(event) => handleSubmit(onSubmit)(event)} noValidate aria-label="Solicitar autorización de venta anticipada">
        <fieldset disabled={!hydrated || isSubmitting} className="max-w-2xl">
          <legend className="mb-2 text-lg font-bold">Solicitar autorización de venta anticipada</legend>
          <SelectField
            id={fieldId('prohibitionId')}
            label="Vivienda"
            error={error('prohibitionId')}
            options={dwellings}
            placeholder="Elija la vivienda"
            {...register('prohibitionId')}
          />
          <TextAreaField
            id={fieldId('reason')}
            label="Motivo de la solicitud"
            hint="Por qué necesita vender la vivienda antes del término de la prohibición."
            error={error('reason')}
            {...register('reason')}
          />
          <SelectField
            id={fieldId('buyerProgramme')}
            label="¿Quién compraría la vivienda?"
            hint="Condición a) de la opción de movilidad habitacional."
            error={error('buyerProgramme')}
            options={BUYER_PROGRAMMES.map((value) => ({ value, label: buyerProgrammeLabels[value] }))}
            placeholder="Elija una opción"
            {...register('buyerProgramme')}
          />
          {buyer === 'programa_reemplazante' || buyer === 'programa_mayor_vulnerabilidad' ? (
            <TextField
              id={fieldId('buyerProgrammeName')}
              label="Programa del que es beneficiario/a quien compra"
              hint="Por ejemplo: D.S. N°49, Fondo Solidario de Elección de Vivienda."
              error={error('buyerProgrammeName')}
              {...register('buyerProgrammeName')}
            />
          ) : null}
          <SelectField
            id={fieldId('proceedsForNewDwelling')}
            label="¿Destinará el precio de la venta a comprar otra vivienda?"
            hint="Condición b) de la opción de movilidad habitacional."
            error={error('proceedsForNewDwelling')}
            options={[
              { value: 'si', label: 'Sí' },
              { value: 'no', label: 'No' },
            ]}
            placeholder="Elija una opción"
            {...register('proceedsForNewDwelling')}
          />
          {proceeds === 'si' ? (
            <TextAreaField
              id={fieldId('newDwellingDescription')}
              label="Vivienda que comprará"
              hint="Comuna, tipo de vivienda y si ya la eligió."
              error={error('newDwellingDescription')}
              {...register('newDwellingDescription')}
            />
          ) : null}
          <Button type="submit">{isSubmitting ? 'Enviando…' : 'Enviar solicitud'}</Button>
        </fieldset>
      </form>
    </>
  );
}
