import 'server-only';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import type { DbOrTx } from '@/db/client';
import { dwellingProhibitions, earlySaleRequests, memberships, rosterEntries, users } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import { hasPermission, readsOwnRowOnly } from '@/lib/auth/permissions';
import { ForbiddenError, NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { callDateOf } from '@/lib/domain/deadlines';
import { dec, formatUf } from '@/lib/domain/explain';
import type { RuleResult } from '@/lib/domain/explain';
import {
  buyerProgrammeLabels,
  checkProhibitionInForce,
  earlySaleDecisionLabels,
  evaluateHousingMobility,
  isWithinProhibition,
  prohibitionTerm,
  restitutionFor,
} from '@/lib/domain/prohibitions';
import type { BuyerProgramme, EarlySaleDecision, HousingMobilityEvaluation } from '@/lib/domain/prohibitions';
import { formatRut } from '@/lib/domain/rut';
import { subsidyForZone, zoneForComuna } from '@/lib/domain/zones';
import { env } from '@/lib/env';
import { enqueueMail } from '@/lib/jobs/queue';
import { prohibitionMail } from '@/lib/mail/templates';
import type { ProhibitionMailData } from '@/lib/mail/templates';
import type { TDecideEarlySaleRequest, TFileEarlySaleRequest, TRecordCbrInscription } from '@/lib/validations/prohibitions';
import type { ApplicationAccess } from './application-access';
import { writeAudit } from './audit';
import { loadSelectedApplication } from './followup';

type ProhibitionRow = typeof dwellingProhibitions.$inferSelect;
type RequestRow = typeof earlySaleRequests.$inferSelect;
type RosterRow = typeof rosterEntries.$inferSelect;

const day = (iso: string) => iso.split('-').reverse().join('-');

function baseUrl(): string {
  return env().PUBLIC_BASE_URL.replace(/\/+$/, '');
}

const portalUrl = (applicationId: string) => `${baseUrl()}/portal/postulaciones/${applicationId}/seguimiento/prohibiciones`;
const backOfficeUrl = (applicationId: string) => `${baseUrl()}/gestion/seguimiento/${applicationId}/prohibiciones`;

const unique = (emails: Array<string | null | undefined>) =>
  [...new Set(emails.map((e) => e?.trim().toLowerCase() ?? '').filter((e) => e !== ''))].sort();

/** The union's representatives (accounts) and the family of the dwelling (roster e-mail or worker account). */
async function familyRecipients(db: DbOrTx, access: ApplicationAccess, entry: RosterRow): Promise<string[]> {
  const reps = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, access.application.organizationId), eq(users.role, 'org_rep'), isNull(users.disabledAt)));
  const workers = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'worker'), eq(users.rut, entry.rut), isNull(users.disabledAt)));
  return unique([...reps.map((r) => r.email), ...workers.map((w) => w.email), entry.email]);
}

/** The SERVIU directors of the application's region, who decide early sales. */
async function directorRecipients(db: DbOrTx, access: ApplicationAccess): Promise<string[]> {
  if (!access.application.regionCode) return [];
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'director'), eq(users.regionCode, access.application.regionCode), isNull(users.disabledAt)));
  return unique(rows.map((r) => r.email));
}

async function queueProhibitionMails(
  tx: DbOrTx,
  recipients: Array<{ emails: string[]; url: string }>,
  data: Omit<ProhibitionMailData, 'url'>,
  dedupe: string,
): Promise<number> {
  const sent = new Set<string>();
  for (const group of recipients)
    for (const email of group.emails) {
      if (sent.has(email)) continue;
      sent.add(email);
      await enqueueMail(tx, { to: [email], ...prohibitionMail({ ...data, url: group.url }) }, `${dedupe}:${email}`);
    }
  return sent.size;
}

/** Subsidy per dwelling of the project's zone: what the family received and would restitute. */
function dwellingSubsidyUf(access: ApplicationAccess): string {
  if (!access.comuna) throw new DomainError('La postulación no tiene comuna: no se puede determinar el subsidio de sus viviendas.');
  const lookup = zoneForComuna(
    { comunaCode: access.comuna.code, provinceCode: access.comuna.provinceCode, regionCode: access.comuna.regionCode },
    access.call.parameters,
  );
  if (!lookup.zone) throw new DomainError(lookup.message);
  return subsidyForZone(lookup.zone, access.call.parameters);
}

/**
 * SERVIU of the region ('followup.verify') records, after handing a dwelling over, its inscription at the
 * CBR; this creates (or corrects) the family's prohibition with its end date from the call's parameters.
 */
export async function recordCbrInscription(tx: DbOrTx, user: SessionUser, input: TRecordCbrInscription): Promise<{ id: string; endsOn: string }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const params = access.call.parameters;
  const [entry] = await tx
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.id, input.rosterEntryId), eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')));
  if (!entry) throw new DomainError('La familia elegida no está en la nómina vigente de esta postulación.', { rosterEntryId: 'Elija una familia de la nómina vigente.' });
  const today = callDateOf(now(), params);
  const fieldErrors: Record<string, string> = {};
  if (input.handedOverOn > today) fieldErrors.handedOverOn = 'La entrega no puede registrarse con fecha posterior a hoy.';
  if (input.cbrInscribedOn > today) fieldErrors.cbrInscribedOn = 'La inscripción no puede registrarse con fecha posterior a hoy.';
  if (Object.keys(fieldErrors).length) throw new DomainError('Revise las fechas: deben ser de hoy o anteriores.', fieldErrors);

  const term = prohibitionTerm(input.cbrInscribedOn, params);
  const [before] = await tx.select().from(dwellingProhibitions).where(eq(dwellingProhibitions.rosterEntryId, entry.id)).for('update');
  const values = {
    dwellingLabel: input.dwellingLabel,
    handedOverOn: input.handedOverOn,
    cbrInscribedOn: term.cbrInscribedOn,
    cbrReference: input.cbrReference ?? null,
    prohibitionYears: term.years,
    endsOn: term.endsOn,
    subsidyUf: before?.subsidyUf ?? dwellingSubsidyUf(access),
    recordedBy: user.id,
    updatedAt: now(),
  };
  const [row] = before
    ? await tx.update(dwellingProhibitions).set(values).where(eq(dwellingProhibitions.id, before.id)).returning()
    : await tx
        .insert(dwellingProhibitions)
        .values({ ...values, applicationId: access.application.id, rosterEntryId: entry.id })
        .returning();
  await writeAudit(tx, user, {
    action: 'prohibition.record',
    entityType: 'dwelling_prohibition',
    entityId: row!.id,
    before: before ? { dwellingLabel: before.dwellingLabel, handedOverOn: before.handedOverOn, cbrInscribedOn: before.cbrInscribedOn, endsOn: before.endsOn } : null,
    after: { rosterEntryId: entry.id, dwellingLabel: values.dwellingLabel, handedOverOn: values.handedOverOn, cbrInscribedOn: values.cbrInscribedOn, cbrReference: values.cbrReference, endsOn: values.endsOn, subsidyUf: values.subsidyUf },
  });
  await queueProhibitionMails(
    tx,
    [{ emails: await familyRecipients(tx, access, entry), url: portalUrl(access.application.id) }],
    { kind: 'registrada', applicationNumber: access.application.number, projectName: access.application.projectName, dwellingLabel: row!.dwellingLabel, endsOn: day(row!.endsOn) },
    `prohibition:${row!.id}:${row!.cbrInscribedOn}`,
  );
  return { id: row!.id, endsOn: row!.endsOn };
}

/**
 * Who may ask to sell a dwelling early: the union's representative for any family of the project, or the
 * worker for their own dwelling. Anyone else with access to the project cannot.
 */
async function loadRequestable(tx: DbOrTx, user: SessionUser, applicationId: string, prohibitionId: string) {
  const access =
    readsOwnRowOnly(user.role)
      ? await loadSelectedApplication(tx, user, applicationId, 'application.read')
      : await loadSelectedApplication(tx, user, applicationId, 'followup.report');
  if (!readsOwnRowOnly(user.role) && !access.parties.includes('organizacion'))
    throw new ForbiddenError('Solo la organización de trabajadores o la propia familia pueden solicitar la venta anticipada de una vivienda.');
  const [found] = await tx
    .select({ prohibition: dwellingProhibitions, entry: rosterEntries })
    .from(dwellingProhibitions)
    .innerJoin(rosterEntries, eq(rosterEntries.id, dwellingProhibitions.rosterEntryId))
    .where(and(eq(dwellingProhibitions.id, prohibitionId), eq(dwellingProhibitions.applicationId, access.application.id)))
    .for('update', { of: dwellingProhibitions });
  if (!found || (readsOwnRowOnly(user.role) && found.entry.rut !== user.rut)) throw new NotFoundError('No se encontró la vivienda.');
  return { access, ...found };
}

/**
 * The family (its union representative, or the worker for their own dwelling) asks the SERVIU director to
 * authorise selling the dwelling before the prohibition ends; one open request per dwelling.
 */
export async function createEarlySaleRequest(tx: DbOrTx, user: SessionUser, input: TFileEarlySaleRequest): Promise<{ id: string }> {
  const { access, prohibition, entry } = await loadRequestable(tx, user, input.applicationId, input.prohibitionId);
  const at = now();
  if (!isWithinProhibition(at, prohibition.cbrInscribedOn, access.call.parameters)) {
    const check = checkProhibitionInForce(at, prohibition.cbrInscribedOn, access.call.parameters);
    throw new DomainError(`${check.message} No necesita autorización del Director SERVIU para vender.`);
  }
  const earlier = await tx
    .select({ decision: earlySaleRequests.decision })
    .from(earlySaleRequests)
    .where(eq(earlySaleRequests.prohibitionId, prohibition.id));
  if (earlier.some((r) => r.decision === null))
    throw new DomainError('Esta vivienda ya tiene una solicitud pendiente: espere la decisión del Director SERVIU antes de presentar otra.');
  if (earlier.some((r) => r.decision === 'restitucion' || r.decision === 'movilidad_habitacional'))
    throw new DomainError('La venta anticipada de esta vivienda ya fue autorizada por el Director SERVIU.');
  const [row] = await tx
    .insert(earlySaleRequests)
    .values({
      prohibitionId: prohibition.id,
      applicationId: access.application.id,
      reason: input.reason,
      buyerProgramme: input.buyerProgramme,
      buyerProgrammeName: input.buyerProgrammeName ?? null,
      proceedsForNewDwelling: input.proceedsForNewDwelling,
      newDwellingDescription: input.newDwellingDescription ?? null,
      requestedBy: user.id,
      requestedAt: at,
    })
    .returning({ id: earlySaleRequests.id });
  await writeAudit(tx, user, { action: 'prohibition.early_sale.request', entityType: 'early_sale_request', entityId: row!.id, after: { ...input } });
  await queueProhibitionMails(
    tx,
    [
      { emails: await directorRecipients(tx, access), url: backOfficeUrl(access.application.id) },
      { emails: unique([user.email, ...(await familyRecipients(tx, access, entry))]), url: portalUrl(access.application.id) },
    ],
    { kind: 'solicitud', applicationNumber: access.application.number, projectName: access.application.projectName, dwellingLabel: prohibition.dwellingLabel, endsOn: day(prohibition.endsOn) },
    `early-sale:${row!.id}:solicitud`,
  );
  return { id: row!.id };
}

function factsOf(request: RequestRow) {
  return {
    buyerProgramme: request.buyerProgramme,
    buyerProgrammeName: request.buyerProgrammeName,
    proceedsForNewDwelling: request.proceedsForNewDwelling,
    newDwellingDescription: request.newDwellingDescription,
  };
}

/**
 * The SERVIU director of the region ('prohibition.decide') decides an open early-sale request, once:
 * restitution of the subsidy, housing mobility only when conditions a) and b) hold, or refusal.
 */
export async function decideEarlySaleRequest(
  tx: DbOrTx,
  user: SessionUser,
  input: TDecideEarlySaleRequest,
): Promise<{ decision: EarlySaleDecision; restitutionUf: string | null }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'prohibition.decide', { forUpdate: true });
  const [found] = await tx
    .select({ request: earlySaleRequests, prohibition: dwellingProhibitions, entry: rosterEntries })
    .from(earlySaleRequests)
    .innerJoin(dwellingProhibitions, eq(dwellingProhibitions.id, earlySaleRequests.prohibitionId))
    .innerJoin(rosterEntries, eq(rosterEntries.id, dwellingProhibitions.rosterEntryId))
    .where(and(eq(earlySaleRequests.id, input.requestId), eq(earlySaleRequests.applicationId, access.application.id)))
    .for('update', { of: earlySaleRequests });
  if (!found) throw new NotFoundError('No se encontró la solicitud.');
  const { request, prohibition, entry } = found;
  if (request.decision !== null)
    throw new DomainError(
      `Esta solicitud ya fue resuelta («${earlySaleDecisionLabels[request.decision]}»)${request.decidedAt ? ` el ${day(callDateOf(request.decidedAt, access.call.parameters))}` : ''}: no puede decidirse de nuevo.`,
    );
  const mobility = evaluateHousingMobility(factsOf(request));
  if (input.decision === 'movilidad_habitacional' && !mobility.ok) {
    const failing = [mobility.conditionA, mobility.conditionB].filter((r) => !r.ok).map((r) => r.message);
    throw new DomainError(`No se puede autorizar la venta por movilidad habitacional: ${failing.join(' ')} Puede autorizarla con restitución del subsidio o rechazarla.`, {
      decision: 'La movilidad habitacional exige que se cumplan las condiciones a) y b).',
    });
  }
  const restitutionUf = input.decision === 'restitucion' ? restitutionFor(prohibition.subsidyUf).amountUf : null;
  const at = now();
  const [updated] = await tx
    .update(earlySaleRequests)
    .set({ decision: input.decision, decisionReason: input.reason, restitutionUf, decidedBy: user.id, decidedAt: at })
    .where(and(eq(earlySaleRequests.id, request.id), isNull(earlySaleRequests.decision)))
    .returning({ id: earlySaleRequests.id });
  if (!updated) throw new DomainError('Otra persona resolvió esta solicitud mientras usted la revisaba. Recargue la página.');
  await writeAudit(tx, user, {
    action: 'prohibition.early_sale.decide',
    entityType: 'early_sale_request',
    entityId: request.id,
    before: { decision: null },
    after: { decision: input.decision, reason: input.reason, restitutionUf, conditionA: mobility.conditionA.ok, conditionB: mobility.conditionB.ok },
  });
  const requester = request.requestedBy
    ? (await tx.select({ email: users.email }).from(users).where(eq(users.id, request.requestedBy)))[0]?.email
    : undefined;
  await queueProhibitionMails(
    tx,
    [{ emails: unique([requester, ...(await familyRecipients(tx, access, entry))]), url: portalUrl(access.application.id) }],
    {
      kind: 'decision',
      applicationNumber: access.application.number,
      projectName: access.application.projectName,
      dwellingLabel: prohibition.dwellingLabel,
      endsOn: day(prohibition.endsOn),
      decisionLabel: earlySaleDecisionLabels[input.decision],
      decisionReason: input.reason,
      restitution: restitutionUf ? formatUf(restitutionUf) : undefined,
    },
    `early-sale:${request.id}:decision`,
  );
  return { decision: input.decision, restitutionUf };
}

export interface DwellingProhibitionDto {
  id: string;
  rosterEntryId: string;
  familyName: string;
  rut: string;
  dwellingLabel: string;
  handedOverOn: string;
  cbrInscribedOn: string;
  cbrReference: string | null;
  years: number;
  endsOn: string;
  subsidyUf: string;
  inForce: RuleResult;
  hasOpenRequest: boolean;
  canRequest: boolean;
}

export interface EarlySaleRequestDto {
  id: string;
  prohibitionId: string;
  dwellingLabel: string;
  familyName: string;
  reason: string;
  buyerProgramme: BuyerProgramme;
  buyerProgrammeLabel: string;
  buyerProgrammeName: string | null;
  proceedsForNewDwelling: boolean;
  newDwellingDescription: string | null;
  requestedAt: Date;
  mobility: HousingMobilityEvaluation;
  decision: EarlySaleDecision | null;
  decisionLabel: string | null;
  decisionReason: string | null;
  restitutionUf: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
}

export interface ProhibitionsView {
  application: { id: string; number: string; projectName: string };
  years: number;
  dwellings: DwellingProhibitionDto[];
  requests: EarlySaleRequestDto[];
  /** Active families of the roster, for SERVIU's inscription form. */
  families: Array<{ rosterEntryId: string; label: string; recorded: boolean }>;
  canRecord: boolean;
  canDecide: boolean;
  at: Date;
}

/**
 * The prohibitions of a selected project and the early-sale requests, for every role in its scope
 * ('application.read'); a worker sees only their own dwelling.
 */
export async function getProhibitionsView(user: SessionUser, applicationId: string): Promise<ProhibitionsView> {
  const db = await getDb();
  const access = await loadSelectedApplication(db, user, applicationId, 'application.read');
  const params = access.call.parameters;
  const at = now();
  const ownOnly = readsOwnRowOnly(user.role);
  const isUnion = user.role === 'org_rep' && access.parties.includes('organizacion');
  const rows = await db
    .select({ prohibition: dwellingProhibitions, entry: rosterEntries })
    .from(dwellingProhibitions)
    .innerJoin(rosterEntries, eq(rosterEntries.id, dwellingProhibitions.rosterEntryId))
    .where(and(eq(dwellingProhibitions.applicationId, access.application.id), ownOnly ? eq(rosterEntries.rut, user.rut ?? '') : undefined))
    .orderBy(asc(dwellingProhibitions.dwellingLabel));
  const ids = rows.map((r) => r.prohibition.id);
  const requestRows = ids.length
    ? await db
        .select({ request: earlySaleRequests, decidedByName: users.name })
        .from(earlySaleRequests)
        .leftJoin(users, eq(users.id, earlySaleRequests.decidedBy))
        .where(inArray(earlySaleRequests.prohibitionId, ids))
        .orderBy(desc(earlySaleRequests.requestedAt))
    : [];
  const byId = new Map<string, { prohibition: ProhibitionRow; entry: RosterRow }>(rows.map((r) => [r.prohibition.id, r]));
  const openFor = new Set(requestRows.filter((r) => r.request.decision === null).map((r) => r.request.prohibitionId));
  const authorisedFor = new Set(requestRows.filter((r) => r.request.decision !== null && r.request.decision !== 'rechazada').map((r) => r.request.prohibitionId));
  const familyName = (entry: RosterRow) => `${entry.firstNames} ${entry.lastNames}`;
  const dwellings = rows.map(({ prohibition: p, entry }) => {
    const inForce = checkProhibitionInForce(at, p.cbrInscribedOn, params);
    return {
      id: p.id,
      rosterEntryId: entry.id,
      familyName: familyName(entry),
      rut: formatRut(entry.rut),
      dwellingLabel: p.dwellingLabel,
      handedOverOn: p.handedOverOn,
      cbrInscribedOn: p.cbrInscribedOn,
      cbrReference: p.cbrReference,
      years: p.prohibitionYears,
      endsOn: p.endsOn,
      subsidyUf: dec(p.subsidyUf).toFixed(),
      inForce,
      hasOpenRequest: openFor.has(p.id),
      canRequest: inForce.ok && !openFor.has(p.id) && !authorisedFor.has(p.id) && (ownOnly || isUnion),
    };
  });
  const requests = requestRows.map(({ request: r, decidedByName }) => {
    const owner = byId.get(r.prohibitionId)!;
    return {
      id: r.id,
      prohibitionId: r.prohibitionId,
      dwellingLabel: owner.prohibition.dwellingLabel,
      familyName: familyName(owner.entry),
      reason: r.reason,
      buyerProgramme: r.buyerProgramme,
      buyerProgrammeLabel: buyerProgrammeLabels[r.buyerProgramme],
      buyerProgrammeName: r.buyerProgrammeName,
      proceedsForNewDwelling: r.proceedsForNewDwelling,
      newDwellingDescription: r.newDwellingDescription,
      requestedAt: r.requestedAt,
      mobility: evaluateHousingMobility(factsOf(r)),
      decision: r.decision,
      decisionLabel: r.decision ? earlySaleDecisionLabels[r.decision] : null,
      decisionReason: r.decisionReason,
      restitutionUf: r.restitutionUf === null ? null : dec(r.restitutionUf).toFixed(),
      decidedAt: r.decidedAt,
      decidedByName: r.decidedAt ? decidedByName : null,
    };
  });
  const canRecord = hasPermission(user.role, 'followup.verify');
  const families = canRecord
    ? (
        await db
          .select()
          .from(rosterEntries)
          .where(and(eq(rosterEntries.applicationId, access.application.id), eq(rosterEntries.status, 'activo')))
          .orderBy(asc(rosterEntries.lastNames), asc(rosterEntries.firstNames))
      ).map((e) => ({
        rosterEntryId: e.id,
        label: `${familyName(e)} (RUT ${formatRut(e.rut)})`,
        recorded: rows.some((r) => r.entry.id === e.id),
      }))
    : [];
  return {
    application: { id: access.application.id, number: access.application.number, projectName: access.application.projectName },
    years: params.deadlines.prohibitionYears,
    dwellings,
    requests,
    families,
    canRecord,
    canDecide: hasPermission(user.role, 'prohibition.decide'),
    at,
  };
}
