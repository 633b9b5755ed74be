/**
 * Obligations and prohibitions on a beneficiary dwelling (the 2022 call, «Obligaciones y prohibiciones que
 * afectan la vivienda»): the family lives in it and may not sell it or cede its use for the call's
 * number of years (10) from the inscription at the Conservador de Bienes Raíces (CBR). Earlier, only the
 * SERVIU director may authorise a sale: with restitution of the subsidy received, or without it under
 * the housing-mobility option when conditions a) and b) hold.
 */
import type { TCallParameters } from './call-parameters';
import { callDateOf, isPastDeadline, prohibitionEnd, startOfCallDay } from './deadlines';
import type { DateInput } from './deadlines';
import { SOURCES, dec, formatUf, rule } from './explain';
import type { DecimalInput, RuleResult } from './explain';

/** Who would buy the dwelling, as condition a) distinguishes them. */
export const BUYER_PROGRAMMES = ['mismo_programa', 'programa_reemplazante', 'programa_mayor_vulnerabilidad', 'otro'] as const;
export type BuyerProgramme = (typeof BUYER_PROGRAMMES)[number];

export const buyerProgrammeLabels: Record<BuyerProgramme, string> = {
  mismo_programa: 'Beneficiario/a de este mismo programa',
  programa_reemplazante: 'Beneficiario/a del programa equivalente que reemplace a este',
  programa_mayor_vulnerabilidad: 'Beneficiario/a de un programa para hogares con mayor vulnerabilidad que la del vendedor',
  otro: 'Otra persona (no cumple la condición a)',
};

/** The director's decision on an early-sale request. */
export const EARLY_SALE_DECISIONS = ['restitucion', 'movilidad_habitacional', 'rechazada'] as const;
export type EarlySaleDecision = (typeof EARLY_SALE_DECISIONS)[number];

export const earlySaleDecisionLabels: Record<EarlySaleDecision, string> = {
  restitucion: 'Venta autorizada con restitución del subsidio',
  movilidad_habitacional: 'Venta autorizada por movilidad habitacional (sin restitución)',
  rechazada: 'Solicitud rechazada',
};

function dayText(iso: string): string {
  return iso.split('-').reverse().join('-');
}

export type ProhibitionTerm = {
  cbrInscribedOn: string;
  years: number;
  /** Last day of the prohibition ("YYYY-MM-DD", call's time zone). */
  endsOn: string;
  /** Last millisecond of that day. */
  endsAt: Date;
};

/**
 * The prohibition runs the call's number of years from the CBR inscription; a term in years ends on the
 * day with the same number, or the month's last day when it has none (29-02-2024 → 28-02-2034).
 */
export function prohibitionTerm(cbrInscribedOn: DateInput, params: TCallParameters): ProhibitionTerm {
  const endsAt = prohibitionEnd(cbrInscribedOn, params);
  return {
    cbrInscribedOn: callDateOf(cbrInscribedOn, params),
    years: params.deadlines.prohibitionYears,
    endsOn: callDateOf(endsAt, params),
    endsAt: new Date(endsAt.getTime()),
  };
}

/** From the first instant of the inscription day until the last millisecond of the term's last day. */
export function isWithinProhibition(at: Date, cbrInscribedOn: DateInput, params: TCallParameters): boolean {
  const starts = startOfCallDay(cbrInscribedOn, params);
  return at.getTime() >= starts.getTime() && !isPastDeadline(at, prohibitionEnd(cbrInscribedOn, params));
}

/** Whether selling the dwelling on `at` still needs the director's authorisation, and until when. */
export function checkProhibitionInForce(at: Date, cbrInscribedOn: DateInput, params: TCallParameters): RuleResult {
  const term = prohibitionTerm(cbrInscribedOn, params);
  const inForce = isWithinProhibition(at, cbrInscribedOn, params);
  const figures = { cbrInscribedOn: term.cbrInscribedOn, endsOn: term.endsOn, years: term.years, at: at.toISOString() };
  const ended = isPastDeadline(at, term.endsAt);
  return rule(
    'prohibition.in_force',
    inForce,
    inForce
      ? `La prohibición de enajenar rige hasta el ${dayText(term.endsOn)} (${term.years} años desde la inscripción en el CBR del ${dayText(term.cbrInscribedOn)}): vender o arrendar antes requiere autorización del Director SERVIU.`
      : ended
        ? `La prohibición terminó el ${dayText(term.endsOn)} (${term.years} años desde la inscripción en el CBR del ${dayText(term.cbrInscribedOn)}).`
        : `La prohibición comienza con la inscripción en el CBR del ${dayText(term.cbrInscribedOn)}.`,
    SOURCES.prohibitions,
    figures,
  );
}

/** The facts a family declares so the director can judge the housing-mobility option. */
export type HousingMobilityFacts = {
  buyerProgramme: BuyerProgramme;
  /** The buyer's programme by name: required for a replacing or more-vulnerable programme. */
  buyerProgrammeName?: string | null;
  /** The seller will put the sale price towards buying another dwelling. */
  proceedsForNewDwelling: boolean;
  newDwellingDescription?: string | null;
};

export type HousingMobilityEvaluation = { ok: boolean; conditionA: RuleResult; conditionB: RuleResult };

function conditionA(facts: HousingMobilityFacts): RuleResult {
  const name = facts.buyerProgrammeName?.trim() ?? '';
  const figures = { buyerProgramme: facts.buyerProgramme, buyerProgrammeName: name };
  const id = 'prohibition.mobility.a_buyer';
  switch (facts.buyerProgramme) {
    case 'mismo_programa':
      return rule(id, true, 'Condición a) cumplida: quien compra es beneficiario/a del mismo programa que otorgó el subsidio al vendedor.', SOURCES.prohibitions, figures);
    case 'programa_reemplazante':
      return name
        ? rule(id, true, `Condición a) cumplida: quien compra es beneficiario/a de «${name}», programa equivalente que reemplaza al que otorgó el subsidio.`, SOURCES.prohibitions, figures)
        : rule(id, false, 'Condición a) sin acreditar: indique el programa equivalente del que es beneficiario/a quien compra.', SOURCES.prohibitions, figures);
    case 'programa_mayor_vulnerabilidad':
      return name
        ? rule(id, true, `Condición a) cumplida: quien compra es beneficiario/a de «${name}», programa destinado a hogares con mayor vulnerabilidad que la del vendedor.`, SOURCES.prohibitions, figures)
        : rule(id, false, 'Condición a) sin acreditar: indique el programa para hogares más vulnerables del que es beneficiario/a quien compra.', SOURCES.prohibitions, figures);
    case 'otro':
      return rule(
        id,
        false,
        'Condición a) no se cumple: quien compra no es beneficiario/a del mismo programa, del programa que lo reemplace, ni de un programa para hogares con mayor vulnerabilidad que la del vendedor.',
        SOURCES.prohibitions,
        figures,
      );
  }
}

function conditionB(facts: HousingMobilityFacts): RuleResult {
  const figures = { proceedsForNewDwelling: facts.proceedsForNewDwelling ? 'si' : 'no' };
  return rule(
    'prohibition.mobility.b_proceeds',
    facts.proceedsForNewDwelling,
    facts.proceedsForNewDwelling
      ? 'Condición b) cumplida: el vendedor destinará el precio de la venta a la compra de otra vivienda.'
      : 'Condición b) no se cumple: el vendedor no destinará el precio de la venta a la compra de otra vivienda.',
    SOURCES.prohibitions,
    figures,
  );
}

/**
 * Housing-mobility option (the 2022 call): the director may authorise the sale without restitution only when
 * a) the buyer is a beneficiary of the same programme, of the equivalent one that replaces it, or of a
 * programme for households more vulnerable than the seller's; and b) the seller puts the price towards
 * buying another dwelling. Both must hold.
 */
export function evaluateHousingMobility(facts: HousingMobilityFacts): HousingMobilityEvaluation {
  const a = conditionA(facts);
  const b = conditionB(facts);
  return { ok: a.ok && b.ok, conditionA: a, conditionB: b };
}

/**
 * An early sale authorised outside the housing-mobility option restitutes the subsidy received for the
 * dwelling (the 2022 call: «condicionado … a la restitución del o los subsidios recibidos»), in UF.
 */
export function restitutionFor(subsidyUf: DecimalInput): RuleResult & { amountUf: string } {
  const amount = dec(subsidyUf);
  if (amount.lte(0)) throw new RangeError('El subsidio recibido debe ser mayor que 0 UF.');
  const amountUf = amount.toFixed(2);
  return {
    ...rule('prohibition.restitution', true, `La venta anticipada exige restituir el subsidio recibido: ${formatUf(amount)}.`, SOURCES.prohibitions, {
      subsidyUf: amountUf,
    }),
    amountUf,
  };
}
