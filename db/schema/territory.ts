import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

// Chile's territorial division with SUBDERE's Códigos Únicos Territoriales (strings: leading zeros matter).
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  romanNumeral: text('roman_numeral').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const provinces = pgTable(
  'provinces',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
  },
  (t) => [index('provinces_region_idx').on(t.regionCode)],
);

export const comunas = pgTable(
  'comunas',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
  },
  (t) => [index('comunas_province_idx').on(t.provinceCode), index('comunas_region_idx').on(t.regionCode)],
);
