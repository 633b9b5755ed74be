import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { applications, documents, rosterEntries } from './applications';
import { calls } from './calls';

/**
 * A national selection run: previewed, then confirmed once with a resolution. It keeps the rule version,
 * the parameters and a hash of its inputs, so the same inputs reproduce the same ranking.
 */
export const selectionRuns = pgTable(
  'selection_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    status: text('status', { enum: ['borrador', 'confirmada'] }).notNull().default('borrador'),
    ruleVersion: text('rule_version').notNull(),
    parameters: jsonb('parameters').notNull(),
    inputHash: text('input_hash').notNull(),
    inputs: jsonb('inputs').notNull(),
    result: jsonb('result').notNull(),
    resolutionNumber: text('resolution_number'),
    resolutionDate: date('resolution_date'),
    /** Publication of the selection in the Diario Oficial: the CBR inscription term counts from it. */
    publishedOn: date('published_on'),
    createdBy: uuid('created_by').references(() => users.id),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    index('selection_runs_call_idx').on(t.callId, t.status),
    // A call is selected once: the database itself refuses a second confirmed run.
    uniqueIndex('selection_runs_one_confirmed_per_call').on(t.callId).where(sql`${t.status} = 'confirmada'`),
  ],
);

/** The bridge loan (préstamo de enlace) of a selected project, guaranteed by the builder. */
export const bridgeLoans = pgTable(
  'bridge_loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    amountUf: numeric('amount_uf', { precision: 14, scale: 2 }).notNull(),
    termMonths: integer('term_months').notNull(),
    contractDocumentId: uuid('contract_document_id').references(() => documents.id),
    guaranteeKind: text('guarantee_kind', { enum: ['boleta_bancaria', 'certificado_fianza'] }).notNull(),
    guaranteeAmountUf: numeric('guarantee_amount_uf', { precision: 14, scale: 2 }).notNull(),
    guaranteeExpiresOn: date('guarantee_expires_on').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bridge_loans_application_idx').on(t.applicationId)],
);

export const loanInstalments = pgTable(
  'loan_instalments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => bridgeLoans.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    amountUf: numeric('amount_uf', { precision: 14, scale: 2 }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paidBy: uuid('paid_by').references(() => users.id),
    verificationMilestoneId: uuid('verification_milestone_id'),
  },
  (t) => [uniqueIndex('loan_instalments_number_idx').on(t.loanId, t.number)],
);

/** Dates that follow a selected project: publication, CBR inscription, municipal reception, hand-over. */
export const projectDates = pgTable(
  'project_dates',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    selectionPublishedOn: date('selection_published_on'),
    cbrInscribedOn: date('cbr_inscribed_on'),
    municipalReceptionOn: date('municipal_reception_on'),
    handedOverOn: date('handed_over_on'),
    /** The subsidy payment that closes the payment window (the 2022 call, «Pago del subsidio»). */
    subsidyPaidOn: date('subsidy_paid_on'),
    subsidyPaidUf: numeric('subsidy_paid_uf', { precision: 14, scale: 2 }),
    subsidyPaidBy: uuid('subsidy_paid_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('project_dates_subsidy_paid_check', sql`(${t.subsidyPaidOn} is null) = (${t.subsidyPaidUf} is null) and coalesce(${t.subsidyPaidUf} > 0, true)`),
  ],
);

/**
 * The 10-year prohibition on one beneficiary dwelling, from its inscription at the Conservador de
 * Bienes Raíces (the 2022 call, «Obligaciones y prohibiciones que afectan la vivienda»). One row per family
 * (roster entry); the end date and the subsidy are fixed when SERVIU records the inscription, so a later
 * change to the call's parameters does not move a registered prohibition.
 */
export const dwellingProhibitions = pgTable(
  'dwelling_prohibitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    rosterEntryId: uuid('roster_entry_id')
      .notNull()
      .references(() => rosterEntries.id, { onDelete: 'cascade' }),
    dwellingLabel: text('dwelling_label').notNull(),
    handedOverOn: date('handed_over_on').notNull(),
    cbrInscribedOn: date('cbr_inscribed_on').notNull(),
    cbrReference: text('cbr_reference'),
    prohibitionYears: integer('prohibition_years').notNull(),
    /** Last day of the prohibition in the call's time zone. */
    endsOn: date('ends_on').notNull(),
    /** Subsidy received for the dwelling: what an authorised early sale restitutes. */
    subsidyUf: numeric('subsidy_uf', { precision: 14, scale: 2 }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dwelling_prohibitions_roster_entry_idx').on(t.rosterEntryId),
    index('dwelling_prohibitions_application_idx').on(t.applicationId),
  ],
);

export const earlySaleDecisions = ['restitucion', 'movilidad_habitacional', 'rechazada'] as const;
export type EarlySaleDecision = (typeof earlySaleDecisions)[number];

/** Who the family would sell to, as condition a) of the housing-mobility option reads it. */
export const buyerProgrammes = ['mismo_programa', 'programa_reemplazante', 'programa_mayor_vulnerabilidad', 'otro'] as const;
export type BuyerProgramme = (typeof buyerProgrammes)[number];

/**
 * A family's request to sell its dwelling before the prohibition ends, and the SERVIU director's
 * decision: restitution of the subsidy, housing mobility without restitution, or refusal.
 */
export const earlySaleRequests = pgTable(
  'early_sale_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    prohibitionId: uuid('prohibition_id')
      .notNull()
      .references(() => dwellingProhibitions.id, { onDelete: 'cascade' }),
    // Denormalised so the region scope and the back-office list are one indexed filter.
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    buyerProgramme: text('buyer_programme', { enum: buyerProgrammes }).notNull(),
    buyerProgrammeName: text('buyer_programme_name'),
    proceedsForNewDwelling: boolean('proceeds_for_new_dwelling').notNull(),
    newDwellingDescription: text('new_dwelling_description'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decision: text('decision', { enum: earlySaleDecisions }),
    decisionReason: text('decision_reason'),
    /** Set only for 'restitucion': the subsidy UF received for the dwelling. */
    restitutionUf: numeric('restitution_uf', { precision: 14, scale: 2 }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('early_sale_requests_prohibition_idx').on(t.prohibitionId),
    index('early_sale_requests_application_idx').on(t.applicationId, t.decision),
    // One open request per dwelling: a second one waits for the director's decision on the first.
    uniqueIndex('early_sale_requests_open_idx')
      .on(t.prohibitionId)
      .where(sql`${t.decision} is null`),
    check(
      'early_sale_requests_decision_check',
      sql`(${t.decision} is null and ${t.decidedAt} is null) or (${t.decision} is not null and ${t.decidedAt} is not null and ${t.decisionReason} is not null)`,
    ),
    check('early_sale_requests_restitution_check', sql`coalesce(${t.decision} = 'restitucion', false) = (${t.restitutionUf} is not null)`),
  ],
);
