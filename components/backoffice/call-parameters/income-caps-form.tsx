'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { SummaryError } from '@/components/ui/error-summary';
import { StatusTag } from '@/components/ui/status-tag';
import type { ActionResult } from '@/lib/actions/result';
import { formatPesosNumber } from '@/lib/roster/values';
import type { IncomeCapGroup, TCallParameters } from '@/lib/domain/call-parameters';
import { incomeCapSizeText, ZIncomeCapsFields } from '@/lib/validations/call-parameters';
import type { IncomeCapsFormValues } from '@/lib/validations/call-parameters';
import { InlineField } from './inline-field';

type Values = IncomeCapsFormValues;
const SIZES = ['1', '2', '3', '4'] as const;
export const INCOME_CAP_GROUP_LABELS: Record<IncomeCapGroup, string> = { centro: 'Zona centro', norte_extremo_sur: 'Zonas norte y extremo sur' };
const GROUPS = Object.keys(INCOME_CAP_GROUP_LABELS) as IncomeCapGroup[];

const amountId = (group: IncomeCapGroup, size: string) => `tope-${group}-${size}`;

/**
 * The monthly income caps by household size (above the call's RSH threshold), editable by national
 * staff, each marked «inferido» when it is not a published value.
 */
export function IncomeCapsForm({
  callId,
  version,
  caps,
  action,
}: {
  callId: string;
  version: number;
  caps: TCallParameters['incomeCap']['groups'];
  action: (input: unknown) => Promise<ActionResult<{ changed: number; parametersVersion: number }>>;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const defaults: Values = {
    groups: Object.fromEntries(
      GROUPS.map((g) => [g, Object.fromEntries(SIZES.map((s) => [s, { amountClp: formatPesosNumber(caps[g][s].amountClp), inferred: caps[g][s].inferred }]))]),
    ) as Values['groups'],
  };
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<Values, unknown, Values>({ resolver: zodResolver(ZIncomeCapsFields, undefined, { raw: true }), defaultValues: defaults, shouldFocusError: false });

  const errorOf = (group: IncomeCapGroup, size: (typeof SIZES)[number]) => {
    const message = errors.groups?.[group]?.[size]?.amountClp?.message;
    return typeof message === 'string' && message ? message : undefined;
  };
  const summary: SummaryError[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(submitCount > 0
      ? GROUPS.flatMap((g) =>
          SIZES.flatMap((s) => {
            const message = errorOf(g, s);
            return message ? [{ fieldId: amountId(g, s), message: `${INCOME_CAP_GROUP_LABELS[g]}, ${incomeCapSizeText(s)}: ${message}` }] : [];
          }),
        )
      : []),
  ];

  const onSubmit = async (values: Values) => {
    setFormError(null);
    setNotice(null);
    const result = await action({ callId, expectedVersion: version, groups: values.groups });
    if (result.ok) {
      const changed = result.data?.changed ?? 0;
      setNotice(changed === 0 ? 'No había cambios que guardar.' : `Se ${changed === 1 ? 'guardó 1 cambio' : `guardaron ${changed} cambios`} en los topes de ingresos.`);
      router.refresh();
      return;
    }
    for (const [path, text] of Object.entries(result.fieldErrors ?? {}))
      if (path.startsWith('groups.')) setError(path as `groups.centro.1.amountClp`, { type: 'server', message: text });
    setFormError(result.formError ?? 'No se pudo guardar. Revise los campos marcados.');
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      {notice ? (
        <p role="status" className="mb-4 border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          {notice}
        </p>
      ) : null}
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Topes de ingresos">
        <fieldset disabled={isSubmitting} className="space-y-4">
          <legend className="sr-only">Topes de ingreso mensual del hogar por número de integrantes</legend>
          <div className="grid gap-4 md:grid-cols-2">
            {GROUPS.map((group) => (
              <fieldset key={group} className="rounded border border-slate-300 bg-white p-4" data-group={group}>
                <legend className="px-1 text-lg font-semibold">{INCOME_CAP_GROUP_LABELS[group]}</legend>
                {SIZES.map((size) => (
                  <div key={size} className="flex flex-wrap items-end gap-4 border-b border-slate-200 py-1 last:border-0">
                    <InlineField
                      id={amountId(group, size)}
                      label={`${incomeCapSizeText(size)} (pesos)`}
                      error={errorOf(group, size)}
                      note={caps[group][size].inferred ? <StatusTag tone="info">inferido</StatusTag> : null}
                      inputMode="numeric"
                      className="w-40"
                      {...register(`groups.${group}.${size}.amountClp`)}
                    />
                    <div className="mb-2 flex items-center gap-2">
                      <input
                        id={`${amountId(group, size)}-inferido`}
                        type="checkbox"
                        className="size-6 accent-brand-700"
                        {...register(`groups.${group}.${size}.inferred`)}
                      />
                      <label htmlFor={`${amountId(group, size)}-inferido`} className="text-sm">
                        Inferido <span className="sr-only">({INCOME_CAP_GROUP_LABELS[group]}, {incomeCapSizeText(size)})</span>
                      </label>
                    </div>
                  </div>
                ))}
              </fieldset>
            ))}
          </div>
          <p className="text-sm text-slate-700">
            Marque «Inferido» cuando el valor no está publicado en el llamado y se dedujo de otros (en 2022, los topes para 2 y 3
            integrantes siguen los pasos de llamados posteriores). Desmárquelo al ingresar el valor publicado.
          </p>
          <Button type="submit">{isSubmitting ? 'Guardando…' : 'Guardar topes de ingresos'}</Button>
        </fieldset>
      </form>
    </>
  );
}
