import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { computeCheckDigit } from '@/lib/domain/rut';
import { createTestDb } from '@/lib/test/db';
import { POST as precheck } from './precheck/route';
import { GET as simulation } from './simulation/route';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  setDbForTests(handle);
});
afterAll(async () => {
  await handle?.close();
});

async function simulate(query: string) {
  const response = await simulation(new Request(`http://portal.test/api/v1/simulation?${query}`));
  return { status: response.status, body: await response.json() };
}

async function check(body: unknown, raw?: string) {
  const response = await precheck(
    new Request('http://portal.test/api/v1/precheck', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) }),
  );
  return { status: response.status, body: await response.json() };
}

const rut = (n: number) => `${n}-${computeCheckDigit(n)}`;

describe('GET /api/v1/simulation', () => {
  it('reproduces the 2022 call centro band 1 (price 1.200, savings 50) with the open call', async () => {
    const { status, body } = await simulate('comuna=13101&priceUf=1200&savingsUf=50');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      zone: 'centro', band: 1, subsidyUf: 1000, savingsUf: 50, creditUf: 150, paymentUf: 0.8337, paymentClp: 27663,
      onTimeSubsidyClp: 5533, netPaymentClp: 22130, minIncomeClp: 110652, subsidySavingsShare: 87.5, creditShare: 12.5, ufValue: 33179.05, eligible: true,
    });
  });

  it('places Chiloé in the northern zone and finds comunas by name without accents', async () => {
    const { body } = await simulate('comuna=quellon&priceUf=1700&savingsUf=70');
    expect(body).toMatchObject({ zone: 'norte', band: 2, subsidyUf: 1100, creditUf: 530, paymentClp: 97743, minIncomeClp: 390970 });
  });

  it('answers eligible: false with the reason when savings are under the band minimum', async () => {
    const { status, body } = await simulate('comuna=Punta%20Arenas&priceUf=1400&savingsUf=40');
    expect(status).toBe(200);
    expect(body.eligible).toBe(false);
    expect(body.zone).toBe('extremo_sur');
    expect(body.reasons.map((r: { id: string }) => r.id)).toContain('savings_min');
  });

  it('reads a decimal point as a decimal point: 50.125 UF of savings is fifty and an eighth', async () => {
    const { status, body } = await simulate('comuna=13101&priceUf=1200&savingsUf=50.125');
    expect(status).toBe(200);
    expect(body.savingsUf).toBe(50.125);
    expect(body.creditUf).toBe(149.875);
  });

  it('refuses an unknown comuna, a price above every band and bad numbers with Spanish field errors', async () => {
    const unknown = await simulate('comuna=Gotham&priceUf=1200&savingsUf=50');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'comuna' });
    const tooHigh = await simulate('comuna=13101&priceUf=2200.01&savingsUf=150');
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.errors[0].field).toBe('priceUf');
    const bad = await simulate('comuna=13101&priceUf=-5&savingsUf=mucho');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'priceUf', message: expect.stringContaining('negativo') },
      { field: 'savingsUf', message: expect.stringContaining('número') },
    ]);
    const thousands = await simulate('comuna=13101&priceUf=1.200&savingsUf=50,5');
    expect(thousands.status).toBe(400);
    expect(thousands.body.errors.map((e: { field: string }) => e.field)).toEqual(['savingsUf']);
    const missing = await simulate('');
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['comuna', 'priceUf', 'savingsUf']);
  });
});

describe('POST /api/v1/precheck', () => {
  const worker = (n: number, band: 1 | 2 | 3, over: Record<string, unknown> = {}) => ({
    rut: rut(n), unionMember: true, rshPercentile: band === 1 ? 40 : 70, householdSize: 3, monthlyIncomeClp: 700000,
    savingsUf: band === 1 ? 50 : band === 2 ? 70 : 120, savingsDepositedUf: band === 1 ? 25 : band === 2 ? 35 : 60, band, ...over,
  });

  it('passes a valid project and names every rule id', async () => {
    const roster = [worker(11111111, 1), worker(11111112, 2), worker(11111113, 2), worker(11111114, 2), worker(11111115, 2)];
    const { status, body } = await check({ comuna: '13201', dwellings: [{ band: 1, count: 1, priceUf: 1200 }, { band: 2, count: 4, priceUf: 1600 }], roster });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const ids = body.rules.map((r: { id: string }) => r.id);
    for (const id of ['composition.min_bands', 'composition.band1_min', 'composition.band2_min', 'composition.band3_max', 'composition.max_dwellings', 'roster.size', 'roster.non_union_max', 'roster.rut_unique'])
      expect(ids).toContain(id);
  });

  it('takes several dwelling lines of one band and counts them together', async () => {
    const roster = [...Array.from({ length: 2 }, (_, i) => worker(33333330 + i, 1)), ...Array.from({ length: 6 }, (_, i) => worker(33333340 + i, 2)), worker(33333350, 3), worker(33333351, 3)];
    const dwellings = [
      { band: 1, count: 2, priceUf: 1200 },
      { band: 2, count: 6, priceUf: 1600 },
      { band: 3, count: 1, priceUf: 1800 },
      { band: 3, count: 1, priceUf: '2000' },
    ];
    const { status, body } = await check({ comuna: '13201', dwellings, roster });
    expect(status).toBe(200);
    expect(body.rules.filter((r: { ok: boolean }) => !r.ok)).toEqual([]);
    const size = body.rules.find((r: { id: string }) => r.id === 'roster.size');
    expect(size.message).toBe('La nómina tiene 10 trabajadores, uno por cada una de las 10 viviendas.');
  });

  it('reports failing rules and per-worker reasons', async () => {
    const roster = [
      worker(22222221, 1, { rshPercentile: 70 }),
      worker(22222222, 2, { rut: '22222222-0' === rut(22222222) ? '22222222-1' : '22222222-0' }),
      worker(22222223, 2, { savingsUf: 60, savingsDepositedUf: 20 }),
      worker(22222224, 2, { unionMember: false }),
      worker(22222224, 2, { unionMember: false }),
    ];
    const { body } = await check({ comuna: 13201, dwellings: [{ band: 1, count: 1, priceUf: 1200 }, { band: 2, count: 4, priceUf: 1600 }], roster });
    expect(body.ok).toBe(false);
    const failing = body.rules.filter((r: { ok: boolean }) => !r.ok).map((r: { id: string }) => r.id);
    expect(failing).toEqual(expect.arrayContaining(['roster.non_union_max', 'roster.rut_unique']));
    const reasons = (i: number) => body.workers[i].reasons.map((r: { id: string }) => r.id);
    expect(reasons(0)).toContain('worker.rsh');
    expect(reasons(1)).toContain('worker.rut');
    expect(reasons(2)).toEqual(expect.arrayContaining(['worker.savings_min', 'worker.savings_deposited']));
  });

  it('reads the roster size apart from its bands, echoes each RUT as sent and cites every source', async () => {
    const dotted = (n: number) => rut(n).replace(/^(\d{2})(\d{3})(\d{3})/, '$1.$2.$3');
    const roster = [worker(23333331, 1), worker(23333332, 1), worker(23333333, 2), worker(23333334, 2), worker(23333335, 2)].map((w, i) => ({ ...w, rut: dotted(23333331 + i) }));
    const { status, body } = await check({ comuna: '13201', dwellings: [{ band: 1, count: 1, priceUf: 1200 }, { band: 2, count: 4, priceUf: 1600 }], roster });
    expect(status).toBe(200);
    const rule = (id: string) => body.rules.find((r: { id: string }) => r.id === id);
    expect(rule('roster.size').ok).toBe(true);
    expect(rule('roster.band_counts').ok).toBe(false);
    expect(body.workers.map((w: { rut: string }) => w.rut)).toEqual(roster.map((w) => w.rut));
    expect(body.rules.every((r: { source: string }) => r.source.length > 0)).toBe(true);

    const empty = await check({ comuna: '13201', dwellings: [], roster: [] });
    expect(empty.status).toBe(200);
    expect(empty.body.ok).toBe(false);
    expect(empty.body.rules.find((r: { id: string }) => r.id === 'composition.min_bands').ok).toBe(false);
  });

  it('answers 400 with field paths for malformed JSON and wrong types', async () => {
    const malformed = await check(null, '{"comuna": ');
    expect(malformed.status).toBe(400);
    const wrong = await check({ comuna: '13201', dwellings: [{ band: 5, count: 'dos', priceUf: 1200 }], roster: [{ rut: 1 }] });
    expect(wrong.status).toBe(400);
    const fields = wrong.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['dwellings.0.band', 'dwellings.0.count', 'roster.0.rut', 'roster.0.unionMember']));
  });
});
