'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextAreaField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions/result';
import { ZDecision } from '@/lib/validations/observations';
import { useHydrated } from '@/components/applications/observations/use-hydrated';

/**
 * One decision (take into review, approve, reject): the reason the participants will read, checked here
 * and again by the server with the same schema; what was typed stays in the box if the server refuses.
 */
export function DecisionForm({
  id,
  applicationId,
  action,
  submitLabel,
  pendingLabel,
  reasonLabel,
  reasonHint,
  defaultReason = '',
  variant = 'primary',
  doneMessage,
}: {
  id: string;
  applicationId: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  submitLabel: string;
  pendingLabel: string;
  reasonLabel: string;
  reasonHint: string;
  /** A suggested reason the official may keep or rewrite. */
  defaultReason?: string;
  variant?: 'primary' | 'danger' | 'secondary';
  doneMessage: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [reason, setReason] = useState(defaultReason);
  const [formError, setFormError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const fieldId = `${id}-reason`;
  return (
    <form
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        const checked = ZDecision.shape.reason.safeParse(reason);
        if (!checked.success) {
          setReasonError(checked.error.issues[0]?.message);
          setFormError(null);
          return;
        }
        startTransition(async () => {
          setFormError(null);
          setReasonError(undefined);
          const result = await action({ applicationId, reason: checked.data });
          if (result.ok) {
            setDone(true);
            router.refresh();
            return;
          }
          setReasonError(result.fieldErrors?.reason);
          setFormError(result.formError && result.formError !== 'Revise los campos marcados.' ? result.formError : null);
        });
      }}
    >
      <ErrorSummary
        errors={[...(formError ? [{ message: formError }] : []), ...(reasonError ? [{ fieldId, message: reasonError }] : [])]}
        title="No se pudo registrar la decisión"
      />
      {done ? (
        <p role="status" className="mb-3 rounded border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold">
          {doneMessage}
        </p>
      ) : null}
      <fieldset disabled={!hydrated || pending} className="max-w-2xl">
        <legend className="sr-only">{submitLabel}</legend>
        <TextAreaField
          id={fieldId}
          name="reason"
          label={reasonLabel}
          hint={reasonHint}
          error={reasonError}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Button type="submit" variant={variant}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </fieldset>
    </form>
  );
}
