import { sql } from 'drizzle-orm';
import { computeCheckDigit } from '../../lib/domain/rut';
import { hashPassword } from '../../lib/auth/password';
import { santiagoDay, endOfSantiagoDay, santiagoInstant } from '../../lib/santiago-time';
import type { Db, DbOrTx } from '../client';
import {
  applicationDwellings,
  applications,
  auditLog,
  callMilestones,
  calls,
  employers,
  memberships,
  organizations,
  rosterEntries,
  sponsors,
  users,
} from '../schema';
import type { Role } from '../schema';
import { callParameters2022 } from './call-parameters-2022';
import { ds49ParametersMagallanes } from './ds49-parameters-magallanes';
import { schedule2022, scheduleAround } from './schedules';
import type { ScheduleStep } from './schedules';
import type { THouseholdFacts } from '../../lib/domain/household-facts';

/** The password of every demo account (listed in the README; refused in production unless allowed). */
export const DEMO_PASSWORD = 'Vivienda.Demo.2026';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  regionCode?: string;
  rut?: string;
}

export const demoUsers: DemoUser[] = [
  { email: 'trabajador@demo.cl', name: 'María Pérez Soto', role: 'worker', rut: demoRut(15_111_222) },
  { email: 'dirigente@demo.cl', name: 'Juan Rojas Díaz', role: 'org_rep', rut: demoRut(12_333_444) },
  { email: 'empleador@demo.cl', name: 'Carolina Vega Muñoz', role: 'employer_rep' },
  { email: 'patrocinante@demo.cl', name: 'Andrés Fuentes Lagos', role: 'sponsor' },
  { email: 'constructora@demo.cl', name: 'Patricia Núñez Bravo', role: 'sponsor' },
  { email: 'analista.rm@demo.cl', name: 'Felipe Araya Castro', role: 'reviewer', regionCode: '13' },
  { email: 'analista.antofagasta@demo.cl', name: 'Daniela Tapia Rivera', role: 'reviewer', regionCode: '02' },
  { email: 'director.rm@demo.cl', name: 'Roberto Silva Morales', role: 'director', regionCode: '13' },
  { email: 'director.antofagasta@demo.cl', name: 'Lorena Campos Pizarro', role: 'director', regionCode: '02' },
  { email: 'minvu@demo.cl', name: 'Ignacio Herrera Vidal', role: 'minvu_admin' },
  { email: 'gore.magallanes@demo.cl', name: 'Valentina Oyarzún Barría', role: 'gore', regionCode: '12' },
];

export function demoRut(body: number): string {
  return `${body}-${computeCheckDigit(body)}`;
}

async function insertSchedule(db: DbOrTx, callId: string, steps: ScheduleStep[]) {
  await db.insert(callMilestones).values(
    steps.map((s, i) => ({
      callId,
      sequence: i + 1,
      code: s.code,
      title: s.title,
      description: s.description,
      responsible: s.responsible,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
  );
}

/**
 * A demo call with the 2022 pilot's parameters and a schedule laid around a day: its savings date is its
 * closing day and its start-of-works deadline follows its own schedule, not the pilot's July 2023.
 */
export async function insertDemoCall(
  db: DbOrTx,
  steps: ScheduleStep[],
  call: { code: string; name: string; status: 'abierto' | 'cerrado'; resolution: string },
): Promise<string> {
  const closing = steps.find((s) => s.code === 'cierre')!;
  const isoDay = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const savingsDate = isoDay(santiagoDay(closing.endsAt));
  const startOfWorksBy = isoDay(santiagoDay(steps.find((s) => s.code === 'inicio_obras')!.endsAt));
  const [row] = await db
    .insert(calls)
    .values({
      ...call,
      programme: 'ds1_trabajadores',
      opensAt: steps[0]!.startsAt!,
      closesAt: closing.endsAt,
      savingsDate,
      parameters: {
        ...callParameters2022,
        savings: { ...callParameters2022.savings, depositDeadline: savingsDate },
        deadlines: { ...callParameters2022.deadlines, startOfWorksBy },
      },
    })
    .returning({ id: calls.id });
  await insertSchedule(db, row!.id, steps);
  return row!.id;
}

/**
 * Demo data, once: the closed 2022 pilot call, an open call around `today`, one user per role,
 * a union with its employer and sponsors, a draft application and two submitted ones in two regions.
 * Returns false when demo data was already there.
 */
export async function seedDemoData(db: Db, today: Date): Promise<boolean> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(calls);
  if ((existing?.n ?? 0) > 0) return false;

  await db.transaction(async (tx) => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const insertedUsers = await tx
      .insert(users)
      // Demo addresses count as confirmed, so the demo worker opens the draft's roster row that carries it.
      .values(demoUsers.map((u) => ({ ...u, regionCode: u.regionCode ?? null, rut: u.rut ?? null, passwordHash, isDemo: true, emailVerified: today })))
      .returning({ id: users.id, email: users.email });
    const userId = (email: string) => insertedUsers.find((u) => u.email === email)!.id;

    const [pilot] = await tx
      .insert(calls)
      .values({
        code: 'PVT-2022',
        name: 'Llamado especial Programa de Vivienda para Trabajadores 2022 (piloto)',
        programme: 'ds1_trabajadores',
        status: 'cerrado',
        opensAt: santiagoInstant(2022, 7, 20),
        closesAt: endOfSantiagoDay(2022, 11, 30),
        savingsDate: '2022-11-30',
        resolution: 'Llamado especial D.S. N°1 (V. y U.), de 2011 — piloto 2022',
        parameters: callParameters2022,
      })
      .returning({ id: calls.id });
    await insertSchedule(tx, pilot!.id, schedule2022());

    const steps = scheduleAround(today);
    const closing = steps.find((s) => s.code === 'cierre')!;
    const openId = await insertDemoCall(tx, steps, {
      code: 'PVT-DEMO',
      name: 'Llamado de demostración Programa de Vivienda para Trabajadores',
      status: 'abierto',
      resolution: 'Llamado de demostración con los parámetros del piloto 2022',
    });

    // D.S. N°49 collective applications with GORE Magallanes co-financing (the GORE Magallanes reglamento).
    await tx.insert(calls).values({
      code: 'DS49-GORE-MAG',
      name: 'D.S. N°49 con cofinanciamiento del Gobierno Regional de Magallanes',
      programme: 'ds49_gore',
      status: 'abierto',
      opensAt: steps[0]!.startsAt!,
      closesAt: closing.endsAt,
      resolution: 'Reglamento de cofinanciamiento GORE Magallanes',
      parameters: ds49ParametersMagallanes,
    });

    const [union] = await tx
      .insert(organizations)
      .values({
        kind: 'sindicato',
        name: 'Sindicato de Trabajadores Demo Uno',
        rut: demoRut(65_111_222),
        legalPersonalityNumber: 'RSU 13.01.1234',
        legalPersonalityDate: '2015-03-12',
        legalPersonalityAuthority: 'Dirección del Trabajo',
        regionCode: '13',
        comunaCode: '13201',
        createdBy: userId('dirigente@demo.cl'),
      })
      .returning({ id: organizations.id });
    const [otherUnion] = await tx
      .insert(organizations)
      .values({
        kind: 'sindicato',
        name: 'Sindicato Minero Demo Norte',
        rut: demoRut(65_333_444),
        regionCode: '02',
        comunaCode: '02101',
      })
      .returning({ id: organizations.id });
    const [employer] = await tx
      .insert(employers)
      .values({ kind: 'privado', name: 'Empresa Demo S.A.', rut: demoRut(76_555_666) })
      .returning({ id: employers.id });
    const [ep, builder] = await tx
      .insert(sponsors)
      .values([
        { kind: 'entidad_patrocinante', name: 'Entidad Patrocinante Demo Ltda.', rut: demoRut(77_111_333), registryNumber: 'EP-1234', accreditedAt: today },
        { kind: 'constructora', name: 'Constructora Demo SpA', rut: demoRut(77_222_444), registryNumber: 'RNC-5678', accreditedAt: today },
      ])
      .returning({ id: sponsors.id });
    await tx.insert(memberships).values([
      { userId: userId('dirigente@demo.cl'), organizationId: union!.id },
      { userId: userId('empleador@demo.cl'), employerId: employer!.id },
      { userId: userId('patrocinante@demo.cl'), sponsorId: ep!.id },
      { userId: userId('constructora@demo.cl'), sponsorId: builder!.id },
    ]);

    const [draft] = await tx
      .insert(applications)
      .values({
        number: 'PVT-DEMO-0001',
        callId: openId,
        organizationId: union!.id,
        employerId: employer!.id,
        sponsorId: ep!.id,
        builderId: builder!.id,
        projectName: 'Condominio Los Aromos',
        regionCode: '13',
        comunaCode: '13201',
        createdBy: userId('dirigente@demo.cl'),
      })
      .returning({ id: applications.id });
    await tx.insert(applicationDwellings).values([
      { applicationId: draft!.id, band: 1, count: 1, priceUf: '1200' },
      { applicationId: draft!.id, band: 2, count: 3, priceUf: '1600' },
    ]);
    const worker = demoUsers[0]!;
    await tx.insert(rosterEntries).values([
      // Household facts for the score as the RSH would show them; Luis has not declared his yet.
      rosterRow(draft!.id, openId, worker.rut!, 'María', 'Pérez Soto', 1, 40, '55', '30', { email: worker.email }, {
        memberAges: [34, 12, 7],
        headOfHousehold: 'monoparental',
        membersWithDisability: 0,
        overcrowding: 'medio',
        dwellingType: 'pieza',
        waterSource: 'red_publica',
        bathroom: 'compartido',
        earlierApplications: 1,
      }),
      rosterRow(draft!.id, openId, demoRut(16_222_333), 'Pedro', 'González Lillo', 2, 70, '80', '40', {}, {
        memberAges: [41, 39, 15],
        headOfHousehold: 'con_pareja',
        membersWithDisability: 1,
        overcrowding: 'sin',
        dwellingType: 'casa',
        waterSource: 'red_publica',
        bathroom: 'exclusivo',
        earlierApplications: 0,
      }),
      rosterRow(draft!.id, openId, demoRut(17_333_444), 'Rosa', 'Contreras Vera', 2, 60, '72', '36', {}, {
        memberAges: [52, 29, 74],
        headOfHousehold: 'con_pareja',
        membersWithDisability: 0,
        overcrowding: 'sin',
        dwellingType: 'departamento',
        waterSource: 'red_publica',
        bathroom: 'exclusivo',
        earlierApplications: 2,
      }),
      rosterRow(draft!.id, openId, demoRut(18_444_555), 'Luis', 'Sepúlveda Toro', 2, 90, '90', '50'),
    ]);

    // Two submitted files in two regions, so each region's officials have work and scope can be seen.
    const submittedAt = today;
    const submitted = await tx
      .insert(applications)
      .values([
        {
          number: 'PVT-DEMO-0002',
          callId: openId,
          organizationId: union!.id,
          employerId: employer!.id,
          sponsorId: ep!.id,
          status: 'enviada' as const,
          projectName: 'Villa Los Castaños',
          regionCode: '13',
          comunaCode: '13110',
          submittedAt,
        },
        {
          number: 'PVT-DEMO-0003',
          callId: openId,
          organizationId: otherUnion!.id,
          status: 'enviada' as const,
          projectName: 'Conjunto Habitacional Caliche',
          regionCode: '02',
          comunaCode: '02101',
          submittedAt,
        },
      ])
      .returning({ id: applications.id });
    for (const app of submitted) {
      await tx.insert(applicationDwellings).values([
        { applicationId: app.id, band: 1, count: 1, priceUf: '1200' },
        { applicationId: app.id, band: 2, count: 4, priceUf: '1600' },
      ]);
    }

    await tx.insert(auditLog).values({
      action: 'seed.demo',
      entityType: 'system',
      after: { calls: ['PVT-2022', 'PVT-DEMO'], users: demoUsers.length },
    });
  });
  return true;
}

function rosterRow(
  applicationId: string,
  callId: string,
  rut: string,
  firstNames: string,
  lastNames: string,
  band: number,
  rshPercentile: number,
  savingsUf: string,
  savingsDepositedUf: string,
  contact: { email?: string } = {},
  scoreFacts: Partial<THouseholdFacts> = {},
) {
  return {
    applicationId,
    callId,
    rut,
    firstNames,
    lastNames,
    unionMember: true,
    rshPercentile,
    householdSize: 3,
    monthlyIncomeClp: 850_000,
    savingsUf,
    savingsDepositedUf,
    band,
    email: contact.email ?? null,
    scoreFacts,
  };
}
