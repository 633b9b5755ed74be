import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { DEMO_PASSWORD, seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { resetClock, setClock } from '@/lib/clock';
import { createTestDb } from '@/lib/test/db';
import { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MINUTES, authenticate } from './authenticate';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
});
afterAll(async () => {
  resetClock();
  await handle?.close();
});

describe('authenticate', () => {
  it('accepts the right password and returns the user with role and region', async () => {
    const result = await authenticate(handle.db, { email: 'Analista.RM@demo.cl ', password: DEMO_PASSWORD, ip: '10.0.0.1' }, { allowDemo: true });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.user).toMatchObject({ role: 'reviewer', regionCode: '13' });
  });

  it('gives the same answer for a wrong password and an unknown e-mail', async () => {
    const wrong = await authenticate(handle.db, { email: 'minvu@demo.cl', password: 'otra', ip: null }, { allowDemo: true });
    const unknown = await authenticate(handle.db, { email: 'nadie@demo.cl', password: 'otra', ip: null }, { allowDemo: true });
    expect(wrong).toEqual(unknown);
    expect(wrong.ok).toBe(false);
  });

  it('refuses demo accounts where they are not allowed', async () => {
    const result = await authenticate(handle.db, { email: 'gore.magallanes@demo.cl', password: DEMO_PASSWORD, ip: null }, { allowDemo: false });
    expect(result).toMatchObject({ ok: false, reason: 'demo_disabled' });
  });

  it('throttles an e-mail after repeated failures, even with the right password, until the window passes', async () => {
    setClock(new Date('2026-11-22T15:00:00Z'));
    const email = 'director.rm@demo.cl';
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const r = await authenticate(handle.db, { email, password: 'mal', ip: null }, { allowDemo: true });
      expect(r).toMatchObject({ ok: false, reason: 'invalid' });
    }
    const blocked = await authenticate(handle.db, { email, password: DEMO_PASSWORD, ip: null }, { allowDemo: true });
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    setClock(new Date(Date.parse('2026-11-22T15:00:00Z') + (THROTTLE_WINDOW_MINUTES + 1) * 60_000));
    const later = await authenticate(handle.db, { email, password: DEMO_PASSWORD, ip: null }, { allowDemo: true });
    expect(later.ok).toBe(true);
  });
});
