import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';
import { demandLists } from './files.ts';

/** What a match explains itself with (see modules/matching/matching.engine.ts MatchReason). */
export type StoredReason = { kind: string; text: string; terms?: string[] };

/**
 * A person's verdict on a proposed match: `source` is the record the match
 * was proposed for (their own demand or achievement), `target` the record
 * proposed. Later rankings for the source leave out or lift the target, and
 * brokers see the verdicts.
 */
export const matchFeedback = pgTable(
  'match_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** interested | not_relevant */
    verdict: text('verdict').notNull(),
    /** For not_relevant: a reason code (wrong_field, too_early, too_expensive, region, other). */
    reasonCode: text('reason_code'),
    reason: text('reason'),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('match_feedback_pair_user_idx').on(t.sourceId, t.targetId, t.userId),
    index('match_feedback_target_idx').on(t.targetId),
    index('match_feedback_updated_idx').on(t.updatedAt),
  ],
);

/** A standing request to be told about new records: keywords, industries and regions (jurisdiction codes). */
export const matchSubscriptions = pgTable(
  'match_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** The kind of record the subscriber wants to hear about: achievement | demand. */
    recordType: text('record_type').notNull(),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('match_subscriptions_user_idx').on(t.userId)],
);

/**
 * One record pushed to one person, once: because it matches their own record
 * (`sourceType` demand | achievement) or a subscription of theirs. In-app at
 * once; e-mail/SMS through the daily digest (`digestedAt`).
 */
export const matchPushes = pgTable(
  'match_pushes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull().default([]),
    digestedAt: timestamp('digested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('match_pushes_once_idx').on(t.userId, t.sourceId, t.recordId), index('match_pushes_user_idx').on(t.userId, t.createdAt)],
);

/** A person's push channels and limits; the token lets an e-mail's unsubscribe link work without signing in. */
export const pushSettings = pgTable('push_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  email: boolean('email').notNull().default(true),
  sms: boolean('sms').notNull().default(false),
  /** At most this many pushed matches in one digest. */
  dailyLimit: integer('daily_limit').notNull().default(20),
  unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  unsubscribeToken: text('unsubscribe_token').notNull().unique(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** E-mail and SMS messages waiting for a real sender (which marks them sent or failed). */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id),
    /** email | sms */
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    /** One message per key (e.g. one digest per person and day). */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** pending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_status_idx').on(t.status, t.createdAt)],
);

/** 专家论证: an administrator or broker asks experts to assess a proposed match. */
export const matchReviews = pgTable(
  'match_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id').notNull(),
    achievementId: uuid('achievement_id').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull().default(''),
    /** open | closed */
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('match_reviews_pair_idx').on(t.demandId, t.achievementId)],
);

export const matchReviewExperts = pgTable(
  'match_review_experts',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => matchReviews.id),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    /** invited | submitted | declined */
    status: text('status').notNull().default('invited'),
    /** 1–5 */
    score: integer('score'),
    /** recommend | neutral | not_recommend */
    opinion: text('opinion'),
    comment: text('comment'),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.expertUserId] }), index('match_review_experts_user_idx').on(t.expertUserId)],
);

/** "A matching record exists, ask the platform": a request about a secret record, handled by a broker or administrator. */
export const matchInquiries = pgTable(
  'match_inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** Where the secret record belongs: its jurisdiction's administrators handle the inquiry. */
    jurisdictionPath: text('jurisdiction_path').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    message: text('message').notNull().default(''),
    /** open | answered */
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    handledBy: uuid('handled_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('match_inquiries_once_idx').on(t.sourceId, t.targetId, t.requestedBy), index('match_inquiries_path_idx').on(t.jurisdictionPath, t.status)],
);

/** A whole demand list matched against the catalogue, as a job with progress. */
export const matchBatches = pgTable('match_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  demandListId: uuid('demand_list_id')
    .notNull()
    .references(() => demandLists.id),
  requestedBy: uuid('requested_by')
    .notNull()
    .references(() => users.id),
  top: integer('top').notNull().default(10),
  /** pending | running | done | failed */
  status: text('status').notNull().default('pending'),
  total: integer('total').notNull().default(0),
  done: integer('done').notNull().default(0),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export type StoredMatch = { achievementId: string; title: string; organization: string; score: number; reasons: StoredReason[] };

export const matchBatchResults = pgTable(
  'match_batch_results',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => matchBatches.id),
    demandId: uuid('demand_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    matches: jsonb('matches').$type<StoredMatch[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.demandId] })],
);
