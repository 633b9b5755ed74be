/**
 * The server's one clock. Every deadline reads `now()`; the browser's clock is never trusted.
 * Tests move it with `setClock` (or, in a browser test, the guarded /api/test/clock endpoint).
 */
export const PORTAL_TIME_ZONE = 'America/Santiago';

type ClockState = { fixed?: number; offsetMs: number };
const globalForClock = globalThis as unknown as { __portalClock?: ClockState };
const state: ClockState = (globalForClock.__portalClock ??= { offsetMs: 0 });

export function now(): Date {
  if (state.fixed !== undefined) return new Date(state.fixed);
  return new Date(Date.now() + state.offsetMs);
}

/** Freezes the clock at an instant (tests only). */
export function setClock(at: Date): void {
  state.fixed = at.getTime();
}

/** Lets the clock run again, shifted so that it reads `at` right now (tests only). */
export function shiftClockTo(at: Date): void {
  state.fixed = undefined;
  state.offsetMs = at.getTime() - Date.now();
}

export function resetClock(): void {
  state.fixed = undefined;
  state.offsetMs = 0;
}
