'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False in the server's HTML, true once the browser has attached the handlers: these forms submit
 * through scripts, so their buttons stay disabled until a press can reach the server action.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
