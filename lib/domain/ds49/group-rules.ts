/**
 * Requirements of the families and the group (the GORE Magallanes reglamento, "3. Requisitos de las familias y/o agrupación").
 * Shares are compared exactly: count ≥ minimum share × total, in decimals.
 */
import Decimal from 'decimal.js';
import { addDaysIso, addYearsIso, formatIsoDateCl, toLocalIsoDate } from './dates';
import { formatShareCl } from './format';
import type { TDs49Parameters } from './parameters';
import { cite, citeShort, displayRut, listEs, plural, ruleResult, withSource } from './rule-helpers';
import type { DateInput, Ds49Family, IsoDate, RuleResult } from './types';

function share(count: number, total: number): Decimal {
  return total === 0 ? new Decimal(0) : new Decimal(count).div(total);
}

function shareFigure(count: number, total: number): string {
  return share(count, total).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();
}

function noFamilies(id: Parameters<typeof ruleResult>[0], source: string, ref: string): RuleResult {
  return ruleResult(id, false, `La agrupación no registra familias (${ref}).`, source, { families: 0 });
}

/** At least 70% of the families in the 40% RSH bracket (3.a). */
export function checkRsh40Min(families: readonly Ds49Family[], params: TDs49Parameters): RuleResult {
  const source = cite(params, '3.a');
  const ref = citeShort(source, params);
  if (families.length === 0) return noFamilies('ds49.rsh_40_min', source, ref);
  const { vulnerableBracketMax, minShareVulnerable } = params.rsh;
  const total = families.length;
  const vulnerable = families.filter((f) => f.rshPercentile <= vulnerableBracketMax).length;
  const ok = new Decimal(vulnerable).gte(new Decimal(minShareVulnerable).times(total));
  const shown = `${formatShareCl(share(vulnerable, total))} (${vulnerable} de ${total})`;
  const min = formatShareCl(minShareVulnerable);
  const message = ok
    ? `El ${shown} de las familias pertenece al ${vulnerableBracketMax}% más vulnerable según el Registro Social de Hogares; el mínimo es ${min} (${ref}).`
    : `Solo el ${shown} de las familias pertenece al ${vulnerableBracketMax}% más vulnerable según el Registro Social de Hogares; el grupo debe conformarse con al menos un ${min} (${ref}).`;
  return ruleResult('ds49.rsh_40_min', ok, message, source, {
    families: total,
    vulnerableFamilies: vulnerable,
    share: shareFigure(vulnerable, total),
    minShare: minShareVulnerable,
    bracketMax: vulnerableBracketMax,
  });
}

/**
 * Families above the 40% bracket: at most 30%, none above the 90% bracket, and each with
 * "Déficit Habitacional Alto" in the RSH (3.a).
 */
export function checkRshHighDeficit(families: readonly Ds49Family[], params: TDs49Parameters): RuleResult {
  const source = cite(params, '3.a');
  const ref = citeShort(source, params);
  if (families.length === 0) return noFamilies('ds49.rsh_high_deficit', source, ref);
  const { vulnerableBracketMax, aboveBracketMax, maxShareAbove, aboveRequiresHighDeficit } = params.rsh;
  const total = families.length;
  const above = families.filter((f) => f.rshPercentile > vulnerableBracketMax);
  const overMax = above.filter((f) => f.rshPercentile > aboveBracketMax);
  const withoutDeficit = above.filter(
    (f) => f.rshPercentile <= aboveBracketMax && aboveRequiresHighDeficit && !f.highDeficit,
  );
  const shareOk = new Decimal(above.length).lte(new Decimal(maxShareAbove).times(total));
  const ok = shareOk && overMax.length === 0 && withoutDeficit.length === 0;
  const maxShown = formatShareCl(maxShareAbove);
  const range = `sobre el ${vulnerableBracketMax}% y hasta el ${aboveBracketMax}%`;

  let message: string;
  if (above.length === 0) {
    message = `Todas las familias pertenecen al ${vulnerableBracketMax}% más vulnerable; no hay familias ${range} que deban acreditar déficit habitacional alto (${ref}).`;
  } else if (ok) {
    message = `${plural(above.length, 'familia')} ${range} (${formatShareCl(share(above.length, total))}, máximo ${maxShown}) ${above.length === 1 ? 'acredita' : 'acreditan'} déficit habitacional alto según el RSH (${ref}).`;
  } else {
    const faults: string[] = [];
    if (!shareOk)
      faults.push(
        `las familias ${range} son el ${formatShareCl(share(above.length, total))} (${above.length} de ${total}) y el máximo es ${maxShown}`,
      );
    if (withoutDeficit.length > 0)
      faults.push(
        `${plural(withoutDeficit.length, 'familia')} sobre el ${vulnerableBracketMax}% no ${withoutDeficit.length === 1 ? 'acredita' : 'acreditan'} déficit habitacional alto según el RSH: ${listEs(withoutDeficit.map((f) => `${displayRut(f.rut)} (tramo ${f.rshPercentile}%)`))}`,
      );
    if (overMax.length > 0)
      faults.push(
        `${plural(overMax.length, 'familia')} ${overMax.length === 1 ? 'está' : 'están'} sobre el ${aboveBracketMax}% de calificación socioeconómica y no ${overMax.length === 1 ? 'puede' : 'pueden'} integrar el grupo: ${listEs(overMax.map((f) => `${displayRut(f.rut)} (tramo ${f.rshPercentile}%)`))}`,
      );
    message = `No se cumple la composición por tramo del RSH: ${faults.join('; ')} (${ref}).`;
  }
  return ruleResult('ds49.rsh_high_deficit', ok, message, source, {
    families: total,
    familiesAbove: above.length,
    share: shareFigure(above.length, total),
    maxShare: maxShareAbove,
    withoutHighDeficit: withoutDeficit.length,
    aboveMaxBracket: overMax.length,
    offendingRuts: [...withoutDeficit, ...overMax].map((f) => displayRut(f.rut)).join(', '),
  });
}

/** At least 90% of the families with a household of 2 or more (3.b). */
export function checkHousehold2Plus(families: readonly Ds49Family[], params: TDs49Parameters): RuleResult {
  const source = cite(params, '3.b');
  const ref = citeShort(source, params);
  if (families.length === 0) return noFamilies('ds49.household_2plus', source, ref);
  const { minMembers, minShareWithMinMembers } = params.household;
  const total = families.length;
  const large = families.filter((f) => f.householdSize >= minMembers).length;
  const ok = new Decimal(large).gte(new Decimal(minShareWithMinMembers).times(total));
  const shown = `${formatShareCl(share(large, total))} (${large} de ${total})`;
  const min = formatShareCl(minShareWithMinMembers);
  const message = ok
    ? `El ${shown} de las familias acredita un núcleo familiar de ${minMembers} o más integrantes; el mínimo es ${min} (${ref}).`
    : `Solo el ${shown} de las familias acredita un núcleo familiar de ${minMembers} o más integrantes; se exige un mínimo de ${min} (${ref}).`;
  return ruleResult('ds49.household_2plus', ok, message, source, {
    families: total,
    familiesWithMinMembers: large,
    share: shareFigure(large, total),
    minShare: minShareWithMinMembers,
    minMembers,
  });
}

/** Date from which an instrument opened on `openedOn` has the minimum seniority (its anniversary). */
export function savingsSeniorityReachedOn(openedOn: IsoDate, params: TDs49Parameters): IsoDate {
  return addYearsIso(openedOn, params.savings.minSeniorityYears);
}

/**
 * Savings instrument at least 3 years old when the project is presented, except for families with high
 * housing deficit (3.d). Counted in calendar days of Chile: an instrument opened on 15-03-2021 has 3
 * years on 15-03-2024.
 */
export function checkSavingsSeniority(
  families: readonly Ds49Family[],
  submissionDate: DateInput,
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '3.d');
  const ref = citeShort(source, params);
  if (families.length === 0) return noFamilies('ds49.savings_seniority', source, ref);
  const years = params.savings.minSeniorityYears;
  const presentedOn = toLocalIsoDate(submissionDate, params.timeZone);
  const exempt = families.filter((f) => params.savings.exemptIfHighDeficit && f.highDeficit);
  const required = families.filter((f) => !(params.savings.exemptIfHighDeficit && f.highDeficit));
  const missing = required.filter((f) => f.savingsInstrumentOpenedOn == null);
  const tooRecent = required.filter(
    (f) => f.savingsInstrumentOpenedOn != null && savingsSeniorityReachedOn(f.savingsInstrumentOpenedOn, params) > presentedOn,
  );
  const ok = missing.length === 0 && tooRecent.length === 0;
  const exemptNote =
    exempt.length > 0 ? ` ${plural(exempt.length, 'familia')} con déficit habitacional alto ${exempt.length === 1 ? 'queda eximida' : 'quedan eximidas'}.` : '';

  let message: string;
  if (required.length === 0) {
    message = withSource(
      `Todas las familias tienen déficit habitacional alto según el RSH y quedan eximidas de acreditar ${years} años de antigüedad del instrumento de ahorro.`,
      ref,
    );
  } else if (ok) {
    message = withSource(
      `${plural(required.length, 'familia')} ${required.length === 1 ? 'acredita' : 'acreditan'} un instrumento de ahorro con al menos ${years} años de antigüedad al ${formatIsoDateCl(presentedOn)}.${exemptNote}`,
      ref,
    );
  } else {
    const faults: string[] = [];
    if (tooRecent.length > 0)
      faults.push(
        `${plural(tooRecent.length, 'familia')} no ${tooRecent.length === 1 ? 'alcanza' : 'alcanzan'} ${years} años de antigüedad del instrumento de ahorro al ${formatIsoDateCl(presentedOn)}: ${listEs(
          tooRecent.map(
            (f) => `${displayRut(f.rut)} (cumple ${years} años el ${formatIsoDateCl(savingsSeniorityReachedOn(f.savingsInstrumentOpenedOn ?? presentedOn, params))})`,
          ),
        )}`,
      );
    if (missing.length > 0)
      faults.push(
        `${plural(missing.length, 'familia')} no ${missing.length === 1 ? 'informa' : 'informan'} la fecha de apertura del instrumento de ahorro: ${listEs(missing.map((f) => displayRut(f.rut)))}`,
      );
    message = withSource(
      `${faults.join('; ')}. Solo se exime a las familias con déficit habitacional alto según el RSH.${exemptNote}`,
      ref,
    );
  }
  return ruleResult('ds49.savings_seniority', ok, message, source, {
    presentedOn,
    minYears: years,
    familiesRequired: required.length,
    familiesExempt: exempt.length,
    familiesTooRecent: tooRecent.length,
    familiesWithoutDate: missing.length,
    offendingRuts: [...tooRecent, ...missing].map((f) => displayRut(f.rut)).join(', '),
  });
}

export type GoreBlockStatus = {
  rut: string;
  previousGoreSolutionOn: IsoDate;
  /** Last day on which the person may not be invoked in another household. */
  blockedThrough: IsoDate;
  blocked: boolean;
  endedByMajority: boolean;
};

/**
 * Block of 3.c for one person. The 5 years count from the MINVU selection resolution and, as a term of
 * years (Código Civil art. 48), run through the day with the same number: selected on 10-06-2020,
 * blocked through 10-06-2025. A person invoked as a minor is free from their 18th birthday if that
 * comes first.
 */
export function goreBlockStatus(
  person: { rut: string; previousGoreSolutionOn: IsoDate; wasMinorWhenInvoked?: boolean; birthDate?: IsoDate },
  on: IsoDate,
  params: TDs49Parameters,
): GoreBlockStatus {
  let blockedThrough = addYearsIso(person.previousGoreSolutionOn, params.goreBlock.years);
  let endedByMajority = false;
  if (person.wasMinorWhenInvoked && person.birthDate) {
    const lastDayAsMinor = addDaysIso(addYearsIso(person.birthDate, params.goreBlock.ageOfMajority), -1);
    if (lastDayAsMinor < blockedThrough) {
      blockedThrough = lastDayAsMinor;
      endedByMajority = true;
    }
  }
  return {
    rut: person.rut,
    previousGoreSolutionOn: person.previousGoreSolutionOn,
    blockedThrough,
    blocked: on <= blockedThrough,
    endedByMajority,
  };
}

/** No member of a household that got a GORE-financed solution may be invoked again within 5 years (3.c). */
export function checkGoreBlock(
  families: readonly Ds49Family[],
  submissionDate: DateInput,
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '3.c');
  const ref = citeShort(source, params);
  if (families.length === 0) return noFamilies('ds49.gore_block', source, ref);
  const on = toLocalIsoDate(submissionDate, params.timeZone);
  const statuses: GoreBlockStatus[] = [];
  let minorsWithoutBirthDate = 0;
  for (const family of families) {
    if (family.previousGoreSolutionOn)
      statuses.push(goreBlockStatus({ rut: family.rut, previousGoreSolutionOn: family.previousGoreSolutionOn }, on, params));
    for (const member of family.members ?? []) {
      if (!member.previousGoreSolutionOn) continue;
      if (member.wasMinorWhenInvoked && !member.birthDate) minorsWithoutBirthDate++;
      statuses.push(
        goreBlockStatus(
          {
            rut: member.rut,
            previousGoreSolutionOn: member.previousGoreSolutionOn,
            wasMinorWhenInvoked: member.wasMinorWhenInvoked,
            birthDate: member.birthDate,
          },
          on,
          params,
        ),
      );
    }
  }
  const blocked = statuses.filter((s) => s.blocked);
  const ok = blocked.length === 0;
  const years = params.goreBlock.years;
  let message: string;
  if (statuses.length === 0) {
    message = `Ningún integrante de los núcleos declarados registra una solución habitacional financiada con recursos del Gobierno Regional (${ref}).`;
  } else if (ok) {
    message = `${plural(statuses.length, 'integrante')} con una solución anterior financiada por el Gobierno Regional ya ${statuses.length === 1 ? 'cumplió' : 'cumplieron'} el plazo de ${years} años desde la resolución que seleccionó su proyecto, o la mayoría de edad (${ref}).`;
  } else {
    const birthNote =
      minorsWithoutBirthDate > 0
        ? ` Falta la fecha de nacimiento de ${minorsWithoutBirthDate === 1 ? '1 integrante invocado' : `${minorsWithoutBirthDate} integrantes invocados`} siendo menor de edad; sin ella se aplica el plazo completo.`
        : '';
    message = `${plural(blocked.length, 'integrante')} no ${blocked.length === 1 ? 'puede' : 'pueden'} ser ${blocked.length === 1 ? 'invocado' : 'invocados'} en otro núcleo familiar: ${listEs(
      blocked.map((s) => `${displayRut(s.rut)} (seleccionado el ${formatIsoDateCl(s.previousGoreSolutionOn)}, impedido hasta el ${formatIsoDateCl(s.blockedThrough)})`),
    )}. El plazo es de ${years} años desde la resolución del MINVU que seleccionó el proyecto; para quienes fueron invocados siendo menores de edad, solo hasta que cumplan la mayoría de edad.${birthNote}`;
    message = withSource(message, ref);
  }
  return ruleResult('ds49.gore_block', ok, message, source, {
    checkedOn: on,
    years,
    membersWithPreviousGoreSolution: statuses.length,
    membersBlocked: blocked.length,
    blockedRuts: blocked.map((s) => displayRut(s.rut)).join(', '),
  });
}
