import type { TDs49Parameters } from '@/lib/domain/ds49/parameters';
import { formatShare } from '@/lib/format';

const decimal = (value: string) => new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 }).format(Number(value));

/** The group and technical conditions of the GORE co-financing, as the open D.S. N°49 call's parameters set them. */
export function Ds49Conditions({ params }: { params: TDs49Parameters }) {
  const { rsh, household, savings, goreBlock, dwelling, density, smallProjectException, worksStart } = params;
  return (
    <>
      <h3 className="mt-4 font-semibold">Condiciones del grupo</h3>
      <ul className="list-disc pl-5 text-sm" data-testid="ds49-conditions">
        <li>
          Al menos el {formatShare(rsh.minShareVulnerable)} de las familias en el tramo del {rsh.vulnerableBracketMax}% del RSH; hasta el{' '}
          {formatShare(rsh.maxShareAbove)} entre el {rsh.vulnerableBracketMax}% y el {rsh.aboveBracketMax}%
          {rsh.aboveRequiresHighDeficit ? ', solo con déficit habitacional alto' : ''}.
        </li>
        <li>
          Al menos el {formatShare(household.minShareWithMinMembers)} de las familias con hogares de {household.minMembers} o más integrantes.
        </li>
        <li>
          Instrumento de ahorro con al menos {savings.minSeniorityYears} años de antigüedad al postular
          {savings.exemptIfHighDeficit ? ', salvo déficit habitacional alto' : ''}.
        </li>
        <li>Quienes ya recibieron una solución financiada por el GORE no pueden ser invocados por {goreBlock.years} años.</li>
        <li>
          Viviendas de {dwelling.baseBedrooms} dormitorios de al menos {decimal(dwelling.minSurfaceM2)} m², con ampliación proyectada de{' '}
          {decimal(dwelling.plannedExtensionM2)} m²; tercer dormitorio solo para hogares de {dwelling.thirdBedroomMinHousehold} o más
          {dwelling.thirdBedroomRequiresSocialReport ? ', con informe social' : ''}; a lo más {decimal(density.maxDwellingsPerHa)} viviendas por
          hectárea.
        </li>
        <li>Inicio de obras dentro de {worksStart.maxCalendarDaysFromPublication} días desde la publicación de la selección.</li>
        <li>
          Los proyectos de hasta {smallProjectException.maxFamilies} familias pueden quedar exceptuados de estas condiciones.
        </li>
      </ul>
      <p className="mt-2 text-xs text-slate-600">
        {params.sourceName} ({params.version}).
      </p>
    </>
  );
}
