import { StatusTag } from '@/components/ui/status-tag';
import type { Tone } from '@/components/ui/status-tag';
import type { TaskStatus } from '@/components/ui/task-list';
import type { SubmissionReviewDto } from '@/lib/dal/submission';
import { formatUf } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { TITLE_CERTIFICATE_SLOT } from '@/lib/domain/document-slots';
import {
  committeeSideLabels,
  contributionPartyLabels,
  ganttFormValues,
  landFormValues,
  projectCommitteeFormValues,
  projectFormValues,
  projectTypeLabels,
  workAgreementFormValues,
} from '@/lib/validations/sections';
import type { CommitteeSide, ProjectType } from '@/lib/validations/sections';
import { Missing, SummaryCard } from './summary-list';
import type { SummaryRow } from './summary-list';

const taskView: Record<TaskStatus, { label: string; tone: Tone }> = {
  no_iniciado: { label: 'No iniciado', tone: 'neutral' },
  en_progreso: { label: 'En progreso', tone: 'info' },
  completo: { label: 'Completo', tone: 'ok' },
  con_observaciones: { label: 'Con observaciones', tone: 'error' },
  solo_lectura: { label: 'Solo lectura', tone: 'neutral' },
};

const count = new Intl.NumberFormat('es-CL');

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function formatIsoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : value;
}

function shortHash(sha256: string): string {
  return `${sha256.slice(0, 8)}…${sha256.slice(-4)}`;
}

function orMissing(value: string) {
  return value.trim() === '' ? <Missing /> : value;
}

/**
 * The whole file as it would be filed, block by block, each with its status and a "Cambiar" link to the
 * section that holds it (hidden once the file is sent: it can no longer change).
 */
export function CheckAnswers({ review }: { review: SubmissionReviewDto }) {
  const base = `/portal/postulaciones/${review.application.id}`;
  const editable = review.application.status === 'borrador' && review.call.isOpen;
  const change = (href: string) => (editable ? `${base}${href}` : undefined);
  const statusOf = (id: string) => {
    const section = review.sections.find((s) => s.id === id);
    if (!section) return null;
    const view = taskView[section.status];
    return <StatusTag tone={view.tone}>{view.label}</StatusTag>;
  };
  const missingOf = (id: string) => {
    const section = review.sections.find((s) => s.id === id);
    if (!editable || !section || section.missing.length === 0) return null;
    return (
      <div className="my-2 border-l-4 border-warn-800 bg-warn-50 p-3 text-sm">
        <p className="font-semibold">Falta completar:</p>
        <ul className="ml-5 list-disc">
          {section.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  };

  const stored = record(review.application.sections);
  const project = projectFormValues(stored.proyecto, { projectName: review.application.projectName, comunaCode: null }, []);
  const agreement = workAgreementFormValues(stored.convenio, { builder: null });
  const committee = projectCommitteeFormValues(stored.comite).committee.filter((m) => m.name);
  const milestones = ganttFormValues(stored.gantt).gantt.filter((g) => g.title);
  const land = landFormValues(stored.terreno);
  const certificate = review.documents.find((slot) => slot.slot === TITLE_CERTIFICATE_SLOT)?.current ?? null;
  const hasAgreement = Object.keys(record(stored.convenio)).length > 0;
  const hasLand = land.situation !== '';
  const totalDwellings = review.dwellings.reduce((sum, d) => sum + d.count, 0);
  const { roster } = review;

  const projectRows: SummaryRow[] = [
    { key: 'name', label: 'Nombre del proyecto', value: review.application.projectName },
    { key: 'comuna', label: 'Comuna del terreno', value: review.application.comunaName ?? <Missing /> },
    {
      key: 'type',
      label: 'Tipo de proyecto',
      value: project.projectType ? projectTypeLabels[project.projectType as ProjectType] : <Missing />,
    },
    {
      key: 'typologies',
      label: 'Tipologías',
      value:
        project.typologies.filter((t) => t.name).length > 0 ? (
          <ul className="space-y-0.5">
            {project.typologies
              .filter((t) => t.name)
              .map((t, i) => (
                <li key={`${t.name}-${i}`}>
                  {t.name}: {t.areaM2 ? `${t.areaM2.replace('.', ',')} m²` : 'superficie no indicada'}
                  {t.bedrooms ? `, ${t.bedrooms} dormitorio${t.bedrooms === '1' ? '' : 's'}` : ''}
                </li>
              ))}
          </ul>
        ) : (
          <Missing />
        ),
    },
    {
      key: 'dwellings',
      label: 'Viviendas por tramo',
      value:
        review.dwellings.length > 0 ? (
          <ul className="space-y-0.5">
            {review.dwellings.map((d, i) => (
              <li key={`${d.band}-${d.priceUf}-${i}`}>
                Tramo {d.band}: {count.format(d.count)} vivienda{d.count === 1 ? '' : 's'} de {formatUf(d.priceUf)}
              </li>
            ))}
            <li className="font-semibold">Total: {count.format(totalDwellings)} viviendas</li>
          </ul>
        ) : (
          <Missing />
        ),
    },
  ];

  const committeeSides = [...new Set(committee.map((m) => m.side))].filter(Boolean) as CommitteeSide[];
  const committeeRows: SummaryRow[] =
    committee.length > 0
      ? [
          {
            key: 'members',
            label: 'Integrantes',
            value: (
              <ul className="space-y-0.5">
                {committee.map((m, i) => (
                  <li key={`${m.rut}-${i}`}>
                    {m.name}
                    {m.side ? ` — ${committeeSideLabels[m.side]}` : ''}
                    {m.position ? `, ${m.position}` : ''}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'sides',
            label: 'Representa a',
            value: `${committee.length} integrantes${committeeSides.length ? ` (${committeeSides.map((s) => committeeSideLabels[s].toLowerCase()).join(', ')})` : ''}`,
          },
        ]
      : [{ key: 'empty', label: 'Comité de Proyecto', value: <Missing>Aún no se ingresa</Missing> }];
  const ganttRows: SummaryRow[] =
    milestones.length > 0
      ? [
          {
            key: 'gantt',
            label: 'Hitos',
            value: `${milestones.length} hitos, del ${formatIsoDate(milestones.map((g) => g.startOn).filter(Boolean).sort()[0] ?? '')} al ${formatIsoDate(
              milestones.map((g) => g.endOn).filter(Boolean).sort().at(-1) ?? '',
            )}`,
          },
        ]
      : [{ key: 'empty', label: 'Carta Gantt', value: <Missing>Aún no se ingresa</Missing> }];
  const agreementRows: SummaryRow[] = hasAgreement
    ? [
        {
          key: 'cession',
          label: 'Cesión del terreno al grupo',
          value: agreement.landCession === 'si' ? `Sí. ${agreement.landCessionDescription}` : agreement.landCession === 'no' ? 'No' : <Missing />,
        },
        {
          key: 'workers',
          label: 'Trabajadores según el convenio',
          value:
            agreement.unionWorkers || agreement.nonUnionWorkers
              ? `${agreement.unionWorkers || '0'} del sindicato o asociación y ${agreement.nonUnionWorkers || '0'} que no son socios`
              : <Missing />,
        },
        {
          key: 'contributions',
          label: 'Otros aportes',
          value:
            agreement.contributions.length > 0 ? (
              <ul className="space-y-0.5">
                {agreement.contributions.map((c, i) => (
                  <li key={i}>
                    {c.party ? `${contributionPartyLabels[c.party]}: ` : ''}
                    {c.description}
                    {c.amountUf ? ` (${formatUf(c.amountUf)})` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              'Sin otros aportes'
            ),
        },
        {
          key: 'builder',
          label: 'Constructora',
          value: agreement.builder.name
            ? `${agreement.builder.name}${agreement.builder.registryNumber ? `, Registro Nacional de Contratistas N.º ${agreement.builder.registryNumber}` : ''}`
            : <Missing />,
        },
        {
          key: 'postsale',
          label: 'Informe de post venta y calidad',
          value: agreement.postSaleReport ? 'Incluido como obligación' : <Missing>No incluido</Missing>,
        },
      ]
    : [{ key: 'empty', label: 'Convenio de Trabajo', value: <Missing>Aún no se ingresa</Missing> }];

  const title = land.situation === 'promesa' ? land.promesa.sellerTitle : land.dominio;
  const landRows: SummaryRow[] = hasLand
    ? [
        {
          key: 'situation',
          label: 'Cómo se aporta',
          value: land.situation === 'dominio' ? 'Terreno propio del empleador (certificado de dominio vigente)' : 'Promesa de compraventa suscrita ante notario',
        },
        { key: 'address', label: 'Dirección', value: orMissing(land.address) },
        { key: 'rol', label: 'Rol de avalúo', value: orMissing(land.rolAvaluo) },
        {
          key: 'inscription',
          label: land.situation === 'promesa' ? 'Inscripción del vendedor' : 'Inscripción de dominio',
          value: title.fojas
            ? `Fojas ${title.fojas} N.º ${title.numero} del año ${title.anio}, Conservador de Bienes Raíces de ${title.conservador}`
            : <Missing />,
        },
        ...(land.situation === 'dominio'
          ? [
              {
                key: 'issued',
                label: 'Emisión del certificado',
                value: certificate?.issuedOn ? formatIsoDate(certificate.issuedOn) : <Missing>Se toma del certificado subido en Documentos</Missing>,
              },
            ]
          : [
              { key: 'notary', label: 'Notaría y fecha de la promesa', value: `${land.promesa.notary}${land.promesa.signedOn ? `, ${formatIsoDate(land.promesa.signedOn)}` : ''}` },
              { key: 'seller', label: 'Promitente vendedor', value: orMissing(land.promesa.sellerName) },
            ]),
      ]
    : [{ key: 'empty', label: 'Terreno', value: <Missing>Aún no se ingresa</Missing> }];

  const rosterRows: SummaryRow[] = [
    {
      key: 'bands',
      label: 'Trabajadores por tramo',
      value: `Tramo 1: ${count.format(roster.byBand[1])} · Tramo 2: ${count.format(roster.byBand[2])} · Tramo 3: ${count.format(roster.byBand[3])}`,
    },
    { key: 'total', label: 'Total de la nómina', value: `${count.format(roster.total)} trabajadores para ${count.format(totalDwellings)} viviendas` },
    {
      key: 'union',
      label: 'Socios y no socios',
      value: `${count.format(roster.unionMembers)} del sindicato o asociación · ${count.format(roster.nonUnionMembers)} no socios`,
    },
    {
      key: 'incorporation',
      label: 'Formularios de incorporación',
      value: `${count.format(roster.incorporationConfirmed)} de ${count.format(roster.total)} confirmados`,
    },
  ];

  return (
    <div className="space-y-6">
      <SummaryCard id="proyecto" title="Proyecto y viviendas" changeHref={change('/proyecto')} changeLabel="el proyecto y las viviendas" status={statusOf('proyecto')} rows={projectRows}>
        {missingOf('proyecto')}
      </SummaryCard>
      <SummaryCard id="gantt" title="Carta Gantt" changeHref={change('/carta-gantt')} changeLabel="la carta Gantt" status={statusOf('gantt')} rows={ganttRows}>
        {missingOf('gantt')}
      </SummaryCard>
      <SummaryCard id="convenio" title="Convenio de Trabajo" changeHref={change('/convenio')} changeLabel="el Convenio de Trabajo" status={statusOf('convenio')} rows={agreementRows}>
        {missingOf('convenio')}
      </SummaryCard>
      <SummaryCard id="terreno" title="Terreno" changeHref={change('/terreno')} changeLabel="el terreno" status={statusOf('terreno')} rows={landRows}>
        {missingOf('terreno')}
      </SummaryCard>
      <SummaryCard id="nomina" title="Nómina de postulantes" changeHref={change('/nomina')} changeLabel="la nómina" status={statusOf('nomina')} rows={rosterRows}>
        {missingOf('nomina')}
      </SummaryCard>
      <SummaryCard id="comite" title="Comité de Proyecto" changeHref={change('/comite')} changeLabel="el Comité de Proyecto" status={statusOf('comite')} rows={committeeRows}>
        {missingOf('comite')}
      </SummaryCard>
      <SummaryCard id="documentos" title="Documentos" changeHref={change('/documentos')} changeLabel="los documentos" status={statusOf('documentos')}>
        <ul className="divide-y divide-slate-200">
          {review.documents
            .filter((slot) => slot.required || slot.current)
            .map((slot) => (
              <li key={slot.slot} className="py-2" data-slot={slot.slot}>
                <p className="font-semibold">
                  {slot.label}
                  {slot.required ? null : <span className="font-normal text-slate-600"> (opcional)</span>}
                </p>
                {slot.current ? (
                  <p className="text-sm">
                    <span className="break-all">{slot.current.fileName}</span> · versión {slot.current.version} · subido el{' '}
                    {formatSantiagoDateTime(slot.current.uploadedAt)}
                    <br />
                    <span className="text-slate-700">
                      Huella SHA-256: <code className="font-mono" title={slot.current.sha256}>{shortHash(slot.current.sha256)}</code>
                    </span>
                  </p>
                ) : null}
                {!slot.ok ? (
                  <p className="mt-1 text-sm font-semibold text-err-700">
                    <span className="sr-only">Problema: </span>
                    {slot.problem ?? 'Falta subir este documento.'}
                  </p>
                ) : null}
              </li>
            ))}
        </ul>
      </SummaryCard>
    </div>
  );
}
