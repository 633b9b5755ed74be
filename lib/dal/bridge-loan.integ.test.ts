import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { auditLog, bridgeLoans, loanInstalments, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { SELECTION_DEMO_COMMITTEE_EMAIL, createSelectionTestCall } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { resetEnvForTests } from '@/lib/env';
import { createTestDb } from '@/lib/test/db';
import { createBridgeLoan, payInstalment, renewGuarantee } from './bridge-loan';
import { createMilestoneReport, getFollowupView, verifyMilestone } from './followup';
import { uploadFollowupDocument } from './followup-documents';
import { confirmSelectionRun, createSelectionPreview } from './selection';

let handle: DbHandle;
const people: Record<string, SessionUser> = {};
const today = new Date('2026-11-22T12:00:00Z');
let rmId = '';
let uploadDir = '';

function forgetStorage(): void {
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), 'portal-bridge-loan-'));
  process.env.UPLOAD_DIR = uploadDir;
  forgetStorage();
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, today);
  setDbForTests(handle);
  setClock(today);
  const { callId, applications } = await handle.db.transaction((tx) => createSelectionTestCall(tx, today));
  rmId = applications[0]!.id;
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  const run = await handle.db.transaction((tx) => createSelectionPreview(tx, people['minvu@demo.cl']!, { callId, budgetUf: '12000' }));
  await handle.db.transaction((tx) => confirmSelectionRun(tx, people['minvu@demo.cl']!, { runId: run.id, resolutionNumber: 'R-1', resolutionDate: '2026-11-20' }));
}, 180_000);
afterAll(async () => {
  resetClock();
  await handle?.close();
  await rm(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  forgetStorage();
});

const committee = () => people[SELECTION_DEMO_COMMITTEE_EMAIL]!;
const reviewer = () => people['analista.rm@demo.cl']!;
const tx = <T>(fn: (t: Parameters<Parameters<DbHandle['db']['transaction']>[0]>[0]) => Promise<T>) => handle.db.transaction(fn);

const confirm = (milestoneId: string, verifiedProgressPercent?: number) =>
  tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId, outcome: 'verificado', verifiedProgressPercent }));

async function report(kind: 'constructora_contratada' | 'inicio_obras' | 'avance', progressPercent?: number) {
  const { id } = await tx((t) =>
    createMilestoneReport(t, committee(), { applicationId: rmId, kind, actualOn: '2026-11-21', registryNumber: kind === 'constructora_contratada' ? 'RNC-5678' : undefined, progressPercent }),
  );
  return id;
}

describe('bridge loan', () => {
  it('refuses a loan before the construction contract, above the cap or over 36 months, and from another region', async () => {
    const base = { applicationId: rmId, amountUf: '4000', termMonths: 24, guaranteeKind: 'boleta_bancaria' as const, guaranteeAmountUf: '4000', guaranteeExpiresOn: '2027-12-01' };
    await expect(tx((t) => createBridgeLoan(t, reviewer(), base))).rejects.toThrow(/contrato de construcción/);
    await report('constructora_contratada');
    // A report of the builder hired is not the contract itself.
    await expect(tx((t) => createBridgeLoan(t, reviewer(), base))).rejects.toThrow(/contrato de construcción/);
    const contract = await PDFDocument.create();
    contract.addPage().drawText('Contrato de construccion');
    const bytes = await contract.save();
    await expect(
      tx((t) => uploadFollowupDocument(t, reviewer(), { applicationId: rmId, slot: 'contrato_construccion', fileName: 'contrato.pdf', bytes })),
    ).rejects.toThrow(NotFoundError);
    await expect(
      tx((t) => uploadFollowupDocument(t, committee(), { applicationId: rmId, slot: 'contrato_construccion', fileName: 'contrato.png', bytes: new TextEncoder().encode('no soy un pdf') })),
    ).rejects.toThrow();
    await tx((t) => uploadFollowupDocument(t, committee(), { applicationId: rmId, slot: 'contrato_construccion', fileName: 'contrato.pdf', bytes }));
    contract.addPage().drawText('Anexo firmado');
    const signedBytes = await contract.save();
    const signed = await tx((t) =>
      uploadFollowupDocument(t, committee(), { applicationId: rmId, slot: 'contrato_construccion', fileName: 'contrato-firmado.pdf', bytes: signedBytes }),
    );
    expect(signed.version).toBe(2);
    await expect(tx((t) => createBridgeLoan(t, reviewer(), { ...base, amountUf: '5000.01' }))).rejects.toThrow(/no puede exceder/);
    await expect(tx((t) => createBridgeLoan(t, reviewer(), { ...base, termMonths: 37 }))).rejects.toThrow(/36 meses/);
    // The guarantee secures the full return of the loan: a smaller one is refused next to its field.
    const short = await tx((t) => createBridgeLoan(t, reviewer(), { ...base, guaranteeAmountUf: '3999.99' })).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(DomainError);
    expect((short as DomainError).fieldErrors).toEqual({
      guaranteeAmountUf:
        'La garantía debe caucionar la devolución total del préstamo: su monto (3.999,99 UF) no puede ser menor que el del préstamo (4.000 UF).',
    });
    await expect(tx((t) => createBridgeLoan(t, people['analista.antofagasta@demo.cl']!, base))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => createBridgeLoan(t, committee(), base))).rejects.toThrow(NotFoundError);
    await tx((t) => createBridgeLoan(t, reviewer(), base));
    await expect(tx((t) => createBridgeLoan(t, reviewer(), base))).rejects.toThrow(/una sola vez/);
    // The loan rests on the contract in force: the latest version uploaded.
    const [loan] = await handle.db.select().from(bridgeLoans);
    expect(loan?.contractDocumentId).toBe(signed.id);
    const view = await getFollowupView(reviewer(), rmId);
    expect(view.loan?.instalments.map((i) => i.amountUf)).toEqual(['800', '1600', '1600']);
    expect(view.loan?.guaranteeWarning).toBeNull();
  });

  it('warns of the guarantee by calendar days in Chile: from exactly 30 days before, "mañana" the day before', async () => {
    const warningAt = async (iso: string) => {
      setClock(new Date(iso));
      try {
        return (await getFollowupView(committee(), rmId)).loan?.guaranteeWarning ?? null;
      } finally {
        setClock(today);
      }
    };
    // The guarantee expires on 01-12-2027; the morning run is 07:00 in Chile (10:00Z in summer time).
    expect(await warningAt('2027-10-31T10:00:00Z')).toBeNull();
    expect(await warningAt('2027-11-01T10:00:00Z')).toBe('La garantía vence el 01-12-2027 (en 30 días): pida su renovación a la constructora.');
    expect(await warningAt('2027-11-30T10:00:00Z')).toBe('La garantía vence el 01-12-2027 (mañana): pida su renovación a la constructora.');
    expect(await warningAt('2027-12-02T02:59:00Z')).toBe('La garantía vence el 01-12-2027 (hoy): pida su renovación a la constructora.');
    expect(await warningAt('2027-12-02T03:00:00Z')).toBe('La garantía venció el 01-12-2027: pida su renovación a la constructora.');
  });

  it('instalments unlock in order and never early, from the progress SERVIU verified', async () => {
    const pay = (n: number) => tx((t) => payInstalment(t, reviewer(), { applicationId: rmId, number: n }));
    await expect(pay(1)).rejects.toThrow(/inicio de obras verificado/);
    const observedStart = await report('inicio_obras');
    await expect(pay(1)).rejects.toThrow(/inicio de obras verificado/); // reported, not verified yet
    const asCommittee = { applicationId: rmId, milestoneId: observedStart, outcome: 'verificado' as const };
    await expect(tx((t) => verifyMilestone(t, committee(), asCommittee))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => verifyMilestone(t, people['director.antofagasta@demo.cl']!, asCommittee))).rejects.toThrow(NotFoundError);
    // Observed on site: the start of works is not accredited and nothing unlocks.
    await tx((t) =>
      verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: observedStart, outcome: 'observado', finding: 'No hay faenas instaladas en el terreno.' }),
    );
    await expect(pay(1)).rejects.toThrow(/inicio de obras verificado/);
    await expect(confirm(observedStart)).rejects.toThrow(/ya fue verificado/);
    const start = await report('inicio_obras');
    await confirm(start);
    await expect(pay(2)).rejects.toThrow(/en orden/);
    await pay(1);
    await expect(pay(1)).rejects.toThrow(/ya fue pagada/);
    // A progress report is confirmed with the figure SERVIU measured; without one it is refused.
    const reported70 = await report('avance', 70);
    await expect(confirm(reported70)).rejects.toThrow(/avance que verificó/);
    await confirm(reported70, 24);
    await expect(pay(2)).rejects.toThrow(/más de 25%.*el avance verificado es 24%/); // 70% reported, 24% verified
    const exactly25 = await report('avance', 25);
    await confirm(exactly25, 25);
    await expect(pay(2)).rejects.toThrow(/más de 25%/);
    const p30 = await report('avance', 30);
    await expect(pay(2)).rejects.toThrow(/más de 25%/); // not verified
    await confirm(p30, 25.5);
    await pay(2);
    await expect(pay(3)).rejects.toThrow(/más de 60%/);
    const observed65 = await report('avance', 65);
    await tx((t) =>
      verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: observed65, outcome: 'observado', finding: 'La obra gruesa del bloque B no está terminada.' }),
    );
    await expect(pay(3)).rejects.toThrow(/más de 60%.*el avance verificado es 25,5%/);
    const p61 = await report('avance', 61);
    await confirm(p61, 60.01);
    // With the builder's guarantee expired nothing is paid until SERVIU records its renewal.
    setClock(new Date('2027-12-02T03:00:00Z'));
    try {
      await expect(pay(3)).rejects.toThrow('La garantía de la constructora venció el 01-12-2027: registre su renovación antes de pagar la cuota 3.');
      const renewal = { applicationId: rmId, guaranteeKind: 'certificado_fianza' as const, guaranteeAmountUf: '4000', guaranteeExpiresOn: '2028-12-01' };
      const renew = (user: SessionUser, input: Parameters<typeof renewGuarantee>[2]) => tx((t) => renewGuarantee(t, user, input));
      await expect(renew(committee(), renewal)).rejects.toThrow(NotFoundError);
      await expect(renew(people['analista.antofagasta@demo.cl']!, renewal)).rejects.toThrow(NotFoundError);
      await expect(renew(reviewer(), { ...renewal, guaranteeAmountUf: '3999.99' })).rejects.toThrow(/no puede ser menor que el del préstamo/);
      await expect(renew(reviewer(), { ...renewal, guaranteeExpiresOn: '2027-12-01' })).rejects.toThrow('La nueva garantía debe vencer después de hoy.');
      await renew(reviewer(), renewal);
      const [renewed] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'bridge_loan.guarantee.renew'));
      expect(renewed?.before).toEqual({ guaranteeKind: 'boleta_bancaria', guaranteeAmountUf: '4000', guaranteeExpiresOn: '2027-12-01' });
      expect((await getFollowupView(reviewer(), rmId)).loan).toMatchObject({ guaranteeKind: 'certificado_fianza', guaranteeExpiresOn: '2028-12-01', guaranteeWarning: null });
      await pay(3);
    } finally {
      setClock(today);
    }
    const rows = await handle.db.select().from(loanInstalments).orderBy(asc(loanInstalments.number));
    expect(rows.every((r) => r.paidAt !== null)).toBe(true);
    // Each payment names the verification that unlocked it.
    expect(rows.map((r) => r.verificationMilestoneId)).toEqual([start, p30, p61]);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'bridge_loan.instalment.pay'));
    expect(audits).toHaveLength(3);
    const view = await getFollowupView(committee(), rmId);
    expect(view.loan?.instalments.every((i) => i.paid)).toBe(true);
    expect(view.timeline.find((t) => t.key === 'inicio_obras')?.status).toBe('cumplido');
  });
});
