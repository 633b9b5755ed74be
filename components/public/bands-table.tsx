import type { TCallParameters, ZoneId } from '@/lib/domain/call-parameters';
import { formatUf } from '@/lib/format';

const zoneRegions: Record<ZoneId, string> = {
  centro: 'Coquimbo, Valparaíso, O’Higgins, Maule, Ñuble, Biobío, La Araucanía, Los Ríos, Los Lagos (salvo Chiloé) y Metropolitana',
  norte: 'Arica y Parinacota, Tarapacá, Antofagasta, Atacama y Provincia de Chiloé',
  extremo_sur: 'Aysén y Magallanes',
};

/** Price bands per zone and the subsidy, read from the call's own parameters. */
export function BandsTable({ parameters }: { parameters: TCallParameters }) {
  const zones = (['centro', 'norte', 'extremo_sur'] as const).map((id) => ({ id, ...parameters.zones[id] }));
  return (
    <div className="overflow-x-auto" role="region" aria-label="Tramos de precio por zona" tabIndex={0}>
      <table className="w-full border-collapse text-left text-sm md:text-base">
        <caption className="mb-2 text-left text-lg font-bold">Tramos de precio de la vivienda y subsidio por zona</caption>
        <thead>
          <tr className="border-b-2 border-slate-800">
            <th scope="col" className="px-2 py-2">Zona</th>
            <th scope="col" className="px-2 py-2">Tramo 1</th>
            <th scope="col" className="px-2 py-2">Tramo 2</th>
            <th scope="col" className="px-2 py-2">Tramo 3 (optativo)</th>
            <th scope="col" className="px-2 py-2">Subsidio</th>
          </tr>
        </thead>
        <tbody>
          {zones.map((z) => (
            <tr key={z.id} className="border-b border-slate-300 align-top">
              <th scope="row" className="px-2 py-2 font-semibold">
                {z.label}
                <span className="block text-xs font-normal text-slate-600">{zoneRegions[z.id]}</span>
              </th>
              <td className="px-2 py-2">Hasta {formatUf(z.band1MaxUf)}</td>
              <td className="px-2 py-2">Más de {formatUf(z.band1MaxUf)} y hasta {formatUf(z.band2MaxUf)}</td>
              <td className="px-2 py-2">Más de {formatUf(z.band2MaxUf)} y hasta {formatUf(z.band3MaxUf)}</td>
              <td className="px-2 py-2 font-semibold">{formatUf(z.subsidyUf)}</td>
            </tr>
          ))}
          <tr className="align-top">
            <th scope="row" className="px-2 py-2 font-semibold">Ahorro mínimo</th>
            <td className="px-2 py-2">{formatUf(parameters.bandRequirements['1'].minSavingsUf)}</td>
            <td className="px-2 py-2">{formatUf(parameters.bandRequirements['2'].minSavingsUf)}</td>
            <td className="px-2 py-2">{formatUf(parameters.bandRequirements['3'].minSavingsUf)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
