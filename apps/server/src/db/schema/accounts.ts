import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, uniqueIndex } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').unique(),
  phone: text('phone').unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
  status: text('status').notNull().default('active'),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the person proved holding the login (e-mail or phone) with a one-time code; null for accounts made before codes. */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  /** Consent to the 用户协议 and 隐私政策 (PIPL): the versions accepted and when. */
  termsVersion: text('terms_version'),
  privacyVersion: text('privacy_version'),
  consentedAt: timestamp('consented_at', { withTimezone: true }),
});

/** Failed-login counters per login name and per client address, kept in the database so throttling survives restarts. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/**
 * One-time codes sent to an e-mail or phone (registration). Only the hash of
 * the code is kept; a code expires, allows a few attempts, and is used once.
 * A pending registration keeps its name, password hash and consent here until
 * the code is confirmed; only then does the account exist.
 */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose').notNull(),
    login: text('login').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    sends: integer('sends').notNull().default(1),
    data: jsonb('data').$type<{ name: string; passwordHash: string; phone?: string | null; termsVersion: string; privacyVersion: string; consentedAt: string } | null>(),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('verification_codes_login_idx').on(t.purpose, t.login)],
);
