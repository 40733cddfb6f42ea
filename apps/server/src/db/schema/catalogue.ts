import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { jurisdictions } from './jurisdictions.ts';
import { organizations } from './organizations.ts';
import type { AccessRequestStatus, AchievementType, Confidentiality, ConversionKind, FollowupStatus, IndustrySection, StoredRecordStatus, TransferMode } from '@kzt/shared';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type IpItem = { number: string; kind: string; status: string; title?: string };
/** A completer as stated; `userId` when the completer is a platform user (avoidance then matches the person, not the name). */
export type Completer = { name: string; organization?: string; userId?: string; share: number };
export type Benefit = { metric: string; baseline?: string; value: string; improvement?: string };

/** Columns both kinds of catalogue record have: owner, jurisdiction, lifecycle, freshness, search. */
const recordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  jurisdictionCode: text('jurisdiction_code')
    .notNull()
    .references(() => jurisdictions.code),
  /** Copy of the jurisdiction's path, so subtree filters need no join. */
  jurisdictionPath: text('jurisdiction_path').notNull(),
  ownerType: text('owner_type').notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  /** `importing` while an import's rows are invisible (they become drafts when it commits); never in a response. */
  status: text('status').$type<StoredRecordStatus>().notNull().default('draft'),
  title: text('title').notNull(),
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  industry: text('industry').$type<IndustrySection>().notNull(),
  industryTags: text('industry_tags').array().notNull().default(sql`'{}'::text[]`),
  confidentiality: text('confidentiality').$type<Confidentiality>().notNull().default('public'),
  externalId: text('external_id'),
  reviewReason: text('review_reason'),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  /** Last time the owner confirmed the record is current (publication counts). */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  stale: boolean('stale').notNull().default(false),
  version: integer('version').notNull().default(1),
  /** Segmented, normalised title for exact-title matches. */
  searchTitle: text('search_title').notNull().default(''),
  searchVector: tsvector('search_vector'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const achievements = pgTable(
  'achievements',
  {
    ...recordColumns(),
    summary: text('summary').notNull().default(''),
    type: text('type').$type<AchievementType>().notNull(),
    maturity: integer('maturity').notNull(),
    ip: jsonb('ip').$type<IpItem[]>().notNull().default([]),
    completers: jsonb('completers').$type<Completer[]>().notNull().default([]),
    transferModes: text('transfer_modes').array().$type<TransferMode[]>().notNull().default(sql`'{}'::text[]`),
    /** Expected price in fen; null is 面议 (negotiable). */
    priceFen: bigint('price_fen', { mode: 'number' }),
    benefits: jsonb('benefits').$type<Benefit[]>().notNull().default([]),
    /** Where the record comes from when it was not typed in (e.g. the CSL dataset). */
    source: text('source'),
    /** The import that created the record; while `status` is 'importing' the record is invisible everywhere. */
    importId: uuid('import_id'),
    converted: boolean('converted').notNull().default(false),
    /** Set when the record has been published 2 years without a conversion (陕西 rule): it must be listed. */
    unconvertedFlaggedAt: timestamp('unconverted_flagged_at', { withTimezone: true }),
  },
  (t) => [
    // No pending list: PGlite has no autovacuum to merge one, and every search would scan it.
    index('achievements_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    index('achievements_catalogue_idx').on(t.status, t.publishedAt),
    index('achievements_org_idx').on(t.organizationId, t.status),
    index('achievements_path_idx').on(t.jurisdictionPath),
    index('achievements_updated_idx').on(t.updatedAt),
    uniqueIndex('achievements_external_idx').on(t.organizationId, t.externalId),
  ],
);

export const demands = pgTable(
  'demands',
  {
    ...recordColumns(),
    description: text('description').notNull().default(''),
    budgetMinFen: bigint('budget_min_fen', { mode: 'number' }),
    budgetMaxFen: bigint('budget_max_fen', { mode: 'number' }),
    deadline: date('deadline', { mode: 'string' }),
    cooperationModes: text('cooperation_modes').array().$type<TransferMode[]>().notNull().default(sql`'{}'::text[]`),
    /** 共性技术难题: an industry-chain common problem. */
    commonProblem: boolean('common_problem').notNull().default(false),
    importId: uuid('import_id'),
  },
  (t) => [
    index('demands_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    index('demands_catalogue_idx').on(t.status, t.publishedAt),
    index('demands_org_idx').on(t.organizationId, t.status),
    index('demands_path_idx').on(t.jurisdictionPath),
    index('demands_updated_idx').on(t.updatedAt),
    uniqueIndex('demands_external_idx').on(t.organizationId, t.externalId),
  ],
);

/** Every published state of a record is kept: a new row per change to a published record. */
export const recordVersions = pgTable(
  'record_versions',
  {
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recordType, t.recordId, t.version] })],
);

/** A verified organisation asks to see the confidential part of an `abstract` record. */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status').$type<AccessRequestStatus>().notNull().default('pending'),
    responseReason: text('response_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('access_requests_record_idx').on(t.recordType, t.recordId, t.organizationId)],
);

export const conversionEvents = pgTable(
  'conversion_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    kind: text('kind').$type<ConversionKind>().notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    counterparty: text('counterparty').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversion_events_achievement_idx').on(t.achievementId)],
);

export const followups = pgTable(
  'followups',
  {
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    year: integer('year').notNull(),
    status: text('status').$type<FollowupStatus>().notNull(),
    revenueFen: bigint('revenue_fen', { mode: 'number' }),
    note: text('note'),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.year] })],
);

/** In-app notifications (reminders to owners and the like). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id'),
    userId: uuid('user_id'),
    kind: text('kind').notNull(),
    /** One notice per subject and kind: reminders are not repeated. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    /** `action` when the reader has something to do (a returned record, a reminder digest, a request), `news` otherwise. */
    category: text('category').notNull().default('news'),
    /** The English title and body, for readers in English mode (the Chinese ones are the record). */
    titleEn: text('title_en'),
    bodyEn: text('body_en'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_org_idx').on(t.organizationId, t.createdAt), index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Per-jurisdiction settings of the catalogue. */
export const jurisdictionSettings = pgTable('jurisdiction_settings', {
  jurisdictionCode: text('jurisdiction_code')
    .primaryKey()
    .references(() => jurisdictions.code),
  staleAfterMonths: integer('stale_after_months').notNull().default(12),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
