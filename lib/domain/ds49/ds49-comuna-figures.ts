/** Figures of the reglamento's cost table for one comuna, for the public simulator (the GORE Magallanes reglamento, 4.b). */
import { formatUf, toDecimal } from './format';
import type { TDs49Parameters } from './parameters';

export type Ds49ComunaFigures =
  | {
      kind: 'applicable';
      comunaCode: string;
      comunaName: string;
      provinceName: string;
      /** "Valor TOTAL Referencial" per dwelling, land and GORE contribution included. */
      maxCostUf: string;
      maxGoreContributionUf: string;
      /** Cost not covered by the maximum GORE contribution (MINVU subsidy, savings and other contributions). */
      costBeyondGoreUf: string;
      label: string;
    }
  | { kind: 'not_applicable'; comunaCode: string; comunaName: string; provinceName: string; label: string }
  | { kind: 'not_in_table'; comunaCode: string; label: string };

export function ds49ComunaFigures(comunaCode: string, params: TDs49Parameters): Ds49ComunaFigures {
  const limit = params.comunaLimits[comunaCode];
  if (!limit)
    return {
      kind: 'not_in_table',
      comunaCode,
      label: 'Comuna fuera del convenio: el cofinanciamiento GORE Magallanes no la considera',
    };
  if (!limit.applicable)
    return {
      kind: 'not_applicable',
      comunaCode,
      comunaName: limit.comunaName,
      provinceName: limit.provinceName,
      label: 'No aplica',
    };
  const cost = toDecimal(limit.maxCostUf);
  const gore = toDecimal(limit.maxGoreContributionUf);
  return {
    kind: 'applicable',
    comunaCode,
    comunaName: limit.comunaName,
    provinceName: limit.provinceName,
    maxCostUf: cost.toString(),
    maxGoreContributionUf: gore.toString(),
    costBeyondGoreUf: cost.minus(gore).toString(),
    label: `Costo máximo ${formatUf(cost)}; aporte GORE máximo ${formatUf(gore)}`,
  };
}
