import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { comunas, provinces, regions } from '@/db/schema';

export async function getRegionName(code: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ name: regions.shortName }).from(regions).where(eq(regions.code, code)).limit(1);
  return row?.name ?? null;
}

export interface ComunaOption {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  regionCode: string;
  regionName: string;
}

/** All 346 comunas with their province and region, for selectors and the simulator. Public reference data. */
export async function listComunas(): Promise<ComunaOption[]> {
  const db = await getDb();
  return db
    .select({
      code: comunas.code,
      name: comunas.name,
      provinceCode: comunas.provinceCode,
      provinceName: provinces.name,
      regionCode: comunas.regionCode,
      regionName: regions.shortName,
    })
    .from(comunas)
    .innerJoin(provinces, eq(provinces.code, comunas.provinceCode))
    .innerJoin(regions, eq(regions.code, comunas.regionCode))
    .orderBy(asc(regions.sortOrder), asc(comunas.name));
}
