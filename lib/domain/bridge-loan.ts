/**
 * Bridge loan (préstamo de enlace) to the builder (the 2022 call, «Préstamos»): once, at most 36 months, never
 * above the subsidy of the project's dwellings, paid in instalments of 20% / 40% / 40% unlocked by the
 * verified start of works and verified progress strictly above 25% and 60%, in order, never early.
 *
 * Amounts are UF with 2 decimals (centésimos of UF, the precision in which SERVIU resolutions and
 * payment orders state UF amounts): each instalment but the last is loan × share rounded half-up to
 * 2 decimals; the last takes the remainder, so the instalments always add up exactly to the loan.
 */
import type { TCallParameters, ZoneId } from './call-parameters';
import { calendarDaysUntil } from './deadlines';
import type { DateInput } from './deadlines';
import { Dec, SOURCES, dec, formatNumber, formatShare, formatUf, rule } from './explain';
import type { DecimalInput, RuleResult } from './explain';

export type BridgeLoanInstalment = {
  number: number;
  share: string;
  amountUf: string;
  /** null = unlocked by the verified start of works; otherwise verified progress must be strictly above. */
  progressAbovePercent: string | null;
  condition: string;
};

export type BridgeLoanPlan = {
  ok: boolean;
  rules: RuleResult[];
  loanUf: string;
  capUf: string;
  instalments: BridgeLoanInstalment[];
};

function conditionText(progressAbovePercent: string | null): string {
  return progressAbovePercent === null
    ? 'inicio de obras verificado en terreno por el SERVIU'
    : `avance de obras de más de ${formatNumber(progressAbovePercent)}% verificado en terreno por el SERVIU`;
}

/** Splits a loan into the call's instalments; the amounts add up exactly to the loan. */
export function splitInstalments(loanUf: DecimalInput, params: TCallParameters): BridgeLoanInstalment[] {
  const loan = dec(loanUf);
  const defs = params.bridgeLoan.instalments;
  let allocated = new Dec(0);
  return defs.map((def, index) => {
    const isLast = index === defs.length - 1;
    const amount = isLast ? loan.minus(allocated) : loan.times(def.share).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    allocated = allocated.plus(amount);
    return {
      number: index + 1,
      share: def.share,
      amountUf: amount.toFixed(),
      progressAbovePercent: def.progressAbovePercent,
      condition: conditionText(def.progressAbovePercent),
    };
  });
}

/** Cap of the loan: the subsidy of the project's dwellings. */
export function bridgeLoanCapUf(zone: ZoneId, dwellingCount: number, params: TCallParameters): string {
  return dec(params.zones[zone].subsidyUf).times(dwellingCount).toFixed();
}

/**
 * The builder's guarantee secures "la correcta inversión y oportuna y total devolución del préstamo"
 * (the 2022 call, «Préstamos»): it must cover at least the whole loan.
 */
export function checkGuaranteeCoversLoan(guaranteeUf: DecimalInput, loanUf: DecimalInput): RuleResult {
  const guarantee = dec(guaranteeUf);
  const loan = dec(loanUf);
  const ok = guarantee.gte(loan);
  return rule(
    'bridge_loan.guarantee',
    ok,
    ok
      ? `La garantía de ${formatUf(guarantee)} cubre el préstamo de ${formatUf(loan)}.`
      : `La garantía debe caucionar la devolución total del préstamo: su monto (${formatUf(guarantee)}) no puede ser menor que el del préstamo (${formatUf(loan)}).`,
    SOURCES.bridgeLoan,
    { guaranteeUf: guarantee.toFixed(), loanUf: loan.toFixed() },
  );
}

export function planBridgeLoan(
  input: { zone: ZoneId; dwellingCount: number; amountUf: DecimalInput; termMonths: number; guaranteeAmountUf?: DecimalInput },
  params: TCallParameters,
): BridgeLoanPlan {
  const cap = dec(bridgeLoanCapUf(input.zone, input.dwellingCount, params));
  const amount = dec(input.amountUf);
  const source = SOURCES.bridgeLoan;
  const amountValid = amount.gt(0) && amount.decimalPlaces() <= 2;
  const rules: RuleResult[] = [
    rule(
      'bridge_loan.amount',
      amountValid && amount.lte(cap),
      !amountValid
        ? `El monto del préstamo debe ser mayor que 0 UF y tener a lo más 2 decimales (se indicó ${formatUf(amount)}).`
        : amount.lte(cap)
          ? `Préstamo de ${formatUf(amount)}: no excede el subsidio de las ${input.dwellingCount} viviendas del proyecto (${formatUf(cap)}).`
          : `El préstamo no puede exceder el monto de subsidio de las viviendas del proyecto (${formatUf(cap)}); se pidieron ${formatUf(amount)}.`,
      source,
      { amountUf: amount.toFixed(), capUf: cap.toFixed(), dwellings: input.dwellingCount },
    ),
    rule(
      'bridge_loan.term',
      Number.isInteger(input.termMonths) && input.termMonths >= 1 && input.termMonths <= params.bridgeLoan.maxMonths,
      input.termMonths <= params.bridgeLoan.maxMonths && input.termMonths >= 1
        ? `Plazo de ${input.termMonths} meses (máximo ${params.bridgeLoan.maxMonths}).`
        : `El préstamo de enlace tiene un plazo máximo de ${params.bridgeLoan.maxMonths} meses; se pidieron ${input.termMonths}.`,
      source,
      { termMonths: input.termMonths, maxMonths: params.bridgeLoan.maxMonths },
    ),
  ];
  if (input.guaranteeAmountUf !== undefined) rules.push(checkGuaranteeCoversLoan(input.guaranteeAmountUf, amount));
  return {
    ok: rules.every((r) => r.ok),
    rules,
    loanUf: amount.toFixed(),
    capUf: cap.toFixed(),
    instalments: splitInstalments(amount, params),
  };
}

export type WorksState = {
  worksStartVerified: boolean;
  /** Last progress percentage verified on site by SERVIU (0–100), or null if none yet. */
  verifiedProgressPercent: DecimalInput | null;
  /** How many instalments have already been paid (they are paid in order). */
  paidInstalments: number;
};

function conditionMet(progressAbovePercent: string | null, state: WorksState): boolean {
  if (!state.worksStartVerified) return false;
  if (progressAbovePercent === null) return true;
  return state.verifiedProgressPercent !== null && dec(state.verifiedProgressPercent).gt(progressAbovePercent);
}

/** Whether instalment `number` (1-based) may be paid now: its condition holds and every earlier one is paid. */
export function checkInstalmentRelease(number: number, state: WorksState, params: TCallParameters): RuleResult {
  const defs = params.bridgeLoan.instalments;
  const def = defs[number - 1];
  const source = SOURCES.bridgeLoan;
  const figures = {
    instalment: number,
    paidInstalments: state.paidInstalments,
    worksStartVerified: state.worksStartVerified ? 'sí' : 'no',
    verifiedProgressPercent: state.verifiedProgressPercent === null ? 'sin verificación' : dec(state.verifiedProgressPercent).toFixed(),
  };
  if (!def) return rule('bridge_loan.instalment', false, `El préstamo tiene ${defs.length} cuotas; no existe la cuota ${number}.`, source, figures);
  const share = formatShare(def.share);
  if (number <= state.paidInstalments)
    return rule('bridge_loan.instalment', false, `La cuota ${number} (${share}) ya fue pagada.`, source, figures);
  if (number > state.paidInstalments + 1)
    return rule(
      'bridge_loan.instalment',
      false,
      `Las cuotas se pagan en orden: antes de la cuota ${number} debe pagarse la cuota ${state.paidInstalments + 1}.`,
      source,
      figures,
    );
  const met = conditionMet(def.progressAbovePercent, state);
  const progressText =
    state.verifiedProgressPercent === null ? 'no hay avance verificado' : `el avance verificado es ${formatNumber(state.verifiedProgressPercent)}%`;
  return rule(
    'bridge_loan.instalment',
    met,
    met
      ? `La cuota ${number} (${share}) puede pagarse: ${conditionText(def.progressAbovePercent)}.`
      : !state.worksStartVerified
        ? `La cuota ${number} (${share}) exige el inicio de obras verificado en terreno por el SERVIU.`
        : `La cuota ${number} (${share}) exige ${conditionText(def.progressAbovePercent)}; ${progressText}.`,
    source,
    figures,
  );
}

export type InstalmentStatus = BridgeLoanInstalment & { paid: boolean; conditionMet: boolean; payable: boolean; reason: RuleResult };

/** Status of every instalment of a loan for the follow-up screen. */
export function instalmentStatus(loanUf: DecimalInput, state: WorksState, params: TCallParameters): InstalmentStatus[] {
  return splitInstalments(loanUf, params).map((instalment) => {
    const reason = checkInstalmentRelease(instalment.number, state, params);
    return {
      ...instalment,
      paid: instalment.number <= state.paidInstalments,
      conditionMet: conditionMet(instalment.progressAbovePercent, state),
      payable: reason.ok,
      reason,
    };
  });
}

export type GuaranteeExpiry =
  | { kind: 'expired'; daysLeft: number }
  | { kind: 'due'; daysLeft: number }
  | { kind: 'ok'; daysLeft: number };

/**
 * Where the builder's guarantee stands on the day of `at`, in calendar days of the call's time zone:
 * 'due' from `guaranteeWarningDays` days before its expiry date through that date itself (daysLeft 0 =
 * it expires today), 'expired' from the next day on. The follow-up screen and the daily alerts both read
 * this, so they never disagree.
 */
export function guaranteeExpiry(expiresOn: DateInput, at: Date, params: TCallParameters): GuaranteeExpiry {
  const daysLeft = calendarDaysUntil(expiresOn, at, params);
  if (daysLeft < 0) return { kind: 'expired', daysLeft };
  if (daysLeft <= params.bridgeLoan.guaranteeWarningDays) return { kind: 'due', daysLeft };
  return { kind: 'ok', daysLeft };
}

/** "hoy", "mañana" or "en N días", for the guarantee warning. */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return 'hoy';
  if (daysLeft === 1) return 'mañana';
  return `en ${daysLeft} días`;
}
