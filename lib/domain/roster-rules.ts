/**
 * Rules of the roster (Nómina) as a whole: non-union workers, one application per RUT per call, and
 * replacements (the 2022 call, «Antecedentes de postulación»; the programme rules "Roster").
 * Shares are compared as exact rationals, never rounded.
 */
import type { TCallParameters, ZoneId } from './call-parameters';
import { SOURCES, dec, formatNumber, formatShare, rule } from './explain';
import type { RuleResult } from './explain';
import { formatRut, normalizeRut } from './rut';
import { checkWorker } from './worker-eligibility';
import type { RosterEntry } from './worker-eligibility';

const MAX_LISTED = 10;

function listRuts(ruts: string[]): string {
  const shown = ruts.slice(0, MAX_LISTED).map(formatRut).join(', ');
  return ruts.length > MAX_LISTED ? `${shown} y ${ruts.length - MAX_LISTED} más` : shown;
}

/** Up to 20% of the roster may be employer's workers who are not union members. */
export function checkNonUnionShare(roster: ReadonlyArray<Pick<RosterEntry, 'unionMember'>>, params: TCallParameters): RuleResult {
  const total = roster.length;
  const nonUnion = roster.filter((entry) => !entry.unionMember).length;
  const maxShare = params.roster.nonUnionMaxShare;
  const maxCount = dec(maxShare).times(total);
  const ok = dec(nonUnion).lte(maxCount);
  return rule(
    'roster.non_union_max',
    ok,
    ok
      ? `${nonUnion} de ${total} trabajadores no son socios de la organización (máximo ${formatShare(maxShare)}).`
      : `Hasta el ${formatShare(maxShare)} de la nómina (${formatNumber(maxCount)} de ${total}) puede no ser socio de la organización; hay ${nonUnion}.`,
    SOURCES.antecedents,
    { nonUnion, total, maxShare, maxCount: maxCount.toFixed() },
  );
}

/**
 * A RUT appears at most once in the roster and in at most one application of the call.
 * `otherRutsInCall` holds the RUTs of the call's other applications (any format; normalised here).
 */
export function checkRutUnique(
  roster: ReadonlyArray<Pick<RosterEntry, 'rut'>>,
  otherRutsInCall: Iterable<string> = [],
): RuleResult {
  const elsewhere = new Set<string>();
  for (const rut of otherRutsInCall) {
    const normal = normalizeRut(rut);
    if (normal) elsewhere.add(normal);
  }
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const usedElsewhere = new Set<string>();
  for (const entry of roster) {
    const normal = normalizeRut(entry.rut);
    if (!normal) continue; // invalid RUTs are reported by worker.rut
    if (seen.has(normal)) repeated.add(normal);
    seen.add(normal);
    if (elsewhere.has(normal)) usedElsewhere.add(normal);
  }
  const ok = repeated.size === 0 && usedElsewhere.size === 0;
  const problems: string[] = [];
  if (repeated.size > 0) problems.push(`se repiten en la nómina: ${listRuts([...repeated])}`);
  if (usedElsewhere.size > 0) problems.push(`ya figuran en otra postulación del llamado: ${listRuts([...usedElsewhere])}`);
  return rule(
    'roster.rut_unique',
    ok,
    ok
      ? 'Cada RUT figura una sola vez en la nómina y en ninguna otra postulación del llamado.'
      : `Un RUT puede figurar en una sola postulación por llamado; ${problems.join('; ')}.`,
    SOURCES.ds1,
    { repeatedInRoster: repeated.size, usedInOtherApplications: usedElsewhere.size },
  );
}

export type Replacement = { replaced: RosterEntry; replacement: RosterEntry };

/**
 * Up to 30% of the workers presented may be replaced; each replacement must meet the requirements and
 * the minimum savings of the band of the worker replaced.
 */
export function checkReplacements(
  replacements: ReadonlyArray<Replacement>,
  presentedRosterSize: number,
  zone: ZoneId,
  params: TCallParameters,
): RuleResult[] {
  const maxShare = params.roster.replacementsMaxShare;
  const maxCount = dec(maxShare).times(presentedRosterSize);
  const ok = dec(replacements.length).lte(maxCount);
  const results: RuleResult[] = [
    rule(
      'roster.replacements_max',
      ok,
      ok
        ? `${replacements.length} reemplazos sobre ${presentedRosterSize} trabajadores presentados (máximo ${formatShare(maxShare)}).`
        : `Se puede reemplazar hasta el ${formatShare(maxShare)} de los trabajadores presentados (${formatNumber(maxCount)} de ${presentedRosterSize}); se pidieron ${replacements.length}.`,
      SOURCES.antecedents,
      { replacements: replacements.length, presented: presentedRosterSize, maxShare, maxCount: maxCount.toFixed() },
    ),
  ];
  for (const { replaced, replacement } of replacements) {
    const band = replaced.band;
    const check = checkWorker(replacement, zone, params, band);
    const replacedRut = normalizeRut(replaced.rut) ?? replaced.rut;
    const failed = check.reasons.filter((r) => !r.ok);
    results.push(
      rule(
        'replacement.band_requirements',
        check.ok,
        check.ok
          ? `El reemplazante ${formatRut(check.rut)} cumple los requisitos y el ahorro mínimo del tramo ${band} del trabajador reemplazado (${formatRut(replacedRut)}).`
          : `El reemplazante ${formatRut(check.rut)} debe cumplir los requisitos del tramo ${band} del trabajador reemplazado (${formatRut(replacedRut)}): ${failed.map((r) => r.message).join(' ')}`,
        SOURCES.antecedents,
        {
          replacedRut,
          replacementRut: check.rut,
          band,
          failedRules: failed.map((r) => r.id).join(','),
        },
      ),
    );
  }
  return results;
}
