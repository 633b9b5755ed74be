'use client';

import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { FieldShell, describedBy } from '@/components/ui/field';

export interface ComunaChoice {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
}

/** Accent- and case-insensitive text for searching ("Ñuñoa" ~ "nunoa", "Aysén" ~ "aysen"). */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’´`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function labelOf(comuna: ComunaChoice): string {
  return `${comuna.name} (${comuna.regionName})`;
}

/**
 * Searchable selector over Chile's comunas, grouped by region (WAI-ARIA 1.2 combobox with a listbox
 * popup): type part of the name, move with the arrow keys, Enter chooses, Escape closes. The value is
 * the comuna's CUT code; the server looks the comuna and its region up again before storing them.
 */
export function ComunaCombobox({
  id,
  label,
  hint,
  error,
  comunas,
  value,
  onChange,
  onBlur,
  disabled,
  inputRef,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  comunas: ComunaChoice[];
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  disabled?: boolean;
  inputRef?: (element: HTMLInputElement | null) => void;
}) {
  const selected = comunas.find((c) => c.code === value) ?? null;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const uid = useId();
  const listId = `${id}-listbox`;
  const text = query ?? (selected ? labelOf(selected) : '');

  const matches = useMemo(() => {
    const q = foldName(query ?? '');
    if (q === '') return comunas;
    return comunas.filter((c) => foldName(c.name).includes(q) || foldName(c.regionName).includes(q) || c.code === q);
  }, [comunas, query]);

  const groups = useMemo(() => {
    const out: { regionCode: string; regionName: string; items: { comuna: ComunaChoice; index: number }[] }[] = [];
    matches.forEach((comuna, index) => {
      let group = out.find((g) => g.regionCode === comuna.regionCode);
      if (!group) {
        group = { regionCode: comuna.regionCode, regionName: comuna.regionName, items: [] };
        out.push(group);
      }
      group.items.push({ comuna, index });
    });
    return out;
  }, [matches]);

  const optionId = (code: string) => `${uid}-opt-${code}`;
  const activeComuna = open ? matches[active] : undefined;

  function choose(comuna: ComunaChoice) {
    onChange(comuna.code);
    setQuery(null);
    setOpen(false);
  }

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(matches.length - 1, index));
    setActive(next);
    const code = matches[next]?.code;
    if (code) document.getElementById(optionId(code))?.scrollIntoView({ block: 'nearest' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
      } else moveTo(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (open) moveTo(active - 1);
    } else if (event.key === 'Home' && open) {
      event.preventDefault();
      moveTo(0);
    } else if (event.key === 'End' && open) {
      event.preventDefault();
      moveTo(matches.length - 1);
    } else if (event.key === 'Enter') {
      if (open && activeComuna) {
        event.preventDefault();
        choose(activeComuna);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else if (query !== null) setQuery(null);
    }
  }

  function onInputBlur() {
    setOpen(false);
    if (query !== null) {
      const q = foldName(query);
      if (q === '') onChange('');
      else {
        const exact = comunas.filter((c) => foldName(c.name) === q || foldName(labelOf(c)) === q);
        if (exact.length === 1) onChange(exact[0]!.code);
      }
      setQuery(null);
    }
    onBlur?.();
  }

  const statusText = open ? (matches.length === 0 ? 'No hay comunas con ese nombre.' : `${matches.length} comunas disponibles.`) : '';

  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <div className="relative">
        <input
          id={id}
          ref={inputRef}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeComuna ? optionId(activeComuna.code) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          disabled={disabled}
          value={text}
          placeholder="Escriba para buscar, por ejemplo «Puente Alto»"
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => {
            if (!disabled) setActive(0);
          }}
          onClick={() => {
            if (!disabled) setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={onInputBlur}
          className={`block min-h-11 w-full rounded-md border-2 bg-white px-3 py-2 text-base ${error ? 'border-err-700' : 'border-slate-700'}`}
        />
        <span className="sr-only" aria-live="polite">
          {statusText}
        </span>
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          hidden={!open}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border-2 border-slate-700 bg-white shadow-lg"
        >
          {open && matches.length === 0 ? <li className="px-3 py-2 text-slate-600">No hay comunas con ese nombre.</li> : null}
          {open
            ? groups.map((group) => (
                <li key={group.regionCode} role="presentation">
                  <ul role="group" aria-labelledby={`${uid}-region-${group.regionCode}`}>
                    <li
                      id={`${uid}-region-${group.regionCode}`}
                      role="presentation"
                      className="sticky top-0 bg-slate-100 px-3 py-1 text-xs font-bold uppercase tracking-wide text-slate-700"
                    >
                      {group.regionName}
                    </li>
                    {group.items.map(({ comuna, index }) => (
                      <li
                        key={comuna.code}
                        id={optionId(comuna.code)}
                        role="option"
                        aria-selected={comuna.code === value}
                        className={`cursor-pointer px-3 py-2 ${index === active ? 'bg-brand-600 text-white' : comuna.code === value ? 'bg-brand-50' : ''}`}
                        // mousedown, not click: it runs before the input's blur closes the list.
                        onMouseDown={(e) => {
                          e.preventDefault();
                          choose(comuna);
                        }}
                        onMouseMove={() => {
                          if (index !== active) setActive(index);
                        }}
                      >
                        {comuna.name}
                      </li>
                    ))}
                  </ul>
                </li>
              ))
            : null}
        </ul>
      </div>
    </FieldShell>
  );
}
