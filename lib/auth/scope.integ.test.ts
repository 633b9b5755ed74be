import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, rosterEntries, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { getApplication, listApplications } from '@/lib/dal/applications';
import { createTestDb } from '@/lib/test/db';
import type { SessionUser } from './session-user';

let handle: DbHandle;
const ids: Record<string, string> = {};
const people: Record<string, SessionUser> = {};

beforeAll(async () => {
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, new Date('2026-11-22T12:00:00Z'));
  setDbForTests(handle);
  for (const a of await handle.db.select({ id: applications.id, number: applications.number }).from(applications)) ids[a.number] = a.id;
  for (const u of await handle.db.select().from(users)) people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
});
afterAll(async () => {
  await handle?.close();
});

async function visible(email: string): Promise<string[]> {
  return (await listApplications(people[email]!)).map((a) => a.number).sort();
}

describe('application scope', () => {
  it('each role lists exactly the applications in its scope', async () => {
    expect(await visible('dirigente@demo.cl')).toEqual(['PVT-DEMO-0001', 'PVT-DEMO-0002']);
    expect(await visible('empleador@demo.cl')).toEqual(['PVT-DEMO-0001', 'PVT-DEMO-0002']);
    expect(await visible('patrocinante@demo.cl')).toEqual(['PVT-DEMO-0001', 'PVT-DEMO-0002']);
    expect(await visible('constructora@demo.cl')).toEqual(['PVT-DEMO-0001']);
    expect(await visible('trabajador@demo.cl')).toEqual(['PVT-DEMO-0001']);
    // Officials never see drafts (national staff neither), and regional ones only their own region.
    expect(await visible('analista.rm@demo.cl')).toEqual(['PVT-DEMO-0002']);
    expect(await visible('director.rm@demo.cl')).toEqual(['PVT-DEMO-0002']);
    expect(await visible('analista.antofagasta@demo.cl')).toEqual(['PVT-DEMO-0003']);
    expect(await visible('director.antofagasta@demo.cl')).toEqual(['PVT-DEMO-0003']);
    expect(await visible('minvu@demo.cl')).toEqual(['PVT-DEMO-0002', 'PVT-DEMO-0003']);
    expect(await visible('gore.magallanes@demo.cl')).toEqual([]);
  });

  it('reading another scope’s record by id answers exactly like a missing one', async () => {
    expect(await getApplication(people['analista.antofagasta@demo.cl']!, ids['PVT-DEMO-0002']!)).toBeNull();
    expect(await getApplication(people['analista.rm@demo.cl']!, ids['PVT-DEMO-0003']!)).toBeNull();
    expect(await getApplication(people['dirigente@demo.cl']!, ids['PVT-DEMO-0003']!)).toBeNull();
    expect(await getApplication(people['trabajador@demo.cl']!, ids['PVT-DEMO-0002']!)).toBeNull();
    expect(await getApplication(people['dirigente@demo.cl']!, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getApplication(people['dirigente@demo.cl']!, 'not-a-uuid')).toBeNull();
    expect((await getApplication(people['analista.antofagasta@demo.cl']!, ids['PVT-DEMO-0003']!))?.number).toBe('PVT-DEMO-0003');
  });

  it('a worker reaches an application only through an ACTIVE roster entry with their RUT', async () => {
    const worker = people['trabajador@demo.cl']!;
    const entry = and(eq(rosterEntries.applicationId, ids['PVT-DEMO-0001']!), eq(rosterEntries.rut, worker.rut!));
    for (const status of ['reemplazado', 'retirado'] as const) {
      await handle.db.update(rosterEntries).set({ status }).where(entry);
      expect(await visible('trabajador@demo.cl')).toEqual([]);
      expect(await getApplication(worker, ids['PVT-DEMO-0001']!)).toBeNull();
    }
    await handle.db.update(rosterEntries).set({ status: 'activo' }).where(entry);
    expect(await visible('trabajador@demo.cl')).toEqual(['PVT-DEMO-0001']);
    // Without a RUT on the account there is nothing to match.
    expect(await listApplications({ ...worker, rut: null })).toEqual([]);
  });

  it('a reviewer without a region sees nothing rather than everything', async () => {
    const orphan = { ...people['analista.rm@demo.cl']!, regionCode: null };
    expect(await listApplications(orphan)).toEqual([]);
    await handle.db.update(users).set({ regionCode: '13' }).where(eq(users.email, 'analista.rm@demo.cl'));
  });
});
