/** Technical requirements of the project (the GORE Magallanes reglamento, "4. Requisitos técnicos"). */
import Decimal from 'decimal.js';
import { addDaysIso, formatIsoDateCl, toLocalIsoDate } from './dates';
import { formatDecimalCl, formatUf, toDecimal } from './format';
import type { TDs49Parameters } from './parameters';
import { cite, citeShort, plural, ruleResult, withSource } from './rule-helpers';
import type { DateInput, Ds49BuildingPermit, Ds49Dwelling, Ds49Project, IsoDate, RuleResult } from './types';

/** Building permit approved, or its preliminary approval (anteproyecto), issued by the DOM (4.a). */
export function checkBuildingPermit(project: Pick<Ds49Project, 'buildingPermit'>, params: TDs49Parameters): RuleResult {
  const source = cite(params, '4.a');
  const ref = citeShort(source, params);
  const status = project.buildingPermit;
  const ok = status === 'permiso_aprobado' || status === 'anteproyecto_aprobado';
  const described: Record<Ds49BuildingPermit, string> = {
    permiso_aprobado: 'cuenta con Permiso de Edificación aprobado',
    anteproyecto_aprobado: 'cuenta con anteproyecto del Permiso de Edificación aprobado por la Dirección de Obras',
    en_tramite: 'tiene el Permiso de Edificación en trámite, sin anteproyecto aprobado',
    sin_permiso: 'no cuenta con Permiso de Edificación ni anteproyecto aprobado',
  };
  const message = status
    ? ok
      ? `El proyecto ${described[status]}.`
      : `El proyecto ${described[status]}; para el cofinanciamiento del Gobierno Regional se exige el Permiso de Edificación aprobado o su anteproyecto emitido por la Dirección de Obras.`
    : 'No se ha informado el estado del Permiso de Edificación; se exige el permiso aprobado o su anteproyecto emitido por la Dirección de Obras.';
  return ruleResult('ds49.building_permit', ok, withSource(message, ref), source, {
    buildingPermit: status ?? 'no_informado',
  });
}

function effective(dwellings: readonly Ds49Dwelling[], fallback: Decimal, pick: (d: Ds49Dwelling) => Ds49Dwelling['costUf']): Decimal[] {
  if (dwellings.length === 0) return [fallback];
  return dwellings.map((d) => {
    const own = pick(d);
    return own === undefined ? fallback : toDecimal(own);
  });
}

function comunaLimitOrFailure(
  id: 'ds49.cost_max' | 'ds49.gore_contribution_max',
  comunaCode: string,
  params: TDs49Parameters,
): { limit: { maxCostUf: string; maxGoreContributionUf: string; comunaName: string } } | { failure: RuleResult } {
  const source = cite(params, '4.b');
  const ref = citeShort(source, params);
  const limit = params.comunaLimits[comunaCode];
  if (!limit)
    return {
      failure: ruleResult(
        id,
        false,
        withSource(
          `La comuna ${comunaCode} no figura en la tabla de costos del reglamento; el cofinanciamiento del Gobierno Regional de Magallanes solo considera las comunas de esa tabla.`,
          ref,
        ),
        source,
        { comunaCode },
      ),
    };
  if (!limit.applicable)
    return {
      failure: ruleResult(
        id,
        false,
        withSource(`En la comuna de ${limit.comunaName} el cofinanciamiento del Gobierno Regional no aplica según la tabla del reglamento.`, ref),
        source,
        { comunaCode, comunaName: limit.comunaName, applicable: 'no' },
      ),
    };
  return { limit };
}

/** Cost of each dwelling, land and GORE contribution included, within the comuna's maximum (4.b). */
export function checkCostMax(
  comunaCode: string,
  project: Pick<Ds49Project, 'costUf' | 'dwellings'>,
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '4.b');
  const ref = citeShort(source, params);
  const found = comunaLimitOrFailure('ds49.cost_max', comunaCode, params);
  if ('failure' in found) return found.failure;
  const max = toDecimal(found.limit.maxCostUf);
  const costs = effective(project.dwellings, toDecimal(project.costUf), (d) => d.costUf);
  const highest = Decimal.max(...costs);
  const over = costs.filter((c) => c.gt(max)).length;
  const ok = over === 0;
  const message = ok
    ? `El costo por vivienda (máximo ${formatUf(highest)}, terreno y aporte GORE incluidos) no supera el valor total referencial de ${formatUf(max)} para ${found.limit.comunaName}.`
    : `${plural(over, 'vivienda')} ${over === 1 ? 'supera' : 'superan'} el valor total referencial de ${formatUf(max)} para ${found.limit.comunaName} (la más cara: ${formatUf(highest)}); el costo incluye el terreno y el aporte GORE.`;
  return ruleResult('ds49.cost_max', ok, withSource(message, ref), source, {
    comunaCode,
    maxCostUf: max.toString(),
    highestCostUf: highest.toString(),
    dwellingsOver: over,
  });
}

/** GORE contribution per dwelling within the comuna's maximum, and never above the dwelling's cost (4.b). */
export function checkGoreContributionMax(
  comunaCode: string,
  project: Pick<Ds49Project, 'costUf' | 'goreContributionUf' | 'dwellings'>,
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '4.b');
  const ref = citeShort(source, params);
  const found = comunaLimitOrFailure('ds49.gore_contribution_max', comunaCode, params);
  if ('failure' in found) return found.failure;
  const max = toDecimal(found.limit.maxGoreContributionUf);
  const contributions = effective(project.dwellings, toDecimal(project.goreContributionUf), (d) => d.goreContributionUf);
  const costs = effective(project.dwellings, toDecimal(project.costUf), (d) => d.costUf);
  const highest = Decimal.max(...contributions);
  const over = contributions.filter((c) => c.gt(max)).length;
  const aboveCost = contributions.filter((c, i) => c.gt(costs[i] ?? c)).length;
  const ok = over === 0 && aboveCost === 0;
  let message: string;
  if (ok) {
    message = `El aporte GORE por vivienda (máximo ${formatUf(highest)}) no supera el aporte GORE máximo de ${formatUf(max)} para ${found.limit.comunaName}.`;
  } else if (over > 0) {
    message = `${plural(over, 'vivienda')} ${over === 1 ? 'recibe' : 'reciben'} un aporte GORE sobre el máximo de ${formatUf(max)} para ${found.limit.comunaName} (el mayor: ${formatUf(highest)}).`;
  } else {
    message = `El aporte GORE de ${plural(aboveCost, 'vivienda')} supera su costo total.`;
  }
  return ruleResult('ds49.gore_contribution_max', ok, withSource(message, ref), source, {
    comunaCode,
    maxGoreContributionUf: max.toString(),
    highestGoreContributionUf: highest.toString(),
    dwellingsOver: over,
    dwellingsAboveCost: aboveCost,
  });
}

/** A 2-bedroom dwelling has at least 53 m² built initially and a planned extension of 10,48 m² (4.c). */
export function checkSurfaceMin(project: Pick<Ds49Project, 'dwellings'>, params: TDs49Parameters): RuleResult {
  const source = cite(params, '4.c');
  const ref = citeShort(source, params);
  const { baseBedrooms, minSurfaceM2, plannedExtensionM2 } = params.dwelling;
  const minSurface = toDecimal(minSurfaceM2);
  const minExtension = toDecimal(plannedExtensionM2);
  const base = project.dwellings.filter((d) => d.bedrooms === baseBedrooms);
  const small = base.filter((d) => toDecimal(d.surfaceM2).lt(minSurface));
  const shortExtension = base.filter((d) => toDecimal(d.extensionM2).lt(minExtension));
  const ok = project.dwellings.length > 0 && small.length === 0 && shortExtension.length === 0;
  const standard = `${formatDecimalCl(minSurface)} m² construidos y una ampliación proyectada de ${formatDecimalCl(minExtension)} m²`;
  let message: string;
  if (project.dwellings.length === 0) {
    message = 'El proyecto no declara viviendas.';
  } else if (ok) {
    message =
      base.length > 0
        ? `${plural(base.length, 'vivienda')} de ${baseBedrooms} dormitorios ${base.length === 1 ? 'cumple' : 'cumplen'} el mínimo de ${standard}.`
        : `El proyecto no tiene viviendas de ${baseBedrooms} dormitorios; el mínimo de ${standard} no se aplica.`;
  } else {
    const faults: string[] = [];
    if (small.length > 0) {
      const smallest = Decimal.min(...small.map((d) => toDecimal(d.surfaceM2)));
      faults.push(`${plural(small.length, 'vivienda')} con menos de ${formatDecimalCl(minSurface)} m² construidos (la menor: ${formatDecimalCl(smallest)} m²)`);
    }
    if (shortExtension.length > 0)
      faults.push(`${plural(shortExtension.length, 'vivienda')} con una ampliación proyectada menor a ${formatDecimalCl(minExtension)} m²`);
    message = `Las viviendas de ${baseBedrooms} dormitorios deben tener al menos ${standard}: ${faults.join('; ')}.`;
  }
  return ruleResult('ds49.surface_min', ok, withSource(message, ref), source, {
    minSurfaceM2: minSurface.toString(),
    plannedExtensionM2: minExtension.toString(),
    dwellingsChecked: base.length,
    dwellingsBelowSurface: small.length,
    dwellingsBelowExtension: shortExtension.length,
  });
}

/** At most 40 dwellings per hectare "o su equivalente proporcional" (4.c). */
export function checkDensityMax(project: Pick<Ds49Project, 'dwellings' | 'areaHa'>, params: TDs49Parameters): RuleResult {
  const source = cite(params, '4.c');
  const ref = citeShort(source, params);
  const area = toDecimal(project.areaHa);
  const max = toDecimal(params.density.maxDwellingsPerHa);
  const count = project.dwellings.length;
  if (area.lte(0))
    return ruleResult('ds49.density_max', false, withSource('La superficie del terreno debe ser mayor que cero hectáreas.', ref), source, {
      dwellings: count,
      areaHa: area.toString(),
      maxDwellingsPerHa: max.toString(),
    });
  // Compared as count ≤ max × area to stay exact.
  const ok = new Decimal(count).lte(max.times(area));
  const density = new Decimal(count).div(area);
  const allowed = max.times(area).floor();
  const message = ok
    ? `${plural(count, 'vivienda')} en ${formatDecimalCl(area, 4)} ha son ${formatDecimalCl(density)} viviendas por hectárea; el máximo es ${formatDecimalCl(max)}.`
    : `${plural(count, 'vivienda')} en ${formatDecimalCl(area, 4)} ha son ${formatDecimalCl(density)} viviendas por hectárea; el máximo es ${formatDecimalCl(max)} (en este terreno, hasta ${plural(allowed.toNumber(), 'vivienda')}).`;
  return ruleResult('ds49.density_max', ok, withSource(message, ref), source, {
    dwellings: count,
    areaHa: area.toString(),
    dwellingsPerHa: density.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString(),
    maxDwellingsPerHa: max.toString(),
    maxDwellingsOnLand: allowed.toNumber(),
  });
}

/**
 * A third bedroom only for households of at least 4 people with a social report from the EP, which a
 * SERVIU social-technical pair qualifies (4.c). The reglamento's dwelling has 2 bedrooms; any other
 * number is not contemplated.
 */
export function checkThirdBedroom(project: Pick<Ds49Project, 'dwellings'>, params: TDs49Parameters): RuleResult {
  const source = cite(params, '4.c');
  const ref = citeShort(source, params);
  const { baseBedrooms, thirdBedroomMinHousehold, thirdBedroomRequiresSocialReport } = params.dwelling;
  const extra = project.dwellings.filter((d) => d.bedrooms === baseBedrooms + 1);
  const smallHousehold = extra.filter((d) => d.householdSize < thirdBedroomMinHousehold);
  const noReport = extra.filter((d) => thirdBedroomRequiresSocialReport && !d.hasSocialReport);
  const otherTypes = project.dwellings.filter((d) => d.bedrooms !== baseBedrooms && d.bedrooms !== baseBedrooms + 1);
  const ok = smallHousehold.length === 0 && noReport.length === 0 && otherTypes.length === 0;
  const third = baseBedrooms + 1;
  let message: string;
  if (ok) {
    message =
      extra.length === 0
        ? `Todas las viviendas son de ${baseBedrooms} dormitorios.`
        : `${plural(extra.length, 'vivienda')} con ${third} dormitorios ${extra.length === 1 ? 'corresponde' : 'corresponden'} a núcleos de ${thirdBedroomMinHousehold} o más personas con informe social de la Entidad Patrocinante; queda sujeto a la calificación de la dupla técnico-social del SERVIU.`;
  } else {
    const faults: string[] = [];
    if (smallHousehold.length > 0)
      faults.push(`${plural(smallHousehold.length, 'vivienda')} con ${third} dormitorios para núcleos de menos de ${thirdBedroomMinHousehold} personas`);
    if (noReport.length > 0)
      faults.push(`${plural(noReport.length, 'vivienda')} con ${third} dormitorios sin informe social de la Entidad Patrocinante`);
    if (otherTypes.length > 0)
      faults.push(
        `${plural(otherTypes.length, 'vivienda')} con un número de dormitorios no contemplado (${[...new Set(otherTypes.map((d) => d.bedrooms))].join(', ')})`,
      );
    message = `El tercer dormitorio solo se autoriza a núcleos de al menos ${thirdBedroomMinHousehold} personas, justificado con informe social: ${faults.join('; ')}.`;
  }
  return ruleResult('ds49.third_bedroom', ok, withSource(message, ref), source, {
    dwellingsWithThirdBedroom: extra.length,
    dwellingsHouseholdTooSmall: smallHousehold.length,
    dwellingsWithoutSocialReport: noReport.length,
    dwellingsOtherBedrooms: otherTypes.length,
    minHousehold: thirdBedroomMinHousehold,
  });
}

/** Last day to start works: 90 calendar days after the resolution's publication in the Diario Oficial (4.a). */
export function worksStartDeadline(publishedOn: DateInput, params: TDs49Parameters): IsoDate {
  return addDaysIso(toLocalIsoDate(publishedOn, params.timeZone), params.worksStart.maxCalendarDaysFromPublication);
}

/**
 * Start of works on time (4.a). With `worksStartedOn` it checks the actual start; without it, whether
 * the deadline has already passed by `asOf`.
 */
export function checkWorksStart(
  input: { publishedOn: DateInput; worksStartedOn?: DateInput | null; asOf: DateInput },
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '4.a');
  const ref = citeShort(source, params);
  const days = params.worksStart.maxCalendarDaysFromPublication;
  const publishedOn = toLocalIsoDate(input.publishedOn, params.timeZone);
  const deadline = worksStartDeadline(publishedOn, params);
  const asOf = toLocalIsoDate(input.asOf, params.timeZone);
  const started = input.worksStartedOn ? toLocalIsoDate(input.worksStartedOn, params.timeZone) : null;
  const ok = started ? started <= deadline : asOf <= deadline;
  const base = `publicada la resolución en el Diario Oficial el ${formatIsoDateCl(publishedOn)}, el plazo de ${days} días corridos para iniciar las obras vence el ${formatIsoDateCl(deadline)}`;
  let message: string;
  if (started) message = ok ? `Las obras se iniciaron el ${formatIsoDateCl(started)}, dentro del plazo: ${base}.` : `Las obras se iniciaron el ${formatIsoDateCl(started)}, fuera de plazo: ${base}.`;
  else message = ok ? `Obras aún no iniciadas; ${base}.` : `Las obras no se han iniciado y el plazo venció: ${base}.`;
  return ruleResult('ds49.works_start', ok, withSource(message, ref), source, {
    publishedOn,
    deadline,
    maxDays: days,
    worksStartedOn: started ?? '',
  });
}
