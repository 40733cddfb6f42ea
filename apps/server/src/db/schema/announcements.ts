import { index, pgTable, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { jurisdictions } from './jurisdictions.ts';

/**
 * 通知公告: notices posted by administrators. `jurisdictionCode` null means
 * the whole platform (platform administrators only); a withdrawn notice
 * stays stored (withdrawnAt) but is no longer shown.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    jurisdictionCode: text('jurisdiction_code').references(() => jurisdictions.code),
    jurisdictionPath: text('jurisdiction_path'),
    pinned: boolean('pinned').notNull().default(false),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('announcements_published_idx').on(t.publishedAt), index('announcements_jurisdiction_idx').on(t.jurisdictionCode)],
);
