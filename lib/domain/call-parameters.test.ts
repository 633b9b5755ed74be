import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { ZCallParameters, describeUnsetScoreParameters, listUnsetScoreParameters } from './call-parameters';
import type { TCallParameters, TCallParametersInput } from './call-parameters';

const clone = (): TCallParametersInput => structuredClone(callParameters2022) as TCallParametersInput;

describe('ZCallParameters', () => {
  it('accepts the 2022 seed unchanged (round trip through JSON)', () => {
    const parsed = ZCallParameters.parse(JSON.parse(JSON.stringify(callParameters2022)));
    expect(parsed).toEqual(callParameters2022);
  });

  it('converts numbers to exact decimal strings', () => {
    const input = clone();
    input.financing.annualRate = 0.045;
    input.financing.ufValueClp = 33179.05;
    input.zones.centro.band1MaxUf = 1200;
    const parsed = ZCallParameters.parse(input);
    expect(parsed.financing.annualRate).toBe('0.045');
    expect(parsed.financing.ufValueClp).toBe('33179.05');
    expect(parsed.zones.centro.band1MaxUf).toBe('1200');
  });

  it('rejects decimal commas, negatives and shares above 1', () => {
    const a = clone();
    a.financing.annualRate = '4,5';
    expect(ZCallParameters.safeParse(a).success).toBe(false);
    const b = clone();
    b.selection.budgetUf = -1;
    expect(ZCallParameters.safeParse(b).success).toBe(false);
    const c = clone();
    c.composition.band1MinShare = '1.2';
    expect(ZCallParameters.safeParse(c).success).toBe(false);
  });

  it('rejects band limits that do not increase', () => {
    const input = clone();
    input.zones.norte.band2MaxUf = '1300';
    const result = ZCallParameters.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/crecientes/);
  });

  it('checks CUT code lengths and duplicate zone-map entries', () => {
    const badCode = clone();
    badCode.zoneMap.push({ level: 'province', code: '10', zone: 'norte', label: 'mal' });
    expect(ZCallParameters.safeParse(badCode).success).toBe(false);
    const duplicate = clone();
    duplicate.zoneMap.push({ level: 'region', code: '13', zone: 'norte', label: 'repetida' });
    expect(ZCallParameters.safeParse(duplicate).success).toBe(false);
    const comuna = clone();
    comuna.zoneMap.push({ level: 'comuna', code: '05201', zone: 'extremo_sur', label: 'Isla de Pascua' });
    expect(ZCallParameters.safeParse(comuna).success).toBe(true);
  });

  it('requires bridge-loan instalments adding up to 100% with increasing thresholds', () => {
    const sum = clone();
    sum.bridgeLoan.instalments[2]!.share = '0.3';
    expect(ZCallParameters.safeParse(sum).success).toBe(false);
    const order = clone();
    order.bridgeLoan.instalments[2]!.progressAbovePercent = '20';
    expect(ZCallParameters.safeParse(order).success).toBe(false);
  });

  it('rejects impossible calendar dates and unknown time zones', () => {
    const date = clone();
    date.savings.depositDeadline = '2022-02-30';
    expect(ZCallParameters.safeParse(date).success).toBe(false);
    const tz = clone();
    tz.timeZone = 'America/Atlantis';
    expect(ZCallParameters.safeParse(tz).success).toBe(false);
  });

  it('seeds the 2022 income caps with the two middle values marked inferred', () => {
    const caps = callParameters2022.incomeCap.groups;
    expect(caps.centro['1']).toEqual({ amountClp: 1404569, inferred: false });
    expect(caps.centro['2']).toEqual({ amountClp: 2028822, inferred: true });
    expect(caps.centro['3']).toEqual({ amountClp: 2278523, inferred: true });
    expect(caps.centro['4']).toEqual({ amountClp: 2528224, inferred: false });
    expect(caps.norte_extremo_sur['1'].amountClp).toBe(1872759);
    expect(caps.norte_extremo_sur['4'].amountClp).toBe(2996414);
    expect([caps.norte_extremo_sur['2'].inferred, caps.norte_extremo_sur['3'].inferred]).toEqual([true, true]);
  });
});

describe('listUnsetScoreParameters', () => {
  it('lists every point value (and the ages that score) still unset in the 2022 seed', () => {
    const unset = listUnsetScoreParameters(callParameters2022);
    expect(unset).toContain('grupo_familiar.integrantes');
    expect(unset).toContain('grupo_familiar.edades:edades');
    expect(unset).toContain('grupo_familiar.jefatura_hogar:monoparental');
    expect(unset).toContain('vulnerabilidad_habitacional.hacinamiento:critico');
    expect(unset).toContain('antiguedad_postulacion.postulaciones_anteriores');
    // 5 per-unit + 1 age range + 4 head-of-household + 3 overcrowding + 5 dwelling + 3 water + 3 bathroom
    expect(unset).toHaveLength(24);
  });

  it('describes each one in Spanish, in the order of the tables', () => {
    const described = describeUnsetScoreParameters(callParameters2022);
    expect(described.slice(0, 3)).toEqual([
      { id: 'grupo_familiar.integrantes', factorId: 'grupo_familiar.integrantes', label: 'Integrantes del grupo familiar (puntos por unidad)' },
      { id: 'grupo_familiar.edades:edades', factorId: 'grupo_familiar.edades', label: 'Integrantes en los tramos de edad que puntúan (tramo de edad)' },
      { id: 'grupo_familiar.edades', factorId: 'grupo_familiar.edades', label: 'Integrantes en los tramos de edad que puntúan (puntos por unidad)' },
    ]);
    expect(described.find((d) => d.id === 'vulnerabilidad_habitacional.bano:sin_bano')?.label).toBe('Baño — Sin baño (letrina, pozo negro o ninguno)');
  });

  it('is empty once every value is entered', () => {
    const filled: TCallParameters = structuredClone(callParameters2022);
    filled.score.factors = filled.score.factors.map((factor) => {
      if (factor.kind === 'per_unit')
        return { ...factor, pointsPerUnit: '10', basis: factor.basis.fact === 'memberAges' ? { fact: 'memberAges', ageRange: { fromAge: 0, toAge: 17 } } : factor.basis };
      if (factor.kind === 'flag') return { ...factor, points: '20' };
      return { ...factor, options: factor.options.map((o) => ({ ...o, points: '0' })) };
    });
    expect(listUnsetScoreParameters(filled)).toEqual([]);
  });
});

describe('score factor tables', () => {
  const factorIssues = (mutate: (factors: unknown[]) => unknown[]) => {
    const input = clone() as { score: { factors: unknown[] } };
    input.score.factors = mutate(input.score.factors);
    const result = ZCallParameters.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('reads factors stored before they named their household fact (2022 shape)', () => {
    const legacy = [
      { kind: 'per_unit', id: 'grupo_familiar.adultos_mayores', group: 'grupo_familiar', label: 'Integrantes de 60 años o más', pointsPerUnit: '10', maxUnits: null },
      { kind: 'flag', id: 'grupo_familiar.jefatura_hogar', group: 'grupo_familiar', label: 'Jefatura de hogar', points: null },
      {
        kind: 'choice',
        id: 'vulnerabilidad_habitacional.bano',
        group: 'vulnerabilidad_habitacional',
        label: 'Baño',
        options: [
          { id: 'exclusivo', label: 'Baño de uso exclusivo', points: '0' },
          { id: 'compartido_o_sin', label: 'Baño compartido o sin baño', points: '20' },
        ],
      },
    ];
    const input = clone() as { score: { factors: unknown[] } };
    input.score.factors = legacy;
    const parsed = ZCallParameters.parse(input);
    expect(parsed.score.factors[0]).toMatchObject({ basis: { fact: 'memberAges', ageRange: { fromAge: 60, toAge: null } } });
    expect(parsed.score.factors[1]).toMatchObject({ kind: 'flag', basis: { fact: 'headOfHousehold', values: ['monoparental'] } });
    expect(parsed.score.factors[2]).toMatchObject({ basis: { fact: 'bathroom' }, options: [{ factValues: ['exclusivo'] }, { factValues: ['compartido', 'sin_bano'] }] });
  });

  it('requires every declarable value on exactly one line of a choice table', () => {
    const bathroom = (options: unknown[]) => (factors: unknown[]) =>
      factors.map((f) => ((f as { id: string }).id === 'vulnerabilidad_habitacional.bano' ? { ...(f as object), options } : f));
    expect(factorIssues(bathroom([{ id: 'exclusivo', label: 'Exclusivo', points: '0' }, { id: 'compartido', label: 'Compartido', points: '10' }]))).toEqual([
      'score.factors.8.options: A Baño le faltan líneas para: sin_bano.',
    ]);
    expect(
      factorIssues(
        bathroom([
          { id: 'a', label: 'A', points: '0', factValues: ['exclusivo', 'compartido'] },
          { id: 'b', label: 'B', points: '10', factValues: ['compartido', 'sin_bano', 'letrina'] },
        ]),
      ),
    ).toEqual([
      'score.factors.8.options.1: «compartido» está en dos líneas de Baño: a y b.',
      'score.factors.8.options.1: «letrina» no es un valor de Baño (valores: exclusivo, compartido, sin_bano).',
    ]);
  });

  it('refuses an age range that ends before it starts', () => {
    const issues = factorIssues((factors) =>
      factors.map((f) => ((f as { id: string }).id === 'grupo_familiar.edades' ? { ...(f as object), basis: { fact: 'memberAges', ageRange: { fromAge: 18, toAge: 5 } } } : f)),
    );
    expect(issues).toEqual(['score.factors.1.basis.ageRange.toAge: La edad final del tramo no puede ser menor que la inicial.']);
  });
});
