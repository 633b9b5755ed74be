import Link from 'next/link';
import { BandsTable } from '@/components/public/bands-table';
import { ScheduleList } from '@/components/public/schedule-list';
import { buttonClass } from '@/components/ui/button';
import { listPublicCalls } from '@/lib/dal/calls';
import { formatShare, formatUf } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

export default async function HomePage() {
  const calls = await listPublicCalls();
  const call = calls.find((c) => c.status === 'abierto') ?? calls[0];
  const p = call?.parameters;
  return (
    <div className="space-y-12">
      <section aria-labelledby="que-es">
        <p className="text-sm font-semibold uppercase tracking-wide text-accent-600">Programa habitacional</p>
        <h1 id="que-es" className="mb-4 text-3xl font-bold md:text-4xl">
          Vivienda para Organizaciones de Trabajadores
        </h1>
        <p className="max-w-3xl text-lg text-slate-800">
          Un sindicato o asociación gremial y su empleador presentan juntos un proyecto habitacional para un grupo de
          trabajadores. El Estado aporta el subsidio del D.S. N°1; los trabajadores, su ahorro y un crédito hipotecario
          acorde a sus ingresos; el empleador, el terreno u otros aportes.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/ingresar" className={buttonClass('primary')}>Ingresar para postular</Link>
          <Link href="/simulador" className={buttonClass('secondary')}>¿Cuánto pagaría? Simule su dividendo</Link>
        </div>
      </section>

      <section aria-labelledby="quienes" className="grid gap-4 md:grid-cols-3">
        <h2 id="quienes" className="text-2xl font-bold md:col-span-3">Quiénes participan</h2>
        {[
          ['Trabajadores y sus familias', 'Con Registro Social de Hogares, capacidad de ahorro y posibilidad de complementar con un crédito hipotecario.'],
          ['Sindicato o asociación gremial', 'Organiza al grupo, presenta la nómina y firma el Convenio de Trabajo con el empleador.'],
          ['Empleador', 'Empresa privada, pública o municipio: cede el terreno, aporta apoyo técnico u otros aportes.'],
          ['Entidad patrocinante y constructora', 'Preparan el proyecto técnico; la constructora debe estar inscrita en el Registro Nacional de Contratistas.'],
          ['SERVIU', 'Revisa los antecedentes, formula observaciones, aprueba técnicamente y verifica el avance de obras.'],
          ['MINVU', 'Abre el llamado y selecciona los proyectos según puntaje y recursos disponibles.'],
        ].map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-300 p-4">
            <h3 className="mb-1 text-lg font-semibold">{title}</h3>
            <p className="text-slate-700">{text}</p>
          </div>
        ))}
      </section>

      {p ? (
        <section aria-labelledby="requisitos">
          <h2 id="requisitos" className="mb-4 text-2xl font-bold">Requisitos principales</h2>
          <ul className="mb-6 list-disc space-y-2 pl-6 text-slate-800">
            <li>
              El proyecto considera al menos {p.composition.minBands} tramos de precio: tramo 1 al menos{' '}
              {formatShare(p.composition.band1MinShare)} de las viviendas, tramo 2 al menos {formatShare(p.composition.band2MinShare)}, y tramo 3
              hasta {formatShare(p.composition.band3MaxShare)}. Máximo {p.composition.maxDwellings} viviendas.
            </li>
            <li>
              {(['1', '2', '3'] as const).map((band) => {
                const req = p.bandRequirements[band];
                const rsh = req.maxRshPercentile !== null ? `hogares hasta el ${req.maxRshPercentile}% del RSH` : req.requiresRshRecord ? 'con RSH' : 'sin exigencia de RSH';
                return `Tramo ${band}: ${rsh} y ahorro de ${formatUf(req.minSavingsUf)}. `;
              })}
              Sobre el {p.incomeCap.rshThreshold}% del RSH se verifica el tope de ingresos del hogar.
            </li>
            <li>
              Al menos {formatShare(p.savings.depositedShareOfMinimum)} del ahorro mínimo debe estar depositado a la fecha de ahorro del llamado.
              No se exige antigüedad de la cuenta ni preaprobación de crédito.
            </li>
            <li>
              Hasta {formatShare(p.roster.nonUnionMaxShare)} de la nómina pueden ser trabajadores no sindicalizados, y hasta{' '}
              {formatShare(p.roster.replacementsMaxShare)} puede reemplazarse durante el proceso.
            </li>
            <li>
              Terreno: certificado de dominio vigente a nombre del empleador, o promesa de compraventa notarial (la escritura debe inscribirse en el
              Conservador dentro de {p.deadlines.cbrInscriptionDays} días desde la publicación de la selección).
            </li>
          </ul>
          <BandsTable parameters={p} />
          <p className="mt-2 text-sm text-slate-600">
            Recursos del llamado: {formatUf(p.selection.budgetUf)} para {p.selection.maxDwellings} viviendas.
          </p>
        </section>
      ) : null}

      {call ? (
        <section aria-labelledby="cronograma">
          <h2 id="cronograma" className="mb-1 text-2xl font-bold">Cronograma: {call.name}</h2>
          <p className="mb-4 text-slate-700">
            {call.status === 'abierto'
              ? `Postulación abierta hasta el ${formatSantiagoDateTime(call.closesAt)}.`
              : `Llamado cerrado el ${formatSantiagoDateTime(call.closesAt)}.`}
          </p>
          <ScheduleList steps={call.schedule} />
          <p className="mt-4">
            <Link href="/cronograma" className="text-brand-700 underline underline-offset-4">Ver los cronogramas de todos los llamados</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
