'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { SummaryError } from '@/components/ui/error-summary';
import { describedBy } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

/**
 * Sends the draft round as one notice. The deadline is the call's «subsanación» date or N administrative
 * working days (Ley N°19.880: Saturdays, Sundays and Chile's public holidays do not count), computed by
 * the server's clock.
 */
export function SendRoundForm({
  applicationId,
  observationCount,
  callDateText,
  callDatePassed,
  defaultWorkingDays,
  workingDaysPreviewText,
  action,
}: {
  applicationId: string;
  observationCount: number;
  callDateText: string | null;
  callDatePassed: boolean;
  defaultWorkingDays: number;
  workingDaysPreviewText: string;
  action: (input: unknown) => Promise<ActionResult<{ roundNumber: number; deadlineAt: string; observationCount: number }>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const callUsable = callDateText !== null && !callDatePassed;
  const [kind, setKind] = useState<'llamado' | 'dias_habiles'>(callUsable ? 'llamado' : 'dias_habiles');
  const [days, setDays] = useState(String(defaultWorkingDays));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  return (
    <form
      aria-label="Enviar la ronda de observaciones"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setErrors([]);
          setFieldError(undefined);
          const result = await action({ applicationId, deadlineKind: kind, workingDays: kind === 'dias_habiles' ? days : undefined });
          if (result.ok) {
            router.refresh();
            return;
          }
          const daysError = result.fieldErrors?.workingDays;
          setFieldError(daysError);
          setErrors([
            ...(result.formError && result.formError !== 'Revise los campos marcados.' ? [{ message: result.formError }] : []),
            ...(daysError ? [{ fieldId: 'round-workingDays', message: daysError }] : []),
          ]);
        });
      }}
    >
      <ErrorSummary errors={errors} title="La ronda no se envió" />
      <fieldset disabled={!hydrated || pending} className="max-w-2xl">
        <legend className="text-lg font-bold">Plazo para subsanar</legend>
        <div className="mt-3 space-y-3">
          <div className="flex items-start gap-2">
            <input
              id="round-deadline-llamado"
              type="radio"
              name="deadlineKind"
              value="llamado"
              checked={kind === 'llamado'}
              disabled={!callUsable}
              onChange={() => setKind('llamado')}
              className="mt-0.5 size-6 shrink-0 accent-brand-700"
              aria-describedby="round-deadline-llamado-hint"
            />
            <label htmlFor="round-deadline-llamado">
              Fecha de subsanación del llamado
              <span id="round-deadline-llamado-hint" className="block text-sm text-slate-600">
                {callDateText === null
                  ? 'El cronograma del llamado no tiene fecha de subsanación.'
                  : callDatePassed
                    ? `Ya pasó (${callDateText}).`
                    : `Hasta el ${callDateText}.`}
              </span>
            </label>
          </div>
          <div className="flex items-start gap-2">
            <input
              id="round-deadline-dias"
              type="radio"
              name="deadlineKind"
              value="dias_habiles"
              checked={kind === 'dias_habiles'}
              onChange={() => setKind('dias_habiles')}
              className="mt-0.5 size-6 shrink-0 accent-brand-700"
              aria-describedby="round-deadline-dias-hint"
            />
            <label htmlFor="round-deadline-dias">
              Días hábiles administrativos desde hoy
              <span id="round-deadline-dias-hint" className="block text-sm text-slate-600">
                Sin contar sábados, domingos ni feriados de Chile (Ley N°19.880, art. 25). Con {defaultWorkingDays} días hábiles vence el{' '}
                {workingDaysPreviewText}.
              </span>
            </label>
          </div>
          {kind === 'dias_habiles' ? (
            <div className={`ml-8 ${fieldError ? 'border-l-4 border-err-700 pl-3' : ''}`}>
              <label htmlFor="round-workingDays" className="block font-semibold">
                Número de días hábiles
              </label>
              {fieldError ? (
                <p id="round-workingDays-error" className="mt-1 text-sm font-semibold text-err-700">
                  <span className="sr-only">Error: </span>
                  {fieldError}
                </p>
              ) : null}
              <input
                id="round-workingDays"
                inputMode="numeric"
                value={days}
                onChange={(e) => setDays(e.target.value)}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={describedBy('round-workingDays', undefined, fieldError)}
                className="mt-1 block min-h-11 w-24 rounded-md border-2 border-slate-700 px-3 py-2"
              />
            </div>
          ) : null}
        </div>
        <p className="mt-4">
          Se enviará{observationCount === 1 ? ' 1 observación' : `n ${observationCount} observaciones`} en una sola ronda; la postulación pasará a
          «Observada» y cada participante recibirá un correo.
        </p>
        <Button type="submit" className="mt-3">
          {pending ? 'Enviando…' : 'Enviar ronda de observaciones'}
        </Button>
      </fieldset>
    </form>
  );
}
