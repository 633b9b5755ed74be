/**
 * Eligibility of one roster worker for the band of the dwelling assigned to them
 * (the 2022 call, «Características de los proyectos y su financiamiento»).
 */
import { z } from 'zod';
import type { Band, RshPercentile, TCallParameters, ZoneId } from './call-parameters';
import { RSH_LABELS, ZBand } from './call-parameters';
import { SOURCES, dec, formatClp, formatShare, formatUf, rule } from './explain';
import type { DecimalInput, RuleResult } from './explain';
import { parseRut, rutErrorMessage } from './rut';

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;
const ZUfAmount = z.union([
  z.number().finite().nonnegative(),
  z.string().trim().regex(DECIMAL_TEXT, { message: 'Monto en UF inválido (use punto decimal, ej.: 50.5).' }),
]);

/** One worker of the roster (Nómina) as the rules see it. */
export const ZRosterEntry = z.object({
  rut: z.string(),
  unionMember: z.boolean(),
  /** RSH bracket label (40…100) or null when the household has no RSH record. */
  rshPercentile: z.literal(RSH_LABELS).nullable(),
  householdSize: z.number().int().min(1),
  /** Household net monthly income in whole pesos (SII); needed only above the RSH threshold. */
  monthlyIncomeClp: z.number().int().nonnegative().nullable(),
  savingsUf: ZUfAmount,
  /** Savings deposited by the call's savings date. */
  savingsDepositedUf: ZUfAmount,
  band: ZBand,
});
export type RosterEntry = {
  rut: string;
  unionMember: boolean;
  rshPercentile: RshPercentile | null;
  householdSize: number;
  monthlyIncomeClp: number | null;
  savingsUf: DecimalInput;
  savingsDepositedUf: DecimalInput;
  band: Band;
};

export type WorkerCheck = { rut: string; ok: boolean; reasons: RuleResult[] };

function isRshLabel(value: number | null): value is RshPercentile {
  return value !== null && (RSH_LABELS as readonly number[]).includes(value);
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

export function checkWorkerRut(rut: string): RuleResult {
  const parsed = parseRut(rut);
  return parsed.ok
    ? rule('worker.rut', true, `RUT ${parsed.rut} válido.`, SOURCES.rut, { rut: parsed.rut })
    : rule('worker.rut', false, rutErrorMessage(parsed), SOURCES.rut, { rut });
}

/** Band 1: RSH ≤ 50%; band 2: ≤ 90%; band 3: an RSH record. "≤ 50%" means label 40 or 50. */
export function checkWorkerRsh(entry: Pick<RosterEntry, 'rshPercentile' | 'band'>, params: TCallParameters): RuleResult {
  const req = params.bandRequirements[entry.band];
  const rsh = entry.rshPercentile;
  const figures: Record<string, string | number> = {
    band: entry.band,
    rshPercentile: rsh ?? 'sin RSH',
    maxRshPercentile: req.maxRshPercentile ?? 'solo registro',
  };
  if (rsh !== null && !isRshLabel(rsh))
    return rule('worker.rsh', false, `El tramo RSH ${String(rsh)} no existe (valores posibles: ${RSH_LABELS.join(', ')}).`, SOURCES.projects, figures);
  if (rsh === null)
    return rule(
      'worker.rsh',
      !req.requiresRshRecord && req.maxRshPercentile === null,
      req.requiresRshRecord || req.maxRshPercentile !== null
        ? `El tramo ${entry.band} exige contar con Registro Social de Hogares; el trabajador no tiene registro.`
        : `El tramo ${entry.band} no exige Registro Social de Hogares.`,
      SOURCES.projects,
      figures,
    );
  if (req.maxRshPercentile === null)
    return rule('worker.rsh', true, `Cuenta con Registro Social de Hogares (tramo ${rsh}%), como exige el tramo ${entry.band}.`, SOURCES.projects, figures);
  const ok = rsh <= req.maxRshPercentile;
  return rule(
    'worker.rsh',
    ok,
    ok
      ? `Tramo RSH ${rsh}%: cumple el máximo de ${req.maxRshPercentile}% del tramo ${entry.band}.`
      : `El tramo ${entry.band} exige RSH hasta el ${req.maxRshPercentile}%; el trabajador está en el tramo ${rsh}%.`,
    SOURCES.projects,
    figures,
  );
}

export function checkWorkerSavingsMin(entry: Pick<RosterEntry, 'savingsUf' | 'band'>, params: TCallParameters): RuleResult {
  const min = params.bandRequirements[entry.band].minSavingsUf;
  const savings = dec(entry.savingsUf);
  const ok = savings.gte(min);
  return rule(
    'worker.savings_min',
    ok,
    ok
      ? `Ahorro de ${formatUf(savings)}: cumple el mínimo de ${formatUf(min)} del tramo ${entry.band}.`
      : `El tramo ${entry.band} exige un ahorro mínimo de ${formatUf(min)}; el trabajador tiene ${formatUf(savings)}.`,
    SOURCES.projects,
    { band: entry.band, savingsUf: savings.toFixed(), minSavingsUf: min },
  );
}

/** At least 50% of the band's MINIMUM savings deposited by the call's savings date. */
export function checkWorkerSavingsDeposited(
  entry: Pick<RosterEntry, 'savingsUf' | 'savingsDepositedUf' | 'band'>,
  params: TCallParameters,
): RuleResult {
  const min = dec(params.bandRequirements[entry.band].minSavingsUf);
  const share = params.savings.depositedShareOfMinimum;
  const required = min.times(share);
  const deposited = dec(entry.savingsDepositedUf);
  const savings = dec(entry.savingsUf);
  const date = formatDate(params.savings.depositDeadline);
  const figures = {
    band: entry.band,
    savingsDepositedUf: deposited.toFixed(),
    requiredDepositedUf: required.toFixed(),
    share,
    depositDeadline: params.savings.depositDeadline,
  };
  if (deposited.gt(savings))
    return rule(
      'worker.savings_deposited',
      false,
      `El ahorro depositado al ${date} (${formatUf(deposited)}) no puede ser mayor que el ahorro total declarado (${formatUf(savings)}).`,
      SOURCES.projects,
      figures,
    );
  const ok = deposited.gte(required);
  return rule(
    'worker.savings_deposited',
    ok,
    ok
      ? `Tiene ${formatUf(deposited)} depositadas al ${date}: cumple el ${formatShare(share)} del ahorro mínimo (${formatUf(required)}).`
      : `Al ${date} debe estar depositado al menos el ${formatShare(share)} del ahorro mínimo del tramo ${entry.band} (${formatUf(required)}); tiene ${formatUf(deposited)}.`,
    SOURCES.projects,
    figures,
  );
}

/** Income cap of a household, by size (4 or more collapses to 4) and the zone's group. */
export function incomeCapFor(householdSize: number, zone: ZoneId, params: TCallParameters) {
  const group = params.incomeCap.zoneGroups[zone];
  const key = householdSize >= 4 ? '4' : householdSize === 3 ? '3' : householdSize === 2 ? '2' : '1';
  return { group, sizeKey: key, ...params.incomeCap.groups[group][key] };
}

/**
 * Above the 90% RSH bracket the household's net monthly income (checked with SII) must not exceed the
 * cap ("tope": income equal to the cap passes).
 */
export function checkWorkerIncomeCap(
  entry: Pick<RosterEntry, 'rshPercentile' | 'householdSize' | 'monthlyIncomeClp'>,
  zone: ZoneId,
  params: TCallParameters,
): RuleResult {
  const threshold = params.incomeCap.rshThreshold;
  if (entry.rshPercentile === null || entry.rshPercentile <= threshold)
    return rule(
      'worker.income_cap',
      true,
      `No aplica tope de ingresos: solo se exige sobre el ${threshold}% del RSH.`,
      SOURCES.projects,
      { rshPercentile: entry.rshPercentile ?? 'sin RSH', rshThreshold: threshold },
    );
  if (!Number.isInteger(entry.householdSize) || entry.householdSize < 1)
    return rule('worker.income_cap', false, 'El grupo familiar debe tener al menos 1 integrante.', SOURCES.projects, {
      householdSize: entry.householdSize,
    });
  const cap = incomeCapFor(entry.householdSize, zone, params);
  const sizeText = cap.sizeKey === '4' ? '4 o más integrantes' : cap.sizeKey === '1' ? '1 integrante' : `${cap.sizeKey} integrantes`;
  const inferredText = cap.inferred ? ' (valor inferido, pendiente de confirmar en la resolución del llamado)' : '';
  const figures = {
    rshPercentile: entry.rshPercentile,
    householdSize: entry.householdSize,
    zoneGroup: cap.group,
    incomeCapClp: cap.amountClp,
    inferred: cap.inferred ? 'sí' : 'no',
    monthlyIncomeClp: entry.monthlyIncomeClp ?? 'sin dato',
  };
  if (entry.monthlyIncomeClp === null)
    return rule(
      'worker.income_cap',
      false,
      `Sobre el ${threshold}% del RSH se exige tope de ingresos: falta el ingreso mensual del grupo familiar (tope ${formatClp(cap.amountClp)} para ${sizeText}${inferredText}).`,
      SOURCES.projects,
      figures,
    );
  const ok = entry.monthlyIncomeClp <= cap.amountClp;
  return rule(
    'worker.income_cap',
    ok,
    ok
      ? `Ingreso de ${formatClp(entry.monthlyIncomeClp)}: no supera el tope de ${formatClp(cap.amountClp)} para ${sizeText}${inferredText}.`
      : `Sobre el ${threshold}% del RSH el ingreso del grupo familiar no puede superar ${formatClp(cap.amountClp)} para ${sizeText}${inferredText}; declara ${formatClp(entry.monthlyIncomeClp)}.`,
    SOURCES.projects,
    figures,
  );
}

/** Every requirement of one worker for their assigned band (or for `asBand`, used for replacements). */
export function checkWorker(
  entry: RosterEntry,
  zone: ZoneId,
  params: TCallParameters,
  asBand: Band = entry.band,
): WorkerCheck {
  const evaluated = asBand === entry.band ? entry : { ...entry, band: asBand };
  const parsed = parseRut(entry.rut);
  const reasons = [
    checkWorkerRut(entry.rut),
    checkWorkerRsh(evaluated, params),
    checkWorkerSavingsMin(evaluated, params),
    checkWorkerSavingsDeposited(evaluated, params),
    checkWorkerIncomeCap(evaluated, zone, params),
  ];
  return { rut: parsed.ok ? parsed.rut : entry.rut, ok: reasons.every((r) => r.ok), reasons };
}
