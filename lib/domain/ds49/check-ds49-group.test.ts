import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RuleResult as SharedRuleResult } from '@/lib/domain/explain';
import { checkDs49Group } from './check-ds49-group';
import { dwelling, families, family, params, project } from './test-fixtures';
import type { Ds49GroupInput } from './check-ds49-group';
import type { RuleResult } from './types';

const ALL_IDS = [
  'ds49.rsh_40_min',
  'ds49.rsh_high_deficit',
  'ds49.household_2plus',
  'ds49.savings_seniority',
  'ds49.gore_block',
  'ds49.building_permit',
  'ds49.cost_max',
  'ds49.gore_contribution_max',
  'ds49.surface_min',
  'ds49.density_max',
  'ds49.third_bedroom',
];

function input(overrides: Partial<Ds49GroupInput> = {}): Ds49GroupInput {
  return { comunaCode: '12101', families: families(20), project: project(), submissionDate: '2024-03-15', params, ...overrides };
}

describe('checkDs49Group', () => {
  it('returns results interchangeable with lib/domain/explain.ts RuleResult', () => {
    expectTypeOf<RuleResult>().toEqualTypeOf<SharedRuleResult>();
    const shared: SharedRuleResult[] = checkDs49Group(input()).results;
    expect(shared).toHaveLength(ALL_IDS.length);
  });

  it('passes a compliant Punta Arenas group and reports every rule in order', () => {
    const r = checkDs49Group(input());
    expect(r.ok).toBe(true);
    expect(r.results.map((x) => x.id)).toEqual(ALL_IDS);
    expect(r.blocking).toEqual([]);
    expect(r.submittedOn).toBe('2024-03-15');
    for (const rule of r.results) {
      expect(rule.message).toMatch(/\(Reglamento GORE Magallanes, numeral \d\.[a-e]\)\.$/);
      expect(rule.source).toMatch(/^Reglamento Convenio de Programación MINVU-GORE Magallanes 2021-2027, numeral/);
    }
  });

  it('blocks on each failing rule and lists it', () => {
    const fams = families(20, 7, { rshPercentile: 50, highDeficit: true });
    const r = checkDs49Group(input({ families: fams, project: project({ areaHa: '0.4' }) }));
    expect(r.ok).toBe(false);
    expect(r.blocking.map((x) => x.id)).toEqual(['ds49.rsh_40_min', 'ds49.rsh_high_deficit', 'ds49.density_max']);
    expect(r.waived).toEqual([]);
  });

  it('reads the submission instant as a date in Chile', () => {
    const fams = [family(1, { savingsInstrumentOpenedOn: '2021-03-15' }), ...families(19).slice(1)];
    const early = checkDs49Group(input({ families: fams, submissionDate: new Date('2024-03-15T02:30:00Z') }));
    expect(early.submittedOn).toBe('2024-03-14');
    expect(early.blocking.map((x) => x.id)).toEqual(['ds49.savings_seniority']);
    expect(checkDs49Group(input({ families: fams, submissionDate: new Date('2024-03-15T03:30:00Z') })).ok).toBe(true);
  });

  it('fails everywhere the cost table says "no aplica" (Antártica)', () => {
    const r = checkDs49Group(input({ comunaCode: '12202' }));
    expect(r.ok).toBe(false);
    expect(r.blocking.map((x) => x.id)).toEqual(['ds49.cost_max', 'ds49.gore_contribution_max']);
  });
});

describe('small-project exception (seed 5)', () => {
  const failing = {
    families: families(10, 10, { householdSize: 1, rshPercentile: 70, savingsInstrumentOpenedOn: '2023-01-01' }),
    project: project({ typology: 'densificacion_predial', areaHa: '0.1', costUf: '2500' }, 10),
  };

  it('waives every condition of the reglamento for ≤ 10 families of the listed typologies', () => {
    const r = checkDs49Group(input({ ...failing, exception: { kind: 'small_project' } }));
    expect(r.ok).toBe(true);
    expect(r.exception).toEqual({ kind: 'small_project', accepted: true });
    expect(r.blocking).toEqual([]);
    expect(r.waived.map((x) => x.id)).toContain('ds49.rsh_40_min');
    expect(r.waived.map((x) => x.id)).toContain('ds49.cost_max');
    expect(r.waived.map((x) => x.id)).toContain('ds49.density_max');
    expect(r.results.at(-1)).toMatchObject({ id: 'ds49.small_project_exception', ok: true });
  });

  it('does not apply to 11 families', () => {
    const eleven = families(11, 11, { householdSize: 1 });
    const r = checkDs49Group(input({ families: eleven, project: project({ typology: 'densificacion_predial' }, 11), exception: { kind: 'small_project' } }));
    expect(r.ok).toBe(false);
    expect(r.exception.accepted).toBe(false);
    expect(r.results.at(-1)?.message).toContain('hasta 10 familias; este tiene 11');
    expect(r.blocking.map((x) => x.id)).toEqual(['ds49.household_2plus']);
  });

  it('does not apply to a new-land project even with ≤ 10 families', () => {
    const r = checkDs49Group(
      input({ ...failing, project: { ...failing.project, typology: 'construccion_nuevos_terrenos' }, exception: { kind: 'small_project' } }),
    );
    expect(r.ok).toBe(false);
    expect(r.exception.accepted).toBe(false);
  });

  it('a refused exception does not block a group that passes on its own', () => {
    const r = checkDs49Group(input({ exception: { kind: 'small_project' } }));
    expect(r.ok).toBe(true);
    expect(r.exception.accepted).toBe(false);
  });
});

describe('SERVIU exception resolution (seed 3.e)', () => {
  const fams = families(20, 20, { householdSize: 1 });

  it('waives the group conditions 3.a–3.d but not the technical ones', () => {
    const exception = { kind: 'serviu_resolution' as const, resolutionNumber: '1234', resolutionDate: '2024-02-01', goreConsulted: true };
    const ok = checkDs49Group(input({ families: fams, exception }));
    expect(ok.ok).toBe(true);
    expect(ok.waived.map((x) => x.id)).toEqual(['ds49.household_2plus']);
    expect(ok.results.at(-1)?.message).toContain('N° 1234 de 01-02-2024');

    const tooDense = checkDs49Group(input({ families: fams, project: project({ areaHa: '0.1' }), exception }));
    expect(tooDense.blocking.map((x) => x.id)).toEqual(['ds49.density_max']);
  });

  it('requires the prior consultation of the regional government', () => {
    const exception = { kind: 'serviu_resolution' as const, resolutionNumber: '1234', resolutionDate: '2024-02-01', goreConsulted: false };
    const r = checkDs49Group(input({ families: fams, exception }));
    expect(r.ok).toBe(false);
    expect(r.results.at(-1)?.message).toMatch(/consulta previa al Gobierno Regional/);
  });

  it('per-dwelling third bedroom rule still applies under the exception', () => {
    const exception = { kind: 'serviu_resolution' as const, resolutionNumber: '9', resolutionDate: '2024-02-01', goreConsulted: true };
    const p = project({ dwellings: [dwelling({ bedrooms: 3, householdSize: 2 }), ...Array.from({ length: 19 }, () => dwelling())] });
    expect(checkDs49Group(input({ project: p, exception })).blocking.map((x) => x.id)).toEqual(['ds49.third_bedroom']);
  });
});
