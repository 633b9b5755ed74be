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
import { useHydrated } from '@/components/applications/observations/use-hydrated';
import { ScoreFactsFields } from '@/components/roster/score-facts-fields';

type Values = z.input<typeof ZRosterEntryInput>;

const fieldId = (key: RosterColumnKey) => `replacement-${key}`;

const RSH_OPTIONS = ['40', '50', '60', '70', '80', '90', '100'].map((v) => ({ value: v, label: `${v}%` }));

function summaryOf(errors: FieldErrors<Values>): SummaryError[] {
  return ROSTER_COLUMN_KEYS.flatMap((key) => {
    const message = errors[key]?.message;
    return typeof message === 'string' && message ? [{ fieldId: fieldId(key), message }] : [];
  });
}

/**
 * The replacement worker's data. The band is the replaced worker's and cannot be changed; the server
 * checks the 30% quota and the band's requirements again and keeps what was typed if it refuses.
 */
export function ReplacementForm({
  applicationId,
  replacedEntryId,
  replacedName,
  band,
  cancelHref,
  action,
}: {
  applicationId: string;
  replacedEntryId: string;
  replacedName: string;
  band: number;
  cancelHref: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<Values, unknown, Values>({
    resolver: zodResolver(ZRosterEntryInput, undefined, { raw: true }),
    defaultValues: {
      rut: '',
      firstNames: '',
      lastNames: '',
      unionMember: 'Sí',
      rshPercentile: '',
      householdSize: '',
      monthlyIncomeClp: '',
      savingsUf: '',
      savingsDepositedUf: '',
      band: String(band),
      birthDate: '',
      email: '',
      memberAges: '',
      headOfHousehold: '',
      membersWithDisability: '',
      overcrowding: '',
      dwellingType: '',
      waterSource: '',
      bathroom: '',
      earlierApplications: '',
    },
    shouldFocusError: false,
  });

  const onSubmit = async (values: Values) => {
    setFormError(null);
    const result = await action({ applicationId, replacedEntryId, entry: { ...values, band: String(band) } });
    if (result.ok) {
      router.push(`/portal/postulaciones/${applicationId}/reemplazos?aviso=reemplazo`);
      router.refresh();
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
      <ErrorSummary errors={summary} title="El reemplazo no se guardó" />
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={`Reemplazante de ${replacedName}`}>
        <fieldset disabled={!hydrated || isSubmitting} className="max-w-xl">
          <legend className="sr-only">Datos del trabajador reemplazante</legend>
          <TextField id={fieldId('rut')} label="RUT" hint="Con dígito verificador, por ejemplo 12.345.678-5." error={error('rut')} autoComplete="off" spellCheck={false} className="max-w-56" {...register('rut')} />
          <TextField id={fieldId('firstNames')} label="Nombres" error={error('firstNames')} autoComplete="off" {...register('firstNames')} />
          <TextField id={fieldId('lastNames')} label="Apellidos" hint="Apellido paterno y materno." error={error('lastNames')} autoComplete="off" {...register('lastNames')} />
          <fieldset
            className={`mb-5 ${unionError ? 'border-l-4 border-err-700 pl-3' : ''}`}
            aria-describedby={unionError ? `${fieldId('unionMember')}-error` : undefined}
          >
            <legend className="text-base font-semibold">¿Es socio o socia del sindicato o asociación gremial?</legend>
            {unionError ? (
              <p id={`${fieldId('unionMember')}-error`} className="mt-1 text-sm font-semibold text-err-700">
                <span className="sr-only">Error: </span>
                {unionError}
              </p>
            ) : null}
            <div className="mt-2 flex gap-6">
              {[
                { value: 'Sí', id: fieldId('unionMember') },
                { value: 'No', id: `${fieldId('unionMember')}-no` },
              ].map((o) => (
                <div key={o.value} className="flex items-center gap-2">
                  <input id={o.id} type="radio" value={o.value} className="size-6 accent-brand-700" {...register('unionMember')} />
                  <label htmlFor={o.id}>{o.value}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <SelectField
            id={fieldId('rshPercentile')}
            label="Tramo del Registro Social de Hogares"
            hint="Elija «Sin registro» si el hogar no está en el Registro Social de Hogares."
            error={error('rshPercentile')}
            options={RSH_OPTIONS}
            placeholder="Sin registro"
            className="max-w-64"
            {...register('rshPercentile')}
          />
          <TextField id={fieldId('householdSize')} label="Integrantes del hogar" hint={hint('householdSize')} error={error('householdSize')} inputMode="numeric" className="max-w-32" {...register('householdSize')} />
          <TextField
            id={fieldId('monthlyIncomeClp')}
            label="Ingreso líquido mensual del hogar, en pesos"
            hint="Sin decimales; con o sin puntos, por ejemplo 1.404.569."
            error={error('monthlyIncomeClp')}
            inputMode="numeric"
            className="max-w-56"
            {...register('monthlyIncomeClp')}
          />
          <TextField id={fieldId('savingsUf')} label="Ahorro total para la vivienda, en UF" hint="Por ejemplo 50,5." error={error('savingsUf')} inputMode="decimal" className="max-w-40" {...register('savingsUf')} />
          <TextField
            id={fieldId('savingsDepositedUf')}
            label="Ahorro ya depositado, en UF"
            hint={hint('savingsDepositedUf')}
            error={error('savingsDepositedUf')}
            inputMode="decimal"
            className="max-w-40"
            {...register('savingsDepositedUf')}
          />
          <div className="mb-5">
            <p className="font-semibold">Tramo de la vivienda</p>
            <p className="mt-1" data-testid="tramo-reemplazo">
              Tramo {band}, el mismo de {replacedName}.
            </p>
            <input type="hidden" {...register('band')} />
          </div>
          <TextField id={fieldId('birthDate')} label="Fecha de nacimiento (opcional)" hint="Día-mes-año, por ejemplo 12-04-1985." error={error('birthDate')} autoComplete="off" className="max-w-48" {...register('birthDate')} />
          <TextField id={fieldId('email')} label="Correo electrónico (opcional)" error={error('email')} type="email" autoComplete="off" spellCheck={false} {...register('email')} />
          <ScoreFactsFields register={register} error={error} fieldId={fieldId} />
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit">{isSubmitting ? 'Guardando…' : 'Proponer reemplazo'}</Button>
            <ButtonLink href={cancelHref} variant="link">
              Volver sin guardar
            </ButtonLink>
          </div>
        </fieldset>
      </form>
    </>
  );
}
