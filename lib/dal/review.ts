import 'server-only';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cache } from 'react';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import {
  applicationDwellings,
  applications,
  auditLog,
  documents,
  employers,
  incomeChecks,
  observationRounds,
  observations,
  organizations,
  regions,
  rosterEntries,
  sponsors,
  users,
} from '@/db/schema';
import type { ApplicationStatus, Role } from '@/db/schema';
import { roleLabels } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { INCORPORATION_FORM_SLOT_ID, documentSlotById } from '@/lib/domain/document-slots';
import { SOURCES } from '@/lib/domain/explain';
import { describeHouseholdFacts, readHouseholdFacts } from '@/lib/domain/household-facts';
import type { DescribedHouseholdFact } from '@/lib/domain/household-facts';
import type { RuleResult } from '@/lib/domain/explain';
import { formatRut } from '@/lib/domain/rut';
import { formatClp, formatUf } from '@/lib/format';
import { applicationStatusLabels } from '@/lib/labels';
import { committeeSideLabels, committeeSides, contributionPartyLabels, projectTypeLabels, sortDwellingLines } from '@/lib/validations/sections';
import { loadApplication } from './application-access';
import type { ApplicationAccess } from './application-access';
import { listDocumentSlots } from './documents';
import type { DocumentSlotStatus } from './documents';
import { evaluateApplication } from './eligibility';

// ——— DTOs ———

export interface ReviewHeaderDto {
  id: string;
  number: string;
  projectName: string;
  status: ApplicationStatus;
  callName: string;
  organizationName: string;
  organizationRut: string;
  employerName: string | null;
  sponsorName: string | null;
  builderName: string | null;
  comunaName: string | null;
  regionName: string | null;
  submittedAt: Date | null;
  assignedReviewer: { id: string; name: string } | null;
}

export type DocumentKind = 'pdf' | 'imagen' | 'otro';

/** A stored file the reviewer can open inline (served by /api/documentos/<id> with its own scope check). */
export interface ReviewDocumentDto {
  id: string;
  label: string;
  fileName: string;
  version: number;
  kind: DocumentKind;
  sizeBytes: number;
  uploadedAt: Date;
  issuedOn: string | null;
}

export type AntecedentState = 'presente' | 'falta' | 'problema';

export interface AntecedentItem {
  id: string;
  title: string;
  state: AntecedentState;
  /** What the file says about it, in Spanish, line by line. */
  details: string[];
  /** Why it is missing or wrong, in Spanish; null when present. */
  problem: string | null;
  documents: ReviewDocumentDto[];
}

export interface AntecedentGroup {
  id: string;
  title: string;
  source: string;
  items: AntecedentItem[];
}

export type IncomeCapState = 'no_aplica' | 'cumple' | 'no_cumple';

export interface ReviewWorkerDto {
  id: string;
  /** With dots: 12.345.678-5. */
  rut: string;
  name: string;
  band: number;
  rshPercentile: number | null;
  householdSize: number;
  monthlyIncomeClp: number;
  savingsUf: string;
  savingsDepositedUf: string;
  unionMember: boolean;
  isReplacement: boolean;
  eligible: boolean;
  /** Every requirement the rules engine checked for the worker, with its reason and source. */
  reasons: RuleResult[];
  incomeCap: { state: IncomeCapState; message: string; sii: string | null };
  incorporation: { status: 'en_linea' | 'formulario_firmado' | 'pendiente'; confirmedAt: Date | null; form: ReviewDocumentDto | null };
  /** The household facts declared for the individual score (D.S. N°1 art. 65), read-only for SERVIU. */
  scoreFacts: DescribedHouseholdFact[];
}

export interface ReviewHistoryEntry {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  actorRole: string | null;
  details: string[];
}

export interface ReviewFileDto {
  header: ReviewHeaderDto;
  eligibility: { ok: boolean; zoneLabel: string | null; rules: RuleResult[] };
  checklist: AntecedentGroup[];
  checklistSummary: Record<AntecedentState, number>;
  dwellings: { band: number; count: number; priceUf: string }[];
  workers: ReviewWorkerDto[];
  workerSummary: { total: number; eligible: number; incorporated: number; union: number; nonUnion: number; byBand: Record<1 | 2 | 3, number> };
  /** Current version of every application-level document, for the document list and viewer. */
  documents: ReviewDocumentDto[];
  history: ReviewHistoryEntry[];
  /** True when older history entries were left out (only the latest HISTORY_LIMIT are shown). */
  historyTruncated: boolean;
}

export const HISTORY_LIMIT = 200;

// ——— access ———

const builder = alias(sponsors, 'builder');
const assigned = alias(users, 'assigned');

interface ReviewAccess {
  access: ApplicationAccess;
  header: ReviewHeaderDto;
}

/**
 * The file as the back office may see it: in the official's scope for 'review.read' (their region;
 * GORE: co-financed files of theirs; national staff: all) and never a draft. Anything else is
 * NotFoundError, exactly like a missing id. Cached per request: the layout and the page share it.
 */
const loadReviewAccess = cache(async (user: SessionUser, id: string): Promise<ReviewAccess> => {
  const db = await getDb();
  const access = await loadApplication(db, user, id, 'review.read');
  if (access.application.status === 'borrador') throw new NotFoundError('No se encontró la postulación.');
  const [row] = await db
    .select({
      organizationName: organizations.name,
      organizationRut: organizations.rut,
      employerName: employers.name,
      sponsorName: sponsors.name,
      builderName: builder.name,
      regionName: regions.shortName,
      assignedId: assigned.id,
      assignedName: assigned.name,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(employers, eq(employers.id, applications.employerId))
    .leftJoin(sponsors, eq(sponsors.id, applications.sponsorId))
    .leftJoin(builder, eq(builder.id, applications.builderId))
    .leftJoin(regions, eq(regions.code, applications.regionCode))
    .leftJoin(assigned, eq(assigned.id, applications.assignedReviewerId))
    .where(eq(applications.id, access.application.id))
    .limit(1);
  const app = access.application;
  return {
    access,
    header: {
      id: app.id,
      number: app.number,
      projectName: app.projectName,
      status: app.status,
      callName: access.call.name,
      organizationName: row!.organizationName,
      organizationRut: row!.organizationRut,
      employerName: row!.employerName,
      sponsorName: row!.sponsorName,
      builderName: row!.builderName,
      comunaName: access.comuna?.name ?? null,
      regionName: row!.regionName,
      submittedAt: app.submittedAt,
      assignedReviewer: row!.assignedId && row!.assignedName ? { id: row!.assignedId, name: row!.assignedName } : null,
    },
  };
});

/** The header of a file for the review frame (layout); NotFoundError outside the official's scope. */
export async function getReviewHeader(user: SessionUser, id: string): Promise<ReviewHeaderDto> {
  return (await loadReviewAccess(user, id)).header;
}

// ——— sections, read defensively (they are written by the section forms) ———

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record).filter((v): v is Json => v !== null) : [];
}
function count(value: unknown): number | null {
  const t = text(value).replace(/\./g, '');
  return /^\d+$/.test(t) ? Number(t) : null;
}
function rutText(value: unknown): string {
  const t = text(value);
  return /^\d+-[\dK]$/i.test(t) ? formatRut(t) : t;
}
function isoDate(value: unknown): string {
  const t = text(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : t;
}
function sectionOf(sections: unknown, key: string): Json | null {
  return record(record(sections)?.[key]);
}

function inscriptionText(title: Json | null): string | null {
  if (!title) return null;
  const fojas = text(title.fojas);
  const numero = text(title.numero);
  const anio = text(title.anio);
  const cbr = text(title.conservador);
  if (!fojas || !numero || !anio || !cbr) return null;
  return `Inscripción a fojas ${fojas} N° ${numero} del año ${anio}, Conservador de Bienes Raíces de ${cbr}.`;
}

// ——— checklist ———

export interface ChecklistInput {
  sections: unknown;
  slots: DocumentSlotStatus[];
  documentsById: Map<string, ReviewDocumentDto>;
  dwellings: { band: number; count: number; priceUf: string }[];
  roster: { total: number; union: number; nonUnion: number; incorporated: number; ruts: ReadonlySet<string> };
  invitedBuilder: { name: string; rut: string; registryNumber: string | null } | null;
  /** The call's term to inscribe the purchase in the Conservador after selection (land under promise). */
  cbrInscriptionDays: number;
}

function item(id: string, title: string, state: AntecedentState, details: string[], problem: string | null, docs: ReviewDocumentDto[] = []): AntecedentItem {
  return { id, title, state, details, problem: state === 'presente' ? null : problem, documents: docs };
}

/**
 * The application's antecedents as a reviewer's checklist (the 2022 call, «Requisitos de postulación» —
 * the Convenio's contents — and «Antecedentes de postulación»), each present, missing or with a problem,
 * from the sections the parties filled and the documents they uploaded. Pure.
 */
export function buildAntecedentChecklist(input: ChecklistInput): AntecedentGroup[] {
  const slot = (id: string) => input.slots.find((s) => s.slot === id) ?? null;
  const docsOf = (s: DocumentSlotStatus | null): ReviewDocumentDto[] => {
    const doc = s?.current ? input.documentsById.get(s.current.id) : undefined;
    return doc ? [doc] : [];
  };
  /** State from a document slot alone: missing file, the slot's own rule failing, or fine. */
  const slotState = (s: DocumentSlotStatus | null): { state: AntecedentState; problem: string | null } => {
    if (!s?.current) return { state: 'falta', problem: 'No se subió el documento.' };
    if (!s.ok) return { state: 'problema', problem: s.problem ?? 'El documento no cumple su regla.' };
    return { state: 'presente', problem: null };
  };
  const covered = new Set<string>();
  const takeSlot = (id: string) => {
    covered.add(id);
    return slot(id);
  };

  // Land: the employer's current title, or a notarised promise of sale with the seller's inscription.
  const terreno = sectionOf(input.sections, 'terreno');
  const situation = text(terreno?.situation);
  const land: AntecedentItem[] = [];
  const certificate = takeSlot('certificado_dominio');
  const promise = takeSlot('promesa_compraventa');
  const sellerTitle = takeSlot('inscripcion_dominio_vendedor');
  const address = text(terreno?.address);
  const landLines = [address ? `Terreno: ${address}${text(terreno?.rolAvaluo) ? `, rol de avalúo ${text(terreno?.rolAvaluo)}` : ''}.` : null].filter((l): l is string => l !== null);
  if (situation !== 'dominio' && situation !== 'promesa') {
    land.push(
      item(
        'terreno',
        'Certificado de dominio vigente o promesa de compraventa',
        'falta',
        [],
        'La sección «Terreno» no indica si el terreno es del empleador o está prometido en compraventa.',
        [...docsOf(certificate), ...docsOf(promise), ...docsOf(sellerTitle)],
      ),
    );
  } else if (situation === 'dominio') {
    const dominio = record(terreno?.dominio);
    const inscription = inscriptionText(dominio);
    // The issue date is the uploaded certificate's (one source of truth), its age judged by the slot's rule.
    const issued = certificate?.current?.issuedOn ?? '';
    const doc = slotState(certificate);
    const state: AntecedentState = doc.state !== 'presente' ? doc.state : inscription ? 'presente' : 'problema';
    land.push(
      item(
        'terreno.dominio',
        'Certificado de dominio vigente a nombre del empleador',
        state,
        [...landLines, ...(inscription ? [inscription] : []), ...(issued ? [`Certificado emitido el ${isoDate(issued)}.`] : [])],
        doc.problem ?? 'Faltan los datos de la inscripción de dominio (fojas, número, año y Conservador).',
        docsOf(certificate),
      ),
    );
  } else {
    const promesa = record(terreno?.promesa);
    const notary = text(promesa?.notary);
    const signedOn = text(promesa?.signedOn);
    const seller = text(promesa?.sellerName);
    const promiseDoc = slotState(promise);
    const promiseData = Boolean(notary && signedOn && seller);
    land.push(
      item(
        'terreno.promesa',
        'Promesa de compraventa suscrita ante notario',
        promiseDoc.state !== 'presente' ? promiseDoc.state : promiseData ? 'presente' : 'problema',
        [
          ...landLines,
          ...(notary ? [`Notaría: ${notary}${signedOn ? `, firmada el ${isoDate(signedOn)}` : ''}.`] : []),
          ...(seller ? [`Promitente vendedor: ${seller}${text(promesa?.sellerRut) ? ` (RUT ${rutText(promesa?.sellerRut)})` : ''}.`] : []),
          `La escritura de compraventa debe ingresarse al Conservador dentro de ${input.cbrInscriptionDays} días desde la publicación de la selección.`,
        ],
        promiseDoc.problem ?? 'Faltan los datos de la promesa (notaría, fecha o promitente vendedor).',
        docsOf(promise),
      ),
    );
    const sellerInscription = inscriptionText(record(promesa?.sellerTitle));
    const sellerDoc = slotState(sellerTitle);
    land.push(
      item(
        'terreno.inscripcion_vendedor',
        'Inscripción de dominio vigente del promitente vendedor',
        sellerDoc.state !== 'presente' ? sellerDoc.state : sellerInscription ? 'presente' : 'problema',
        sellerInscription ? [sellerInscription] : [],
        sellerDoc.problem ?? 'Faltan los datos de la inscripción del vendedor (fojas, número, año y Conservador).',
        docsOf(sellerTitle),
      ),
    );
  }

  // The Convenio de Trabajo, signed before a notary, and each content the programme asks of it.
  const convenio = sectionOf(input.sections, 'convenio');
  const proyecto = sectionOf(input.sections, 'proyecto');
  const agreement: AntecedentItem[] = [];
  const agreementSlot = takeSlot('convenio_trabajo');
  const agreementDoc = slotState(agreementSlot);
  agreement.push(item('convenio.documento', 'Convenio de Trabajo suscrito ante notario', agreementDoc.state, [], agreementDoc.problem, docsOf(agreementSlot)));
  const noSection = 'La sección «Convenio de Trabajo» no se completó.';

  const cession = text(convenio?.landCession);
  agreement.push(
    item(
      'convenio.cesion',
      'Cesión del terreno al grupo',
      cession === 'si' ? 'presente' : cession === 'no' ? 'problema' : 'falta',
      text(convenio?.landCessionDescription) ? [text(convenio?.landCessionDescription)] : [],
      cession === 'no' ? 'El convenio declara que no incluye la cesión del terreno al grupo.' : convenio ? 'No se indicó si el convenio incluye la cesión del terreno.' : noSection,
    ),
  );

  const unionWorkers = count(convenio?.unionWorkers);
  const nonUnionWorkers = count(convenio?.nonUnionWorkers);
  const { roster } = input;
  const workersStated = unionWorkers !== null && nonUnionWorkers !== null;
  const workersMatch = workersStated && unionWorkers === roster.union && nonUnionWorkers === roster.nonUnion;
  agreement.push(
    item(
      'convenio.trabajadores',
      'Número de trabajadores, del sindicato o asociación y no socios',
      !workersStated ? 'falta' : workersMatch ? 'presente' : 'problema',
      [
        ...(workersStated ? [`El convenio declara ${unionWorkers} socios y ${nonUnionWorkers} no socios (${unionWorkers + nonUnionWorkers} en total).`] : []),
        `La nómina activa tiene ${roster.union} socios y ${roster.nonUnion} no socios (${roster.total} en total).`,
      ],
      !workersStated ? (convenio ? 'El convenio no indica cuántos trabajadores considera.' : noSection) : 'Las cifras del convenio no coinciden con la nómina.',
    ),
  );

  const projectType = text(proyecto?.projectType);
  const typologies = list(proyecto?.typologies);
  const dwellings = sortDwellingLines(input.dwellings.filter((d) => d.count > 0));
  const projectComplete = Boolean(projectType) && typologies.length > 0 && dwellings.length > 0;
  agreement.push(
    item(
      'convenio.proyecto',
      'Tipo de proyecto, tipologías, cantidad de viviendas y rangos de precio',
      projectComplete ? 'presente' : 'falta',
      [
        ...(projectType ? [`Tipo: ${projectTypeLabels[projectType as keyof typeof projectTypeLabels] ?? projectType}.`] : []),
        ...typologies.map((t) => {
          const area = text(t.areaM2);
          const bedrooms = text(t.bedrooms);
          return `Tipología «${text(t.name) || 'sin nombre'}»${area ? `: ${area.replace('.', ',')} m²` : ''}${bedrooms ? `, ${bedrooms} dormitorio(s)` : ''}.`;
        }),
        ...dwellings.map((d) => `Tramo ${d.band}: ${d.count} vivienda(s) de ${formatUf(d.priceUf)}.`),
      ],
      !projectType
        ? 'No se indicó el tipo de proyecto.'
        : typologies.length === 0
          ? 'No se registraron tipologías de vivienda.'
          : 'No se registró la cantidad de viviendas por tramo.',
    ),
  );

  const contributions = list(convenio?.contributions);
  agreement.push(
    item(
      'convenio.aportes',
      'Otros aportes del empleador y de los trabajadores, y cómo se materializan',
      contributions.length > 0 ? 'presente' : 'falta',
      [
        ...contributions.map((c) => {
          const party = contributionPartyLabels[text(c.party) as keyof typeof contributionPartyLabels] ?? 'Aporte';
          const amount = text(c.amountUf);
          return `${party}: ${text(c.description)}${amount ? ` (${formatUf(amount)})` : ''}. ${text(c.materialization)}`.trim();
        }),
        ...(text(convenio?.technicalSupport) ? [`Apoyo técnico del empleador: ${text(convenio?.technicalSupport)}`] : []),
      ],
      convenio ? 'El convenio no registra otros aportes ni cómo se materializan.' : noSection,
    ),
  );

  const committeeSection = sectionOf(input.sections, 'comite');
  const committee = list(committeeSection?.committee);
  const missingSides = committeeSides.filter((side) => !committee.some((m) => text(m.side) === side));
  const outsideRoster = committee.filter((m) => text(m.side) === 'grupo' && !input.roster.ruts.has(text(m.rut)));
  agreement.push(
    item(
      'convenio.comite',
      'Comité de Proyecto: empleador, organización y al menos un integrante del grupo',
      committee.length === 0 ? 'falta' : missingSides.length > 0 || outsideRoster.length > 0 ? 'problema' : 'presente',
      committee.map((m) => {
        const side = committeeSideLabels[text(m.side) as keyof typeof committeeSideLabels] ?? 'Sin indicar';
        const position = text(m.position);
        return `${text(m.name)} (RUT ${rutText(m.rut)}) — ${side}${position ? `, ${position}` : ''}.`;
      }),
      committee.length === 0
        ? committeeSection
          ? 'No se registraron integrantes del Comité de Proyecto.'
          : 'La sección «Comité de Proyecto» no se completó.'
        : missingSides.length > 0
          ? `Falta un integrante de: ${missingSides.map((s) => committeeSideLabels[s].toLowerCase()).join(', ')}.`
          : `Integrante(s) del grupo que no están en la nómina activa: ${outsideRoster.map((m) => text(m.name)).join(', ')}.`,
    ),
  );

  const builderData = record(convenio?.builder);
  const builderName = text(builderData?.name);
  const builderRut = text(builderData?.rut);
  const registry = text(builderData?.registryNumber);
  const invited = input.invitedBuilder;
  const builderMismatch = Boolean(invited && builderRut && invited.rut !== builderRut);
  agreement.push(
    item(
      'convenio.constructora',
      'Constructora inscrita en el Registro Nacional de Contratistas del MINVU',
      !builderName || !registry ? 'falta' : builderMismatch ? 'problema' : 'presente',
      [
        ...(builderName ? [`${builderName}${builderRut ? ` (RUT ${rutText(builderRut)})` : ''}${registry ? `, inscripción N° ${registry}` : ''}.`] : []),
        ...(invited ? [`Constructora participante de la postulación: ${invited.name} (RUT ${formatRut(invited.rut)})${invited.registryNumber ? `, N° ${invited.registryNumber}` : ''}.`] : []),
      ],
      !builderName
        ? convenio
          ? 'El convenio no nombra a la constructora.'
          : noSection
        : !registry
          ? 'Falta el número de inscripción de la constructora en el Registro Nacional de Contratistas.'
          : 'La constructora del convenio no es la constructora que participa en la postulación.',
    ),
  );

  agreement.push(
    item(
      'convenio.postventa',
      'Obligación de exigir a la constructora el informe de post venta y calidad de la construcción',
      convenio?.postSaleReport === true ? 'presente' : 'falta',
      [],
      convenio ? 'El convenio no incluye la obligación de exigir el informe de post venta y calidad.' : noSection,
    ),
  );

  const gantt = list(sectionOf(input.sections, 'gantt')?.gantt);
  const ganttSlot = takeSlot('carta_gantt');
  const ganttDocs = docsOf(ganttSlot);
  const starts = gantt.map((g) => text(g.startOn)).filter(Boolean).sort();
  const ends = gantt.map((g) => text(g.endOn)).filter(Boolean).sort();
  agreement.push(
    item(
      'convenio.gantt',
      'Carta Gantt del proyecto',
      gantt.length > 0 || ganttDocs.length > 0 ? 'presente' : 'falta',
      gantt.length > 0
        ? [`${gantt.length} hito(s)${starts[0] && ends.length ? `, del ${isoDate(starts[0])} al ${isoDate(ends[ends.length - 1])}` : ''}.`, ...gantt.slice(0, 12).map((g) => `${text(g.title)}: ${isoDate(g.startOn)} a ${isoDate(g.endOn)}.`)]
        : [],
      'No se registraron hitos de la carta Gantt ni se subió el documento.',
      ganttDocs,
    ),
  );

  // The letter signed by employer, union and builder: the project was evaluated and fits the financing.
  const letterSlot = takeSlot('carta_financiamiento');
  const letter = slotState(letterSlot);
  const letterItems = [
    item('carta', 'Carta firmada por el empleador, la organización y la constructora (proyecto evaluado y dentro del financiamiento)', letter.state, [], letter.problem, docsOf(letterSlot)),
  ];

  // One incorporation form per worker (online confirmation or a signed paper form).
  const { total, incorporated } = input.roster;
  const pending = total - incorporated;
  const incorporationItems = [
    item(
      'incorporacion',
      'Formulario de incorporación de cada trabajador (declara conocer el proyecto)',
      total === 0 || incorporated === 0 ? 'falta' : pending > 0 ? 'problema' : 'presente',
      [`${incorporated} de ${total} trabajador(es) de la nómina activa confirmaron su incorporación.`],
      total === 0 ? 'La nómina está vacía.' : pending > 0 ? `Faltan ${pending} formulario(s) de incorporación.` : 'Ningún trabajador confirmó su incorporación.',
    ),
  ];

  // Any other document slot: required ones always, optional ones when something was uploaded.
  const others = input.slots
    .filter((s) => !covered.has(s.slot) && (s.required || s.current))
    .map((s) => {
      const state = slotState(s);
      return item(`documento.${s.slot}`, s.label, s.required ? state.state : 'presente', [], state.problem, docsOf(s));
    });

  const groups: AntecedentGroup[] = [
    { id: 'terreno', title: 'Terreno', source: SOURCES.requirements, items: land },
    { id: 'convenio', title: 'Convenio de Trabajo', source: SOURCES.requirements, items: agreement },
    { id: 'carta', title: 'Carta de evaluación y financiamiento', source: SOURCES.antecedents, items: letterItems },
    { id: 'incorporacion', title: 'Incorporación de los trabajadores', source: SOURCES.antecedents, items: incorporationItems },
  ];
  if (others.length > 0) groups.push({ id: 'otros', title: 'Otros documentos', source: SOURCES.requirements, items: others });
  return groups;
}

// ——— history ———

const sectionLabels: Record<string, string> = {
  proyecto: 'Proyecto',
  gantt: 'Carta Gantt',
  convenio: 'Convenio de Trabajo',
  comite: 'Comité de Proyecto',
  terreno: 'Terreno',
};
const partyLabels: Record<string, string> = { organizacion: 'la organización', empleador: 'el empleador' };
const participantLabels: Record<string, string> = { employerId: 'Empleador', sponsorId: 'Entidad patrocinante', builderId: 'Constructora' };

const actionLabels: Record<string, string> = {
  'application.create': 'Postulación creada',
  'application.section.update': 'Sección actualizada',
  'application.participant_set': 'Participante incorporado a la postulación',
  'application.approve_submission': 'Aprobación del envío',
  'application.submit': 'Postulación enviada',
  'application.assign_reviewer': 'Asignación de analista',
  'roster.entry.create': 'Trabajador agregado a la nómina',
  'roster.entry.update': 'Datos de un trabajador modificados',
  'roster.entry.delete': 'Trabajador quitado de la nómina',
  'roster.import.create': 'Archivo de nómina cargado para revisión',
  'roster.import.revalidate': 'Archivo de nómina revalidado',
  'roster.import.accept': 'Nómina reemplazada desde archivo',
  'roster.import.discard': 'Archivo de nómina descartado',
  'roster.incorporation.confirm': 'Incorporación confirmada en línea',
  'roster.incorporation.link_create': 'Enlace de incorporación generado',
  'roster.incorporation.signed_form': 'Formulario de incorporación firmado subido',
  'document.upload': 'Documento subido',
};

function statusLabel(value: unknown): string | null {
  const t = text(value);
  return t in applicationStatusLabels ? applicationStatusLabels[t as ApplicationStatus] : null;
}

function workerName(data: Json | null): string | null {
  if (!data) return null;
  const name = [text(data.firstNames), text(data.lastNames)].filter(Boolean).join(' ');
  const rut = text(data.rut);
  if (!name && !rut) return null;
  return `${name}${rut ? ` (RUT ${rutText(rut)})` : ''}`.trim();
}

/** A human account of one audit row: a label and a few lines, never the raw record. */
export function describeAuditEntry(action: string, before: unknown, after: unknown): { label: string; details: string[] } {
  const b = record(before);
  const a = record(after);
  const details: string[] = [];
  const fromStatus = statusLabel(b?.status);
  const toStatus = statusLabel(a?.status);
  let label = actionLabels[action];
  switch (action) {
    case 'application.section.update': {
      const section = sectionLabels[text(a?.section)];
      if (section) details.push(`Sección: ${section}.`);
      break;
    }
    case 'application.participant_set':
      for (const key of Object.keys(participantLabels)) if (a && key in a) details.push(`${participantLabels[key]} incorporado.`);
      break;
    case 'application.approve_submission': {
      const party = partyLabels[text(a?.party)];
      if (party) details.push(`Aprobó ${party}.`);
      break;
    }
    case 'application.assign_reviewer':
      details.push(text(a?.assignedReviewerName) ? `Asignada a ${text(a?.assignedReviewerName)}.` : 'Quedó sin analista asignado.');
      if (text(b?.assignedReviewerName)) details.push(`Antes: ${text(b?.assignedReviewerName)}.`);
      break;
    case 'roster.entry.create':
    case 'roster.entry.update':
    case 'roster.entry.delete': {
      const who = workerName(a) ?? workerName(b);
      if (who) details.push(who);
      break;
    }
    case 'roster.import.create':
    case 'roster.import.accept':
    case 'roster.import.discard':
      if (text(a?.fileName)) details.push(`Archivo: ${text(a?.fileName)}.`);
      if (action === 'roster.import.accept' && typeof a?.total === 'number') details.push(`${a.total} trabajador(es) en la nómina resultante.`);
      break;
    case 'roster.incorporation.confirm':
    case 'roster.incorporation.signed_form':
    case 'roster.incorporation.link_create':
      if (text(a?.rut)) details.push(`RUT ${rutText(a?.rut)}.`);
      break;
    case 'document.upload': {
      const slotLabel = documentSlotById(text(a?.slot))?.label;
      if (slotLabel) details.push(slotLabel);
      if (text(a?.fileName)) details.push(`Archivo «${text(a?.fileName)}», versión ${text(a?.version) || '1'}.`);
      break;
    }
    default:
      break;
  }
  if (fromStatus && toStatus && fromStatus !== toStatus) details.push(`Estado: ${fromStatus} → ${toStatus}.`);
  else if (toStatus && action !== 'application.create') details.push(`Estado: ${toStatus}.`);
  const reason = text(a?.reason) || text(a?.motivo);
  if (reason) details.push(`Motivo: ${reason}`);
  if (!label) label = fromStatus && toStatus ? 'Cambio de estado' : action.startsWith('observation') ? 'Observaciones' : 'Otra acción registrada';
  return { label, details };
}

async function loadHistory(db: DbOrTx, applicationId: string): Promise<{ entries: ReviewHistoryEntry[]; truncated: boolean }> {
  const documentIds = sql`(select ${documents.id}::text from ${documents} where ${documents.applicationId} = ${applicationId})`;
  const roundIds = sql`(select ${observationRounds.id}::text from ${observationRounds} where ${observationRounds.applicationId} = ${applicationId})`;
  const observationIds = sql`(select ${observations.id}::text from ${observations} where ${observations.applicationId} = ${applicationId})`;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorRole: auditLog.actorRole,
      actorName: users.name,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      or(
        and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, applicationId)),
        and(eq(auditLog.entityType, 'document'), inArray(auditLog.entityId, documentIds)),
        and(inArray(auditLog.entityType, ['observation_round', 'observation_rounds']), inArray(auditLog.entityId, roundIds)),
        and(inArray(auditLog.entityType, ['observation', 'observations']), inArray(auditLog.entityId, observationIds)),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(HISTORY_LIMIT + 1);
  const entries = rows.slice(0, HISTORY_LIMIT).map((r) => {
    const { label, details } = describeAuditEntry(r.action, r.before, r.after);
    return {
      id: Number(r.id),
      at: r.at,
      action: label,
      actorName: r.actorName,
      actorRole: r.actorRole && r.actorRole in roleLabels ? roleLabels[r.actorRole as Role] : null,
      details,
    };
  });
  return { entries, truncated: rows.length > HISTORY_LIMIT };
}

// ——— the file ———

function documentKind(contentType: string): DocumentKind {
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType.startsWith('image/')) return 'imagen';
  return 'otro';
}

/**
 * The whole file for the review page: header, the rules engine's verdict with every reason and source,
 * the antecedents checklist, the roster with each worker's results and incorporation, the current
 * documents and the history. Nothing of other files reaches the DTO (the rules engine compares this
 * roster's RUTs with the rest of the call and returns only this file's results). A fixed number of
 * queries, whatever the roster size. NotFoundError outside the official's scope or for a draft.
 */
export async function getReviewFile(user: SessionUser, id: string): Promise<ReviewFileDto> {
  const { access, header } = await loadReviewAccess(user, id);
  const db = await getDb();
  const applicationId = access.application.id;
  const params = access.call.parameters;
  const [eligibility, slots, dwellingRows, roster, currentDocuments, sii, invited, history] = await Promise.all([
    evaluateApplication(db, access),
    listDocumentSlots(db, access),
    db
      .select({ band: applicationDwellings.band, count: applicationDwellings.count, priceUf: applicationDwellings.priceUf })
      .from(applicationDwellings)
      .where(eq(applicationDwellings.applicationId, applicationId))
      .orderBy(asc(applicationDwellings.band), asc(applicationDwellings.priceUf)),
    db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.applicationId, applicationId), eq(rosterEntries.status, 'activo')))
      .orderBy(asc(rosterEntries.lastNames), asc(rosterEntries.firstNames), asc(rosterEntries.id)),
    db
      .selectDistinctOn([documents.slot, documents.rosterEntryId], {
        id: documents.id,
        slot: documents.slot,
        rosterEntryId: documents.rosterEntryId,
        version: documents.version,
        fileName: documents.fileName,
        contentType: documents.contentType,
        sizeBytes: documents.sizeBytes,
        uploadedAt: documents.uploadedAt,
        issuedOn: documents.issuedOn,
      })
      .from(documents)
      .where(eq(documents.applicationId, applicationId))
      .orderBy(documents.slot, documents.rosterEntryId, desc(documents.version)),
    db
      .selectDistinctOn([incomeChecks.rosterEntryId], {
        rosterEntryId: incomeChecks.rosterEntryId,
        exportedAt: incomeChecks.exportedAt,
        answeredAt: incomeChecks.answeredAt,
        declaredIncomeClp: incomeChecks.declaredIncomeClp,
        overCap: incomeChecks.overCap,
      })
      .from(incomeChecks)
      .innerJoin(rosterEntries, eq(rosterEntries.id, incomeChecks.rosterEntryId))
      .where(eq(rosterEntries.applicationId, applicationId))
      .orderBy(incomeChecks.rosterEntryId, sql`${incomeChecks.answeredAt} desc nulls last`, sql`${incomeChecks.exportedAt} desc nulls last`),
    access.application.builderId
      ? db
          .select({ name: sponsors.name, rut: sponsors.rut, registryNumber: sponsors.registryNumber })
          .from(sponsors)
          .where(eq(sponsors.id, access.application.builderId))
          .limit(1)
      : Promise.resolve([]),
    loadHistory(db, applicationId),
  ]);

  const documentsById = new Map<string, ReviewDocumentDto>();
  const formByEntry = new Map<string, ReviewDocumentDto>();
  const applicationDocuments: ReviewDocumentDto[] = [];
  for (const d of currentDocuments) {
    const definition = documentSlotById(d.slot);
    const dto: ReviewDocumentDto = {
      id: d.id,
      label: definition?.label ?? 'Documento',
      fileName: d.fileName,
      version: d.version,
      kind: documentKind(d.contentType),
      sizeBytes: d.sizeBytes,
      uploadedAt: d.uploadedAt,
      issuedOn: d.issuedOn,
    };
    documentsById.set(d.id, dto);
    if (d.rosterEntryId && d.slot === INCORPORATION_FORM_SLOT_ID) formByEntry.set(d.rosterEntryId, dto);
    else if (!d.rosterEntryId) applicationDocuments.push(dto);
  }
  const slotOrder = new Map(slots.map((s, i) => [s.slot, i]));
  const slotOfDocument = new Map(currentDocuments.map((d) => [d.id, d.slot]));
  const rank = (doc: ReviewDocumentDto) => slotOrder.get(slotOfDocument.get(doc.id) ?? '') ?? 99;
  applicationDocuments.sort((a, b) => rank(a) - rank(b));

  const checks = new Map(eligibility.workers.map((w) => [w.entryId, w]));
  const siiByEntry = new Map(sii.map((s) => [s.rosterEntryId, s]));
  const threshold = params.incomeCap.rshThreshold;
  const workers: ReviewWorkerDto[] = roster.map((r) => {
    const check = checks.get(r.id);
    const capRule = check?.reasons.find((x) => x.id === 'worker.income_cap');
    const applies = r.rshPercentile !== null && r.rshPercentile > threshold;
    const siiRow = siiByEntry.get(r.id);
    const siiText = !siiRow
      ? null
      : siiRow.answeredAt
        ? siiRow.overCap === true
          ? `SII: supera el tope${siiRow.declaredIncomeClp !== null ? ` (ingreso ${formatClp(siiRow.declaredIncomeClp)})` : ''}.`
          : siiRow.overCap === false
            ? `SII: bajo el tope${siiRow.declaredIncomeClp !== null ? ` (ingreso ${formatClp(siiRow.declaredIncomeClp)})` : ''}.`
            : 'SII respondió sin indicar si supera el tope.'
        : siiRow.exportedAt
          ? 'Consulta al SII enviada, sin respuesta.'
          : null;
    const form = formByEntry.get(r.id) ?? null;
    const confirmed = r.incorporationConfirmedAt !== null;
    return {
      id: r.id,
      rut: formatRut(r.rut),
      name: `${r.firstNames} ${r.lastNames}`,
      band: r.band,
      rshPercentile: r.rshPercentile,
      householdSize: r.householdSize,
      monthlyIncomeClp: r.monthlyIncomeClp,
      savingsUf: r.savingsUf,
      savingsDepositedUf: r.savingsDepositedUf,
      unionMember: r.unionMember,
      isReplacement: r.isReplacement,
      eligible: check?.ok ?? false,
      reasons: check?.reasons ?? [],
      incomeCap: {
        state: !applies ? 'no_aplica' : capRule?.ok ? 'cumple' : 'no_cumple',
        message: capRule?.message ?? (applies ? 'Sin evaluar.' : `No aplica: solo sobre el ${threshold}% del RSH.`),
        sii: siiText,
      },
      incorporation: {
        status: confirmed ? (r.incorporationMethod === 'formulario_firmado' ? 'formulario_firmado' : 'en_linea') : 'pendiente',
        confirmedAt: r.incorporationConfirmedAt,
        form,
      },
      scoreFacts: describeHouseholdFacts(readHouseholdFacts(r.scoreFacts)),
    };
  });

  const union = roster.filter((r) => r.unionMember).length;
  const incorporated = workers.filter((w) => w.incorporation.status !== 'pendiente').length;
  const dwellings = dwellingRows.map((d) => ({ band: d.band, count: d.count, priceUf: d.priceUf }));
  const checklist = buildAntecedentChecklist({
    cbrInscriptionDays: params.deadlines.cbrInscriptionDays,
    sections: access.application.sections,
    slots,
    documentsById,
    dwellings,
    roster: { total: roster.length, union, nonUnion: roster.length - union, incorporated, ruts: new Set(roster.map((r) => r.rut)) },
    invitedBuilder: invited[0] ?? null,
  });
  const checklistSummary: Record<AntecedentState, number> = { presente: 0, falta: 0, problema: 0 };
  for (const group of checklist) for (const i of group.items) checklistSummary[i.state]++;
  const byBand: Record<1 | 2 | 3, number> = { 1: 0, 2: 0, 3: 0 };
  for (const r of roster) if (r.band === 1 || r.band === 2 || r.band === 3) byBand[r.band]++;

  return {
    header,
    eligibility: { ok: eligibility.ok, zoneLabel: eligibility.zoneLabel, rules: eligibility.rules },
    checklist,
    checklistSummary,
    dwellings,
    workers,
    workerSummary: { total: roster.length, eligible: workers.filter((w) => w.eligible).length, incorporated, union, nonUnion: roster.length - union, byBand },
    documents: applicationDocuments,
    history: history.entries,
    historyTruncated: history.truncated,
  };
}
