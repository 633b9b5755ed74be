import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { THouseholdFacts } from '../../lib/domain/household-facts';
import { users } from './auth';
import { calls } from './calls';
import { employers, organizations, sponsors } from './organizations';
import { comunas, regions } from './territory';

export const applicationStatuses = [
  'borrador',
  'enviada',
  'en_revision',
  'observada',
  'subsanada',
  'aprobada_tecnicamente',
  'rechazada',
  'seleccionada',
  'no_seleccionada',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** A postulación: one group's project under a call, shared by union, employer and sponsor. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    employerId: uuid('employer_id').references(() => employers.id),
    sponsorId: uuid('sponsor_id').references(() => sponsors.id),
    builderId: uuid('builder_id').references(() => sponsors.id),
    status: text('status', { enum: applicationStatuses }).notNull().default('borrador'),
    projectName: text('project_name').notNull(),
    // Region is stored beside the comuna so officials' scope is a plain indexed condition.
    regionCode: text('region_code').references(() => regions.code),
    comunaCode: text('comuna_code').references(() => comunas.code),
    // Section drafts (project, agreement, land…) keyed by section; validated per section on save.
    sections: jsonb('sections').notNull().default({}),
    // Optimistic concurrency: every save names the version it started from.
    version: integer('version').notNull().default(1),
    assignedReviewerId: uuid('assigned_reviewer_id').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submissionSnapshot: jsonb('submission_snapshot'),
    submissionHash: text('submission_hash'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_call_status_idx').on(t.callId, t.status),
    index('applications_region_status_idx').on(t.regionCode, t.status),
    index('applications_organization_idx').on(t.organizationId),
    index('applications_employer_idx').on(t.employerId),
    index('applications_sponsor_idx').on(t.sponsorId),
    index('applications_builder_idx').on(t.builderId),
    index('applications_comuna_idx').on(t.comunaCode),
    index('applications_reviewer_idx').on(t.assignedReviewerId),
  ],
);

/** Dwellings of the project: lines of (band, count, price); a band may have several lines at different prices. */
export const applicationDwellings = pgTable(
  'application_dwellings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    band: integer('band').notNull(),
    count: integer('count').notNull(),
    priceUf: numeric('price_uf', { precision: 12, scale: 2 }).notNull(),
  },
  (t) => [
    index('application_dwellings_application_idx').on(t.applicationId, t.band),
    check('application_dwellings_band_check', sql`${t.band} between 1 and 3`),
    check('application_dwellings_count_check', sql`${t.count} >= 0`),
  ],
);

export const rosterEntryStatuses = ['activo', 'reemplazado', 'retirado'] as const;

/** One worker of the nómina. */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    // Denormalised so "a RUT in one application per call" is a unique index, not a race.
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    rut: text('rut').notNull(),
    firstNames: text('first_names').notNull(),
    lastNames: text('last_names').notNull(),
    email: text('email'),
    birthDate: date('birth_date'),
    unionMember: boolean('union_member').notNull(),
    rshPercentile: integer('rsh_percentile'),
    householdSize: integer('household_size').notNull(),
    monthlyIncomeClp: bigint('monthly_income_clp', { mode: 'number' }).notNull(),
    savingsUf: numeric('savings_uf', { precision: 12, scale: 2 }).notNull(),
    savingsDepositedUf: numeric('savings_deposited_uf', { precision: 12, scale: 2 }).notNull(),
    band: integer('band').notNull(),
    // Declared household facts for the individual score (D.S. N°1 art. 65), read and written through
    // ZHouseholdFacts: read together, only for scoring and display, never filtered on.
    scoreFacts: jsonb('score_facts').$type<Partial<THouseholdFacts>>().notNull().default({}),
    status: text('status', { enum: rosterEntryStatuses }).notNull().default('activo'),
    replacesEntryId: uuid('replaces_entry_id'),
    // Set when the worker is proposed as a replacement during the correction window.
    isReplacement: boolean('is_replacement').notNull().default(false),
    incorporationConfirmedAt: timestamp('incorporation_confirmed_at', { withTimezone: true }),
    incorporationMethod: text('incorporation_method', { enum: ['en_linea', 'formulario_firmado'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('roster_entries_application_idx').on(t.applicationId),
    index('roster_entries_rut_idx').on(t.rut),
    // The back-office queue counts each file's active workers, and sorts by that count (bench/review-queue).
    index('roster_entries_active_application_idx')
      .on(t.applicationId)
      .where(sql`${t.status} = 'activo'`),
    uniqueIndex('roster_entries_call_rut_active_idx')
      .on(t.callId, t.rut)
      .where(sql`${t.status} = 'activo'`),
    check('roster_entries_band_check', sql`${t.band} between 1 and 3`),
  ],
);

/** Every uploaded file version; a new upload to a slot adds a version and keeps the old. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    rosterEntryId: uuid('roster_entry_id').references(() => rosterEntries.id),
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    issuedOn: date('issued_on'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('documents_application_slot_idx').on(t.applicationId, t.slot),
    index('documents_sha256_idx').on(t.sha256),
    uniqueIndex('documents_version_idx').on(t.applicationId, t.slot, t.rosterEntryId, t.version),
  ],
);

export const observationRounds = pgTable(
  'observation_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    /**
     * The file as it stood when the round was sent (sections, dwellings, active roster, document
     * versions): what SERVIU compares the correction against. Null until the round is sent.
     */
    baseline: jsonb('baseline'),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('observation_rounds_number_idx').on(t.applicationId, t.number)],
);

export const observationStatuses = ['borrador', 'abierta', 'respondida', 'aceptada', 'reiterada'] as const;

/** A reviewer's finding, pinned to a field, a document version or a roster row. */
export const observations = pgTable(
  'observations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => observationRounds.id, { onDelete: 'cascade' }),
    targetField: text('target_field'),
    documentId: uuid('document_id').references(() => documents.id),
    rosterEntryId: uuid('roster_entry_id').references(() => rosterEntries.id),
    severity: text('severity', { enum: ['bloqueante', 'advertencia'] }).notNull(),
    ruleId: text('rule_id'),
    message: text('message').notNull(),
    status: text('status', { enum: observationStatuses }).notNull().default('borrador'),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('observations_application_idx').on(t.applicationId), index('observations_round_idx').on(t.roundId)],
);

export const verificationOutcomes = ['verificado', 'observado'] as const;
export type VerificationOutcome = (typeof verificationOutcomes)[number];

/** A dated step of one project (Gantt of the Convenio, permits, works), planned against actual. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    plannedOn: date('planned_on'),
    actualOn: date('actual_on'),
    progressPercent: numeric('progress_percent', { precision: 5, scale: 2 }),
    reportedBy: uuid('reported_by').references(() => users.id),
    /** The follow-up document the committee points to as backing for the report, if any. */
    documentId: uuid('document_id').references(() => documents.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => users.id),
    /** SERVIU's site verification: confirmed, or observed with its finding. */
    verificationOutcome: text('verification_outcome', { enum: verificationOutcomes }),
    verificationFinding: text('verification_finding'),
    /** Progress SERVIU measured on site; the bridge loan reads this figure, never the reported one. */
    verifiedProgressPercent: numeric('verified_progress_percent', { precision: 5, scale: 2 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_milestones_application_idx').on(t.applicationId, t.plannedOn),
    index('project_milestones_document_idx').on(t.documentId),
    check('project_milestones_verification_check', sql`(${t.verifiedAt} is null) = (${t.verificationOutcome} is null)`),
    check(
      'project_milestones_finding_check',
      sql`${t.verificationOutcome} is distinct from 'observado' or coalesce(length(trim(${t.verificationFinding})), 0) > 0`,
    ),
    check(
      'project_milestones_verified_progress_check',
      sql`${t.verifiedProgressPercent} is null or (${t.verificationOutcome} = 'verificado' and ${t.verifiedProgressPercent} between 0 and 100)`,
    ),
  ],
);
