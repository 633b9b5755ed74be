import type { ReactNode } from 'react';
import { StatusTag } from '@/components/ui/status-tag';
import { Table } from '@/components/ui/table';
import type { IncomeCapGroup, TCallParameters, TScoreFactor, ZoneId } from '@/lib/domain/call-parameters';
import { formatClp, formatShare, formatUf } from '@/lib/format';
import { incomeCapSizeText } from '@/lib/validations/call-parameters';
import { SCORE_GROUP_LABELS, basisText, pointsText } from './labels';

const ZONES: ZoneId[] = ['centro', 'norte', 'extremo_sur'];
const SIZES = ['1', '2', '3', '4'] as const;
const GROUP_LABELS: Record<IncomeCapGroup, string> = { centro: 'Zona centro', norte_extremo_sur: 'Zonas norte y extremo sur' };
const LEVEL_LABELS = { region: 'Región', province: 'Provincia', comuna: 'Comuna' } as const;

const date = (iso: string) => iso.split('-').reverse().join('-');
const points = (value: string | null) => (value === null ? <StatusTag tone="warn">Sin definir</StatusTag> : `${pointsText(value)} puntos`);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 rounded border border-slate-300 bg-white p-4 sm:grid-cols-[minmax(0,22rem)_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The income caps by household size, each inferred one marked «inferido». */
export function IncomeCapsView({ params }: { params: TCallParameters }) {
  const caps = params.incomeCap.groups;
  return (
    <Table
      caption={`Topes de ingreso mensual del hogar (sobre el ${params.incomeCap.rshThreshold}% del RSH)`}
      rows={[...SIZES]}
      rowKey={(s) => s}
      columns={[
        { key: 'size', header: 'Integrantes del hogar', cell: (s) => incomeCapSizeText(s) },
        ...(Object.keys(GROUP_LABELS) as IncomeCapGroup[]).map((g) => ({
          key: g,
          header: GROUP_LABELS[g],
          numeric: true,
          cell: (s: (typeof SIZES)[number]) => (
            <span data-testid={`tope-${g}-${s}`}>
              {formatClp(caps[g][s].amountClp)} {caps[g][s].inferred ? <StatusTag tone="info">inferido</StatusTag> : null}
            </span>
          ),
        })),
      ]}
    />
  );
}

/** The score tables, read-only (once the call's selection is confirmed). */
export function ScoreTablesView({ factors }: { factors: TScoreFactor[] }) {
  return (
    <div className="space-y-4">
      {(Object.keys(SCORE_GROUP_LABELS) as TScoreFactor['group'][]).map((group) => (
        <div key={group} className="space-y-2">
          <h3 className="text-xl font-bold">{SCORE_GROUP_LABELS[group]}</h3>
          {factors
            .filter((f) => f.group === group)
            .map((f) => (
              <div key={f.id} className="rounded border border-slate-300 bg-white p-4" data-factor={f.id}>
                <h4 className="font-semibold">{f.label}</h4>
                <p className="text-sm text-slate-700">{basisText(f)}</p>
                {f.kind === 'choice' ? (
                  <ul className="mt-2 space-y-1">
                    {f.options.map((o) => (
                      <li key={o.id}>
                        {o.label}: {points(o.points)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-2">
                    {f.kind === 'per_unit' ? 'Por unidad' : 'Si corresponde'}: {points(f.kind === 'per_unit' ? f.pointsPerUnit : f.points)}
                    {f.kind === 'per_unit' && f.maxUnits !== null ? ` · hasta ${f.maxUnits} unidades` : ''}
                  </p>
                )}
              </div>
            ))}
        </div>
      ))}
    </div>
  );
}

/** Every other parameter of the call, read-only: zones and bands, requirements, financing, savings score, bridge loan, deadlines. */
export function ParametersView({ params }: { params: TCallParameters }) {
  const savings = params.score.savingsExcess;
  const onTime = params.financing.onTimeSubsidy;
  return (
    <div className="space-y-10">
      <Section id="zonas" title="Zonas, tramos y subsidio">
        <Table
          caption="Precio máximo de la vivienda por tramo y subsidio, por zona"
          rows={ZONES}
          rowKey={(z) => z}
          columns={[
            { key: 'zone', header: 'Zona', cell: (z) => params.zones[z].label },
            { key: 'b1', header: 'Tramo 1 hasta', numeric: true, cell: (z) => formatUf(params.zones[z].band1MaxUf) },
            { key: 'b2', header: 'Tramo 2 hasta', numeric: true, cell: (z) => formatUf(params.zones[z].band2MaxUf) },
            { key: 'b3', header: 'Tramo 3 hasta', numeric: true, cell: (z) => formatUf(params.zones[z].band3MaxUf) },
            { key: 's', header: 'Subsidio', numeric: true, cell: (z) => formatUf(params.zones[z].subsidyUf) },
          ]}
        />
        <details className="rounded border border-slate-300 bg-white p-4">
          <summary className="cursor-pointer font-semibold text-brand-700 underline">Mapa de zonas ({params.zoneMap.length} entradas; la más específica manda)</summary>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {params.zoneMap.map((e) => (
              <li key={`${e.level}-${e.code}`}>
                {LEVEL_LABELS[e.level]} {e.code} — {e.label}: {params.zones[e.zone].label}
              </li>
            ))}
          </ul>
        </details>
      </Section>

      <Section id="requisitos" title="Requisitos por tramo y composición">
        <Table
          caption="Requisitos de los trabajadores por tramo"
          rows={['1', '2', '3'] as const}
          rowKey={(b) => b}
          columns={[
            { key: 'b', header: 'Tramo', cell: (b) => `Tramo ${b}` },
            {
              key: 'rsh',
              header: 'Registro Social de Hogares',
              cell: (b) => {
                const r = params.bandRequirements[b];
                return r.maxRshPercentile === null ? 'Con registro (cualquier tramo)' : `Hasta el ${r.maxRshPercentile}%`;
              },
            },
            { key: 'min', header: 'Ahorro mínimo', numeric: true, cell: (b) => formatUf(params.bandRequirements[b].minSavingsUf) },
          ]}
        />
        <Facts
          rows={[
            ['Ahorro depositado a la fecha', `${formatShare(params.savings.depositedShareOfMinimum)} del mínimo al ${date(params.savings.depositDeadline)}`],
            ['Tramo 1', `al menos ${formatShare(params.composition.band1MinShare)} de las viviendas`],
            ['Tramo 2', `al menos ${formatShare(params.composition.band2MinShare)} de las viviendas`],
            ['Tramo 3', `hasta ${formatShare(params.composition.band3MaxShare)} de las viviendas`],
            ['Tramos distintos', `al menos ${params.composition.minBands}`],
            ['Viviendas por proyecto', `hasta ${params.composition.maxDwellings}`],
            ['Trabajadores no socios', `hasta ${formatShare(params.roster.nonUnionMaxShare)} de la nómina`],
            ['Reemplazos', `hasta ${formatShare(params.roster.replacementsMaxShare)} de la nómina presentada`],
          ]}
        />
      </Section>

      <Section id="financiamiento" title="Financiamiento">
        <Facts
          rows={[
            ['Tasa anual del crédito', formatShare(params.financing.annualRate)],
            ['Plazo', `${params.financing.termMonths} meses`],
            ['Valor de la UF', `${formatClp(params.financing.ufValueClp)} al ${date(params.financing.ufDate)}`],
            ['Dividendo máximo sobre el ingreso', formatShare(params.financing.maxPaymentToIncomeShare)],
            [
              'Subsidio al pago oportuno',
              onTime.basis === 'by_band'
                ? `por tramo: ${(['1', '2', '3'] as const).map((b) => `tramo ${b} ${formatShare(onTime.byBand[b])}`).join(', ')}`
                : `por monto del crédito: ${onTime.byCredit.map((c) => `hasta ${formatUf(c.maxCreditUf)} ${formatShare(c.share)}`).join(', ')}`,
            ],
            ['Sin subsidio al pago oportuno sobre', formatUf(onTime.maxCreditUf)],
            ['Recursos de la selección', `${formatUf(params.selection.budgetUf)} y ${params.selection.maxDwellings} viviendas`],
          ]}
        />
      </Section>

      <Section id="ahorro" title="Puntaje por ahorro sobre el mínimo">
        <p>
          {savings.counts ? (
            <StatusTag tone="ok">Este llamado lo cuenta</StatusTag>
          ) : (
            <StatusTag tone="neutral">Este llamado no lo cuenta</StatusTag>
          )}{' '}
          Tramos marginales medidos sobre {savings.thresholdsOf === 'excess' ? 'el exceso sobre el ahorro mínimo' : 'el ahorro total'}.
        </p>
        <Table
          caption="Puntos por UF en cada tramo de ahorro"
          rows={['1', '2', '3'] as const}
          rowKey={(b) => b}
          columns={[
            { key: 'b', header: 'Tramo de vivienda', cell: (b) => `Tramo ${b}` },
            {
              key: 'brackets',
              header: 'Tramos de ahorro',
              cell: (b) =>
                savings.byBand[b]
                  .map((x) => `${pointsText(x.pointsPerUf)} por UF ${x.uptoUf === null ? 'sobre el último tope' : `hasta ${formatUf(x.uptoUf)}`}`)
                  .join('; '),
            },
          ]}
        />
      </Section>

      <Section id="prestamo" title="Préstamo de enlace">
        <Facts
          rows={[
            ...params.bridgeLoan.instalments.map(
              (x, i): [string, string] => [
                `Cuota ${i + 1}`,
                `${formatShare(x.share)} ${x.progressAbovePercent === null ? 'al verificarse el inicio de obras' : `con avance verificado sobre ${x.progressAbovePercent}%`}`,
              ],
            ),
            ['Plazo máximo', `${params.bridgeLoan.maxMonths} meses`],
            ['Tope', 'el subsidio de las viviendas del proyecto'],
            ['Aviso antes del vencimiento de la garantía', `${params.bridgeLoan.guaranteeWarningDays} días`],
          ]}
        />
      </Section>

      <Section id="plazos" title="Plazos">
        <Facts
          rows={[
            ['Inscripción en el CBR', `${params.deadlines.cbrInscriptionDays} días desde la publicación de la selección`],
            ['Pago del subsidio', `${params.deadlines.subsidyPaymentMonths} meses desde el mes siguiente a la recepción municipal`],
            ['Prohibición de enajenar', `${params.deadlines.prohibitionYears} años`],
            ['Antigüedad máxima del certificado de dominio', `${params.deadlines.titleCertificateMaxAgeDays} días`],
            ['Plazo para subsanar observaciones', `${params.deadlines.correctionWorkingDays} días hábiles`],
            ['Inicio de obras', `hasta el ${date(params.deadlines.startOfWorksBy)}`],
            ['Zona horaria de los plazos', params.timeZone],
          ]}
        />
      </Section>
    </div>
  );
}
