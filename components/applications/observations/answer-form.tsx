'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { FieldShell, SelectField, TextAreaField, TextField, describedBy } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

type Slot = { slot: string; label: string; needsIssueDate: boolean };

/**
 * The answer to one observation, with an optional corrected document. The text stays in the box
 * whatever the server answers; the file input is the only thing the browser may clear.
 */
export function AnswerForm({
  applicationId,
  observationId,
  initialAnswer,
  fixedSlot,
  slots,
  today,
  action,
}: {
  applicationId: string;
  observationId: string;
  initialAnswer: string | null;
  fixedSlot: Slot | null;
  slots: Slot[];
  today: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [answer, setAnswer] = useState(initialAnswer ?? '');
  const [slot, setSlot] = useState(fixedSlot?.slot ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const id = (name: string) => `answer-${observationId}-${name}`;
  const chosen = fixedSlot ?? slots.find((s) => s.slot === slot) ?? null;
  const fileHint = fixedSlot
    ? `Se guardará como nueva versión de «${fixedSlot.label}»; las versiones anteriores se conservan. PDF, JPG o PNG.`
    : 'Opcional. Elija primero qué documento adjunta; se guardará como nueva versión y las anteriores se conservan.';

  return (
    <div className="mt-4 border-t border-slate-300 pt-4">
      <ErrorSummary
        errors={[
          ...(formError ? [{ message: formError }] : []),
          ...Object.entries(errors).map(([name, message]) => ({ fieldId: id(name), message })),
        ]}
        title="La respuesta no se guardó"
      />
      {saved ? (
        <p role="status" className="mb-3 rounded border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          Respuesta guardada. Puede cambiarla hasta enviar la subsanación.
        </p>
      ) : null}
      <form
        aria-label="Responder la observación"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          if (answer.trim().length < 5) {
            setErrors({ answer: 'Escriba la respuesta a la observación: qué se corrigió o por qué no corresponde.' });
            return;
          }
          startTransition(async () => {
            setErrors({});
            setFormError(null);
            setSaved(false);
            const result = await action(data);
            if (result.ok) {
              setSaved(true);
              router.refresh();
              return;
            }
            setErrors(result.fieldErrors ?? {});
            setFormError(result.formError && result.formError !== 'Revise los campos marcados.' ? result.formError : null);
          });
        }}
      >
        <fieldset disabled={!hydrated || pending}>
          <legend className="sr-only">Respuesta</legend>
          <input type="hidden" name="applicationId" value={applicationId} />
          <input type="hidden" name="observationId" value={observationId} />
          <TextAreaField
            id={id('answer')}
            name="answer"
            label="Su respuesta"
            hint="Explique qué corrigió o por qué la observación no corresponde."
            error={errors.answer}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          {fixedSlot ? <input type="hidden" name="slot" value={fixedSlot.slot} /> : null}
          {!fixedSlot && slots.length > 0 ? (
            <SelectField
              id={id('slot')}
              name="slot"
              label="Documento que adjunta (opcional)"
              error={errors.slot}
              options={slots.map((s) => ({ value: s.slot, label: s.label }))}
              placeholder="No adjunto documento"
              value={slot}
              onChange={(e) => setSlot(e.target.value)}
            />
          ) : null}
          {fixedSlot || slot ? (
            <FieldShell id={id('file')} label="Documento corregido" hint={fileHint} error={errors.file}>
              <input
                id={id('file')}
                name="file"
                type="file"
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-invalid={errors.file ? true : undefined}
                aria-describedby={describedBy(id('file'), fileHint, errors.file)}
                className="block w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-brand-600 file:bg-white file:px-4 file:font-semibold file:text-brand-700"
              />
            </FieldShell>
          ) : null}
          {chosen?.needsIssueDate ? (
            <TextField
              id={id('issuedOn')}
              name="issuedOn"
              type="date"
              max={today}
              label="Fecha de emisión del certificado"
              hint="La que aparece en el certificado; solo si adjunta uno."
              error={errors.issuedOn}
              className="max-w-56"
            />
          ) : null}
          <Button type="submit">{pending ? 'Guardando…' : initialAnswer ? 'Actualizar respuesta' : 'Guardar respuesta'}</Button>
        </fieldset>
      </form>
    </div>
  );
}
