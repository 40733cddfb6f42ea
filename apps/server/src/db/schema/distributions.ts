import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 收益分配 (issue 15): owned by the distributions module.
 *
 * The statutory floors are the policy module's `income_floor` rules.
 * `distribution_receipts` are money actually received (contract.paymentConfirmed)
 * by a university, institute or R&D institution: what a plan can be made for.
 * Amounts are integer fen.
 */
export const distributionReceipts = pgTable(
  'distribution_receipts',
  {
    paymentId: uuid('payment_id').primaryKey(),
    contractId: uuid('contract_id').notNull(),
    /** The contract.paymentConfirmed event this row came from (its natural key). */
    eventId: uuid('event_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    sellerOrganizationId: uuid('seller_organization_id'),
    sellerName: text('seller_name').notNull(),
    sellerRegion: text('seller_region').notNull(),
    sellerEntityType: text('seller_entity_type').notNull(),
    buyerName: text('buyer_name').notNull(),
    achievementIds: jsonb('achievement_ids').$type<string[]>().notNull(),
    dealId: uuid('deal_id'),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    terminatedOn: date('terminated_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('distribution_receipts_contract_idx').on(t.contractId), index('distribution_receipts_seller_idx').on(t.sellerOrganizationId)],
);

export type DistributionCost = { item: string; amount: number };
export type FloorCheck = { floorId: string; jurisdictionCode: string; minBp: number; required: number; actual: number };

export const distributionPlans = pgTable(
  'distribution_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => distributionReceipts.paymentId),
    organizationId: uuid('organization_id').notNull(),
    basis: text('basis').notNull(),
    received: bigint('received', { mode: 'number' }).notNull(),
    costs: jsonb('costs').$type<DistributionCost[]>().notNull(),
    netIncome: bigint('net_income', { mode: 'number' }).notNull(),
    floorChecks: jsonb('floor_checks').$type<FloorCheck[]>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('distribution_plans_payment_uq').on(t.paymentId), index('distribution_plans_org_idx').on(t.organizationId), index('distribution_plans_contract_idx').on(t.contractId)],
);

export const distributionShares = pgTable(
  'distribution_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => distributionPlans.id),
    position: integer('position').notNull(),
    beneficiary: text('beneficiary').notNull(),
    /** The platform user the share names, when known (a statement matches on it first). */
    userId: uuid('user_id'),
    /** The beneficiary's organisation (free text; the seller's name for its own people). */
    organization: text('organization'),
    role: text('role').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    form: text('form').notNull(),
    /** Fen paid in for 现金股 beside an equity share's 技术股 (`amount`); 0 for cash shares. Not part of the net income. */
    cashShares: bigint('cash_shares', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('distribution_shares_plan_idx').on(t.planId), index('distribution_shares_user_idx').on(t.userId), index('distribution_shares_name_idx').on(t.beneficiary)],
);
