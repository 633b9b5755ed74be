'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

const PREFIX = 'portal:borrador:';
const FORMAT = 1;
/** Drafts hold personal data (RUTs, names) in this browser: they are forgotten after a week. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

interface StoredDraft {
  format: number;
  savedAt: string;
  /** The application version the form had loaded when the draft was written. */
  baseVersion: number;
  values: unknown;
}

export interface RestoredDraft {
  savedAt: Date;
  /** Someone saved the section since the draft was written: the user should review before saving. */
  stale: boolean;
}

export interface DraftAutosave {
  restored: RestoredDraft | null;
  /** Drops the unsaved changes and goes back to the saved values. */
  discard: () => void;
  /** After a successful save: forget the draft; the current values are the new baseline. */
  clear: () => void;
}

function read(key: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft;
    if (!parsed || parsed.format !== FORMAT || typeof parsed.savedAt !== 'string') return null;
    const age = Date.now() - new Date(parsed.savedAt).getTime();
    if (!(age >= 0 && age <= MAX_AGE_MS)) {
      remove(key);
      return null;
    }
    return parsed;
  } catch {
    return null;
  }
}

function remove(key: string): void {
  try {
    window.localStorage.removeItem(PREFIX + key);
  } catch {
    // Storage unavailable (private mode, quota): autosave is a convenience, the form still works.
  }
}

/**
 * Keeps the unsaved values of a form in this browser (localStorage, per user, application and section),
 * debounced, so a reload, a crash or an expired session loses nothing; restores them on the next visit
 * and tells the page so it can show a notice. The draft never reaches the server by itself: saving is
 * still explicit and version-checked, so a second tab sees a conflict instead of overwriting.
 */
export function useDraftAutosave<T extends FieldValues>(
  key: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver context and output type
  form: UseFormReturn<T, any, any>,
  options: { version: number; enabled: boolean; delayMs?: number },
): DraftAutosave {
  const { version, enabled, delayMs = 600 } = options;
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  const baseline = useRef<string | null>(null);
  const versionRef = useRef(version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    versionRef.current = version;
  }, [version]);

  const write = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const current = JSON.stringify(form.getValues());
    if (current === baseline.current) {
      remove(key);
      return;
    }
    const draft: StoredDraft = { format: FORMAT, savedAt: new Date().toISOString(), baseVersion: versionRef.current, values: JSON.parse(current) };
    try {
      window.localStorage.setItem(PREFIX + key, JSON.stringify(draft));
    } catch {
      // See remove(): without storage the user keeps the values in the page.
    }
  }, [form, key]);

  useEffect(() => {
    if (!enabled) return;
    baseline.current = JSON.stringify(form.getValues());
    const draft = read(key);
    if (draft) {
      if (JSON.stringify(draft.values) === baseline.current) remove(key);
      else {
        form.reset(draft.values as T, { keepDefaultValues: true });
        // The restore happens after mount by design: localStorage exists only in the browser.
        setRestored({ savedAt: new Date(draft.savedAt), stale: draft.baseVersion !== versionRef.current });
      }
    }
    const subscription = form.watch(() => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(write, delayMs);
    });
    const flush = () => {
      if (timer.current) write();
    };
    window.addEventListener('pagehide', flush);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
    // Runs once per form and key: restoring twice would undo the user's typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, key]);

  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    remove(key);
    form.reset();
    baseline.current = JSON.stringify(form.getValues());
    setRestored(null);
  }, [form, key]);

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    remove(key);
    baseline.current = JSON.stringify(form.getValues());
    setRestored(null);
  }, [form, key]);

  return { restored, discard, clear };
}
