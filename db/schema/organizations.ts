import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { comunas, regions } from './territory';

export const organizationKinds = ['sindicato', 'asociacion_gremial'] as const;
export const employerKinds = ['privado', 'publico', 'municipal'] as const;
export const sponsorKinds = ['entidad_patrocinante', 'entidad_gestora', 'constructora'] as const;

/** Workers' organisation: a union (sindicato) or a gremial association, with legal personality. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    name: text('name').notNull(),
    rut: text('rut').notNull().unique(),
    legalPersonalityNumber: text('legal_personality_number'),
    legalPersonalityDate: date('legal_personality_date'),
    legalPersonalityAuthority: text('legal_personality_authority'),
    regionCode: text('region_code').references(() => regions.code),
    comunaCode: text('comuna_code').references(() => comunas.code),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organizations_region_idx').on(t.regionCode)],
);

export const employers = pgTable('employers', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: employerKinds }).notNull(),
  name: text('name').notNull(),
  rut: text('rut').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Entidad Patrocinante, management entity or builder (constructora). */
export const sponsors = pgTable('sponsors', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: sponsorKinds }).notNull(),
  name: text('name').notNull(),
  rut: text('rut').notNull().unique(),
  // Registro Nacional de Contratistas del MINVU (builders) or the EP's agreement number.
  registryNumber: text('registry_number'),
  accreditedAt: timestamp('accredited_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const membershipRoles = ['representative', 'member'] as const;

/** A user's place in exactly one organisation, employer or sponsor. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id),
    employerId: uuid('employer_id').references(() => employers.id),
    sponsorId: uuid('sponsor_id').references(() => sponsors.id),
    role: text('role', { enum: membershipRoles }).notNull().default('representative'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('memberships_user_idx').on(t.userId),
    index('memberships_organization_idx').on(t.organizationId),
    index('memberships_employer_idx').on(t.employerId),
    index('memberships_sponsor_idx').on(t.sponsorId),
    // One membership per person and party; the other two party columns are always null, and nulls never
    // compare equal in a plain unique index, so each party has its own partial one.
    uniqueIndex('memberships_user_organization_idx').on(t.userId, t.organizationId).where(sql`${t.organizationId} is not null`),
    uniqueIndex('memberships_user_employer_idx').on(t.userId, t.employerId).where(sql`${t.employerId} is not null`),
    uniqueIndex('memberships_user_sponsor_idx').on(t.userId, t.sponsorId).where(sql`${t.sponsorId} is not null`),
    check(
      'memberships_one_party',
      sql`num_nonnulls(${t.organizationId}, ${t.employerId}, ${t.sponsorId}) = 1`,
    ),
  ],
);
