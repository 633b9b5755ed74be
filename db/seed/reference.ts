import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import territory from '../data/territory.json';
import { comunas, provinces, regions } from '../schema';

/** Chile's regions, provinces and comunas (idempotent). */
export async function seedReferenceData(db: DbOrTx): Promise<void> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(comunas);
  if ((existing?.n ?? 0) >= territory.comunas.length) return;
  await db
    .insert(regions)
    .values(
      territory.regions.map((r, i) => ({
        code: r.code,
        name: r.name,
        shortName: r.shortName ?? r.name,
        romanNumeral: r.romanNumeral,
        sortOrder: r.order ?? i + 1,
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(provinces)
    .values(territory.provinces.map((p) => ({ code: p.code, name: p.name, regionCode: p.regionCode })))
    .onConflictDoNothing();
  await db
    .insert(comunas)
    .values(
      territory.comunas.map((c) => ({
        code: c.code,
        name: c.name,
        provinceCode: c.provinceCode,
        regionCode: c.regionCode,
      })),
    )
    .onConflictDoNothing();
}
