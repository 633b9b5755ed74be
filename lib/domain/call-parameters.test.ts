import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { ZCallParameters, listUnsetScoreParameters } from './call-parameters';
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
  it('lists every point value still unset in the 2022 seed', () => {
    const unset = listUnsetScoreParameters(callParameters2022);
    expect(unset).toContain('grupo_familiar.integrantes');
    expect(unset).toContain('vulnerabilidad_habitacional.hacinamiento:critico');
    expect(unset).toContain('antiguedad_postulacion.postulaciones_anteriores');
    expect(unset).toHaveLength(15);
  });

  it('is empty once every value is entered', () => {
    const filled: TCallParameters = structuredClone(callParameters2022);
    filled.score.factors = filled.score.factors.map((factor) => {
      if (factor.kind === 'per_unit') return { ...factor, pointsPerUnit: '10' };
      if (factor.kind === 'flag') return { ...factor, points: '20' };
      return { ...factor, options: factor.options.map((o) => ({ ...o, points: '0' })) };
    });
    expect(listUnsetScoreParameters(filled)).toEqual([]);
  });
});
