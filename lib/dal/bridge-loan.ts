import 'server-only';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applicationDwellings, bridgeLoans, documents, loanInstalments, projectMilestones } from '@/db/schema';
import { DomainError } from '@/lib/actions/result';
import type { SessionUser } from '@/lib/auth/session-user';
import { now } from '@/lib/clock';
import { bridgeLoanCapUf, checkGuaranteeCoversLoan, checkInstalmentRelease, daysLeftText, guaranteeExpiry, instalmentStatus, planBridgeLoan } from '@/lib/domain/bridge-loan';
import type { InstalmentStatus, WorksState } from '@/lib/domain/bridge-loan';
import { callDateOf } from '@/lib/domain/deadlines';
import { dec } from '@/lib/domain/explain';
import { CONSTRUCTION_CONTRACT_SLOT } from '@/lib/domain/document-slots';
import { zoneForComuna } from '@/lib/domain/zones';
import type { TRegisterBridgeLoan, TRenewGuarantee } from '@/lib/validations/followup';
import type { ApplicationAccess } from './application-access';
import { writeAudit } from './audit';
import { loadSelectedApplication } from './followup';
import type { MilestoneRow } from './followup';

/** The builder's construction contract: a document in this slot or a reported «constructora contratada». */

export interface BridgeLoanView {
  id: string;
  amountUf: string;
  termMonths: number;
  guaranteeKind: 'boleta_bancaria' | 'certificado_fianza';
  guaranteeAmountUf: string;
  guaranteeExpiresOn: string;
  /** Spanish warning when the guarantee expires within the call's warning days (or has expired) by the server clock. */
  guaranteeWarning: string | null;
  instalments: Array<InstalmentStatus & { paidAt: Date | null }>;
}

/**
 * What SERVIU's site verifications say, and which report each figure comes from: the start of works
 * confirmed on site and the latest progress SERVIU measured (its own figure, not the committee's). A
 * report SERVIU observed, or has not verified yet, counts for nothing.
 */
export function verifiedWorksOf(milestones: MilestoneRow[]): { startId: string | null; progressId: string | null; progressPercent: string | null } {
  const confirmed = milestones.filter((m) => m.verificationOutcome === 'verificado' && m.verifiedAt !== null);
  const start = confirmed.find((m) => m.kind === 'inicio_obras');
  const progress = confirmed
    .filter((m) => m.kind === 'avance' && m.verifiedProgressPercent !== null)
    .sort((a, b) => (a.actualOn ?? '').localeCompare(b.actualOn ?? '') || a.verifiedAt!.getTime() - b.verifiedAt!.getTime())
    .at(-1);
  return { startId: start?.id ?? null, progressId: progress?.id ?? null, progressPercent: progress?.verifiedProgressPercent ?? null };
}

export function worksStateOf(milestones: MilestoneRow[], paidInstalments: number): WorksState {
  const works = verifiedWorksOf(milestones);
  return { worksStartVerified: works.startId !== null, verifiedProgressPercent: works.progressPercent, paidInstalments };
}

/** The project's zone and dwellings: what its subsidy (the loan's cap, and what SERVIU pays) is computed from. */
export async function loadProjectFigures(db: DbOrTx, access: ApplicationAccess) {
  if (!access.comuna) throw new DomainError('La postulación no tiene comuna: no se puede calcular el subsidio de sus viviendas.');
  const lookup = zoneForComuna({ comunaCode: access.comuna.code, provinceCode: access.comuna.provinceCode, regionCode: access.comuna.regionCode }, access.call.parameters);
  if (!lookup.zone) throw new DomainError(lookup.message);
  const rows = await db.select({ count: applicationDwellings.count }).from(applicationDwellings).where(eq(applicationDwellings.applicationId, access.application.id));
  return { zone: lookup.zone, dwellings: rows.reduce((s, r) => s + r.count, 0) };
}

/** Loan, guarantee warning and each instalment's status from the rules engine. */
export async function getBridgeLoanView(db: DbOrTx, access: ApplicationAccess, milestones: MilestoneRow[], at: Date): Promise<BridgeLoanView | null> {
  const [loan] = await db.select().from(bridgeLoans).where(eq(bridgeLoans.applicationId, access.application.id));
  if (!loan) return null;
  const params = access.call.parameters;
  const rows = await db.select().from(loanInstalments).where(eq(loanInstalments.loanId, loan.id)).orderBy(asc(loanInstalments.number));
  const paid = rows.filter((r) => r.paidAt !== null).length;
  const statuses = instalmentStatus(loan.amountUf, worksStateOf(milestones, paid), params);
  const expiry = guaranteeExpiry(loan.guaranteeExpiresOn, at, params);
  const expiryText = loan.guaranteeExpiresOn.split('-').reverse().join('-');
  return {
    id: loan.id,
    amountUf: dec(loan.amountUf).toFixed(),
    termMonths: loan.termMonths,
    guaranteeKind: loan.guaranteeKind,
    guaranteeAmountUf: dec(loan.guaranteeAmountUf).toFixed(),
    guaranteeExpiresOn: loan.guaranteeExpiresOn,
    guaranteeWarning:
      expiry.kind === 'expired'
        ? `La garantía venció el ${expiryText}: pida su renovación a la constructora.`
        : expiry.kind === 'due'
          ? `La garantía vence el ${expiryText} (${daysLeftText(expiry.daysLeft)}): pida su renovación a la constructora.`
          : null,
    instalments: statuses.map((s) => ({ ...s, paidAt: rows.find((r) => r.number === s.number)?.paidAt ?? null })),
  };
}

/**
 * SERVIU of the region ('followup.verify') registers the bridge loan of a selected project once, after
 * the construction contract is uploaded: amount ≤ the subsidy of its dwellings, term ≤ 36 months (planBridgeLoan),
 * and its 20/40/40 instalments (the 2022 call, «Préstamos»).
 */
export async function createBridgeLoan(tx: DbOrTx, user: SessionUser, input: TRegisterBridgeLoan): Promise<{ id: string }> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const applicationId = access.application.id;
  const [existing] = await tx.select({ id: bridgeLoans.id }).from(bridgeLoans).where(eq(bridgeLoans.applicationId, applicationId));
  if (existing) throw new DomainError('Este proyecto ya tiene su préstamo de enlace: se otorga una sola vez.');
  const [contract] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.applicationId, applicationId), eq(documents.slot, CONSTRUCTION_CONTRACT_SLOT)))
    // The contract in force is the latest version the committee uploaded, not a superseded first try.
    .orderBy(desc(documents.version))
    .limit(1);
  if (!contract)
    throw new DomainError('Antes del préstamo de enlace el Comité de Proyecto debe subir el contrato de construcción en «Documentos del seguimiento».');
  const params = access.call.parameters;
  const { zone, dwellings } = await loadProjectFigures(tx, access);
  const plan = planBridgeLoan(
    { zone, dwellingCount: dwellings, amountUf: input.amountUf, termMonths: input.termMonths, guaranteeAmountUf: input.guaranteeAmountUf },
    params,
  );
  if (!plan.ok) {
    const fieldOf: Record<string, string> = { 'bridge_loan.term': 'termMonths', 'bridge_loan.guarantee': 'guaranteeAmountUf' };
    const fieldErrors: Record<string, string> = {};
    for (const r of plan.rules.filter((x) => !x.ok)) fieldErrors[fieldOf[r.id] ?? 'amountUf'] = r.message;
    throw new DomainError(plan.rules.filter((r) => !r.ok).map((r) => r.message).join(' '), fieldErrors);
  }
  if (input.guaranteeExpiresOn < callDateOf(now(), params))
    throw new DomainError('La garantía ya está vencida.', { guaranteeExpiresOn: 'Indique una garantía vigente.' });
  const [loan] = await tx
    .insert(bridgeLoans)
    .values({
      applicationId,
      amountUf: plan.loanUf,
      termMonths: input.termMonths,
      contractDocumentId: contract.id,
      guaranteeKind: input.guaranteeKind,
      guaranteeAmountUf: input.guaranteeAmountUf,
      guaranteeExpiresOn: input.guaranteeExpiresOn,
      createdBy: user.id,
    })
    .returning({ id: bridgeLoans.id });
  await tx.insert(loanInstalments).values(plan.instalments.map((i) => ({ loanId: loan!.id, number: i.number, amountUf: i.amountUf })));
  await writeAudit(tx, user, {
    action: 'bridge_loan.create',
    entityType: 'bridge_loan',
    entityId: loan!.id,
    after: { ...input, capUf: bridgeLoanCapUf(zone, dwellings, params), instalments: plan.instalments.map((i) => i.amountUf) },
  });
  return { id: loan!.id };
}

/**
 * Records an instalment as paid ('followup.verify'), only when checkInstalmentRelease allows it:
 * verified start of works for the 1st, verified progress > 25% and > 60% for the next, in order.
 */
export async function payInstalment(tx: DbOrTx, user: SessionUser, input: { applicationId: string; number: number }): Promise<void> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const [loan] = await tx.select().from(bridgeLoans).where(eq(bridgeLoans.applicationId, access.application.id)).for('update');
  if (!loan) throw new DomainError('El proyecto aún no tiene préstamo de enlace registrado.');
  const rows = await tx.select().from(loanInstalments).where(eq(loanInstalments.loanId, loan.id));
  const milestones = await tx.select().from(projectMilestones).where(eq(projectMilestones.applicationId, access.application.id));
  const state = worksStateOf(milestones, rows.filter((r) => r.paidAt !== null).length);
  const release = checkInstalmentRelease(input.number, state, access.call.parameters);
  if (!release.ok) throw new DomainError(release.message);
  // The guarantee backs what SERVIU advances: no instalment goes out while it is expired.
  if (guaranteeExpiry(loan.guaranteeExpiresOn, now(), access.call.parameters).kind === 'expired')
    throw new DomainError(
      `La garantía de la constructora venció el ${loan.guaranteeExpiresOn.split('-').reverse().join('-')}: registre su renovación antes de pagar la cuota ${input.number}.`,
    );
  // The verification the rule read: the start of works for the first instalment, the progress for the rest.
  const works = verifiedWorksOf(milestones);
  const unlockedBy = access.call.parameters.bridgeLoan.instalments[input.number - 1]?.progressAbovePercent === null ? works.startId : works.progressId;
  const at = now();
  const [paid] = await tx
    .update(loanInstalments)
    .set({ paidAt: at, paidBy: user.id, verificationMilestoneId: unlockedBy })
    .where(and(eq(loanInstalments.loanId, loan.id), eq(loanInstalments.number, input.number), isNull(loanInstalments.paidAt)))
    .returning();
  if (!paid) throw new DomainError(`La cuota ${input.number} ya fue pagada.`);
  await writeAudit(tx, user, {
    action: 'bridge_loan.instalment.pay',
    entityType: 'loan_instalment',
    entityId: paid.id,
    before: { paidAt: null },
    after: { applicationId: access.application.id, number: input.number, amountUf: paid.amountUf, paidAt: at, rule: release.message, verificationMilestoneId: unlockedBy },
  });
}

/**
 * SERVIU of the region ('followup.verify') records the builder's renewed or replaced guarantee: still
 * covering the loan and valid past today. The earlier guarantee stays in the audit log's before.
 */
export async function renewGuarantee(tx: DbOrTx, user: SessionUser, input: TRenewGuarantee): Promise<void> {
  const access = await loadSelectedApplication(tx, user, input.applicationId, 'followup.verify', { forUpdate: true });
  const [loan] = await tx.select().from(bridgeLoans).where(eq(bridgeLoans.applicationId, access.application.id)).for('update');
  if (!loan) throw new DomainError('El proyecto aún no tiene préstamo de enlace registrado.');
  const covers = checkGuaranteeCoversLoan(input.guaranteeAmountUf, loan.amountUf);
  if (!covers.ok) throw new DomainError(covers.message, { guaranteeAmountUf: covers.message });
  if (input.guaranteeExpiresOn <= callDateOf(now(), access.call.parameters))
    throw new DomainError('La nueva garantía debe vencer después de hoy.', { guaranteeExpiresOn: 'Indique un vencimiento posterior a hoy.' });
  if (input.guaranteeExpiresOn <= loan.guaranteeExpiresOn && input.guaranteeKind === loan.guaranteeKind && dec(input.guaranteeAmountUf).eq(loan.guaranteeAmountUf))
    throw new DomainError('Es la misma garantía ya registrada: indique el nuevo vencimiento o monto.', { guaranteeExpiresOn: 'Indique el nuevo vencimiento.' });
  const before = { guaranteeKind: loan.guaranteeKind, guaranteeAmountUf: dec(loan.guaranteeAmountUf).toFixed(), guaranteeExpiresOn: loan.guaranteeExpiresOn };
  await tx
    .update(bridgeLoans)
    .set({ guaranteeKind: input.guaranteeKind, guaranteeAmountUf: input.guaranteeAmountUf, guaranteeExpiresOn: input.guaranteeExpiresOn })
    .where(eq(bridgeLoans.id, loan.id));
  await writeAudit(tx, user, {
    action: 'bridge_loan.guarantee.renew',
    entityType: 'bridge_loan',
    entityId: loan.id,
    before,
    after: { applicationId: access.application.id, guaranteeKind: input.guaranteeKind, guaranteeAmountUf: input.guaranteeAmountUf, guaranteeExpiresOn: input.guaranteeExpiresOn },
  });
}
