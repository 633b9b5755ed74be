'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { useHydrated } from '@/components/applications/observations/use-hydrated';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { SelectField, TextAreaField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { EARLY_SALE_DECISIONS, earlySaleDecisionLabels } from '@/lib/domain/prohibitions';
import { ZDecideEarlySaleRequest } from '@/lib/validations/prohibitions';

type Values = { applicationId: string; requestId: string; decision: string; reason: string };
const FIELDS = ['decision', 'reason'] as const;
type FieldName = (typeof FIELDS)[number];

/** The director's decision on one request; the server refuses housing mobility unless a) and b) hold. */
export function EarlySaleDecisionForm({
  applicationId,
  requestId,
  mobilityAllowed,
  restitution,
  action,
}: {
  applicationId: string;
  requestId: string;
  mobilityAllowed: boolean;
  /** The amount to restitute, already formatted ("1.000 UF"). */
  restitution: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const fieldId = (name: string) => `decision-${requestId}-${name}`;
  const defaults: Values = { applicationId, requestId, decision: '', reason: '' };
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<Values>({
    resolver: zodResolver(ZDecideEarlySaleRequest, undefined, { raw: true }) as unknown as Resolver<Values>,
    defaultValues: defaults,
    shouldFocusError: false,
  });
  const error = (name: FieldName) => (typeof errors[name]?.message === 'string' ? errors[name].message : undefined);
  const summary = [
    ...(formError ? [{ message: formError }] : []),
    ...(submitCount > 0 ? FIELDS.flatMap((name) => (error(name) ? [{ fieldId: fieldId(name), message: error(name)! }] : [])) : []),
  ];
  const hints: Record<string, string> = {
    restitucion: `Restitución del subsidio recibido: ${restitution}.`,
    movilidad_habitacional: mobilityAllowed ? 'Se cumplen las condiciones a) y b).' : 'No disponible: no se cumplen las condiciones a) y b).',
  };

  const onSubmit = async (values: Values) => {
    setFormError(null);
    const result = await action(values);
    if (result.ok) {
      router.refresh();
      return;
    }
    for (const [path, message] of Object.entries(result.fieldErrors ?? {}))
      if ((FIELDS as readonly string[]).includes(path)) setError(path as FieldName, { type: 'server', message });
    setFormError(result.formError && result.formError !== 'Revise los campos marcados.' ? result.formError : null);
  };

  return (
    <>
      <ErrorSummary title="No se pudo registrar la decisión" errors={summary} />
      <form onSubmit={(event) => handleSubmit(onSubmit)(event)} noValidate aria-label="Decisión del Director SERVIU">
        <fieldset disabled={!hydrated || isSubmitting} className="max-w-2xl">
          <legend className="mb-2 text-lg font-bold">Decisión del Director SERVIU</legend>
          <SelectField
            id={fieldId('decision')}
            label="Decisión"
            hint={`${hints.restitucion} Movilidad habitacional: ${hints.movilidad_habitacional}`}
            error={error('decision')}
            options={EARLY_SALE_DECISIONS.map((value) => ({ value, label: earlySaleDecisionLabels[value] }))}
            placeholder="Elija la decisión"
            {...register('decision')}
          />
          <TextAreaField
            id={fieldId('reason')}
            label="Fundamento"
            hint="La familia y la organización lo recibirán por correo."
            error={error('reason')}
            {...register('reason')}
          />
          <Button type="submit">{isSubmitting ? 'Registrando…' : 'Registrar decisión'}</Button>
        </fieldset>
      </form>
    </>
  );
}
