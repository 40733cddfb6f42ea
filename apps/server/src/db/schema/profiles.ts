import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { jurisdictions } from './jurisdictions.ts';
import { organizations } from './organizations.ts';

/** Person profiles (researcher, broker, expert) attached to a user. */
export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    data: jsonb('data').notNull().$type<{ title?: string; fields: string[]; bio?: string; certificateNo?: string }>(),
    /** Broker and expert profiles grant rights only once approved by an administrator of their jurisdiction: pending, approved or rejected. */
    status: text('status').notNull().default('pending'),
    /** The jurisdiction whose administrators review the profile and within which an approved broker acts (the linked organisation's, else the holder's first). */
    jurisdictionCode: text('jurisdiction_code').references(() => jurisdictions.code),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('profiles_user_kind_idx').on(t.userId, t.kind), index('profiles_review_idx').on(t.status, t.kind)],
);
