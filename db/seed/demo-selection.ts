import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { hashPassword } from '../../lib/auth/password';
import { ZCallParameters } from '../../lib/domain/call-parameters';
import type { THouseholdFacts } from '../../lib/domain/household-facts';
import { callDateOf } from '../../lib/domain/deadlines';
import { prohibitionTerm } from '../../lib/domain/prohibitions';
import { subsidyForZone, zoneForComuna } from '../../lib/domain/zones';
import type { DbOrTx } from '../client';
import {
  applicationDwellings,
  applications,
  auditLog,
  calls,
  dwellingProhibitions,
  earlySaleRequests,
  employers,
  memberships,
  organizations,
  rosterEntries,
  sponsors,
  users,
} from '../schema';
import { DEMO_PASSWORD, demoRut, insertDemoCall } from './demo';
import { scheduleAround } from './schedules';

/** The committee's demo account of the selected RM project (union leader of the selection demo's union). */
export const SELECTION_DEMO_COMMITTEE_EMAIL = 'comite.seleccion@demo.cl';

interface SelectionDemoProject {
  key: 'rm' | 'antofagasta' | 'magallanes';
  projectName: string;
  regionCode: string;
  comunaCode: string;
  union: { name: string; rutBody: number; regionCode: string; comunaCode: string };
  /** Minutes after the base instant: with the 2022 point tables unset every group scores 0, so submission order ranks. */
  submittedAfterMinutes: number;
  /**
   * Where the project's families live now. The families are otherwise alike in every project, so once the
   * point tables are entered the projects rank by these housing facts alone.
   */
  housing: Pick<THouseholdFacts, 'overcrowding' | 'dwellingType' | 'waterSource' | 'bathroom'>;
}

/**
 * Three technically approved projects in three zones, 5 dwellings each (1 of band 1, 4 of band 2):
 * subsidies 5.000 UF (centro), 5.500 UF (norte) and 6.000 UF (extremo sur). With 12.000 UF and the point
 * tables unset the first two are selected (10.500 UF) and the Magallanes project is left out (6.000 UF >
 * 1.500 UF remaining); once the housing points are entered, Magallanes (the most overcrowded) ranks first.
 */
const PROJECTS: SelectionDemoProject[] = [
  {
    key: 'rm',
    projectName: 'Condominio Las Araucarias',
    regionCode: '13',
    comunaCode: '13110',
    union: { name: 'Sindicato de Trabajadores Demo Selección', rutBody: 65_777_001, regionCode: '13', comunaCode: '13110' },
    submittedAfterMinutes: 0,
    housing: { overcrowding: 'sin', dwellingType: 'departamento', waterSource: 'red_publica', bathroom: 'exclusivo' },
  },
  {
    key: 'antofagasta',
    projectName: 'Villa Altos del Desierto',
    regionCode: '02',
    comunaCode: '02101',
    union: { name: 'Sindicato Portuario Demo Antofagasta', rutBody: 65_777_002, regionCode: '02', comunaCode: '02101' },
    submittedAfterMinutes: 10,
    housing: { overcrowding: 'medio', dwellingType: 'pieza', waterSource: 'red_publica', bathroom: 'compartido' },
  },
  {
    key: 'magallanes',
    projectName: 'Barrio Estrecho Austral',
    regionCode: '12',
    comunaCode: '12101',
    union: { name: 'Sindicato Pesquero Demo Magallanes', rutBody: 65_777_003, regionCode: '12', comunaCode: '12101' },
    submittedAfterMinutes: 20,
    housing: { overcrowding: 'critico', dwellingType: 'mediagua', waterSource: 'red_publica_fuera', bathroom: 'compartido' },
  },
];

interface SelectionDemoWorker {
  firstNames: string;
  lastNames: string;
  band: 1 | 2;
  rsh: number;
  savings: string;
  deposited: string;
  family: Partial<THouseholdFacts>;
}

/** Five families of three; the household facts other than housing are the same in every project. */
const WORKERS: readonly SelectionDemoWorker[] = [
  { firstNames: 'Ximena', lastNames: 'Alarcón Pino', band: 1, rsh: 40, savings: '60', deposited: '30', family: { memberAges: [29, 8, 3], headOfHousehold: 'monoparental', membersWithDisability: 0, earlierApplications: 1 } },
  { firstNames: 'Tomás', lastNames: 'Bustos Leiva', band: 2, rsh: 60, savings: '75', deposited: '40', family: { memberAges: [44, 41, 16], headOfHousehold: 'con_pareja', membersWithDisability: 0, earlierApplications: 0 } },
  { firstNames: 'Paula', lastNames: 'Cárdenas Mella', band: 2, rsh: 70, savings: '80', deposited: '40', family: { memberAges: [36, 35, 64], headOfHousehold: 'con_pareja', membersWithDisability: 1, earlierApplications: 2 } },
  { firstNames: 'Raúl', lastNames: 'Donoso Ibarra', band: 2, rsh: 50, savings: '72', deposited: '36', family: { memberAges: [51, 49, 22], headOfHousehold: 'con_pareja', membersWithDisability: 0, earlierApplications: 0 } },
  { firstNames: 'Elena', lastNames: 'Espinoza Ruiz', band: 2, rsh: 90, savings: '90', deposited: '45', family: { memberAges: [33, 6, 2], headOfHousehold: 'monoparental', membersWithDisability: 0, earlierApplications: 1 } },
];

async function ensureOrganization(db: DbOrTx, union: SelectionDemoProject['union']): Promise<string> {
  const rut = demoRut(union.rutBody);
  const [found] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.rut, rut)).limit(1);
  if (found) return found.id;
  const [created] = await db
    .insert(organizations)
    .values({ kind: 'sindicato', name: union.name, rut, regionCode: union.regionCode, comunaCode: union.comunaCode })
    .returning({ id: organizations.id });
  return created!.id;
}

interface Parties {
  organizationIds: Record<SelectionDemoProject['key'], string>;
  employerId: string | null;
  sponsorId: string | null;
  builderId: string | null;
}

/** The three unions (created once, by RUT), the demo employer/EP/builder, and the committee's account. */
async function ensureParties(db: DbOrTx): Promise<Parties> {
  const organizationIds = {} as Record<SelectionDemoProject['key'], string>;
  for (const p of PROJECTS) organizationIds[p.key] = await ensureOrganization(db, p.union);
  const [employer] = await db.select({ id: employers.id }).from(employers).where(eq(employers.rut, demoRut(76_555_666))).limit(1);
  const [ep] = await db.select({ id: sponsors.id }).from(sponsors).where(eq(sponsors.rut, demoRut(77_111_333))).limit(1);
  const [builder] = await db.select({ id: sponsors.id }).from(sponsors).where(eq(sponsors.rut, demoRut(77_222_444))).limit(1);
  const [committee] = await db.select({ id: users.id }).from(users).where(eq(users.email, SELECTION_DEMO_COMMITTEE_EMAIL)).limit(1);
  if (!committee) {
    const [created] = await db
      .insert(users)
      .values({
        email: SELECTION_DEMO_COMMITTEE_EMAIL,
        name: 'Marcela Godoy Rivas',
        role: 'org_rep',
        rut: demoRut(12_777_001),
        passwordHash: await hashPassword(DEMO_PASSWORD),
        isDemo: true,
      })
      .returning({ id: users.id });
    await db.insert(memberships).values({ userId: created!.id, organizationId: organizationIds.rm });
  }
  return { organizationIds, employerId: employer?.id ?? null, sponsorId: ep?.id ?? null, builderId: builder?.id ?? null };
}

async function insertProjects(
  db: DbOrTx,
  callId: string,
  parties: Parties,
  base: Date,
  numberOf: (index: number) => string,
  nameSuffix: string,
): Promise<Array<{ id: string; number: string; projectName: string }>> {
  const out: Array<{ id: string; number: string; projectName: string }> = [];
  for (const [index, p] of PROJECTS.entries()) {
    const at = new Date(base.getTime() + p.submittedAfterMinutes * 60_000);
    const number = numberOf(index);
    const projectName = `${p.projectName}${nameSuffix}`;
    const [app] = await db
      .insert(applications)
      .values({
        number,
        callId,
        organizationId: parties.organizationIds[p.key],
        employerId: p.key === 'rm' ? parties.employerId : null,
        sponsorId: p.key === 'rm' ? parties.sponsorId : null,
        builderId: p.key === 'rm' ? parties.builderId : null,
        status: 'aprobada_tecnicamente',
        projectName,
        regionCode: p.regionCode,
        comunaCode: p.comunaCode,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: applications.id });
    await db.insert(applicationDwellings).values([
      { applicationId: app!.id, band: 1, count: 1, priceUf: '1200' },
      { applicationId: app!.id, band: 2, count: 4, priceUf: '1600' },
    ]);
    await db.insert(rosterEntries).values(
      WORKERS.map((w, i) => ({
        applicationId: app!.id,
        callId,
        // RUT bodies 20.7xx.xxx: a range no other demo data uses; one block per project.
        rut: demoRut(20_700_000 + index * 100 + i),
        firstNames: w.firstNames,
        lastNames: w.lastNames,
        unionMember: true,
        rshPercentile: w.rsh,
        householdSize: 3,
        monthlyIncomeClp: 880_000,
        savingsUf: w.savings,
        savingsDepositedUf: w.deposited,
        band: w.band,
        scoreFacts: { ...w.family, ...p.housing },
        incorporationConfirmedAt: at,
        incorporationMethod: 'formulario_firmado' as const,
      })),
    );
    await db.insert(auditLog).values({
      action: 'seed.demo_selection',
      entityType: 'application',
      entityId: app!.id,
      after: { number, status: 'aprobada_tecnicamente' },
    });
    out.push({ id: app!.id, number, projectName });
  }
  return out;
}

/** The demo call whose selection can be tried today: closed six weeks ago, its selection step under way. */
export const SELECTION_DEMO_CALL = 'PVT-DEMO-SEL';

/**
 * Selection demo data: a closed demo call, PVT-DEMO-SEL, laid so that today falls in its selection step (a
 * selection waits for the call to close and for every file's decision, so the open demo call cannot show
 * it), with three technically approved projects in three regions (see PROJECTS) whose subsidies leave one
 * out with a 12.000 UF budget, and a committee account for the selected RM project. Additive and
 * idempotent: returns false when already seeded.
 */
export async function seedSelectionDemo(db: DbOrTx, today: Date): Promise<boolean> {
  const [existing] = await db.select({ id: applications.id }).from(applications).where(eq(applications.number, 'PVT-DEMO-SEL-01')).limit(1);
  if (existing) return false;
  const [found] = await db.select({ id: calls.id }).from(calls).where(eq(calls.code, SELECTION_DEMO_CALL)).limit(1);
  const callId =
    found?.id ??
    (await insertDemoCall(db, scheduleAround(new Date(today.getTime() - 62 * 86_400_000)), {
      code: SELECTION_DEMO_CALL,
      name: 'Llamado de demostración en etapa de selección',
      status: 'cerrado',
      resolution: 'Llamado de demostración con los parámetros del piloto 2022, ya cerrado',
    }));
  const parties = await ensureParties(db);
  // Sent a week before the closing, which came 41 days ago.
  await insertProjects(db, callId, parties, new Date(today.getTime() - 50 * 86_400_000), (i) => `PVT-DEMO-SEL-0${i + 1}`, '');
  return true;
}

/**
 * A fresh closed call with the PVT-DEMO parameters and the three approved projects, for one browser test
 * of the selection (a confirmed selection is final, so each test run needs its own call). With
 * `unrankable`, a fourth approved project of the RM union declares neither dwellings nor workers, so the
 * ranking cannot place it and the selection must still decide it. Test servers only.
 */
export async function createSelectionTestCall(
  db: DbOrTx,
  at: Date,
  options: { unrankable?: boolean } = {},
): Promise<{ callId: string; callCode: string; applications: Array<{ id: string; number: string; projectName: string }> }> {
  const [template] = await db.select().from(calls).where(eq(calls.code, 'PVT-DEMO')).limit(1);
  if (!template) throw new Error('El llamado PVT-DEMO no existe: cargue los datos de demostración.');
  // The test clock may be frozen, so the time alone does not tell fixtures apart.
  const stamp = `${at.getTime().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`;
  const callCode = `PVT-SEL-${stamp}`;
  const [call] = await db
    .insert(calls)
    .values({
      code: callCode,
      name: `Llamado de prueba de selección ${stamp}`,
      programme: 'ds1_trabajadores',
      status: 'cerrado',
      // Closed the day before, so its selection can be confirmed.
      opensAt: new Date(at.getTime() - 60 * 86_400_000),
      closesAt: new Date(at.getTime() - 86_400_000),
      savingsDate: template.savingsDate,
      resolution: 'Llamado de prueba',
      parameters: template.parameters,
    })
    .returning({ id: calls.id });
  const parties = await ensureParties(db);
  const created = await insertProjects(db, call!.id, parties, new Date(at.getTime() - 86_400_000), (i) => `PVT-SEL-${stamp}-${i + 1}`, ` (prueba ${stamp})`);
  if (options.unrankable) {
    const number = `PVT-SEL-${stamp}-${PROJECTS.length + 1}`;
    const projectName = `Edificio Sin Nómina (prueba ${stamp})`;
    const [app] = await db
      .insert(applications)
      .values({
        number,
        callId: call!.id,
        organizationId: parties.organizationIds.rm,
        status: 'aprobada_tecnicamente',
        projectName,
        regionCode: '13',
        comunaCode: '13110',
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: applications.id });
    await db.insert(auditLog).values({ action: 'seed.demo_selection', entityType: 'application', entityId: app!.id, after: { number, status: 'aprobada_tecnicamente' } });
    created.push({ id: app!.id, number, projectName });
  }
  return { callId: call!.id, callCode, applications: created };
}

/**
 * Dwelling prohibitions for the demo: once PVT-DEMO-SEL-01 is selected, its five families get handed-over
 * dwellings inscribed at the CBR a month ago, and the first family a pending early-sale request that meets
 * the housing-mobility conditions. Idempotent: returns false when the project is not selected yet or
 * already has prohibitions.
 */
export async function seedProhibitionsDemo(db: DbOrTx, today: Date): Promise<boolean> {
  const [app] = await db
    .select({ id: applications.id, status: applications.status, comunaCode: applications.comunaCode, parameters: calls.parameters })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(applications.number, 'PVT-DEMO-SEL-01'))
    .limit(1);
  if (!app || app.status !== 'seleccionada' || !app.comunaCode) return false;
  const [already] = await db.select({ id: dwellingProhibitions.id }).from(dwellingProhibitions).where(eq(dwellingProhibitions.applicationId, app.id)).limit(1);
  if (already) return false;
  const params = ZCallParameters.parse(app.parameters);
  const zone = zoneForComuna({ comunaCode: app.comunaCode }, params).zone;
  if (!zone) return false;
  const daysAgo = (days: number) => callDateOf(new Date(today.getTime() - days * 86_400_000), params);
  const families = await db
    .select({ id: rosterEntries.id })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.applicationId, app.id), eq(rosterEntries.status, 'activo')))
    .orderBy(asc(rosterEntries.lastNames));
  const term = prohibitionTerm(daysAgo(30), params);
  const rows = await db
    .insert(dwellingProhibitions)
    .values(
      families.map((f, i) => ({
        applicationId: app.id,
        rosterEntryId: f.id,
        dwellingLabel: `Casa ${i + 1}`,
        handedOverOn: daysAgo(45),
        cbrInscribedOn: term.cbrInscribedOn,
        cbrReference: `Fs. ${4100 + i} N° ${2300 + i} año ${term.cbrInscribedOn.slice(0, 4)}`,
        prohibitionYears: term.years,
        endsOn: term.endsOn,
        subsidyUf: subsidyForZone(zone, params),
      })),
    )
    .returning({ id: dwellingProhibitions.id });
  const [committee] = await db.select({ id: users.id }).from(users).where(eq(users.email, SELECTION_DEMO_COMMITTEE_EMAIL)).limit(1);
  if (rows[0])
    await db.insert(earlySaleRequests).values({
      prohibitionId: rows[0].id,
      applicationId: app.id,
      reason: 'La trabajadora fue trasladada a la sucursal de Temuco y la familia se muda a La Araucanía.',
      buyerProgramme: 'mismo_programa',
      proceedsForNewDwelling: true,
      newDwellingDescription: 'Casa de 2 dormitorios en Temuco, ya elegida.',
      requestedBy: committee?.id ?? null,
      requestedAt: new Date(today.getTime() - 2 * 86_400_000),
    });
  await db.insert(auditLog).values({ action: 'seed.demo_prohibitions', entityType: 'application', entityId: app.id, after: { dwellings: rows.length, endsOn: term.endsOn } });
  return true;
}
