import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { applicationDwellings, applications, auditLog, projectDates, projectMilestones, rosterEntries } from '../schema';
import type { THouseholdFacts } from '../../lib/domain/household-facts';
import { santiagoDay } from '../../lib/santiago-time';
import { demoRut } from './demo';

interface ReviewWorker {
  rutBody: number;
  firstNames: string;
  lastNames: string;
  email: string;
  band: 1 | 2;
  rshPercentile: number;
  savingsUf: string;
  savingsDepositedUf: string;
  /** Household facts for the score (D.S. N°1 art. 65), as the RSH would show them. */
  scoreFacts: Partial<THouseholdFacts>;
}

/** Five eligible workers for the submitted demo file (1 dwelling of band 1, 4 of band 2, as seeded). */
const REVIEW_WORKERS: ReviewWorker[] = [
  { rutBody: 19_111_001, firstNames: 'Camila', lastNames: 'Reyes Soto', email: 'camila.reyes@trabajadores.demo.cl', band: 1, rshPercentile: 40, savingsUf: '55', savingsDepositedUf: '30', scoreFacts: { memberAges: [31, 9, 4], headOfHousehold: 'monoparental', membersWithDisability: 0, overcrowding: 'medio', dwellingType: 'pieza', waterSource: 'red_publica', bathroom: 'compartido', earlierApplications: 2 } },
  { rutBody: 19_111_002, firstNames: 'Jorge', lastNames: 'Muñoz Araya', email: 'jorge.munoz@trabajadores.demo.cl', band: 2, rshPercentile: 60, savingsUf: '75', savingsDepositedUf: '40', scoreFacts: { memberAges: [45, 43, 17], headOfHousehold: 'con_pareja', membersWithDisability: 0, overcrowding: 'sin', dwellingType: 'casa', waterSource: 'red_publica', bathroom: 'exclusivo', earlierApplications: 0 } },
  { rutBody: 19_111_003, firstNames: 'Ana María', lastNames: 'Fuentes Vidal', email: 'anamaria.fuentes@trabajadores.demo.cl', band: 2, rshPercentile: 70, savingsUf: '80', savingsDepositedUf: '40', scoreFacts: { memberAges: [38, 36, 62], headOfHousehold: 'con_pareja', membersWithDisability: 1, overcrowding: 'medio', dwellingType: 'casa', waterSource: 'red_publica', bathroom: 'exclusivo', earlierApplications: 1 } },
  { rutBody: 19_111_004, firstNames: 'Héctor', lastNames: 'Carrasco Lillo', email: 'hector.carrasco@trabajadores.demo.cl', band: 2, rshPercentile: 80, savingsUf: '72', savingsDepositedUf: '36', scoreFacts: { memberAges: [57, 55, 81], headOfHousehold: 'con_pareja', membersWithDisability: 1, overcrowding: 'sin', dwellingType: 'departamento', waterSource: 'red_publica', bathroom: 'exclusivo', earlierApplications: 3 } },
  { rutBody: 19_111_005, firstNames: 'Valeria', lastNames: 'Ortiz Peña', email: 'valeria.ortiz@trabajadores.demo.cl', band: 2, rshPercentile: 90, savingsUf: '90', savingsDepositedUf: '45', scoreFacts: {} },
];

/** The Chilean calendar day of an instant, as a "YYYY-MM-DD" date column. */
function isoDay(at: Date): string {
  const { year, month, day } = santiagoDay(at);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function rosterValues(applicationId: string, callId: string, worker: ReviewWorker, rut: string) {
  return {
    applicationId,
    callId,
    rut,
    firstNames: worker.firstNames,
    lastNames: worker.lastNames,
    email: worker.email,
    unionMember: true,
    rshPercentile: worker.rshPercentile,
    householdSize: 3,
    monthlyIncomeClp: 900_000,
    savingsUf: worker.savingsUf,
    savingsDepositedUf: worker.savingsDepositedUf,
    band: worker.band,
    scoreFacts: worker.scoreFacts,
  };
}

/**
 * Adds a roster to the submitted demo file PVT-DEMO-0002 (seeded with dwellings only), so SERVIU's
 * review can pin observations to workers and the union can propose a replacement. Additive and
 * idempotent: does nothing when the file is missing or already has workers. Returns whether it added rows.
 */
export async function seedDemoReviewRoster(db: DbOrTx): Promise<boolean> {
  const [app] = await db
    .select({ id: applications.id, callId: applications.callId })
    .from(applications)
    .where(eq(applications.number, 'PVT-DEMO-0002'))
    .limit(1);
  if (!app) return false;
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(eq(rosterEntries.applicationId, app.id));
  if ((existing?.n ?? 0) > 0) return false;
  await db.insert(rosterEntries).values(REVIEW_WORKERS.map((w) => rosterValues(app.id, app.callId, w, demoRut(w.rutBody))));
  await db.insert(auditLog).values({ action: 'seed.demo_review', entityType: 'application', entityId: app.id, after: { roster: REVIEW_WORKERS.length } });
  return true;
}

/**
 * A fresh submitted file like PVT-DEMO-0002 (same union, employer and sponsor, Región Metropolitana,
 * eligible roster with RUTs unused in the call), for browser tests that walk the whole review without
 * touching the shared demo files. With `selected`, the file is already selected (publication dated `at`,
 * land under a promise of sale) for tests of the follow-up. Test servers only: the caller checks the flag.
 */
export async function createReviewFixture(db: DbOrTx, at: Date, options: { selected?: boolean } = {}): Promise<{ id: string; number: string }> {
  const [template] = await db.select().from(applications).where(eq(applications.number, 'PVT-DEMO-0002')).limit(1);
  if (!template) throw new Error('PVT-DEMO-0002 no existe: cargue los datos de demostración.');
  // A selected project has hired its builder: the demo's, the one PVT-DEMO-0001 invited.
  const [builder] = options.selected
    ? await db.select({ id: applications.builderId }).from(applications).where(eq(applications.number, 'PVT-DEMO-0001')).limit(1)
    : [];
  // The test clock may be frozen, so the time alone does not tell fixtures apart.
  const number = `PVT-E2E-${at.getTime().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`;
  const [created] = await db
    .insert(applications)
    .values({
      number,
      callId: template.callId,
      organizationId: template.organizationId,
      employerId: template.employerId,
      sponsorId: template.sponsorId,
      builderId: builder?.id ?? template.builderId,
      status: options.selected ? 'seleccionada' : 'enviada',
      projectName: `Villa Los Castaños (prueba ${number.slice(-6)})`,
      sections: options.selected ? { ...(template.sections as object), terreno: { situation: 'promesa' } } : undefined,
      regionCode: template.regionCode,
      comunaCode: template.comunaCode,
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: applications.id });
  const id = created!.id;
  await db.insert(applicationDwellings).values([
    { applicationId: id, band: 1, count: 1, priceUf: '1200' },
    { applicationId: id, band: 2, count: 4, priceUf: '1600' },
  ]);
  for (const worker of REVIEW_WORKERS) {
    // Random RUT bodies in a range the demo data does not use; retried on the rare collision.
    for (let attempt = 0; ; attempt++) {
      const rut = demoRut(randomInt(21_000_000, 29_999_999));
      const [taken] = await db
        .select({ id: rosterEntries.id })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.callId, template.callId), eq(rosterEntries.rut, rut)))
        .limit(1);
      if (taken && attempt < 5) continue;
      await db.insert(rosterEntries).values({ ...rosterValues(id, template.callId, worker, rut), email: null, createdAt: at, updatedAt: at });
      break;
    }
  }
  if (options.selected) {
    await db.insert(projectDates).values({ applicationId: id, selectionPublishedOn: isoDay(at) });
    // The Convenio's Gantt chart, as its section writes it: one milestone already 10 days past its plan, one ahead.
    await db.insert(projectMilestones).values([
      { applicationId: id, kind: 'gantt', title: 'Permiso de edificación aprobado', plannedOn: isoDay(new Date(at.getTime() - 10 * 86_400_000)) },
      { applicationId: id, kind: 'gantt', title: 'Obra gruesa terminada', plannedOn: isoDay(new Date(at.getTime() + 60 * 86_400_000)) },
    ]);
  }
  await db.insert(auditLog).values({
    action: 'application.submit',
    entityType: 'application',
    entityId: id,
    before: { status: 'borrador' },
    after: { status: options.selected ? 'seleccionada' : 'enviada', fixture: true },
  });
  return { id, number };
}
