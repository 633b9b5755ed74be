'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { FieldErrors } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { SummaryError } from '@/components/ui/error-summary';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ZCreateObservation } from '@/lib/validations/observations';
import type { TCreateObservationInput } from '@/lib/validations/observations';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

type Option = { value: string; label: string };
type Values = TCreateObservationInput;

const FIELD_ORDER = ['targetKind', 'section', 'field', 'documentId', 'rosterEntryId', 'severity', 'ruleSource', 'ruleId', 'message'] as const;

function fieldId(name: string): string {
  return `obs-${name}`;
}

function summaryOf(errors: FieldErrors<Values>): SummaryError[] {
  return FIELD_ORDER.flatMap((name) => {
    const message = errors[name]?.message;
    return typeof message === 'string' ? [{ fieldId: fieldId(name === 'targetKind' ? 'targetKind-campo' : name === 'severity' ? 'severity-bloqueante' : name), message }] : [];
  });
}

/**
 * Drafts one observation: what it is pinned to (a field of a section, a document version or a worker),
 * blocking or a warning, the rule it rests on (picked from the rules that fail, or written) and the text.
 */
export function ObservationForm({
  applicationId,
  sections,
  documents,
  roster,
  rules,
  action,
}: {
  applicationId: string;
  sections: Option[];
  documents: Option[];
  roster: Option[];
  rules: { id: string; label: string; message: string; source: string }[];
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const defaults: Values = {
    applicationId,
    targetKind: roster.length > 0 ? 'trabajador' : 'campo',
    section: '',
    field: '',
    documentId: '',
    rosterEntryId: '',
    severity: 'bloqueante',
    ruleId: '',
    ruleSource: '',
    message: '',
  };
  const {
    register,
    handleSubmit,
    setValue,
    getValues,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting, submitCount },
  } = useForm<Values, unknown, Values>({ resolver: zodResolver(ZCreateObservation, undefined, { raw: true }), defaultValues: defaults, shouldFocusError: false });
  const kind = useWatch({ control, name: 'targetKind' });

  const onSubmit = async (values: Values) => {
    setFormError(null);
    setSaved(false);
    const result = await action(values);
    if (result.ok) {
      reset({ ...defaults, targetKind: values.targetKind });
      setSaved(true);
      router.refresh();
      return;
    }
    for (const [path, message] of Object.entries(result.fieldErrors ?? {}))
      if ((FIELD_ORDER as readonly string[]).includes(path)) setError(path as (typeof FIELD_ORDER)[number], { type: 'server', message });
    setFormError(result.formError ?? 'No se pudo guardar la observación.');
  };

  const error = (name: (typeof FIELD_ORDER)[number]) => {
    const message = errors[name]?.message;
    return typeof message === 'string' ? message : undefined;
  };
  const summary = [...(formError ? [{ message: formError }] : []), ...(submitCount > 0 ? summaryOf(errors) : [])];

  const radio = (name: 'targetKind' | 'severity', options: { value: string; label: string; hint?: string; disabled?: boolean }[], legend: string) => {
    const message = error(name);
    return (
      <fieldset className={`mb-5 ${message ? 'border-l-4 border-err-700 pl-3' : ''}`} aria-describedby={message ? `${fieldId(name)}-error` : undefined}>
        <legend className="text-base font-semibold">{legend}</legend>
        {message ? (
          <p id={`${fieldId(name)}-error`} className="mt-1 text-sm font-semibold text-err-700">
            <span className="sr-only">Error: </span>
            {message}
          </p>
        ) : null}
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-6">
          {options.map((o) => (
            <div key={o.value} className="flex items-start gap-2">
              <input
                id={fieldId(`${name}-${o.value}`)}
                type="radio"
                value={o.value}
                disabled={o.disabled}
                className="mt-0.5 size-6 shrink-0 accent-brand-700"
                {...register(name)}
              />
              <label htmlFor={fieldId(`${name}-${o.value}`)}>
                {o.label}
                {o.hint ? <span className="block text-sm text-slate-600">{o.hint}</span> : null}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      {saved ? (
        <p role="status" className="mb-4 rounded border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          Observación agregada al borrador de la ronda.
        </p>
      ) : null}
      <form
        onSubmit={(event) => {
          setSaved(false);
          return handleSubmit(onSubmit)(event);
        }}
        noValidate
        aria-label="Nueva observación"
      >
        <fieldset disabled={!hydrated || isSubmitting} className="max-w-2xl">
          <legend className="sr-only">Nueva observación</legend>
          <input type="hidden" {...register('applicationId')} />
          {radio(
            'targetKind',
            [
              { value: 'campo', label: 'Un campo de una sección' },
              {
                value: 'documento',
                label: 'Un documento',
                hint: documents.length === 0 ? 'La postulación no tiene documentos.' : undefined,
                disabled: documents.length === 0,
              },
              {
                value: 'trabajador',
                label: 'Un trabajador de la nómina',
                hint: roster.length === 0 ? 'La nómina está vacía.' : undefined,
                disabled: roster.length === 0,
              },
            ],
            '¿A qué se refiere la observación?',
          )}
          {kind === 'campo' ? (
            <>
              <SelectField id={fieldId('section')} label="Sección" error={error('section')} options={sections} placeholder="Elija la sección" {...register('section')} />
              <TextField
                id={fieldId('field')}
                label="Campo observado"
                hint="Como aparece en el formulario, por ejemplo «Fecha del certificado de dominio»."
                error={error('field')}
                autoComplete="off"
                {...register('field')}
              />
            </>
          ) : null}
          {kind === 'documento' ? (
            <SelectField
              id={fieldId('documentId')}
              label="Documento (versión observada)"
              error={error('documentId')}
              options={documents}
              placeholder="Elija el documento"
              {...register('documentId')}
            />
          ) : null}
          {kind === 'trabajador' ? (
            <SelectField
              id={fieldId('rosterEntryId')}
              label="Trabajador o trabajadora"
              error={error('rosterEntryId')}
              options={roster}
              placeholder="Elija de la nómina"
              {...register('rosterEntryId')}
            />
          ) : null}
          {radio(
            'severity',
            [
              { value: 'bloqueante', label: 'Bloqueante', hint: 'Impide la aprobación técnica hasta que se subsane.' },
              { value: 'advertencia', label: 'Advertencia', hint: 'Debe corregirse, pero no impide aprobar.' },
            ],
            'Gravedad',
          )}
          {rules.length > 0 ? (
            <SelectField
              id={fieldId('rule-picker')}
              label="Regla del programa que no se cumple (opcional)"
              hint="Al elegirla se completan el fundamento, el código y el texto; puede modificarlos."
              options={rules.map((r, i) => ({ value: String(i), label: r.label.length > 140 ? `${r.label.slice(0, 139)}…` : r.label }))}
              placeholder="Otra regla o norma (escríbala abajo)"
              onChange={(event) => {
                const rule = rules[Number(event.target.value)];
                if (!rule) return;
                setValue('ruleId', rule.id);
                setValue('ruleSource', rule.source, { shouldValidate: submitCount > 0 });
                if (!String(getValues('message') ?? '').trim()) setValue('message', rule.message, { shouldValidate: submitCount > 0 });
              }}
            />
          ) : null}
          <TextField
            id={fieldId('ruleSource')}
            label="Fundamento (norma o regla)"
            hint="Por ejemplo: Programa de Vivienda para Organizaciones de Trabajadores, «Requisitos de postulación»."
            error={error('ruleSource')}
            autoComplete="off"
            {...register('ruleSource')}
          />
          <TextField
            id={fieldId('ruleId')}
            label="Código de la regla (opcional)"
            hint="El código que muestra el panel de requisitos, por ejemplo worker.income_cap."
            error={error('ruleId')}
            autoComplete="off"
            spellCheck={false}
            className="max-w-72 font-mono"
            {...register('ruleId')}
          />
          <TextAreaField
            id={fieldId('message')}
            label="Observación"
            hint="Qué falta o qué debe corregirse, en palabras que la organización pueda seguir."
            error={error('message')}
            {...register('message')}
          />
          <Button type="submit">{isSubmitting ? 'Guardando…' : 'Agregar al borrador'}</Button>
        </fieldset>
      </form>
    </>
  );
}
