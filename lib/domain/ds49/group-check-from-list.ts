/**
 * The group check of the public simulator: the families a leader pasted and the project's figures, read
 * as one D.S. N°49 group application presented today. Each family gets one dwelling of the project's
 * surface; a group small enough asks for the small-project exception, so the answer says whether it holds.
 */
import { checkDs49Group } from './check-ds49-group';
import type { Ds49GroupCheck } from './check-ds49-group';
import type { TDs49Parameters } from './parameters';
import type { DateInput, DecimalInput, Ds49BuildingPermit, Ds49Family, Ds49ProjectTypology } from './types';

export type Ds49ListedFamily = {
  family: Ds49Family;
  /** Null: the reglamento's base dwelling. */
  bedrooms: number | null;
  hasSocialReport: boolean;
};

export type Ds49ListedGroup = {
  comunaCode: string;
  families: readonly Ds49ListedFamily[];
  costUf: DecimalInput;
  goreContributionUf: DecimalInput;
  surfaceM2: DecimalInput;
  extensionM2: DecimalInput;
  areaHa: DecimalInput;
  buildingPermit: Ds49BuildingPermit;
  typology: Ds49ProjectTypology;
};

export function checkListedDs49Group(group: Ds49ListedGroup, presentedAt: DateInput, params: TDs49Parameters): Ds49GroupCheck {
  const families = group.families.map((f) => f.family);
  return checkDs49Group({
    comunaCode: group.comunaCode,
    families,
    project: {
      costUf: group.costUf,
      goreContributionUf: group.goreContributionUf,
      areaHa: group.areaHa,
      buildingPermit: group.buildingPermit,
      typology: group.typology,
      dwellings: group.families.map((f) => ({
        bedrooms: f.bedrooms ?? params.dwelling.baseBedrooms,
        surfaceM2: group.surfaceM2,
        extensionM2: group.extensionM2,
        householdSize: f.family.householdSize,
        hasSocialReport: f.hasSocialReport,
      })),
    },
    submissionDate: presentedAt,
    params,
    exception: families.length <= params.smallProjectException.maxFamilies ? { kind: 'small_project' } : undefined,
  });
}
