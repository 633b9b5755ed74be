/**
 * Financing of one dwelling, reproducing the three financing tables of the 2022 call (centro, norte,
 * extremo sur) cell by cell.
 *
 * Rounding (what the seed's spreadsheet does, and it wins over a literal reading of the programme rules): every peso
 * figure is rounded half-up to the peso FROM THE UNROUNDED peso payment, independently:
 *   payment $      = round(P)
 *   on-time $      = round(P × share)
 *   net $          = round(P − P × share)      (so net may differ by $1 from payment $ − on-time $:
 *                                               centro band 2 is $97.743 − $14.661 but the seed shows $83.081)
 *   min. income $  = round(P ÷ 0,25)           (centro band 2: $390.970, not $97.743 ÷ 0,25 = $390.972)
 * where P = payment UF (unrounded) × UF value of the call. paymentUf is reported to 4 decimals.
 * The subsidy-and-savings share is rounded half-up to one decimal and the credit share is its complement,
 * so the two always add up to 100 (every cell of the seed's tables does).
 */
import type { Band, TCallParameters, ZoneId } from './call-parameters';
import { Dec, SOURCES, dec, formatClp, formatShare, formatUf } from './explain';
import type { DecimalInput } from './explain';
import { bandForPrice, bandRanges } from './zones';

export type FinancingInput = {
  priceUf: DecimalInput;
  subsidyUf: DecimalInput;
  savingsUf: DecimalInput;
  band: Band;
};

export type Financing = {
  band: Band;
  priceUf: string;
  subsidyUf: string;
  savingsUf: string;
  /** price − subsidy − savings, never negative. */
  creditUf: string;
  creditClamped: boolean;
  /** Monthly payment (dividendo) in UF, 4 decimals. */
  paymentUf: string;
  paymentClp: number;
  onTimeSubsidyShare: string;
  onTimeSubsidyClp: number;
  netPaymentClp: number;
  /** Income at which the payment is exactly the allowed share (25%) of it. */
  minMonthlyIncomeClp: number;
  /** (subsidy + savings) ÷ price, percentage with one decimal ("87.5"). */
  subsidyAndSavingsPct: string;
  /** credit ÷ price, percentage with one decimal ("12.5"). */
  creditPct: string;
  ufValueClp: string;
  ufDate: string;
  notes: string[];
  source: string;
};

/** Monthly payment per UF of credit: i / (1 − (1 + i)^−n), i = annual rate / 12, n = term in months. */
export function paymentFactor(params: TCallParameters): Dec {
  const i = dec(params.financing.annualRate).div(12);
  const n = params.financing.termMonths;
  if (i.isZero()) return new Dec(1).div(n);
  return i.div(new Dec(1).minus(i.plus(1).pow(-n)));
}

function toPeso(value: Dec): number {
  return value.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
}

/** Share of the payment covered by the on-time payment subsidy, by the call's basis. */
export function onTimeSubsidyShare(
  creditUf: DecimalInput,
  band: Band,
  params: TCallParameters,
): { share: string; note: string | null } {
  const rules = params.financing.onTimeSubsidy;
  const credit = dec(creditUf);
  if (credit.gt(rules.maxCreditUf))
    return {
      share: '0',
      note: `Sin subvención al pago oportuno: solo aplica a créditos de hasta ${formatUf(rules.maxCreditUf)} (crédito de ${formatUf(credit)}).`,
    };
  if (credit.isZero()) return { share: '0', note: null };
  if (rules.basis === 'by_band') return { share: rules.byBand[band], note: null };
  const bracket = rules.byCredit.find((b) => credit.lte(b.maxCreditUf));
  return bracket
    ? { share: bracket.share, note: null }
    : { share: '0', note: `Sin subvención al pago oportuno para un crédito de ${formatUf(credit)}.` };
}

export function computeFinancing(input: FinancingInput, params: TCallParameters): Financing {
  const f = params.financing;
  const price = dec(input.priceUf);
  const subsidy = dec(input.subsidyUf);
  const savings = dec(input.savingsUf);
  if (!price.gt(0)) throw new RangeError('El precio de la vivienda debe ser mayor que 0 UF.');
  const notes: string[] = [];

  const rawCredit = price.minus(subsidy).minus(savings);
  const creditClamped = rawCredit.lt(0);
  const credit = creditClamped ? new Dec(0) : rawCredit;
  if (creditClamped)
    notes.push(
      `El subsidio (${formatUf(subsidy)}) y el ahorro (${formatUf(savings)}) cubren el precio (${formatUf(price)}): no se requiere crédito hipotecario (crédito 0 UF).`,
    );

  const paymentUfExact = credit.times(paymentFactor(params));
  const paymentClpExact = paymentUfExact.times(f.ufValueClp);
  const onTime = onTimeSubsidyShare(credit, input.band, params);
  if (onTime.note) notes.push(onTime.note);
  const onTimeExact = paymentClpExact.times(onTime.share);

  const covered = Dec.min(subsidy.plus(savings), price);
  const coveredPct = covered.div(price).times(100).toDecimalPlaces(1, Dec.ROUND_HALF_UP);
  return {
    band: input.band,
    priceUf: price.toFixed(),
    subsidyUf: subsidy.toFixed(),
    savingsUf: savings.toFixed(),
    creditUf: credit.toFixed(),
    creditClamped,
    paymentUf: paymentUfExact.toFixed(4, Dec.ROUND_HALF_UP),
    paymentClp: toPeso(paymentClpExact),
    onTimeSubsidyShare: onTime.share,
    onTimeSubsidyClp: toPeso(onTimeExact),
    netPaymentClp: toPeso(paymentClpExact.minus(onTimeExact)),
    minMonthlyIncomeClp: toPeso(paymentClpExact.div(f.maxPaymentToIncomeShare)),
    subsidyAndSavingsPct: coveredPct.toFixed(1),
    creditPct: new Dec(100).minus(coveredPct).toFixed(1),
    ufValueClp: f.ufValueClp,
    ufDate: f.ufDate,
    notes,
    source: SOURCES.financingTable,
  };
}

/** Financing of a dwelling from its zone, price and the worker's savings (band and subsidy derived). */
export function financeDwelling(
  input: { zone: ZoneId; priceUf: DecimalInput; savingsUf: DecimalInput },
  params: TCallParameters,
): { ok: true; financing: Financing } | { ok: false; message: string } {
  const band = bandForPrice(input.priceUf, input.zone, params);
  if (band.band === null) return { ok: false, message: band.message };
  return {
    ok: true,
    financing: computeFinancing(
      { priceUf: input.priceUf, subsidyUf: params.zones[input.zone].subsidyUf, savingsUf: input.savingsUf, band: band.band },
      params,
    ),
  };
}

export type CapacityBand = {
  band: Band;
  minExclusivePriceUf: string;
  maxPriceUf: string;
  minSavingsUf: string;
  meetsSavings: boolean;
  /** The household can pay a dwelling of this band within the 25% rule. */
  affordable: boolean;
  eligible: boolean;
  /** Highest price of the band that satisfies the 25% rule (2 decimals, rounded down), or null. */
  maxAffordablePriceUf: string | null;
  financingAtMaxPrice: Financing | null;
  reasons: string[];
};

export type Capacity = {
  zone: ZoneId;
  subsidyUf: string;
  monthlyIncomeClp: number;
  savingsUf: string;
  /** The most the payment may be: income × 25%, in pesos (not rounded). */
  maxPaymentClp: string;
  /** Largest credit (UF, 2 decimals) whose minimum income (rounded to the peso) is within the income. */
  maxCreditUf: string;
  /** Largest price satisfying the 25% rule with this subsidy and savings, before band limits. */
  maxPriceBy25RuleUf: string;
  bands: CapacityBand[];
  eligibleBands: Band[];
  /** Highest price among the eligible bands, or null when none is eligible. */
  maxAffordablePriceUf: string | null;
  source: string;
};

/**
 * "¿Cuánto pagaría?": from a household's monthly income, savings and zone, the bands it can enter
 * (by minimum savings and the 25% rule), each band's price range and the highest affordable price.
 * RSH and the income cap are not known here; they are checked on the roster.
 */
export function simulateCapacity(
  input: { monthlyIncomeClp: number; savingsUf: DecimalInput; zone: ZoneId },
  params: TCallParameters,
): Capacity {
  const f = params.financing;
  const savings = dec(input.savingsUf);
  const subsidy = dec(params.zones[input.zone].subsidyUf);
  const maxPayment = dec(input.monthlyIncomeClp).times(f.maxPaymentToIncomeShare);
  // The seed's "renta mensual" is rounded to the peso, so a household earning exactly that figure
  // qualifies: credit c passes when round(c·K ÷ 0,25) ≤ income, i.e. c·K ÷ 0,25 < income + 0,5.
  const pesosPerCreditUf = paymentFactor(params).times(f.ufValueClp);
  const incomeBound = dec(input.monthlyIncomeClp).plus('0.5');
  const passes = (credit: Dec) => credit.times(pesosPerCreditUf).div(f.maxPaymentToIncomeShare).lt(incomeBound);
  let maxCredit = incomeBound.times(f.maxPaymentToIncomeShare).div(pesosPerCreditUf).toDecimalPlaces(2, Dec.ROUND_DOWN);
  if (!passes(maxCredit)) maxCredit = maxCredit.minus('0.01');
  if (maxCredit.lt(0)) maxCredit = new Dec(0);
  const maxPrice = maxCredit.plus(subsidy).plus(savings).toDecimalPlaces(2, Dec.ROUND_DOWN);

  const bands = bandRanges(input.zone, params).map((range): CapacityBand => {
    const minSavings = params.bandRequirements[range.band].minSavingsUf;
    const meetsSavings = savings.gte(minSavings);
    const affordable = maxPrice.gt(range.minExclusiveUf);
    const top = affordable ? Dec.min(maxPrice, range.maxUf) : null;
    const reasons: string[] = [];
    if (!meetsSavings)
      reasons.push(`El tramo ${range.band} exige un ahorro mínimo de ${formatUf(minSavings)}; usted indicó ${formatUf(savings)}.`);
    if (!affordable)
      reasons.push(
        `Con un ingreso de ${formatClp(input.monthlyIncomeClp)} el dividendo no puede superar el ${formatShare(f.maxPaymentToIncomeShare)} (${formatClp(maxPayment)}): alcanza hasta ${formatUf(maxPrice)}, y el tramo ${range.band} parte sobre ${formatUf(range.minExclusiveUf)}.`,
      );
    return {
      band: range.band,
      minExclusivePriceUf: range.minExclusiveUf,
      maxPriceUf: range.maxUf,
      minSavingsUf: minSavings,
      meetsSavings,
      affordable,
      eligible: meetsSavings && affordable,
      maxAffordablePriceUf: top ? top.toFixed(2) : null,
      financingAtMaxPrice: top
        ? computeFinancing({ priceUf: top, subsidyUf: subsidy, savingsUf: savings, band: range.band }, params)
        : null,
      reasons,
    };
  });
  const eligible = bands.filter((b) => b.eligible);
  const best = eligible.at(-1)?.maxAffordablePriceUf ?? null;
  return {
    zone: input.zone,
    subsidyUf: subsidy.toFixed(),
    monthlyIncomeClp: input.monthlyIncomeClp,
    savingsUf: savings.toFixed(),
    maxPaymentClp: maxPayment.toFixed(),
    maxCreditUf: maxCredit.toFixed(2),
    maxPriceBy25RuleUf: maxPrice.toFixed(2),
    bands,
    eligibleBands: eligible.map((b) => b.band),
    maxAffordablePriceUf: best,
    source: SOURCES.financingTable,
  };
}
