/**
 * Every condition of the GORE Magallanes reglamento for one D.S. N°49 group application, plus the two
 * ways out the reglamento gives: the small-project exception (seed 5, "Excepción") and a founded SERVIU
 * resolution (seed 3.e).
 */
import { formatIsoDateCl, isIsoDate, toLocalIsoDate } from './dates';
import {
  checkGoreBlock,
  checkHousehold2Plus,
  checkRsh40Min,
  checkRshHighDeficit,
  checkSavingsSeniority,
} from './group-rules';
import type { TDs49Parameters } from './parameters';
import { cite, citeShort, ruleResult, withSource } from './rule-helpers';
import {
  checkBuildingPermit,
  checkCostMax,
  checkDensityMax,
  checkGoreContributionMax,
  checkSurfaceMin,
  checkThirdBedroom,
} from './technical-rules';
import type { DateInput, Ds49Family, Ds49Project, Ds49ProjectTypology, Ds49RuleId, IsoDate, RuleResult } from './types';

export type Ds49ExceptionRequest =
  /** Seed 5: densificación predial, pequeños condominios, sitio propio or other individual lines of ≤ 10 families. */
  | { kind: 'small_project' }
  /** Seed 3.e: "resolución fundada del Serviu, previa consulta al Gobierno Regional". */
  | { kind: 'serviu_resolution'; resolutionNumber: string; resolutionDate: IsoDate; goreConsulted: boolean };

export type Ds49GroupInput = {
  /** CUT code of the comuna where the project is built. */
  comunaCode: string;
  families: readonly Ds49Family[];
  project: Ds49Project;
  /** When the EP presents the project to SERVIU. */
  submissionDate: DateInput;
  params: TDs49Parameters;
  exception?: Ds49ExceptionRequest;
};

export type Ds49GroupCheck = {
  /** True when no rule blocks: every rule passes, or the failing ones are waived by an accepted exception. */
  ok: boolean;
  /** Every rule, in a fixed order; the exception's own rule last when one was requested. */
  results: RuleResult[];
  /** Failing rules that still block (a refused exception request is reported in `results` but never blocks). */
  blocking: RuleResult[];
  /** Failing rules that an accepted exception waives. */
  waived: RuleResult[];
  /** The submission's calendar date in Chile, used by the date rules. */
  submittedOn: IsoDate;
  exception: { kind: Ds49ExceptionRequest['kind'] | null; accepted: boolean };
};

const TYPOLOGY_NAMES: Record<Ds49ProjectTypology, string> = {
  densificacion_predial: 'densificación predial',
  pequeno_condominio: 'pequeño condominio',
  construccion_sitio_propio: 'construcción en sitio propio',
  otra_linea_individual: 'otra línea individual',
  construccion_nuevos_terrenos: 'construcción en nuevos terrenos',
  megaproyecto: 'megaproyecto',
};

/** Whether the small-project exception of seed 5 can be used. */
export function checkSmallProjectException(
  familiesCount: number,
  project: Pick<Ds49Project, 'typology'>,
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '5 (Excepción)');
  const ref = citeShort(source, params);
  const { maxFamilies, typologies } = params.smallProjectException;
  const typologyOk = project.typology !== undefined && typologies.includes(project.typology);
  const sizeOk = familiesCount >= 1 && familiesCount <= maxFamilies;
  const ok = typologyOk && sizeOk;
  const names = typologies.map((t) => TYPOLOGY_NAMES[t]);
  const kinds = names.length > 1 ? `${names.slice(0, -1).join(', ')} o ${names[names.length - 1]}` : (names[0] ?? '');
  let message: string;
  if (ok && project.typology)
    message = `Proyecto de ${TYPOLOGY_NAMES[project.typology]} con ${familiesCount} familias (hasta ${maxFamilies}): pueden omitirse las condiciones del reglamento y el SERVIU puede presentar la solicitud de recursos directamente al Gobierno Regional.`;
  else if (!typologyOk)
    message = `La excepción solo alcanza a proyectos de ${kinds}; este proyecto no declara uno de esos tipos.`;
  else message = `La excepción solo alcanza a proyectos de hasta ${maxFamilies} familias; este tiene ${familiesCount}.`;
  return ruleResult('ds49.small_project_exception', ok, withSource(message, ref), source, {
    families: familiesCount,
    maxFamilies,
    typology: project.typology ?? 'no_informada',
  });
}

/** Whether a SERVIU exception resolution (seed 3.e) is complete. */
export function checkServiuException(
  request: Extract<Ds49ExceptionRequest, { kind: 'serviu_resolution' }>,
  params: TDs49Parameters,
): RuleResult {
  const source = cite(params, '3.e');
  const ref = citeShort(source, params);
  const hasResolution = request.resolutionNumber.trim() !== '' && request.resolutionDate.trim() !== '';
  const consulted = !params.serviuException.requiresGoreConsultation || request.goreConsulted;
  const ok = hasResolution && consulted;
  let message: string;
  if (ok)
    message = `Excepción autorizada por resolución fundada del SERVIU N° ${request.resolutionNumber.trim()} de ${isIsoDate(request.resolutionDate) ? formatIsoDateCl(request.resolutionDate) : request.resolutionDate}, previa consulta al Gobierno Regional: no se exigen las condiciones de los numerales 3.a a 3.d.`;
  else if (!hasResolution) message = 'La excepción requiere una resolución fundada del SERVIU, con número y fecha.';
  else message = 'La excepción requiere la consulta previa al Gobierno Regional antes de la resolución del SERVIU.';
  return ruleResult('ds49.serviu_exception', ok, withSource(message, ref), source, {
    resolutionNumber: request.resolutionNumber,
    resolutionDate: request.resolutionDate,
    goreConsulted: request.goreConsulted ? 'sí' : 'no',
  });
}

export function checkDs49Group(input: Ds49GroupInput): Ds49GroupCheck {
  const { comunaCode, families, project, submissionDate, params, exception } = input;
  const submittedOn = toLocalIsoDate(submissionDate, params.timeZone);
  const results: RuleResult[] = [
    checkRsh40Min(families, params),
    checkRshHighDeficit(families, params),
    checkHousehold2Plus(families, params),
    checkSavingsSeniority(families, submittedOn, params),
    checkGoreBlock(families, submittedOn, params),
    checkBuildingPermit(project, params),
    checkCostMax(comunaCode, project, params),
    checkGoreContributionMax(comunaCode, project, params),
    checkSurfaceMin(project, params),
    checkDensityMax(project, params),
    checkThirdBedroom(project, params),
  ];

  let waivable: ReadonlySet<string> = new Set<Ds49RuleId>();
  let accepted = false;
  if (exception) {
    const exceptionResult =
      exception.kind === 'small_project'
        ? checkSmallProjectException(families.length, project, params)
        : checkServiuException(exception, params);
    results.push(exceptionResult);
    accepted = exceptionResult.ok;
    if (accepted)
      waivable = new Set(
        exception.kind === 'small_project' ? params.smallProjectException.waives : params.serviuException.waives,
      );
  }

  // A refused exception only means nothing is waived; it does not block a group that passes on its own.
  const failing = results.filter((r) => !r.ok && r.id !== 'ds49.small_project_exception' && r.id !== 'ds49.serviu_exception');
  const waived = failing.filter((r) => waivable.has(r.id));
  const blocking = failing.filter((r) => !waivable.has(r.id));
  return {
    ok: blocking.length === 0,
    results,
    blocking,
    waived,
    submittedOn,
    exception: { kind: exception?.kind ?? null, accepted },
  };
}
