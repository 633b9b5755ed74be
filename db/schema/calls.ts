import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const programmes = ['ds1_trabajadores', 'ds49_gore'] as const;
export const callStatuses = ['borrador', 'abierto', 'cerrado'] as const;

/**
 * A llamado. Every rule parameter lives in `parameters` (validated by the rules engine's zod schema),
 * so the engine never carries programme numbers of its own.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    programme: text('programme', { enum: programmes }).notNull(),
    status: text('status', { enum: callStatuses }).notNull().default('borrador'),
    timeZone: text('time_zone').notNull().default('America/Santiago'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    savingsDate: date('savings_date'),
    resolution: text('resolution'),
    parameters: jsonb('parameters').notNull(),
    parametersVersion: integer('parameters_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('calls_status_idx').on(t.status)],
);

/** One step of a call's public cronograma. */
export const callMilestones = pgTable(
  'call_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    responsible: text('responsible').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull().default('America/Santiago'),
  },
  (t) => [index('call_milestones_call_idx').on(t.callId, t.sequence)],
);
