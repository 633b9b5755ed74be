'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { FieldError, FieldErrors } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { SummaryError } from '@/components/ui/error-summary';
import type { ActionResult } from '@/lib/actions/result';
import type { TScoreFactor } from '@/lib/domain/call-parameters';
import { ZScoreTablesFields } from '@/lib/validations/call-parameters';
import type { ScoreTablesFormValues } from '@/lib/validations/call-parameters';
import { InlineField } from './inline-field';
import { SCORE_GROUP_LABELS, basisText, pointsText } from './labels';

type Values = ScoreTablesFormValues;

const ids = {
  points: (i: number) => `factor-${i}-puntos`,
  maxUnits: (i: number) => `factor-${i}-maximo`,
  fromAge: (i: number) => `factor-${i}-edad-desde`,
  toAge: (i: number) => `factor-${i}-edad-hasta`,
  option: (i: number, j: number) => `factor-${i}-opcion-${j}`,
};

function defaultsOf(factors: readonly TScoreFactor[]): Values {
  return {
    factors: factors.map((f) => {
      const range = f.kind !== 'choice' && f.basis.fact === 'memberAges' ? f.basis.ageRange : null;
      return {
        id: f.id,
        points: f.kind === 'per_unit' ? pointsText(f.pointsPerUnit) : f.kind === 'flag' ? pointsText(f.points) : '',
        maxUnits: f.kind === 'per_unit' && f.maxUnits !== null ? String(f.maxUnits) : '',
        fromAge: range ? String(range.fromAge) : '',
        toAge: range?.toAge != null ? String(range.toAge) : '',
        options: f.kind === 'choice' ? f.options.map((o) => ({ id: o.id, points: pointsText(o.points) })) : [],
      };
    }),
  };
}

const message = (error: FieldError | undefined) => (typeof error?.message === 'string' && error.message ? error.message : undefined);

function summaryOf(errors: FieldErrors<Values>, factors: readonly TScoreFactor[]): SummaryError[] {
  const out: SummaryError[] = [];
  errors.factors?.forEach?.((e, i) => {
    if (!e) return;
    const label = factors[i]?.label ?? '';
    const push = (fieldId: string, text: string | undefined) => (text ? out.push({ fieldId, message: `${label}: ${text}` }) : undefined);
    push(ids.points(i), message(e.points));
    push(ids.maxUnits(i), message(e.maxUnits));
    push(ids.fromAge(i), message(e.fromAge));
    push(ids.toAge(i), message(e.toAge));
    e.options?.forEach?.((o, j) => push(ids.option(i, j), message(o?.points)));
  });
  return out;
}

/**
 * The call's score point tables (D.S. N°1 art. 65), editable by national staff. An empty box is a value
 * still unset: it counts as 0 and the selection screen warns about it. The browser checks with the same
 * schema as the server; what was typed stays when the server refuses.
 */
export function ScoreTablesForm({
  callId,
  version,
  factors,
  action,
}: {
  callId: string;
  version: number;
  factors: TScoreFactor[];
  action: (input: unknown) => Promise<ActionResult<{ changed: number; parametersVersion: number }>>;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<Values, unknown, Values>({ resolver: zodResolver(ZScoreTablesFields, undefined, { raw: true }), defaultValues: defaultsOf(factors), shouldFocusError: false });

  const onSubmit = async (values: Values) => {
    setFormError(null);
    setNotice(null);
    const result = await action({ callId, expectedVersion: version, factors: values.factors });
    if (result.ok) {
      const changed = result.data?.changed ?? 0;
      setNotice(changed === 0 ? 'No había cambios que guardar.' : `Se ${changed === 1 ? 'guardó 1 cambio' : `guardaron ${changed} cambios`} en las tablas de puntaje.`);
      router.refresh();
      return;
    }
    for (const [path, text] of Object.entries(result.fieldErrors ?? {}))
      if (path.startsWith('factors.')) setError(path as `factors.${number}.points`, { type: 'server', message: text });
    setFormError(result.formError ?? 'No se pudo guardar. Revise los campos marcados.');
  };

  const fe = (i: number) => errors.factors?.[i];
  const summary = [...(formError ? [{ message: formError }] : []), ...(submitCount > 0 ? summaryOf(errors, factors) : [])];
  const groups = (Object.keys(SCORE_GROUP_LABELS) as TScoreFactor['group'][]).filter((g) => factors.some((f) => f.group === g));

  return (
    <>
      <ErrorSummary errors={summary} />
      {notice ? (
        <p role="status" className="mb-4 border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          {notice}
        </p>
      ) : null}
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Tablas de puntaje">
        <fieldset disabled={isSubmitting} className="space-y-6">
          <legend className="sr-only">Tablas de puntaje del D.S. N°1 art. 65</legend>
          {groups.map((group) => (
            <div key={group} className="space-y-4">
              <h3 className="text-xl font-bold">{SCORE_GROUP_LABELS[group]}</h3>
              {factors.map((factor, i) =>
                factor.group !== group ? null : (
                  <fieldset key={factor.id} className="rounded border border-slate-300 bg-white p-4" data-factor={factor.id}>
                    <legend className="px-1 text-lg font-semibold">{factor.label}</legend>
                    <p className="mb-3 text-sm text-slate-700">{basisText(factor)}</p>
                    {factor.kind === 'choice' ? (
                      <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
                        {factor.options.map((option, j) => (
                          <InlineField
                            key={option.id}
                            id={ids.option(i, j)}
                            label={option.label}
                            suffix="puntos"
                            unset={option.points === null}
                            error={message(fe(i)?.options?.[j]?.points)}
                            inputMode="decimal"
                            {...register(`factors.${i}.options.${j}.points`)}
                          />
                        ))}
                      </div>
                    ) : (
                      <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
                        <InlineField
                          id={ids.points(i)}
                          label={factor.kind === 'per_unit' ? 'Puntos por unidad' : 'Puntos si corresponde'}
                          suffix="puntos"
                          unset={factor.kind === 'per_unit' ? factor.pointsPerUnit === null : factor.points === null}
                          error={message(fe(i)?.points)}
                          inputMode="decimal"
                          {...register(`factors.${i}.points`)}
                        />
                        {factor.kind === 'per_unit' ? (
                          <InlineField
                            id={ids.maxUnits(i)}
                            label="Máximo de unidades que cuentan (opcional)"
                            hint="Vacío: sin tope."
                            error={message(fe(i)?.maxUnits)}
                            inputMode="numeric"
                            {...register(`factors.${i}.maxUnits`)}
                          />
                        ) : null}
                        {factor.basis.fact === 'memberAges' ? (
                          <>
                            <InlineField
                              id={ids.fromAge(i)}
                              label="Edad desde (años cumplidos)"
                              hint="0 para «menores de…»."
                              unset={factor.basis.ageRange === null}
                              error={message(fe(i)?.fromAge)}
                              inputMode="numeric"
                              {...register(`factors.${i}.fromAge`)}
                            />
                            <InlineField
                              id={ids.toAge(i)}
                              label="Edad hasta (años cumplidos, opcional)"
                              hint="Vacío: sin tope («o más»)."
                              error={message(fe(i)?.toAge)}
                              inputMode="numeric"
                              {...register(`factors.${i}.toAge`)}
                            />
                          </>
                        ) : null}
                      </div>
                    )}
                  </fieldset>
                ),
              )}
            </div>
          ))}
          <p className="text-sm text-slate-700">
            Deje vacío un valor que aún no esté definido en el decreto: cuenta como 0 y queda en la lista de valores sin definir.
          </p>
          <Button type="submit">{isSubmitting ? 'Guardando…' : 'Guardar tablas de puntaje'}</Button>
        </fieldset>
      </form>
    </>
  );
}
