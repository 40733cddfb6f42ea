import { pgTable, text, timestamp, uuid, primaryKey, index, integer } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** GB/T 2260 administrative divisions. `path` is the chain of codes from the root, e.g. `140000/140700`. */
export const jurisdictions = pgTable(
  'jurisdictions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
    path: text('path').notNull(),
    /**
     * The local rule on unconverted achievements: published this many years
     * without a conversion, an achievement is flagged for public trading
     * (陕西: two years, 002 item 11). Null: no such rule here (a record
     * follows the nearest jurisdiction up its tree that has one).
     */
    unconvertedYears: integer('unconverted_years'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('jurisdictions_path_idx').on(t.path)],
);

export const jurisdictionAdmins = pgTable(
  'jurisdiction_admins',
  {
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.userId] }), index('jurisdiction_admins_user_idx').on(t.userId)],
);
