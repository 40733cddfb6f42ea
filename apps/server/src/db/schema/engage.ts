import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';

/**
 * 我要洽谈: one thread per (record, asking person) between someone who saw an
 * achievement or a demand and the organisation that owns it. Unlike a match
 * inquiry (matchReviews), which asks the platform about a secret record, a
 * conversation talks to the owner of a record the asker can see.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** achievement | demand */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** The record's title when the thread was opened (the list shows it without loading every record). */
    recordTitle: text('record_title').notNull(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The record's jurisdiction code, for the audit trail. */
    jurisdictionCode: text('jurisdiction_code').notNull(),
    askerUserId: uuid('asker_user_id')
      .notNull()
      .references(() => users.id),
    /** The organisation the asker speaks for, when they named one. */
    askerOrganizationId: uuid('asker_organization_id').references(() => organizations.id),
    /** asker | owner: who wrote last (asker = awaiting the owner's answer). */
    lastSide: text('last_side').notNull(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    askerReadAt: timestamp('asker_read_at', { withTimezone: true }),
    ownerReadAt: timestamp('owner_read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_record_asker_idx').on(t.recordType, t.recordId, t.askerUserId),
    index('conversations_owner_idx').on(t.ownerOrganizationId, t.lastMessageAt),
    index('conversations_asker_idx').on(t.askerUserId, t.lastMessageAt),
  ],
);

export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    /** asker | owner */
    side: text('side').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversation_messages_thread_idx').on(t.conversationId, t.createdAt), index('conversation_messages_author_idx').on(t.authorUserId, t.createdAt)],
);

/** 收藏: a person's saved achievements, demands and listings. */
export const favourites = pgTable(
  'favourites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** achievement | demand | listing */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** The title when saved: shown when the record is no longer visible (withdrawn, closed). */
    title: text('title').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('favourites_user_record_idx').on(t.userId, t.recordType, t.recordId), index('favourites_user_created_idx').on(t.userId, t.createdAt)],
);
