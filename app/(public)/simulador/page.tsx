import type { Metadata } from 'next';
import Link from 'next/link';
import { Ds49Conditions } from '@/components/simulator/ds49-conditions';
import { Figure } from '@/components/simulator/result-row';
import { Button } from '@/components/ui/button';
import { ErrorSummaryStatic } from '@/components/ui/error-summary-static';
import { SelectField, TextField } from '@/components/ui/field';
import { StatusTag } from '@/components/ui/status-tag';
import { comunas, comunasOfRegion } from '@/lib/territory';
import { getOpenCallParameters, getOpenDs49Parameters } from '@/lib/dal/calls';
import { ds49ComunaFigures } from '@/lib/domain/ds49/ds49-comuna-figures';
import { dec } from '@/lib/domain/explain';
import { computeFinancing, simulateCapacity } from '@/lib/domain/financing';
import { bandForPrice, zoneForComuna } from '@/lib/domain/zones';
import { formatClp, formatShare, formatUf } from '@/lib/format';
import { ZComunaQuery, ZSimulatorForm } from '@/lib/validations/simulation';

export const metadata: Metadata = { title: '¿Cuánto pagaría? Simulador de financiamiento' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** Server-rendered: the form posts by GET and the result comes back in the page, with or without JavaScript. */
export default async function SimulatorPage(props: { searchParams: Promise<Search> }) {
  const sp = await props.searchParams;
  const values = { comuna: one(sp.comuna), incomeClp: one(sp.incomeClp), savingsUf: one(sp.savingsUf), priceUf: one(sp.priceUf), band: one(sp.band) };
  const submitted = Object.values(values).some(Boolean);
  const call = await getOpenCallParameters();
  const parsed = submitted ? ZSimulatorForm.safeParse(values) : null;
  const errors: Record<string, string> = {};
  if (parsed && !parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const data = parsed?.success ? parsed.data : null;
  const params = call?.parameters;
  const zone = data && params ? zoneForComuna({ comunaCode: data.comuna.code, provinceCode: data.comuna.provinceCode, regionCode: data.comuna.regionCode }, params) : null;
  if (zone && zone.zone === null) errors.comuna = zone.message;
  const capacity = data && params && zone?.zone ? simulateCapacity({ monthlyIncomeClp: data.incomeClp, savingsUf: data.savingsUf, zone: zone.zone }, params) : null;
  const priceBand = data?.priceUf && params && zone?.zone ? bandForPrice(data.priceUf, zone.zone, params) : null;
  if (priceBand && priceBand.band === null) errors.priceUf = priceBand.message;
  // A band chosen without a price is read at the highest price of that band the household reaches, else at the band's top.
  const bandOnly = !data?.priceUf && data?.band ? capacity?.bands.find((b) => String(b.band) === data.band) : undefined;
  const chosenPrice = data?.priceUf ?? (bandOnly ? (bandOnly.maxAffordablePriceUf ?? bandOnly.maxPriceUf) : undefined);
  const chosenBand = priceBand?.band ?? bandOnly?.band;
  const chosen =
    chosenPrice && params && zone?.zone && chosenBand
      ? computeFinancing({ priceUf: chosenPrice, subsidyUf: params.zones[zone.zone].subsidyUf, savingsUf: data!.savingsUf, band: chosenBand }, params)
      : null;

  const ds49 = await getOpenDs49Parameters();
  const ds49Comuna = one(sp.ds49Comuna);
  const ds49Parsed = ds49Comuna ? ZComunaQuery.safeParse(ds49Comuna) : null;
  const ds49Figures = ds49 && ds49Parsed?.success ? ds49ComunaFigures(ds49Parsed.data.code, ds49.parameters) : null;
  // The payment-to-income rule of the call (25% in 2022), named as the call sets it.
  const rule25 = params ? formatShare(params.financing.maxPaymentToIncomeShare) : '';
  const summaryErrors = Object.entries(errors).map(([fieldId, message]) => ({ fieldId, message }));

  return (
    <div className="space-y-10">
      <header>
        <h1 className="mb-2 text-3xl font-bold">¿Cuánto pagaría?</h1>
        <p className="max-w-2xl text-lg text-slate-700">
          Calcule, con las reglas del llamado{call ? ` «${call.name}»` : ''}, a qué tramos de vivienda puede postular su hogar, el subsidio, el
          crédito hipotecario y el dividendo mensual. Es una estimación: la postulación se revisa con sus datos reales.
        </p>
      </header>

      {!params ? <p role="status">No hay un llamado abierto en este momento.</p> : null}

      {params ? (
        <form method="get" action="/simulador" className="max-w-xl rounded-lg border border-slate-300 p-4 md:p-6" noValidate>
          {ds49Comuna ? <input type="hidden" name="ds49Comuna" value={ds49Comuna} /> : null}
          <ErrorSummaryStatic errors={summaryErrors} />
          <TextField
            id="comuna"
            name="comuna"
            label="Comuna donde estaría la vivienda"
            hint="Escriba y elija de la lista, por ejemplo «Puente Alto» o «Castro»."
            list="comunas-list"
            autoComplete="off"
            defaultValue={values.comuna}
            error={errors.comuna}
          />
          <datalist id="comunas-list">
            {comunas.map((c) => (
              <option key={c.code} value={c.name} />
            ))}
          </datalist>
          <TextField id="incomeClp" name="incomeClp" label="Ingreso mensual del hogar (pesos)" hint="Ingreso líquido de todos los que aportan. Ejemplo: 850.000" inputMode="numeric" defaultValue={values.incomeClp} error={errors.incomeClp} />
          <TextField id="savingsUf" name="savingsUf" label="Ahorro para la vivienda (UF)" hint="Ejemplo: 70 o 55,5" inputMode="decimal" defaultValue={values.savingsUf} error={errors.savingsUf} />
          <TextField id="priceUf" name="priceUf" label="Precio de la vivienda (UF, opcional)" hint="Si ya conoce el precio del proyecto. Si lo deja en blanco, calculamos el máximo que podría pagar." inputMode="decimal" defaultValue={values.priceUf} error={errors.priceUf} />
          <SelectField
            id="band"
            name="band"
            label="O elija un tramo (opcional)"
            hint="Sin precio, le mostramos el detalle del tramo al precio más alto que alcanza."
            placeholder="Todos los tramos"
            options={[1, 2, 3].map((b) => ({ value: String(b), label: `Tramo ${b}` }))}
            defaultValue={values.band}
            error={errors.band}
          />
          <Button type="submit">Calcular</Button>
        </form>
      ) : null}

      {capacity && params && zone?.zone ? (
        <section aria-labelledby="resultado" className="space-y-6">
          <h2 id="resultado" className="text-2xl font-bold">Resultado para {data!.comuna.name}</h2>
          <p className="text-lg">
            {data!.comuna.name} está en la <strong>{params.zones[zone.zone].label.toLowerCase()}</strong>: el subsidio es de{' '}
            <strong>{formatUf(capacity.subsidyUf)}</strong>. Con un ingreso de {formatClp(data!.incomeClp)}, el dividendo no debería superar el{' '}
            {formatShare(params.financing.maxPaymentToIncomeShare)} del ingreso ({formatClp(Math.floor(Number(capacity.maxPaymentClp)))} al mes), lo que
            alcanza para una vivienda de hasta <strong>{formatUf(capacity.maxPriceBy25RuleUf)}</strong> con su ahorro y el subsidio.
          </p>
          <div className="grid gap-4 md:grid-cols-3">
            {capacity.bands.map((b) => (
              <article key={b.band} className={`rounded-lg border-2 p-4 ${b.eligible ? 'border-ok-700' : 'border-slate-300'}`} aria-labelledby={`band-${b.band}`}>
                <h3 id={`band-${b.band}`} className="mb-1 text-xl font-bold">
                  Tramo {b.band} <StatusTag tone={b.eligible ? 'ok' : 'neutral'}>{b.eligible ? 'Puede postular' : 'No alcanza'}</StatusTag>
                </h3>
                <p className="mb-2 text-sm text-slate-700">
                  Viviendas de más de {formatUf(b.minExclusivePriceUf)} y hasta {formatUf(b.maxPriceUf)}. Ahorro mínimo {formatUf(b.minSavingsUf)}.
                </p>
                {b.financingAtMaxPrice ? (
                  <dl className="text-sm">
                    <Figure label="Precio máximo para usted" value={formatUf(b.maxAffordablePriceUf!)} strong />
                    <Figure label="Crédito hipotecario" value={formatUf(b.financingAtMaxPrice.creditUf)} />
                    <Figure label="Dividendo mensual" value={`${formatClp(b.financingAtMaxPrice.paymentClp)} (${b.financingAtMaxPrice.paymentUf.replace('.', ',')} UF)`} />
                    <Figure label="Con subsidio al pago oportuno" value={formatClp(b.financingAtMaxPrice.netPaymentClp)} strong />
                  </dl>
                ) : null}
                {b.reasons.length ? (
                  <ul className="mt-2 list-disc pl-5 text-sm">
                    {b.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
              </article>
            ))}
          </div>
        </section>
      ) : null}

      {chosen && data ? (
        <section aria-labelledby="precio" className="max-w-xl">
          <h2 id="precio" className="mb-2 text-2xl font-bold">Una vivienda de {formatUf(chosen.priceUf)} (tramo {chosen.band})</h2>
          <dl>
            <Figure label="Subsidio" value={formatUf(chosen.subsidyUf)} />
            <Figure label="Su ahorro" value={formatUf(chosen.savingsUf)} />
            <Figure label="Crédito hipotecario" value={formatUf(chosen.creditUf)} />
            <Figure label="Dividendo mensual (UF)" value={`${chosen.paymentUf.replace('.', ',')} UF`} />
            <Figure label="Dividendo mensual" value={formatClp(chosen.paymentClp)} />
            <Figure label="Subsidio al pago oportuno" value={`− ${formatClp(chosen.onTimeSubsidyClp)}`} />
            <Figure label="Dividendo pagando al día" value={formatClp(chosen.netPaymentClp)} strong />
            <Figure label={`Renta mínima (regla del ${rule25})`} value={formatClp(chosen.minMonthlyIncomeClp)} />
            <Figure label="Subsidio + ahorro / crédito" value={`${chosen.subsidyAndSavingsPct.replace('.', ',')}% / ${chosen.creditPct.replace('.', ',')}%`} />
          </dl>
          <p className="mt-3" data-testid="rule-25">
            {dec(data.incomeClp).gte(chosen.minMonthlyIncomeClp)
              ? `Su ingreso de ${formatClp(data.incomeClp)} cumple la regla del ${rule25}: el dividendo sería el ${formatShare(dec(chosen.paymentClp).div(data.incomeClp).toFixed(3))} de su ingreso.`
              : `Su ingreso de ${formatClp(data.incomeClp)} no alcanza la renta mínima de ${formatClp(chosen.minMonthlyIncomeClp)} para este precio: el dividendo superaría el ${rule25} de su ingreso.`}
          </p>
          {chosen.notes.map((n) => (
            <p key={n} className="mt-2 text-sm text-slate-700">{n}</p>
          ))}
          <p className="mt-3 text-sm text-slate-600">
            Tasa {formatShare(params!.financing.annualRate)} anual a {params!.financing.termMonths / 12} años. UF de ${new Intl.NumberFormat('es-CL', { minimumFractionDigits: 2 }).format(Number(chosen.ufValueClp))} al {chosen.ufDate.split('-').reverse().join('-')}. {chosen.source}.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="ds49" className="max-w-xl rounded-lg border border-slate-300 p-4 md:p-6">
        <h2 id="ds49" className="mb-2 text-2xl font-bold">Magallanes: D.S. N°49 con aporte del Gobierno Regional</h2>
        <p className="mb-4 text-slate-700">
          Para grupos organizados de Magallanes que postulan al Fondo Solidario (D.S. N°49) con cofinanciamiento del GORE: costo máximo de la vivienda y aporte
          máximo del Gobierno Regional por comuna.
        </p>
        {ds49 ? (
          <form method="get" action="/simulador#ds49" noValidate>
            {/* The first simulation stays on the page when the Magallanes one is asked for. */}
            {Object.entries(values).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
            <label htmlFor="ds49Comuna" className="block font-semibold">Comuna</label>
            <select id="ds49Comuna" name="ds49Comuna" defaultValue={ds49Comuna} className="mb-3 mt-1 block min-h-11 w-full rounded-md border-2 border-slate-700 px-3">
              <option value="">Elija una comuna de Magallanes</option>
              {comunasOfRegion('12').map((c) => (
                <option key={c.code} value={c.code}>{c.name}</option>
              ))}
            </select>
            <Button type="submit" variant="secondary">Ver montos</Button>
          </form>
        ) : (
          <p>No hay un llamado D.S. N°49 con cofinanciamiento abierto.</p>
        )}
        {ds49Figures && ds49 ? (
          <div className="mt-4" data-testid="ds49-result">
            {ds49Figures.kind === 'applicable' ? (
              <dl>
                <Figure label="Costo máximo por vivienda" value={formatUf(ds49Figures.maxCostUf)} strong />
                <Figure label="Aporte máximo del GORE" value={formatUf(ds49Figures.maxGoreContributionUf)} strong />
                <Figure label="Resto (subsidio MINVU, ahorro y otros aportes)" value={formatUf(ds49Figures.costBeyondGoreUf)} />
              </dl>
            ) : (
              <p className="font-semibold">{ds49Figures.kind === 'not_applicable' ? `${ds49Figures.comunaName}: no aplica el cofinanciamiento.` : ds49Figures.label}</p>
            )}
            <Ds49Conditions params={ds49.parameters} />
          </div>
        ) : null}
        {ds49 ? (
          <p className="mt-4">
            <Link href="/simulador/magallanes" className="font-semibold underline">Revise si su grupo cumple estas condiciones</Link>: pegue la nómina de
            familias y los datos del proyecto.
          </p>
        ) : null}
      </section>
    </div>
  );
}
