import type { Metadata } from 'next';
import Link from 'next/link';
import { Ds49GroupCheckForm } from '@/components/simulator/ds49-group-check-form';
import { now } from '@/lib/clock';
import { getOpenDs49Parameters } from '@/lib/dal/calls';
import { todayInChile } from '@/lib/roster/values';
import { DS49_TYPOLOGIES } from '@/lib/validations/ds49-group-check';
import { comunasOfRegion } from '@/lib/territory';
import { checkDs49GroupAction } from './actions';

export const metadata: Metadata = { title: 'Revise su grupo: D.S. N°49 con aporte del GORE de Magallanes' };

const MAGALLANES = '12';
const decimal = (value: string) => new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 }).format(Number(value));

/** A group leader pastes the family list and the project's figures and sees every condition of the reglamento. */
export default async function Ds49GroupCheckPage() {
  const call = await getOpenDs49Parameters();
  const params = call?.parameters;
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/simulador#ds49" className="underline">← Volver al simulador</Link>
      </p>
      <header>
        <h1 className="mb-2 text-3xl font-bold">Revise su grupo antes de postular</h1>
        <p className="text-lg text-slate-700">
          Para grupos organizados de Magallanes que postulan al Fondo Solidario (D.S. N°49) con aporte del Gobierno Regional. Pegue la nómina de
          familias y los datos del proyecto: le decimos qué condiciones del reglamento cumple y cuáles no, y por qué. No guardamos lo que escriba.
        </p>
      </header>
      {params ? (
        <Ds49GroupCheckForm
          action={checkDs49GroupAction}
          today={todayInChile(now())}
          comunas={comunasOfRegion(MAGALLANES).map((c) => ({ value: c.code, label: c.name }))}
          hints={{
            surface: `Para ${params.dwelling.baseBedrooms} dormitorios, al menos ${decimal(params.dwelling.minSurfaceM2)} m².`,
            extension: `Al menos ${decimal(params.dwelling.plannedExtensionM2)} m².`,
            density: `A lo más ${decimal(params.density.maxDwellingsPerHa)} viviendas por hectárea.`,
            smallProject: `Los proyectos de hasta ${params.smallProjectException.maxFamilies} familias de estos tipos pueden quedar exceptuados: ${params.smallProjectException.typologies.map((t) => DS49_TYPOLOGIES[t].toLowerCase()).join(', ')}.`,
          }}
        />
      ) : (
        <p role="status">No hay un llamado D.S. N°49 con cofinanciamiento abierto en este momento.</p>
      )}
    </div>
  );
}
