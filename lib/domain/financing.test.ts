import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import type { Band, TCallParameters, ZoneId } from './call-parameters';
import { checkComposition } from './composition';
import { dec } from './explain';
import { computeFinancing, financeDwelling, onTimeSubsidyShare, simulateCapacity } from './financing';

const params = callParameters2022;

/**
 * The 2022 call, the three financing tables (lines 170–230), column by column:
 * price, subsidy, savings, credit, dividendo UF (1 decimal as shown), dividendo $, subvención pago
 * oportuno, dividendo con rebaja, renta mensual, % subsidio + ahorro, % crédito.
 */
type Column = [price: number, subsidy: number, savings: number, credit: number, divUf: string, div: number, sub: number, net: number, income: number, pctSubSav: string, pctCredit: string];
const TABLES: Record<ZoneId, { bands: Band[]; columns: Column[] }> = {
  centro: {
    bands: [1, 2, 3, 3],
    columns: [
      [1200, 1000, 50, 150, '0.8', 27663, 5533, 22130, 110652, '87.5', '12.5'],
      [1600, 1000, 70, 530, '2.9', 97743, 14661, 83081, 390970, '66.9', '33.1'],
      [1800, 1000, 120, 680, '3.8', 125406, 12541, 112865, 501622, '62.2', '37.8'],
      [2000, 1000, 120, 880, '4.9', 162290, 16229, 146061, 649158, '56.0', '44.0'],
    ],
  },
  norte: {
    bands: [1, 2, 3, 3],
    columns: [
      [1300, 1100, 50, 150, '0.8', 27663, 5533, 22130, 110652, '88.5', '11.5'],
      [1700, 1100, 70, 530, '2.9', 97743, 14661, 83081, 390970, '68.8', '31.2'],
      [2000, 1100, 120, 780, '4.3', 143848, 14385, 129463, 575390, '61.0', '39.0'],
      [2200, 1100, 120, 980, '5.4', 180732, 18073, 162658, 722926, '55.5', '44.5'],
    ],
  },
  extremo_sur: {
    bands: [1, 2, 3, 3],
    columns: [
      [1400, 1200, 50, 150, '0.8', 27663, 5533, 22130, 110652, '89.3', '10.7'],
      [1800, 1200, 70, 530, '2.9', 97743, 14661, 83081, 390970, '70.6', '29.4'],
      [2200, 1200, 120, 880, '4.9', 162290, 16229, 146061, 649158, '60.0', '40.0'],
      [2400, 1200, 120, 1080, '6.0', 199174, 19917, 179256, 796694, '55.0', '45.0'],
    ],
  },
};

describe('financing tables of the 2022 call (every cell)', () => {
  for (const zone of ['centro', 'norte', 'extremo_sur'] as const) {
    const table = TABLES[zone];
    table.columns.forEach((column, index) => {
      const [price, subsidy, savings, credit, divUf, div, sub, net, income, pctSubSav, pctCredit] = column;
      const band = table.bands[index]!;
      it(`${zone}, tramo ${band}, precio ${price} UF`, () => {
        const result = financeDwelling({ zone, priceUf: price, savingsUf: savings }, params);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const f = result.financing;
        expect(f.band).toBe(band);
        expect(f.priceUf).toBe(String(price));
        expect(f.subsidyUf).toBe(String(subsidy));
        expect(f.savingsUf).toBe(String(savings));
        expect(f.creditUf).toBe(String(credit));
        expect(dec(f.paymentUf).toFixed(1)).toBe(divUf);
        expect(f.paymentClp).toBe(div);
        expect(f.onTimeSubsidyClp).toBe(sub);
        expect(f.netPaymentClp).toBe(net);
        expect(f.minMonthlyIncomeClp).toBe(income);
        expect(f.subsidyAndSavingsPct).toBe(pctSubSav);
        expect(f.creditPct).toBe(pctCredit);
        expect(f.creditClamped).toBe(false);
        expect(f.notes).toEqual([]);
      });
    });
  }

  it('reproduces the programme example with the payment in UF to 4 decimals', () => {
    const f = computeFinancing({ priceUf: '1200', subsidyUf: '1000', savingsUf: '50', band: 1 }, params);
    expect(f.paymentUf).toBe('0.8337');
    expect([f.paymentClp, f.onTimeSubsidyClp, f.netPaymentClp, f.minMonthlyIncomeClp]).toEqual([27663, 5533, 22130, 110652]);
  });

  it('net payment and minimum income come from the unrounded payment, as in the seed', () => {
    const f = computeFinancing({ priceUf: 1600, subsidyUf: 1000, savingsUf: 70, band: 2 }, params);
    expect(f.paymentClp - f.onTimeSubsidyClp).toBe(83082);
    expect(f.netPaymentClp).toBe(83081);
    expect(f.paymentClp * 4).toBe(390972);
    expect(f.minMonthlyIncomeClp).toBe(390970);
  });

  it('the seed row "% de Viviendas del Proyecto" (20/60/20) is a valid composition', () => {
    const rules = checkComposition(
      [
        { band: 1, count: 20 },
        { band: 2, count: 60 },
        { band: 3, count: 20 },
      ],
      params,
    );
    expect(rules.every((r) => r.ok)).toBe(true);
  });
});

describe('credit and on-time payment subsidy', () => {
  it('clamps the credit at 0 and says so', () => {
    const f = computeFinancing({ priceUf: 1000, subsidyUf: 1000, savingsUf: 50, band: 1 }, params);
    expect(f.creditUf).toBe('0');
    expect(f.creditClamped).toBe(true);
    expect(f.paymentClp).toBe(0);
    expect(f.onTimeSubsidyClp).toBe(0);
    expect(f.subsidyAndSavingsPct).toBe('100.0');
    expect(f.creditPct).toBe('0.0');
    expect(f.notes[0]).toMatch(/no se requiere crédito hipotecario/);
  });

  it('gives no on-time subsidy for credits above 1.200 UF, in both bases', () => {
    const byCredit: TCallParameters = {
      ...params,
      financing: { ...params.financing, onTimeSubsidy: { ...params.financing.onTimeSubsidy, basis: 'by_credit' } },
    };
    for (const p of [params, byCredit]) {
      expect(onTimeSubsidyShare('1200', 3, p).share).toBe('0.1');
      const above = onTimeSubsidyShare('1200.01', 3, p);
      expect(above.share).toBe('0');
      expect(above.note).toMatch(/hasta 1\.200 UF/);
    }
    const f = computeFinancing({ priceUf: 2600, subsidyUf: 1200, savingsUf: 120, band: 3 }, params);
    expect(f.creditUf).toBe('1280');
    expect(f.onTimeSubsidyClp).toBe(0);
    expect(f.netPaymentClp).toBe(f.paymentClp);
  });

  it('by credit: ≤ 500 UF 20%, ≤ 900 UF 15%, ≤ 1.200 UF 10% (edges)', () => {
    const p: TCallParameters = {
      ...params,
      financing: { ...params.financing, onTimeSubsidy: { ...params.financing.onTimeSubsidy, basis: 'by_credit' } },
    };
    expect(onTimeSubsidyShare('500', 1, p).share).toBe('0.2');
    expect(onTimeSubsidyShare('500.01', 1, p).share).toBe('0.15');
    expect(onTimeSubsidyShare('900', 1, p).share).toBe('0.15');
    expect(onTimeSubsidyShare('900.01', 1, p).share).toBe('0.1');
    expect(onTimeSubsidyShare('1200', 1, p).share).toBe('0.1');
    // The seed table uses the band, not the credit: centro band 3 with 680 UF of credit gets 10%, not 15%.
    expect(onTimeSubsidyShare('680', 3, params).share).toBe('0.1');
    expect(onTimeSubsidyShare('680', 3, p).share).toBe('0.15');
  });

  it('rejects a price of 0 UF', () => {
    expect(() => computeFinancing({ priceUf: 0, subsidyUf: 1000, savingsUf: 50, band: 1 }, params)).toThrow(RangeError);
  });

  it('financeDwelling refuses a price outside every band', () => {
    const result = financeDwelling({ zone: 'centro', priceUf: '2200.01', savingsUf: 120 }, params);
    expect(result.ok).toBe(false);
  });
});

const ufAmount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => (n / 100).toFixed(2));

describe('financing properties', () => {
  it('credit is never negative and equals price − subsidy − savings when positive', () => {
    fc.assert(
      fc.property(ufAmount(3000).filter((p) => Number(p) > 0), ufAmount(1500), ufAmount(2000), fc.constantFrom<Band>(1, 2, 3), (price, subsidy, savings, band) => {
        const f = computeFinancing({ priceUf: price, subsidyUf: subsidy, savingsUf: savings, band }, params);
        const raw = dec(price).minus(subsidy).minus(savings);
        expect(dec(f.creditUf).gte(0)).toBe(true);
        expect(f.creditClamped).toBe(raw.lt(0));
        if (raw.gte(0)) expect(f.creditUf).toBe(raw.toFixed());
        expect(f.paymentClp).toBeGreaterThanOrEqual(0);
        expect(f.netPaymentClp).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the two shares add up to exactly 100', () => {
    fc.assert(
      fc.property(ufAmount(3000).filter((p) => Number(p) > 0), ufAmount(1500), ufAmount(2000), (price, subsidy, savings) => {
        const f = computeFinancing({ priceUf: price, subsidyUf: subsidy, savingsUf: savings, band: 2 }, params);
        const sum = dec(f.subsidyAndSavingsPct).plus(f.creditPct);
        expect(sum.toFixed(1)).toBe('100.0');
      }),
    );
  });

  it('rounds the subsidy-and-savings share half-up and gives the credit its complement', () => {
    // 1.140 ÷ 1.600 = 71,25% → 71,3%; the credit share is 28,7%, not 28,75% rounded up to 28,8%.
    const f = computeFinancing({ priceUf: 1600, subsidyUf: 1000, savingsUf: 140, band: 2 }, params);
    expect([f.subsidyAndSavingsPct, f.creditPct]).toEqual(['71.3', '28.7']);
  });

  it('payment grows with the credit', () => {
    fc.assert(
      fc.property(ufAmount(2000), ufAmount(2000), (a, b) => {
        const [lo, hi] = dec(a).lte(b) ? [a, b] : [b, a];
        const fl = computeFinancing({ priceUf: dec(lo).plus(1000).toFixed(), subsidyUf: 1000, savingsUf: 0, band: 2 }, params);
        const fh = computeFinancing({ priceUf: dec(hi).plus(1000).toFixed(), subsidyUf: 1000, savingsUf: 0, band: 2 }, params);
        expect(fl.paymentClp).toBeLessThanOrEqual(fh.paymentClp);
        expect(fl.minMonthlyIncomeClp).toBeLessThanOrEqual(fh.minMonthlyIncomeClp);
      }),
    );
  });
});

describe('simulateCapacity ("¿Cuánto pagaría?")', () => {
  it('a household earning exactly the seed\'s "renta mensual" can pay that dwelling, one peso less cannot', () => {
    for (const zone of ['centro', 'norte', 'extremo_sur'] as const) {
      TABLES[zone].columns.forEach((column, index) => {
        const [price, , savings, , , , , , income] = column;
        const band = TABLES[zone].bands[index]!;
        const enough = simulateCapacity({ zone, monthlyIncomeClp: income, savingsUf: savings }, params);
        expect(dec(enough.maxPriceBy25RuleUf).gte(price)).toBe(true);
        expect(enough.eligibleBands).toContain(band);
        const short = simulateCapacity({ zone, monthlyIncomeClp: income - 1, savingsUf: savings }, params);
        expect(dec(short.maxPriceBy25RuleUf).lt(price)).toBe(true);
      });
    }
  });

  it('the max affordable price satisfies the 25% rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), ufAmount(400), fc.constantFrom<ZoneId>('centro', 'norte', 'extremo_sur'), (income, savings, zone) => {
        const cap = simulateCapacity({ zone, monthlyIncomeClp: income, savingsUf: savings }, params);
        for (const band of cap.bands) {
          if (band.financingAtMaxPrice === null) continue;
          expect(band.financingAtMaxPrice.minMonthlyIncomeClp).toBeLessThanOrEqual(income);
          expect(dec(band.maxAffordablePriceUf ?? 0).lte(band.maxPriceUf)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lists the eligible bands by minimum savings and explains the others', () => {
    const cap = simulateCapacity({ zone: 'centro', monthlyIncomeClp: 400_000, savingsUf: 70 }, params);
    expect(cap.eligibleBands).toEqual([1, 2]);
    const band3 = cap.bands[2]!;
    expect(band3.meetsSavings).toBe(false);
    expect(band3.reasons[0]).toMatch(/ahorro mínimo de 120 UF/);
    expect(cap.maxAffordablePriceUf).toBe('1600.00');
    expect(cap.maxPaymentClp).toBe('100000');
  });

  it('a low income reaches only the lower bands', () => {
    const cap = simulateCapacity({ zone: 'centro', monthlyIncomeClp: 200_000, savingsUf: 200 }, params);
    expect(cap.bands.map((b) => b.affordable)).toEqual([true, true, false]);
    expect(cap.bands[2]!.reasons.join(' ')).toMatch(/dividendo no puede superar el 25%/);
    expect(cap.bands[1]!.maxAffordablePriceUf).toBe(cap.maxPriceBy25RuleUf);
  });
});
