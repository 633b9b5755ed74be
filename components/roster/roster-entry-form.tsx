'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { FieldErrors } from 'react-hook-form';
import type { z } from 'zod';
import { Button, ButtonLink } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { SummaryError } from '@/components/ui/error-summary';
import { SelectField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ROSTER_COLUMN_BY_KEY, ROSTER_COLUMN_KEYS } from '@/lib/roster/columns';
import type { RosterColumnKey } from '@/lib/roster/columns';
import { ZRosterEntryInput } from '@/lib/roster/schema';
import { ScoreFactsFields } from './score-facts-fields';

type FormValues = z.input<typeof ZRosterEntryInput>;

const fieldId = (key: RosterColumnKey) => `worker-${key}`;

const RSH_OPTIONS = [
  { value: '40', label: '40% (más vulnerable)' },
  { value: '50', label: '50%' },
  { value: '60', label: '60%' },
  { value: '70', label: '70%' },
  { value: '80', label: '80%' },
  { value: '90', label: '90%' },
  { value: '100', label: '100%' },
];

const BAND_OPTIONS = [
  { value: '1', label: 'Tramo 1' },
  { value: '2', label: 'Tramo 2' },
  { value: '3', label: 'Tramo 3' },
];

function summaryOf(errors: FieldErrors<FormValues>): SummaryError[] {
  return ROSTER_COLUMN_KEYS.flatMap((key) => {
    const message = errors[key]?.message;
    return typeof message === 'string' && message ? [{ fieldId: fieldId(key), message }] : [];
  });
}

/**
 * Add or edit one worker of the roster. The browser checks each field with the same schema the server
 * applies again; what the person typed stays in the form whatever the server answers.
 */
export function RosterEntryForm({
  applicationId,
  defaultValues,
  entry,
  cancelHref,
  action,
  rutLockedReason,
}: {
  applicationId: string;
  /** addRosterEntryAction, or updateRosterEntryAction when editing. */
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  defaultValues: Record<RosterColumnKey, string>;
  /** Present when editing: the worker and the content the form was filled from. */
  entry?: { id: string; stamp: string; name: string };
  cancelHref: string;
  /** When set, the RUT is shown but cannot be changed (during a correction, another RUT is a replacement). */
  rutLockedReason?: string;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<FormValues, unknown, FormValues>({
    resolver: zodResolver(ZRosterEntryInput, undefined, { raw: true }),
    defaultValues,
    shouldFocusError: false,
  });

  const onSubmit = async (values: FormValues) => {
    setFormError(null);
    const result = entry
      ? await action({ applicationId, entryId: entry.id, expectedStamp: entry.stamp, entry: values })
      : await action({ applicationId, entry: values });
    if (result.ok) {
      const name = `${String(values.firstNames ?? '').trim()} ${String(values.lastNames ?? '').trim()}`.trim();
      const notice = entry ? 'editado' : 'agregado';
      router.push(`/portal/postulaciones/${applicationId}/nomina?aviso=${notice}&nombre=${encodeURIComponent(name)}`);
      return;
    }
    for (const [path, message] of Object.entries(result.fieldErrors ?? {})) {
      const key = path.replace(/^entry\./, '') as RosterColumnKey;
      if ((ROSTER_COLUMN_KEYS as readonly string[]).includes(key)) setError(key, { type: 'server', message });
    }
    setFormError(result.formError ?? 'No se pudo guardar. Revise los campos marcados.');
  };

  const summary = [...(formError ? [{ message: formError }] : []), ...(submitCount > 0 ? summaryOf(errors) : [])];
  const error = (key: RosterColumnKey) => {
    const message = errors[key]?.message;
    return typeof message === 'string' ? message : undefined;
  };
  const hint = (key: RosterColumnKey) => ROSTER_COLUMN_BY_KEY[key].hint;
  const unionError = error('unionMember');

  return (
    <>
      <ErrorSummary errors={summary} />
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={entry ? `Datos de ${entry.name}` : 'Nuevo trabajador'}>
        <fieldset disabled={isSubmitting} className="max-w-xl">
          <legend className="sr-only">Datos del trabajador</legend>
          <TextField
            id={fieldId('rut')}
            label="RUT"
            hint={rutLockedReason ?? 'Con dígito verificador, por ejemplo 12.345.678-5. Puede escribirlo con o sin puntos.'}
            readOnly={rutLockedReason !== undefined}
            error={error('rut')}
            autoComplete="off"
            spellCheck={false}
            className={rutLockedReason !== undefined ? 'max-w-56 bg-slate-100' : 'max-w-56'}
            {...register('rut')}
          />
          <TextField id={fieldId('firstNames')} label="Nombres" hint={hint('firstNames')} error={error('firstNames')} autoComplete="off" {...register('firstNames')} />
          <TextField id={fieldId('lastNames')} label="Apellidos" hint="Apellido paterno y materno." error={error('lastNames')} autoComplete="off" {...register('lastNames')} />

          <fieldset
            aria-describedby={[`${fieldId('unionMember')}-hint`, unionError ? `${fieldId('unionMember')}-error` : null].filter(Boolean).join(' ')}
            className={`mb-5 ${unionError ? 'border-l-4 border-err-700 pl-3' : ''}`}
          >
            <legend className="text-base font-semibold">¿Es socio o socia del sindicato o asociación gremial?</legend>
            <p id={`${fieldId('unionMember')}-hint`} className="mt-0.5 text-sm text-slate-600">
              Hasta el 20% de la nómina puede ser trabajadores del empleador que no son socios.
            </p>
            {unionError ? (
              <p id={`${fieldId('unionMember')}-error`} className="mt-1 text-sm font-semibold text-err-700">
                <span className="sr-only">Error: </span>
                {unionError}
              </p>
            ) : null}
            <div className="mt-2 flex gap-6">
              {[
                { value: 'Sí', label: 'Sí', id: fieldId('unionMember') },
                { value: 'No', label: 'No', id: `${fieldId('unionMember')}-no` },
              ].map((option) => (
                <div key={option.value} className="flex items-center gap-2">
                  <input id={option.id} type="radio" value={option.value} className="size-6 accent-brand-700" {...register('unionMember')} />
                  <label htmlFor={option.id} className="text-base">
                    {option.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>

          <SelectField
            id={fieldId('rshPercentile')}
            label="Tramo del Registro Social de Hogares"
            hint="El tramo de calificación socioeconómica del hogar. Elija «Sin registro» si el hogar no está en el Registro Social de Hogares."
            error={error('rshPercentile')}
            options={RSH_OPTIONS}
            placeholder="Sin registro"
            className="max-w-64"
            {...register('rshPercentile')}
          />
          <TextField
            id={fieldId('householdSize')}
            label="Integrantes del hogar"
            hint={hint('householdSize')}
            error={error('householdSize')}
            inputMode="numeric"
            className="max-w-32"
            {...register('householdSize')}
          />
          <TextField
            id={fieldId('monthlyIncomeClp')}
            label="Ingreso líquido mensual del hogar, en pesos"
            hint="Sin decimales; con o sin puntos, por ejemplo 1.404.569."
            error={error('monthlyIncomeClp')}
            inputMode="numeric"
            className="max-w-56"
            {...register('monthlyIncomeClp')}
          />
          <TextField
            id={fieldId('savingsUf')}
            label="Ahorro total para la vivienda, en UF"
            hint="Con hasta dos decimales separados por coma, por ejemplo 50,5."
            error={error('savingsUf')}
            inputMode="decimal"
            className="max-w-40"
            {...register('savingsUf')}
          />
          <TextField
            id={fieldId('savingsDepositedUf')}
            label="Ahorro ya depositado, en UF"
            hint={hint('savingsDepositedUf')}
            error={error('savingsDepositedUf')}
            inputMode="decimal"
            className="max-w-40"
            {...register('savingsDepositedUf')}
          />
          <SelectField
            id={fieldId('band')}
            label="Tramo de la vivienda asignada"
            hint="El tramo de precio de la vivienda que se asigna al trabajador en el proyecto."
            error={error('band')}
            options={BAND_OPTIONS}
            placeholder="Elija un tramo"
            className="max-w-48"
            {...register('band')}
          />
          <TextField
            id={fieldId('birthDate')}
            label="Fecha de nacimiento (opcional)"
            hint="Día-mes-año, por ejemplo 12-04-1985."
            error={error('birthDate')}
            autoComplete="off"
            className="max-w-48"
            {...register('birthDate')}
          />
          <TextField
            id={fieldId('email')}
            label="Correo electrónico (opcional)"
            hint="Para enviarle el enlace de su formulario de incorporación y avisos de la postulación. Con este mismo correo, confirmado, su cuenta de trabajador verá la postulación."
            error={error('email')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            {...register('email')}
          />
          <ScoreFactsFields register={register} error={error} fieldId={fieldId} />
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit">{isSubmitting ? 'Guardando…' : entry ? 'Guardar cambios' : 'Agregar a la nómina'}</Button>
            <ButtonLink href={cancelHref} variant="link">
              Volver a la nómina sin guardar
            </ButtonLink>
          </div>
        </fieldset>
      </form>
    </>
  );
}
