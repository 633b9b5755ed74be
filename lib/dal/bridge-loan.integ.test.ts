import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { auditLog, loanInstalments, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { SELECTION_DEMO_COMMITTEE_EMAIL, createSelectionTestCall } from '@/db/seed/demo-selection';
import { seedReferenceData } from '@/db/seed/reference';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { resetEnvForTests } from '@/lib/env';
import { createTestDb } from '@/lib/test/db';
import { createBridgeLoan, payInstalment } from './bridge-loan';
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
    await expect(tx((t) => createBridgeLoan(t, reviewer(), { ...base, amountUf: '5000.01' }))).rejects.toThrow(/no puede exceder/);
    await expect(tx((t) => createBridgeLoan(t, reviewer(), { ...base, termMonths: 37 }))).rejects.toThrow(/36 meses/);
    await expect(tx((t) => createBridgeLoan(t, people['analista.antofagasta@demo.cl']!, base))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => createBridgeLoan(t, committee(), base))).rejects.toThrow(NotFoundError);
    await tx((t) => createBridgeLoan(t, reviewer(), base));
    await expect(tx((t) => createBridgeLoan(t, reviewer(), base))).rejects.toThrow(/una sola vez/);
    const view = await getFollowupView(reviewer(), rmId);
    expect(view.loan?.instalments.map((i) => i.amountUf)).toEqual(['800', '1600', '1600']);
  });

  it('instalments unlock in order and never early', async () => {
    const pay = (n: number) => tx((t) => payInstalment(t, reviewer(), { applicationId: rmId, number: n }));
    await expect(pay(1)).rejects.toThrow(/inicio de obras verificado/);
    const start = await report('inicio_obras');
    await expect(pay(1)).rejects.toThrow(/inicio de obras verificado/); // reported, not verified yet
    await expect(tx((t) => verifyMilestone(t, committee(), { applicationId: rmId, milestoneId: start }))).rejects.toThrow(NotFoundError);
    await expect(tx((t) => verifyMilestone(t, people['director.antofagasta@demo.cl']!, { applicationId: rmId, milestoneId: start }))).rejects.toThrow(NotFoundError);
    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: start }));
    await expect(pay(2)).rejects.toThrow(/en orden/);
    await pay(1);
    await expect(pay(1)).rejects.toThrow(/ya fue pagada/);
    const exactly25 = await report('avance', 25);
    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: exactly25 }));
    await expect(pay(2)).rejects.toThrow(/más de 25%/);
    const p30 = await report('avance', 30);
    await expect(pay(2)).rejects.toThrow(/más de 25%/); // not verified
    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: p30 }));
    await pay(2);
    await expect(pay(3)).rejects.toThrow(/más de 60%/);
    const p61 = await report('avance', 61);
    await tx((t) => verifyMilestone(t, reviewer(), { applicationId: rmId, milestoneId: p61 }));
    await pay(3);
    const rows = await handle.db.select().from(loanInstalments);
    expect(rows.every((r) => r.paidAt !== null)).toBe(true);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'bridge_loan.instalment.pay'));
    expect(audits).toHaveLength(3);
    const view = await getFollowupView(committee(), rmId);
    expect(view.loan?.instalments.every((i) => i.paid)).toBe(true);
    expect(view.timeline.find((t) => t.key === 'inicio_obras')?.status).toBe('cumplido');
  });
});
