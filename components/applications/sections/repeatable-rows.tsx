'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A list the person grows and shrinks in a section form (Gantt milestones, committee members,
 * typologies, contributions): the list's own error, one numbered fieldset per row with its «Quitar»
 * button, and «Agregar» at the end. The rows' fields stay with each form.
 */
export function RepeatableRows<T extends { id: string }>({
  rows,
  error,
  itemName,
  addLabel,
  onAdd,
  onRemove,
  minRows = 0,
  children,
}: {
  rows: T[];
  /** The list-level message (too few rows, a repeated RUT…), if any. */
  error?: string;
  /** What one row is, as in «Hito 2» or «Quitar integrante 2». */
  itemName: string;
  addLabel: string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  /** Rows that cannot be removed below this count. */
  minRows?: number;
  children: (index: number) => ReactNode;
}) {
  return (
    <>
      {error ? (
        <p className="mb-3 font-semibold text-err-700">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <ol className="space-y-4">
        {rows.map((row, index) => (
          <li key={row.id} className="rounded-md border border-slate-300 p-4">
            <fieldset className="min-w-0">
              <legend className="mb-2 font-semibold">
                {itemName.charAt(0).toUpperCase() + itemName.slice(1)} {index + 1}
              </legend>
              {children(index)}
              {rows.length > minRows ? (
                <Button variant="link" onClick={() => onRemove(index)}>
                  Quitar {itemName} {index + 1}
                </Button>
              ) : null}
            </fieldset>
          </li>
        ))}
      </ol>
      <Button variant="secondary" className="mt-4" onClick={onAdd}>
        {addLabel}
      </Button>
    </>
  );
}
