import type { Metadata } from 'next';
import { ConfirmIncorporationForm } from '@/components/roster/confirm-incorporation-form';
import { ProjectSummary } from '@/components/roster/project-summary';
import { getIncorporationLink } from '@/lib/dal/incorporation';
import { formatSantiagoDate } from '@/lib/santiago-time';
import { confirmIncorporationByTokenAction } from './actions';

export const metadata: Metadata = {
  title: 'Confirme que conoce el proyecto',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

export const dynamic = 'force-dynamic';

const SORRY: Record<'usado' | 'vencido' | 'no_encontrado', { title: string; text: string }> = {
  usado: {
    title: 'Este enlace ya fue usado',
    text: 'Cada enlace sirve una sola vez. Si ya confirmó, no necesita hacer nada más. Si no fue usted, avise a la directiva de su organización.',
  },
  vencido: {
    title: 'Este enlace venció',
    text: 'Los enlaces de confirmación duran 14 días. Pida uno nuevo a la directiva de su organización.',
  },
  no_encontrado: {
    title: 'No encontramos este enlace',
    text: 'Puede estar incompleto, o la directiva creó uno más nuevo que reemplazó a este. Revise que lo copió entero o pida uno nuevo.',
  },
};

/**
 * A worker without an account confirms their formulario de incorporación through a one-time link. The
 * page shows only the project and the worker's first name: the link may be opened by someone else.
 */
export default async function IncorporationLinkPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  const view = await getIncorporationLink(token);

  if (view.state === 'usado' || view.state === 'vencido' || view.state === 'no_encontrado')
    return (
      <section aria-labelledby="link-title" className="max-w-2xl">
        <h1 id="link-title" className="mb-3 text-3xl font-bold">
          {SORRY[view.state].title}
        </h1>
        <p className="text-lg">{SORRY[view.state].text}</p>
      </section>
    );
  if (view.state === 'cerrado')
    return (
      <section aria-labelledby="link-title" className="max-w-2xl">
        <h1 id="link-title" className="mb-3 text-3xl font-bold">
          Ya no es posible confirmar
        </h1>
        <p className="text-lg">{view.message}</p>
      </section>
    );

  return (
    <section aria-labelledby="link-title" className="max-w-2xl">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">Formulario de incorporación</p>
      <h1 id="link-title" className="mb-3 text-3xl font-bold">
        Hola, {view.firstName}
      </h1>
      <p className="mb-4 text-lg">
        Su organización le incluyó en la nómina de trabajadores de un proyecto de vivienda del Programa de Vivienda para Organizaciones de
        Trabajadores. Para postular, cada trabajador declara que conoce el proyecto. Revise el resumen:
      </p>
      <ProjectSummary summary={view.summary} />
      {view.state === 'confirmado' ? (
        <p role="status" className="border-l-4 border-ok-700 bg-ok-50 p-4 font-semibold text-ok-700" data-testid="incorporation-confirmed">
          Su incorporación ya está registrada. No necesita hacer nada más.
        </p>
      ) : (
        <>
          <ConfirmIncorporationForm
            action={confirmIncorporationByTokenAction}
            hidden={{ token }}
            priceKnown={view.summary.pricesUf.length > 0}
            successText="Gracias. Quedó registrado que conoce el proyecto."
          />
          <p className="mt-4 text-sm text-slate-700">
            Este enlace es personal, sirve una sola vez y vence el {formatSantiagoDate(view.expiresAt)}. Si algo del resumen no
            corresponde a lo que le explicaron, no confirme y consulte a la directiva de su organización.
          </p>
        </>
      )}
    </section>
  );
}
