/**
 * National selection (the 2022 call, «Selección de los grupos postulantes»): the projects approved by SERVIU
 * are taken "conforme al orden de prelación que determine el respectivo puntaje del grupo, hasta
 * completar el total de los recursos del llamado" (2022: 630.000 UF and 600 dwellings).
 *
 * Order: group score descending; ties by earlier submission, then by application number (code-unit
 * order; numbers are zero-padded), then by application id, so the ranking is total and reproducible.
 *
 * A project is selected only if BOTH its subsidy (UF) and its dwellings fit what remains. When one does
 * not fit, the reading chosen for the 2022 call (`selection.afterMiss = 'continue'`) is that later
 * projects that still fit are selected, always in rank order: the text's aim is to complete the call's
 * resources; the project passed over could not be funded anyway (a group's project is indivisible), and
 * no project that fits is ever passed over in favour of a lower-ranked one. The first project left out
 * is reported with its reason so the Ministry can decide to add resources for it. `'stop'` ends the
 * selection at the first project that does not fit (strict rank reading), for calls that say so.
 *
 * A technically approved project that cannot be ranked (no zone, no eligible applicant, no dwellings)
 * is not dropped: it is listed apart, with its reason, so the run decides every approved project of the
 * call — selected, or not selected with the reason it is told.
 */
import type { TCallParameters } from './call-parameters';
import { SOURCES, dec, formatNumber, formatUf } from './explain';
import type { Dec, DecimalInput } from './explain';

export type SelectionCandidate = {
  applicationId: string;
  applicationNumber: string;
  submittedAt: Date | string;
  /** Group score (exact decimal string from groupScore). */
  groupScore: DecimalInput;
  dwellings: number;
  /** Subsidy requested by the project: its dwellings × the zone's subsidy (UF). */
  subsidyUf: DecimalInput;
  /** False when the project cannot be ranked; `unrankableReason` then says why (Spanish). */
  approved: boolean;
  unrankableReason?: string | null;
};

/** A technically approved project the ranking cannot place, with the reason it is not selected. */
export type UnrankedApplication = {
  applicationId: string;
  applicationNumber: string;
  dwellings: number;
  reason: 'not_rankable';
  message: string;
};

export type LeftOutReason = 'budget_uf' | 'dwellings' | 'budget_uf_and_dwellings' | 'selection_stopped';

export type RankedApplication = {
  rank: number;
  applicationId: string;
  applicationNumber: string;
  groupScore: string;
  dwellings: number;
  subsidyUf: string;
  selected: boolean;
  reason: LeftOutReason | null;
  /** Why a ranked project was left out, in Spanish (what its participants are told), or null. */
  reasonMessage: string | null;
  /** UF and dwellings committed after this project (selected ones only change them). */
  cumulativeUf: string;
  cumulativeDwellings: number;
};

export type SelectionResult = {
  afterMiss: 'continue' | 'stop';
  ranking: RankedApplication[];
  selected: RankedApplication[];
  budgetUf: string;
  maxDwellings: number;
  budgetUsedUf: string;
  dwellingsUsed: number;
  budgetRemainingUf: string;
  dwellingsRemaining: number;
  firstLeftOut: (RankedApplication & { message: string }) | null;
  /** Approved projects that could not be ranked, by application number: not selected, each with its reason. */
  unranked: UnrankedApplication[];
  notApprovedCount: number;
  message: string;
  source: string;
};

/**
 * Sort key. Scores are compared as floats first (string → float conversion is monotone, so a
 * difference in floats is a difference in exact values) and as exact decimals only when the floats tie.
 * UF amounts become scaled integers (BigInt) so 50.000 additions stay exact and fast.
 */
type Keyed = { c: SelectionCandidate; scoreText: string; approx: number; exact: Dec | null; at: number; uf: bigint };

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function decimalText(value: DecimalInput, what: string): string {
  const text = typeof value === 'string' ? value.trim() : dec(value).toFixed();
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`${what} inválido: «${String(value)}».`);
  return text;
}

function exactScore(k: Keyed): Dec {
  return (k.exact ??= dec(k.scoreText));
}

function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.approx !== b.approx) return b.approx - a.approx;
  const byScore = exactScore(b).cmp(exactScore(a));
  if (byScore !== 0) return byScore;
  if (a.at !== b.at) return a.at - b.at;
  if (a.c.applicationNumber !== b.c.applicationNumber) return a.c.applicationNumber < b.c.applicationNumber ? -1 : 1;
  if (a.c.applicationId !== b.c.applicationId) return a.c.applicationId < b.c.applicationId ? -1 : 1;
  return 0;
}

function scaleOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function toScaled(text: string, scale: number): bigint {
  const [intPart = '0', frac = ''] = text.split('.');
  return BigInt(intPart + frac.padEnd(scale, '0'));
}

function fromScaled(value: bigint, scale: number): string {
  if (scale === 0) return value.toString();
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const intPart = digits.slice(0, -scale);
  const frac = digits.slice(-scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
}

/** Ranking of the approved projects in selection order (see the tie-break above). */
export function rankApplications(candidates: ReadonlyArray<SelectionCandidate>): SelectionCandidate[] {
  return keyAndSort(candidates, 0).keyed.map((k) => k.c);
}

function keyAndSort(candidates: ReadonlyArray<SelectionCandidate>, minScale: number): { keyed: Keyed[]; scale: number } {
  const approved: Array<{ c: SelectionCandidate; scoreText: string; ufText: string; at: number }> = [];
  let scale = minScale;
  for (const c of candidates) {
    if (!c.approved) continue;
    const at = c.submittedAt instanceof Date ? c.submittedAt.getTime() : Date.parse(c.submittedAt);
    if (Number.isNaN(at)) throw new RangeError(`Fecha de ingreso inválida en la postulación ${c.applicationNumber}.`);
    const ufText = decimalText(c.subsidyUf, `Monto de subsidio de la postulación ${c.applicationNumber}`);
    scale = Math.max(scale, scaleOf(ufText));
    approved.push({ c, scoreText: decimalText(c.groupScore, `Puntaje de la postulación ${c.applicationNumber}`), ufText, at });
  }
  const keyed = approved.map(
    (a): Keyed => ({ c: a.c, scoreText: a.scoreText, approx: Number(a.scoreText), exact: null, at: a.at, uf: toScaled(a.ufText, scale) }),
  );
  return { keyed: keyed.sort(compareKeyed), scale };
}

function reasonText(reason: LeftOutReason, item: RankedApplication, remainingUf: string, remainingDwellings: number): string {
  const project = `El proyecto ${item.applicationNumber} (lugar ${item.rank}, ${item.dwellings} viviendas, ${formatUf(item.subsidyUf)})`;
  switch (reason) {
    case 'budget_uf':
      return `${project} no cabe en los recursos restantes del llamado: quedan ${formatUf(remainingUf)}.`;
    case 'dwellings':
      return `${project} no cabe en el cupo de viviendas restante del llamado: quedan ${formatNumber(remainingDwellings)} viviendas.`;
    case 'budget_uf_and_dwellings':
      return `${project} no cabe en los recursos ni en el cupo de viviendas restantes: quedan ${formatUf(remainingUf)} y ${formatNumber(remainingDwellings)} viviendas.`;
    case 'selection_stopped':
      return `${project} no fue seleccionado: la selección se detiene en el primer proyecto que no cabe.`;
  }
}

export function selectApplications(candidates: ReadonlyArray<SelectionCandidate>, params: TCallParameters): SelectionResult {
  const { budgetUf, maxDwellings, afterMiss } = params.selection;
  const budgetText = decimalText(budgetUf, 'Presupuesto del llamado');
  const { keyed: sorted, scale } = keyAndSort(candidates, scaleOf(budgetText));
  const budget = toScaled(budgetText, scale);
  let usedUf = 0n;
  let usedDwellings = 0;
  let stopped = false;
  let firstLeftOut: SelectionResult['firstLeftOut'] = null;
  const ranking: RankedApplication[] = [];
  const selected: RankedApplication[] = [];

  for (let index = 0; index < sorted.length; index++) {
    const k = sorted[index]!;
    const remainingUf = budget - usedUf;
    const remainingDwellings = maxDwellings - usedDwellings;
    const ufFits = k.uf <= remainingUf;
    const dwellingsFit = k.c.dwellings <= remainingDwellings;
    let reason: LeftOutReason | null = null;
    if (stopped) reason = 'selection_stopped';
    else if (!ufFits && !dwellingsFit) reason = 'budget_uf_and_dwellings';
    else if (!ufFits) reason = 'budget_uf';
    else if (!dwellingsFit) reason = 'dwellings';
    if (reason === null) {
      usedUf += k.uf;
      usedDwellings += k.c.dwellings;
    }
    const base = {
      rank: index + 1,
      applicationId: k.c.applicationId,
      applicationNumber: k.c.applicationNumber,
      groupScore: k.scoreText,
      dwellings: k.c.dwellings,
      subsidyUf: fromScaled(k.uf, scale),
      selected: reason === null,
      reason,
      reasonMessage: null,
      cumulativeUf: fromScaled(usedUf, scale),
      cumulativeDwellings: usedDwellings,
    };
    const item: RankedApplication = reason === null ? base : { ...base, reasonMessage: reasonText(reason, base, fromScaled(remainingUf, scale), remainingDwellings) };
    ranking.push(item);
    if (reason === null) selected.push(item);
    else if (firstLeftOut === null) {
      firstLeftOut = { ...item, message: item.reasonMessage! };
      if (afterMiss === 'stop') stopped = true;
    }
  }
  const unranked: UnrankedApplication[] = candidates
    .filter((c) => !c.approved)
    .map((c) => ({
      applicationId: c.applicationId,
      applicationNumber: c.applicationNumber,
      dwellings: c.dwellings,
      reason: 'not_rankable' as const,
      message: `El proyecto ${c.applicationNumber} no puede ordenarse por puntaje y no es seleccionado: ${c.unrankableReason?.trim() || 'no cumple las condiciones para calcular su puntaje o su subsidio.'}`,
    }))
    .sort((a, b) => (a.applicationNumber < b.applicationNumber ? -1 : a.applicationNumber > b.applicationNumber ? 1 : a.applicationId < b.applicationId ? -1 : 1));

  return {
    afterMiss,
    ranking,
    selected,
    budgetUf: fromScaled(budget, scale),
    maxDwellings,
    budgetUsedUf: fromScaled(usedUf, scale),
    dwellingsUsed: usedDwellings,
    budgetRemainingUf: fromScaled(budget - usedUf, scale),
    dwellingsRemaining: maxDwellings - usedDwellings,
    firstLeftOut,
    unranked,
    notApprovedCount: candidates.length - sorted.length,
    message:
      `Se seleccionan ${selected.length} de ${sorted.length + unranked.length} proyectos aprobados: ${formatUf(fromScaled(usedUf, scale))} de ${formatUf(budgetText)} y ${formatNumber(usedDwellings)} de ${formatNumber(maxDwellings)} viviendas.` +
      (unranked.length === 0 ? '' : ` ${unranked.length === 1 ? '1 proyecto no puede ordenarse' : `${unranked.length} proyectos no pueden ordenarse`} y queda${unranked.length === 1 ? '' : 'n'} no seleccionado${unranked.length === 1 ? '' : 's'}.`),
    source: `${SOURCES.selection}; ${SOURCES.resources}`,
  };
}
