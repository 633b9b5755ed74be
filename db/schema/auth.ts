import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const roles = [
  'worker',
  'org_rep',
  'employer_rep',
  'sponsor',
  'reviewer',
  'director',
  'minvu_admin',
  'gore',
] as const;
export type Role = (typeof roles)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    rut: text('rut'),
    passwordHash: text('password_hash'),
    role: text('role', { enum: roles }).notNull(),
    // Officials are scoped to one region (CUT code); national staff and applicants leave it null.
    regionCode: text('region_code'),
    isDemo: boolean('is_demo').notNull().default(false),
    emailVerified: timestamp('email_verified', { withTimezone: true }),
    /**
     * When the State confirmed that this RUT is the person's (a ClaveÚnica sign-in). A worker's account
     * opens roster entries by RUT only once the RUT is proven this way, or once the verified e-mail is the
     * one the organisation recorded on the roster row (lib/auth/scope.ts).
     */
    rutVerifiedAt: timestamp('rut_verified_at', { withTimezone: true }),
    image: text('image'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One account per RUT: a worker's account reaches their roster entries by RUT, and ClaveÚnica signs in by it.
  (t) => [index('users_role_idx').on(t.role), uniqueIndex('users_rut_unique_idx').on(t.rut)],
);

// Auth.js tables: used when an OpenID provider (ClaveÚnica) links an external account to a user.
export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refreshToken: text('refresh_token'),
    accessToken: text('access_token'),
    expiresAt: integer('expires_at'),
    tokenType: text('token_type'),
    scope: text('scope'),
    idToken: text('id_token'),
    sessionState: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('accounts_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp('expires', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Every sign-in attempt, kept to throttle guessing by e-mail and by address. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip'),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('login_attempts_email_at_idx').on(t.email, t.at), index('login_attempts_ip_at_idx').on(t.ip, t.at)],
);
