import { pgTable, text, timestamp, uuid, index, bigint, integer, date } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';
import { tradingEntrustments } from './trading.ts';

/** A broker's follow-up log: one note per contact on a deal (an entrustment they hold), with the next step. Owned by modules/brokerage. */
export const brokerFollowUps = pgTable(
  'broker_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    brokerUserId: uuid('broker_user_id')
      .notNull()
      .references(() => users.id),
    entrustmentId: uuid('entrustment_id')
      .notNull()
      .references(() => tradingEntrustments.id),
    /** The client: the organisation owning the entrusted achievement. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The day of the contact (Asia/Shanghai calendar day). */
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    nextStep: text('next_step').notNull().default(''),
    nextOn: date('next_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('broker_follow_ups_broker_idx').on(t.brokerUserId, t.happenedOn), index('broker_follow_ups_entrustment_idx').on(t.entrustmentId)],
);

/** The commission a broker agreed with a client for one entrustment: a fixed amount in fen or a rate in basis points. Owned by modules/brokerage. */
export const brokerCommissions = pgTable(
  'broker_commissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    brokerUserId: uuid('broker_user_id')
      .notNull()
      .references(() => users.id),
    entrustmentId: uuid('entrustment_id')
      .notNull()
      .unique()
      .references(() => tradingEntrustments.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    rateBp: integer('rate_bp'),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('broker_commissions_org_idx').on(t.organizationId)],
);
