import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { TCallParameters } from './call-parameters';
import { dec } from './explain';
import { rankApplications, selectApplications } from './selection';
import type { SelectionCandidate } from './selection';

const params = callParameters2022;

function candidate(n: number, score: string, dwellings: number, overrides: Partial<SelectionCandidate> = {}): SelectionCandidate {
  return {
    applicationId: `app-${n}`,
    applicationNumber: `2022-${String(n).padStart(5, '0')}`,
    submittedAt: new Date(Date.UTC(2022, 10, 1) + n * 60_000),
    groupScore: score,
    dwellings,
    subsidyUf: String(dwellings * 1000),
    approved: true,
    ...overrides,
  };
}

describe('ranking', () => {
  it('orders by group score, then earlier submission, then application number', () => {
    const ranked = rankApplications([
      candidate(1, '500', 10),
      candidate(2, '700.5', 10),
      candidate(3, '700.5', 10, { submittedAt: '2022-10-01T12:00:00Z' }),
      candidate(4, '500', 10, { submittedAt: new Date(Date.UTC(2022, 10, 1) + 60_000), applicationNumber: '2022-00000' }),
      candidate(5, '900', 10, { approved: false }),
    ]);
    expect(ranked.map((c) => c.applicationId)).toEqual(['app-3', 'app-2', 'app-4', 'app-1']);
  });

  it('compares scores as exact decimals, not text', () => {
    const ranked = rankApplications([candidate(1, '99.9', 1), candidate(2, '100', 1), candidate(3, '99.899999999999999999999', 1)]);
    expect(ranked.map((c) => c.applicationId)).toEqual(['app-2', 'app-1', 'app-3']);
  });
});

describe('selectApplications', () => {
  it('selects approved projects in order while both budgets allow; an exact fit enters', () => {
    const result = selectApplications([candidate(1, '900', 300), candidate(2, '800', 300), candidate(3, '700', 10)], params);
    expect(result.selected.map((s) => s.applicationId)).toEqual(['app-1', 'app-2']);
    expect(result.budgetUsedUf).toBe('600000');
    expect(result.dwellingsUsed).toBe(600);
    expect(result.dwellingsRemaining).toBe(0);
    expect(result.firstLeftOut).toMatchObject({ applicationId: 'app-3', reason: 'dwellings', rank: 3 });
    expect(result.firstLeftOut?.message).toBe(
      'El proyecto 2022-00003 (lugar 3, 10 viviendas, 10.000 UF) no cabe en el cupo de viviendas restante del llamado: quedan 0 viviendas.',
    );
  });

  it('UF budget: a project that does not fit is left out and later ones that fit still enter (afterMiss "continue")', () => {
    const result = selectApplications(
      [
        candidate(1, '900', 250, { subsidyUf: '300000' }),
        candidate(2, '800', 250, { subsidyUf: '300000' }),
        candidate(3, '700', 100, { subsidyUf: '120000' }),
        candidate(4, '600', 20, { subsidyUf: '30000' }),
      ],
      params,
    );
    expect(result.selected.map((s) => s.applicationId)).toEqual(['app-1', 'app-2', 'app-4']);
    expect(result.firstLeftOut).toMatchObject({ applicationId: 'app-3', reason: 'budget_uf' });
    expect(result.budgetUsedUf).toBe('630000');
    expect(result.budgetRemainingUf).toBe('0');
  });

  it('afterMiss "stop" ends at the first project that does not fit', () => {
    const stop: TCallParameters = { ...params, selection: { ...params.selection, afterMiss: 'stop' } };
    const result = selectApplications(
      [candidate(1, '900', 250, { subsidyUf: '300000' }), candidate(2, '800', 400, { subsidyUf: '400000' }), candidate(3, '700', 10)],
      stop,
    );
    expect(result.selected.map((s) => s.applicationId)).toEqual(['app-1']);
    expect(result.firstLeftOut?.reason).toBe('budget_uf_and_dwellings');
    expect(result.ranking[2]?.reason).toBe('selection_stopped');
  });

  it('keeps the projects that cannot be ranked out of the ranking, but lists each with its reason', () => {
    const result = selectApplications(
      [
        candidate(3, '900', 10, { approved: false, unrankableReason: 'Ningún postulante de la nómina es hábil.' }),
        candidate(1, '900', 10, { approved: false, unrankableReason: 'La comuna del proyecto no tiene zona en el llamado.' }),
        candidate(2, '100', 10),
      ],
      params,
    );
    expect(result.selected.map((s) => s.applicationId)).toEqual(['app-2']);
    expect(result.ranking.map((r) => r.applicationId)).toEqual(['app-2']);
    expect(result.notApprovedCount).toBe(2);
    expect(result.firstLeftOut).toBeNull();
    expect(result.unranked).toEqual([
      {
        applicationId: 'app-1',
        applicationNumber: '2022-00001',
        dwellings: 10,
        reason: 'not_rankable',
        message: 'El proyecto 2022-00001 no puede ordenarse por puntaje y no es seleccionado: La comuna del proyecto no tiene zona en el llamado.',
      },
      {
        applicationId: 'app-3',
        applicationNumber: '2022-00003',
        dwellings: 10,
        reason: 'not_rankable',
        message: 'El proyecto 2022-00003 no puede ordenarse por puntaje y no es seleccionado: Ningún postulante de la nómina es hábil.',
      },
    ]);
    expect(result.message).toBe(
      'Se seleccionan 1 de 3 proyectos aprobados: 10.000 UF de 630.000 UF y 10 de 600 viviendas. 2 proyectos no pueden ordenarse y quedan no seleccionados.',
    );
  });

  it('every project left out of the budget carries the reason its participants are told', () => {
    const result = selectApplications([candidate(1, '900', 300), candidate(2, '800', 300), candidate(3, '700', 10), candidate(4, '600', 5)], {
      ...params,
      selection: { ...params.selection, afterMiss: 'stop' },
    });
    expect(result.ranking.map((r) => [r.applicationId, r.reason])).toEqual([
      ['app-1', null],
      ['app-2', null],
      ['app-3', 'dwellings'],
      ['app-4', 'selection_stopped'],
    ]);
    expect(result.ranking[0]!.reasonMessage).toBeNull();
    expect(result.ranking[2]!.reasonMessage).toBe(result.firstLeftOut?.message);
    expect(result.ranking[3]!.reasonMessage).toBe(
      'El proyecto 2022-00004 (lugar 4, 5 viviendas, 5.000 UF) no fue seleccionado: la selección se detiene en el primer proyecto que no cabe.',
    );
  });

  it('never exceeds either budget, and only leaves out projects that did not fit (property)', () => {
    const arb = fc.array(
      fc.record({
        score: fc.integer({ min: 0, max: 2000 }),
        dwellings: fc.integer({ min: 1, max: 300 }),
        ufPerDwelling: fc.constantFrom(1000, 1100, 1200),
        approved: fc.boolean(),
        minute: fc.nat(10_000),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom<'continue' | 'stop'>('continue', 'stop'), (rows, afterMiss) => {
        const p: TCallParameters = { ...params, selection: { ...params.selection, afterMiss } };
        const candidates = rows.map((r, i) =>
          candidate(i, String(r.score / 10), r.dwellings, {
            subsidyUf: String(r.dwellings * r.ufPerDwelling),
            approved: r.approved,
            submittedAt: new Date(Date.UTC(2022, 10, 1) + r.minute * 60_000),
          }),
        );
        const result = selectApplications(candidates, p);
        // Every candidate gets exactly one decision: ranked (selected or not, with a reason) or unranked.
        expect(result.ranking.length + result.unranked.length).toBe(candidates.length);
        expect(new Set([...result.ranking, ...result.unranked].map((x) => x.applicationId)).size).toBe(candidates.length);
        for (const item of result.ranking) expect(item.selected === (item.reasonMessage === null)).toBe(true);
        const uf = result.selected.reduce((s, x) => s.plus(x.subsidyUf), dec(0));
        const dw = result.selected.reduce((s, x) => s + x.dwellings, 0);
        expect(uf.lte(p.selection.budgetUf)).toBe(true);
        expect(dw).toBeLessThanOrEqual(p.selection.maxDwellings);
        expect(uf.toFixed()).toBe(result.budgetUsedUf);
        // In "continue" mode every project left out really did not fit when its turn came.
        if (afterMiss === 'continue')
          for (const item of result.ranking)
            if (!item.selected) {
              const before = result.ranking.filter((x) => x.selected && x.rank < item.rank);
              const ufBefore = before.reduce((s, x) => s.plus(x.subsidyUf), dec(0));
              const dwBefore = before.reduce((s, x) => s + x.dwellings, 0);
              expect(ufBefore.plus(item.subsidyUf).gt(p.selection.budgetUf) || dwBefore + item.dwellings > p.selection.maxDwellings).toBe(true);
            }
        // The ranking does not depend on the order of the input.
        const reversed = selectApplications([...candidates].reverse(), p);
        expect(reversed.selected.map((s) => s.applicationId)).toEqual(result.selected.map((s) => s.applicationId));
      }),
      { numRuns: 200 },
    );
  });

  it('ranks 50.000 applications quickly', () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      candidate(i, String((i * 7919) % 100_000 / 100), 1 + (i % 300), { subsidyUf: String((1 + (i % 300)) * 1100) }),
    );
    const start = performance.now();
    const result = selectApplications(many, params);
    const elapsed = performance.now() - start;
    expect(result.ranking).toHaveLength(50_000);
    expect(elapsed).toBeLessThan(3000);
  });
});
