// Chile's territorial division (reference data shipped with the code, not user data): safe for any layer.
export { comunas, comunasOfRegion, findComuna, regions, provinces } from '@/db/data/territory';
export type { Comuna, Province, Region } from '@/db/data/territory';
