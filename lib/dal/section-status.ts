import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, comunas, observations, rosterEntries } from '@/db/schema';
import type { ApplicationStatus } from '@/db/schema';
import type { TaskStatus } from '@/components/ui/task-list';
import { hasPermission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { canUploadSlot, documentSlotById } from '@/lib/domain/document-slots';
import { formatSantiagoDate, formatSantiagoDateTime } from '@/lib/santiago-time';
import { observationSectionPages } from '@/lib/validations/observations';
import { partyLabels } from '@/lib/validations/sections';
import { canEditSection, getEditWindow } from './application-access';
import type { ApplicationAccess, Party } from './application-access';
import { getRosterCounts, groupMembersOutsideRoster, readStoredSection } from './application-sections';
import { getApplicationWorkspace } from './application-workspace';
import { listDocumentSlots } from './documents';
import type { DocumentSlotStatus } from './documents';
import { evaluateApplication } from './eligibility';
import type { EligibilityDto } from './eligibility';
import { listPinnedObservations } from './observation-targets';
import type { PinnedObservationDto } from './observation-targets';

export type SectionStatusId = 'proyecto' | 'gantt' | 'convenio' | 'terreno' | 'nomina' | 'comite' | 'documentos';

export type SectionStatus = { id: string; title: string; href: string; owner: Party; status: TaskStatus; missing: string[] };

const sectionMeta: { id: SectionStatusId; title: string; path: string; owner: Party }[] = [
  { id: 'proyecto', title: 'Proyecto', path: '/proyecto', owner: 'patrocinante' },
  { id: 'gantt', title: 'Carta Gantt', path: '/carta-gantt', owner: 'patrocinante' },
  { id: 'convenio', title: 'Convenio de Trabajo', path: '/convenio', owner: 'empleador' },
  { id: 'terreno', title: 'Terreno', path: '/terreno', owner: 'empleador' },
  { id: 'nomina', title: 'Nómina de postulantes', path: '/nomina', owner: 'organizacion' },
  { id: 'comite', title: 'Comité de Proyecto', path: '/comite', owner: 'organizacion' },
  // Each party uploads its own documents; the union files the whole application, so it answers for the set.
  { id: 'documentos', title: 'Documentos', path: '/documentos', owner: 'organizacion' },
];

/** Where a reviewer's observation points (its target field's first segment) → the section that must answer it. */
const observationTargets: Record<string, SectionStatusId> = {
  ...observationSectionPages,
  // Free-text targets of older observations.
  viviendas: 'proyecto',
  dwellings: 'proyecto',
  documentos: 'documentos',
};

interface StatusInputs {
  eligibility: EligibilityDto;
  slots: DocumentSlotStatus[];
}

async function computeStatuses(
  db: DbOrTx,
  access: ApplicationAccess,
  options: { eligibility?: EligibilityDto; at?: Date },
): Promise<{ statuses: SectionStatus[]; inputs: StatusInputs }> {
  const at = options.at ?? now();
  const id = access.application.id;
  const eligibility = options.eligibility ?? (await evaluateApplication(db, access));
  const slots = await listDocumentSlots(db, access, at);
  const dwellings = await db
    .select({ band: applicationDwellings.band, count: applicationDwellings.count })
    .from(applicationDwellings)
    .where(eq(applicationDwellings.applicationId, id));
  const dwellingTotal = dwellings.reduce((sum, d) => sum + d.count, 0);
  const roster = await getRosterCounts(db, id);
  const pendingIncorporation = (
    await db
      .select({ confirmedAt: rosterEntries.incorporationConfirmedAt })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.applicationId, id), eq(rosterEntries.status, 'activo')))
  ).filter((r) => r.confirmedAt === null).length;
  const open = await db
    .select({ targetField: observations.targetField, documentId: observations.documentId, rosterEntryId: observations.rosterEntryId })
    .from(observations)
    .where(and(eq(observations.applicationId, id), inArray(observations.status, ['abierta', 'reiterada'])));
  const observed = new Set<SectionStatusId>();
  for (const o of open) {
    if (o.documentId) observed.add('documentos');
    else if (o.rosterEntryId) observed.add('nomina');
    const target = o.targetField ? observationTargets[o.targetField.split(/[.:/]/)[0]!.toLowerCase()] : undefined;
    if (target) observed.add(target);
  }

  const failing = (prefixes: string[]) => eligibility.rules.filter((r) => !r.ok && prefixes.some((p) => r.id.startsWith(p))).map((r) => r.message);

  const project = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> => {
    const stored = readStoredSection(access, 'proyecto');
    const missing: string[] = [];
    if (!stored) missing.push('Falta indicar el tipo de proyecto y las tipologías de vivienda.');
    if (!access.comuna) missing.push('Falta indicar la comuna del terreno.');
    if (dwellingTotal === 0) missing.push('Falta indicar las viviendas por tramo y sus precios.');
    else missing.push(...failing(['dwellings.', 'composition.', 'project.zone']));
    const started = stored !== null || dwellingTotal > 0;
    return { status: !started ? 'no_iniciado' : missing.length === 0 ? 'completo' : 'en_progreso', missing };
  };

  const agreement = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> => {
    const stored = readStoredSection(access, 'convenio');
    if (!stored) return { status: 'no_iniciado', missing: ['Falta completar el Convenio de Trabajo.'] };
    const missing: string[] = [];
    const union = Number(stored.unionWorkers ?? 0);
    const nonUnion = Number(stored.nonUnionWorkers ?? 0);
    if (stored.landCession !== 'si')
      missing.push('El Convenio de Trabajo debe incluir el compromiso de ceder el terreno al grupo postulante.');
    if (union !== roster.union)
      missing.push(`El convenio indica ${union} trabajadores del sindicato o asociación y la nómina tiene ${roster.union}.`);
    if (nonUnion !== roster.nonUnion)
      missing.push(`El convenio indica ${nonUnion} trabajadores que no son socios y la nómina tiene ${roster.nonUnion}.`);
    if (dwellingTotal > 0 && union + nonUnion !== dwellingTotal)
      missing.push(`El convenio considera ${union + nonUnion} trabajadores y el proyecto tiene ${dwellingTotal} viviendas.`);
    return { status: missing.length === 0 ? 'completo' : 'en_progreso', missing };
  };

  const committee = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> => {
    const stored = readStoredSection(access, 'comite');
    if (!stored) return { status: 'no_iniciado', missing: ['Falta registrar a los integrantes del Comité de Proyecto.'] };
    const missing = groupMembersOutsideRoster(stored, roster.ruts).map(
      (name) => `${name} figura en el Comité de Proyecto por el grupo postulante, pero no está en la nómina.`,
    );
    return { status: missing.length === 0 ? 'completo' : 'en_progreso', missing };
  };

  const gantt = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> =>
    readStoredSection(access, 'gantt')
      ? { status: 'completo', missing: [] }
      : { status: 'no_iniciado', missing: ['Falta la carta Gantt del proyecto, con sus hitos y fechas.'] };

  // The title certificate's age is the document slot's rule (Documentos): checked once, there.
  const land = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> =>
    readStoredSection(access, 'terreno')
      ? { status: 'completo', missing: [] }
      : { status: 'no_iniciado', missing: ['Falta indicar la situación del terreno.'] };

  const rosterStatus = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> => {
    if (roster.total === 0) return { status: 'no_iniciado', missing: ['Falta cargar la nómina de trabajadores postulantes.'] };
    const missing = failing(['roster.']);
    const notEligible = eligibility.workers.filter((w) => !w.ok).length;
    if (notEligible > 0) missing.push(`${notEligible} trabajador(es) de la nómina no cumplen los requisitos de su tramo.`);
    if (pendingIncorporation > 0)
      missing.push(`${pendingIncorporation} trabajador(es) aún no confirman su incorporación al proyecto.`);
    return { status: missing.length === 0 ? 'completo' : 'en_progreso', missing };
  };

  const documentsStatus = (): Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'> => {
    const missing = slots.filter((s) => s.required && !s.ok).map((s) => (s.problem ? `${s.label}: ${s.problem}` : `Falta subir: ${s.label}.`));
    const started = slots.some((s) => s.current !== null);
    return { status: !started ? 'no_iniciado' : missing.length === 0 ? 'completo' : 'en_progreso', missing };
  };

  const compute: Record<SectionStatusId, () => Omit<SectionStatus, 'id' | 'title' | 'href' | 'owner'>> = {
    proyecto: project,
    gantt,
    convenio: agreement,
    comite: committee,
    terreno: land,
    nomina: rosterStatus,
    documentos: documentsStatus,
  };
  const statuses = sectionMeta.map((meta) => {
    const result = compute[meta.id]();
    return {
      id: meta.id,
      title: meta.title,
      href: `/portal/postulaciones/${id}${meta.path}`,
      owner: meta.owner,
      status: observed.has(meta.id) ? ('con_observaciones' as const) : result.status,
      missing: result.missing,
    };
  });
  return { statuses, inputs: { eligibility, slots } };
}

/**
 * Status of each section of the application (no iniciado / en progreso / completo / con observaciones)
 * and what is still missing, from the saved sections, the roster, the rules engine and the documents.
 * The caller has already authorised `access` (loadApplication).
 */
export async function getSectionStatuses(
  db: DbOrTx,
  access: ApplicationAccess,
  options: { eligibility?: EligibilityDto; at?: Date } = {},
): Promise<SectionStatus[]> {
  return (await computeStatuses(db, access, options)).statuses;
}

// ——— the overview page ———

export interface SectionOverviewItem extends SectionStatus {
  ownerLabel: string;
  /** The viewer may open it but not change it (another party's, or the file is closed now). */
  readOnly: boolean;
  /** Observations of the round being answered that point at this section (while «observada»). */
  observations: PinnedObservationDto[];
}

export interface ApplicationOverviewDto {
  applicationId: string;
  status: ApplicationStatus;
  sections: SectionOverviewItem[];
  closesAt: Date;
  closesAtText: string;
  /** "Quedan 8 días y 3 horas", or null once the call closed. */
  timeLeftText: string | null;
  isOpen: boolean;
  /** While the file is observed: the round's correction deadline and whether the sections can still be corrected. */
  correction: { roundNumber: number | null; deadlineAt: Date | null; open: boolean; closedReason: string | null } | null;
}

/** "Quedan 8 días y 3 horas" («Queda 1 día») until `closesAt`, by the server clock; null when already past. */
export function timeLeftText(closesAt: Date, at: Date): string | null {
  const ms = closesAt.getTime() - at.getTime();
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  // "Queda 1 día", "Quedan 2 días", "Quedan 1 día y 3 horas" (two amounts are a plural subject).
  const phrase = (first: number, firstText: string, second: number, secondText: string) =>
    `${first === 1 && second === 0 ? 'Queda' : 'Quedan'} ${firstText}${second > 0 ? ` y ${secondText}` : ''}`;
  if (days > 0) return phrase(days, unit(days, 'día', 'días'), hours, unit(hours, 'hora', 'horas'));
  if (hours > 0) return phrase(hours, unit(hours, 'hora', 'horas'), mins, unit(mins, 'minuto', 'minutos'));
  if (mins > 0) return phrase(mins, unit(mins, 'minuto', 'minutos'), 0, '');
  return 'Queda menos de un minuto';
}

/** The task list of one application for an applicant-side user, with what each section still needs. */
export async function getApplicationOverview(user: SessionUser, id: string): Promise<ApplicationOverviewDto> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  const at = now();
  const { statuses, inputs } = await computeStatuses(db, access, { eligibility: access.eligibility, at });
  const canEdit = hasPermission(user.role, 'application.edit');
  const window = await getEditWindow(db, access, 'seccion', at);
  const pinned = await listPinnedObservations(db, user, access);
  const sections = statuses.map((s): SectionOverviewItem => {
    let editable: boolean;
    if (s.id === 'documentos')
      editable = inputs.slots.some((slot) => {
        const definition = documentSlotById(slot.slot);
        return definition ? canUploadSlot(definition, access.parties) : access.parties.includes(slot.owner);
      });
    else editable = canEditSection(access, s.id as Exclude<SectionStatusId, 'documentos'>);
    const ownerLabel = s.id === 'documentos' ? 'cada parte sube sus propios documentos' : partyLabels[s.owner];
    return { ...s, ownerLabel, readOnly: !(canEdit && editable && window.open), observations: pinned.get(s.id as SectionStatusId) ?? [] };
  });
  const isOpen = access.application.status === 'borrador' && access.call.status === 'abierto' && at.getTime() <= access.call.closesAt.getTime();
  return {
    applicationId: access.application.id,
    status: access.application.status,
    sections,
    closesAt: access.call.closesAt,
    closesAtText: formatSantiagoDateTime(access.call.closesAt),
    timeLeftText: isOpen ? timeLeftText(access.call.closesAt, at) : null,
    isOpen,
    correction:
      access.application.status !== 'observada'
        ? null
        : window.open && window.stage === 'subsanacion'
          ? { roundNumber: window.roundNumber, deadlineAt: window.deadlineAt, open: true, closedReason: null }
          : { roundNumber: null, deadlineAt: null, open: false, closedReason: window.open ? null : window.reason },
  };
}

// ——— the worker's view ———

export interface WorkerApplicationDto {
  applicationId: string;
  number: string;
  projectName: string;
  comunaName: string | null;
  status: ApplicationStatus;
  statusText: string;
  band: number | null;
  inRoster: boolean;
  incorporationConfirmedAt: Date | null;
  incorporationConfirmedText: string | null;
  closesAtText: string;
}

/** Plain-Spanish explanation of each application state, for the workers of the roster. */
export function workerStatusText(status: ApplicationStatus, closesAtText: string, submittedAt: Date | null): string {
  switch (status) {
    case 'borrador':
      return `Su organización está preparando la postulación. Todavía no se ha enviado al SERVIU; el plazo para enviarla vence el ${closesAtText}.`;
    case 'enviada':
      return `La postulación fue enviada al SERVIU${submittedAt ? ` el ${formatSantiagoDate(submittedAt)}` : ''} y espera su revisión.`;
    case 'en_revision':
      return 'El SERVIU está revisando la postulación. No necesita hacer nada por ahora.';
    case 'observada':
      return 'El SERVIU pidió correcciones a la postulación. Su organización y el empleador deben responderlas dentro del plazo.';
    case 'subsanada':
      return 'La organización respondió las observaciones del SERVIU, que ahora las está revisando.';
    case 'aprobada_tecnicamente':
      return 'El SERVIU aprobó técnicamente el proyecto. Falta la selección que hace el Ministerio de Vivienda y Urbanismo.';
    case 'rechazada':
      return 'El SERVIU no aprobó la postulación. Consulte a su organización los motivos y los pasos a seguir.';
    case 'seleccionada':
      return 'El proyecto fue seleccionado: usted y su grupo recibirán el subsidio cuando se construyan las viviendas.';
    case 'no_seleccionada':
      return 'El proyecto no fue seleccionado en este llamado. Consulte a su organización si volverán a postular.';
  }
}

/** What a worker of the roster sees of the application: its state in plain words and their own incorporation. */
export async function getWorkerApplicationView(user: SessionUser, id: string): Promise<WorkerApplicationDto> {
  const access = await getApplicationWorkspace(user, id);
  const db = await getDb();
  const [entry] = user.rut
    ? await db
        .select({ band: rosterEntries.band, status: rosterEntries.status, confirmedAt: rosterEntries.incorporationConfirmedAt })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.rut, user.rut)))
        .orderBy(rosterEntries.status)
        .limit(1)
    : [];
  const [comuna] = access.application.comunaCode
    ? await db.select({ name: comunas.name }).from(comunas).where(eq(comunas.code, access.application.comunaCode)).limit(1)
    : [];
  const closesAtText = formatSantiagoDateTime(access.call.closesAt);
  const inRoster = entry?.status === 'activo';
  return {
    applicationId: access.application.id,
    number: access.application.number,
    projectName: access.application.projectName,
    comunaName: comuna?.name ?? null,
    status: access.application.status,
    statusText: workerStatusText(access.application.status, closesAtText, access.application.submittedAt),
    band: inRoster ? (entry?.band ?? null) : null,
    inRoster,
    incorporationConfirmedAt: entry?.confirmedAt ?? null,
    incorporationConfirmedText: entry?.confirmedAt ? formatSantiagoDate(entry.confirmedAt) : null,
    closesAtText,
  };
}
