'use client';

import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from './button';

/** Confirmation dialog on the native <dialog>: focus trap, Escape and backdrop come from the browser. */
export function Dialog({ trigger, title, children, triggerVariant = 'secondary' }: {
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  triggerVariant?: 'primary' | 'secondary' | 'danger';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={triggerVariant} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog ref={ref} aria-labelledby="dialog-title" className="m-auto w-full max-w-lg rounded-lg p-6 backdrop:bg-black/50">
        <h2 id="dialog-title" className="mb-4 text-xl font-bold">
          {title}
        </h2>
        {children}
        <form method="dialog" className="mt-4">
          <Button type="submit" variant="link">
            Cerrar
          </Button>
        </form>
      </dialog>
    </>
  );
}
