'use client';

import { useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from './button';

/**
 * Confirmation dialog on the native <dialog>: focus trap, Escape and backdrop come from the browser.
 * A button inside a `<form method="dialog">` closes it without script, as the default «Cerrar» does.
 */
export function Dialog({
  trigger,
  title,
  description,
  children,
  triggerVariant = 'secondary',
  closeLabel = 'Cerrar',
}: {
  trigger: ReactNode;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  triggerVariant?: 'primary' | 'secondary' | 'danger';
  /** Null when the dialog's own buttons close it. */
  closeLabel?: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <Button variant={triggerVariant} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-text` : undefined}
        className="m-auto w-full max-w-lg rounded-lg p-6 backdrop:bg-black/50"
      >
        <h2 id={`${id}-title`} className="mb-3 text-xl font-bold">
          {title}
        </h2>
        {description ? (
          <p id={`${id}-text`} className="mb-4">
            {description}
          </p>
        ) : null}
        {children}
        {closeLabel ? (
          <form method="dialog" className="mt-4">
            <Button type="submit" variant="link">
              {closeLabel}
            </Button>
          </form>
        ) : null}
      </dialog>
    </>
  );
}
