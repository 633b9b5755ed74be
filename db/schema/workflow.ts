import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { applications, rosterEntries } from './applications';
import { employers, organizations, sponsors } from './organizations';

export const invitationKinds = ['employer_rep', 'sponsor', 'builder', 'org_member'] as const;
export type InvitationKind = (typeof invitationKinds)[number];

/**
 * An e-mailed invitation to join an organisation's application as employer, sponsor or builder.
 * Only a hash of the token is stored; the link expires.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind', { enum: invitationKinds }).notNull(),
    email: text('email').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    applicationId: uuid('application_id').references(() => applications.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id').references(() => employers.id),
    sponsorId: uuid('sponsor_id').references(() => sponsors.id),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invitations_organization_idx').on(t.organizationId), index('invitations_email_idx').on(t.email)],
);

/**
 * The union's and the employer's explicit approval to submit, tied to the application version they saw:
 * any later change raises the version and so voids it.
 */
export const submissionApprovals = pgTable(
  'submission_approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    party: text('party', { enum: ['organizacion', 'empleador'] }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    applicationVersion: integer('application_version').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('submission_approvals_party_version_idx').on(t.applicationId, t.party, t.applicationVersion)],
);

/** A roster file read but not yet accepted: the user reviews errors and the diff before it replaces the roster. */
export const rosterImports = pgTable(
  'roster_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rows: jsonb('rows').notNull(),
    status: text('status', { enum: ['pendiente', 'aceptada', 'descartada'] }).notNull().default('pendiente'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('roster_imports_application_idx').on(t.applicationId, t.status)],
);

/** One-time link a worker without an account uses to confirm they know the project. */
export const incorporationLinks = pgTable(
  'incorporation_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rosterEntryId: uuid('roster_entry_id')
      .notNull()
      .references(() => rosterEntries.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incorporation_links_entry_idx').on(t.rosterEntryId)],
);

/** The SII's answer on the income of a worker above the 90% RSH bracket. */
export const incomeChecks = pgTable(
  'income_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rosterEntryId: uuid('roster_entry_id')
      .notNull()
      .references(() => rosterEntries.id, { onDelete: 'cascade' }),
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    declaredIncomeClp: integer('declared_income_clp'),
    overCap: boolean('over_cap'),
    checkedBy: uuid('checked_by').references(() => users.id),
  },
  (t) => [index('income_checks_entry_idx').on(t.rosterEntryId)],
);

/**
 * The Postgres-backed job queue (mails, daily alerts). A `dedupeKey` makes "send once" a unique index.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: text('dedupe_key'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** For mail: set (and committed) before the SMTP server is contacted; with done_at empty it means "sending". */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_idx').on(t.dedupeKey),
    index('jobs_pending_idx').on(t.runAt).where(sql`${t.doneAt} is null`),
    // A mail goes out at most once per key: without one, nothing would stop a second copy.
    check('jobs_mail_dedupe_check', sql`${t.kind} <> 'mail' or ${t.dedupeKey} is not null`),
  ],
);
