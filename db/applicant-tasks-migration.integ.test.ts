import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '@/db/client';
import type { DbHandle } from '@/db/client';
import { applications, calls, organizations, users } from '@/db/schema';
import { demoRut, seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { createTestDb } from '@/lib/test/db';

let handle: DbHandle;
let dataStatements: string[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T15:00:00Z'));
  const text = await readFile(path.join(migrationsFolder(), '0008_applicant_tasks.sql'), 'utf8');
  // The migration's data statements, to run again over rows written the old way.
  dataStatements = text
    .split('--> statement-breakpoint')
    .map((part) => part.replace(/^\s*--.*$/gm, '').trim())
    .filter((part) => /^UPDATE\b/.test(part));
});
afterAll(async () => {
  await handle?.close();
});

const committee = [
  { name: 'Carolina Vega', rut: demoRut(11_111_111), side: 'empleador', position: '' },
  { name: 'Juan Rojas', rut: demoRut(12_333_444), side: 'organizacion', position: '' },
  { name: 'María Pérez', rut: demoRut(15_111_222), side: 'grupo', position: '' },
];
const gantt = [{ title: 'Obras', startOn: '2027-05-01', endOn: '2028-06-30' }];

describe('migration 0008 (applicant tasks)', () => {
  it('moves the committee and the Gantt chart out of the convenio, and drops the land section’s issue date', async () => {
    expect(dataStatements).toHaveLength(2);
    const [call] = await handle.db.select().from(calls).limit(1);
    const [organization] = await handle.db.select().from(organizations).limit(1);
    const oldShape = {
      convenio: { landCession: 'si', unionWorkers: 4, committee, gantt, technicalSupport: 'Oficina técnica' },
      terreno: { situation: 'dominio', address: 'Camino 1', dominio: { conservador: 'Puente Alto', anio: 2019, certificateIssuedOn: '2026-11-10' } },
      proyecto: { projectType: 'densificacion_predial', typologies: [] },
    };
    const [old] = await handle.db
      .insert(applications)
      .values({ number: 'PVT-MIG-0001', callId: call!.id, organizationId: organization!.id, projectName: 'Antiguo', sections: oldShape })
      .returning({ id: applications.id });
    const [untouched] = await handle.db
      .insert(applications)
      .values({ number: 'PVT-MIG-0002', callId: call!.id, organizationId: organization!.id, projectName: 'Sin secciones' })
      .returning({ id: applications.id });

    for (const statement of dataStatements) await handle.db.execute(sql.raw(statement));

    const [row] = await handle.db.select({ sections: applications.sections }).from(applications).where(eq(applications.id, old!.id));
    expect(row!.sections).toEqual({
      convenio: { landCession: 'si', unionWorkers: 4, technicalSupport: 'Oficina técnica' },
      comite: { committee },
      gantt: { gantt },
      terreno: { situation: 'dominio', address: 'Camino 1', dominio: { conservador: 'Puente Alto', anio: 2019 } },
      proyecto: { projectType: 'densificacion_predial', typologies: [] },
    });
    const [empty] = await handle.db.select({ sections: applications.sections }).from(applications).where(eq(applications.id, untouched!.id));
    expect(empty!.sections).toEqual({});

    // Running them again changes nothing.
    for (const statement of dataStatements) await handle.db.execute(sql.raw(statement));
    const [again] = await handle.db.select({ sections: applications.sections }).from(applications).where(eq(applications.id, old!.id));
    expect(again!.sections).toEqual(row!.sections);
  });

  it('makes a RUT unique among accounts', async () => {
    await handle.db.insert(users).values({ email: 'una@prueba.cl', name: 'Una', role: 'worker', rut: demoRut(21_000_001) });
    await expect(handle.db.insert(users).values({ email: 'otra@prueba.cl', name: 'Otra', role: 'org_rep', rut: demoRut(21_000_001) })).rejects.toThrow();
    // Accounts without a RUT (officials) are not affected.
    await handle.db.insert(users).values([
      { email: 'sin.rut.1@prueba.cl', name: 'Sin RUT', role: 'reviewer' },
      { email: 'sin.rut.2@prueba.cl', name: 'Sin RUT', role: 'reviewer' },
    ]);
  });
});
