import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A party as the contract states it: an organisation of the platform (with a snapshot of its facts at entry) or one off the platform. */
export type StoredParty = { organizationId: string | null; name: string; creditCode: string; region: string; regionPath: string; entityType: string };
export type StoredDeduction = { item: string; amount: number };
export type StoredScheduleItem = { dueOn: string; amount: number };

/**
 * A technology contract (技术合同) and its registration (认定登记). The figures
 * of a registered contract are never edited: amendments are rows of
 * `contract_history` and the figures in force are computed from them.
 */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    subkind: text('subkind'),
    title: text('title').notNull(),
    /** The platform's industry code (INDUSTRY_CODES), as achievements have; optional. */
    industry: text('industry'),
    contractNo: text('contract_no'),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    seller: jsonb('seller').$type<StoredParty>().notNull(),
    buyer: jsonb('buyer').$type<StoredParty>().notNull(),
    agency: jsonb('agency').$type<StoredParty>(),
    broker: text('broker'),
    /** Who may act for each side on the platform (null: off the platform). */
    sellerOrganizationId: uuid('seller_organization_id'),
    buyerOrganizationId: uuid('buyer_organization_id'),
    agencyOrganizationId: uuid('agency_organization_id'),
    /** Identity of a party for duplicate checks: its organisation id, credit code or name. */
    sellerKey: text('seller_key').notNull(),
    buyerKey: text('buyer_key').notNull(),
    /** The parties' region paths (e.g. 140000/140700/140702): classification and totals. */
    sellerPath: text('seller_path').notNull(),
    buyerPath: text('buyer_path').notNull(),
    contractAmount: bigint('contract_amount', { mode: 'number' }).notNull(),
    technologyAmount: bigint('technology_amount', { mode: 'number' }).notNull(),
    deductions: jsonb('deductions').$type<StoredDeduction[]>().notNull().default([]),
    expectedInvestment: bigint('expected_investment', { mode: 'number' }),
    expectedOutput: bigint('expected_output', { mode: 'number' }),
    achievementIds: jsonb('achievement_ids').$type<string[]>().notNull().default([]),
    ipItems: jsonb('ip_items').$type<string[]>().notNull().default([]),
    schedule: jsonb('schedule').$type<StoredScheduleItem[]>().notNull().default([]),
    dealId: uuid('deal_id'),
    /** The winning challenge bid (揭榜挂帅) this draft was prefilled from: once per bid. */
    challengeBidId: uuid('challenge_bid_id'),
    status: text('status').notNull().default('draft'),
    pointId: uuid('point_id'),
    /** The registering jurisdiction (the point's) and its path. */
    jurisdictionCode: text('jurisdiction_code'),
    jurisdictionPath: text('jurisdiction_path'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    registrationNumber: text('registration_number'),
    registeredOn: date('registered_on', { mode: 'string' }),
    registeredYear: integer('registered_year'),
    certifiedAmount: bigint('certified_amount', { mode: 'number' }),
    certifiedReason: text('certified_reason'),
    reviewReason: text('review_reason'),
    checklist: jsonb('checklist').$type<string[]>().notNull().default([]),
    reviewedBy: uuid('reviewed_by'),
    terminatedOn: date('terminated_on', { mode: 'string' }),
    terminationReason: text('termination_reason'),
    createdBy: uuid('created_by'),
    /** The Excel import (import_jobs) and its file row this draft came from: a row is imported once, also when the job is run again after a crash. */
    importId: uuid('import_id'),
    importRow: integer('import_row'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_deal_idx').on(t.dealId),
    uniqueIndex('contracts_import_row_idx').on(t.importId, t.importRow),
    uniqueIndex('contracts_challenge_bid_idx').on(t.challengeBidId),
    uniqueIndex('contracts_registration_number_idx').on(t.registrationNumber),
    index('contracts_seller_org_idx').on(t.sellerOrganizationId),
    index('contracts_buyer_org_idx').on(t.buyerOrganizationId),
    index('contracts_duplicate_idx').on(t.sellerKey, t.signedOn),
    index('contracts_point_status_idx').on(t.pointId, t.status),
    index('contracts_year_idx').on(t.registeredYear, t.status),
  ],
);

/** Money the buyer paid (or a deal's payment carried over), and the seller's confirmation of receipt. */
export const contractPayments = pgTable(
  'contract_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    /** buyer (recorded here) | deal (carried over from a deal's marked payment). */
    source: text('source').notNull(),
    /** The deal payment carried over: once per payment. */
    dealPaymentId: uuid('deal_payment_id'),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_payments_contract_idx').on(t.contractId), uniqueIndex('contract_payments_deal_payment_idx').on(t.dealPaymentId)],
);

/** What happened to a contract after entry: submissions, reviews, amendments (变更登记), termination. Never edited. */
export const contractHistory = pgTable(
  'contract_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    kind: text('kind').notNull(),
    reason: text('reason').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_history_contract_idx').on(t.contractId, t.at)],
);

/** A registration point (技术合同登记点) of a jurisdiction, with its staff. */
export const registrationPoints = pgTable(
  'registration_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    /** Two digits, part of the registration numbers issued here. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    staffUserIds: jsonb('staff_user_ids').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('registration_points_code_idx').on(t.jurisdictionCode, t.code)],
);

/** The next sequence of registration numbers per year and point: locked FOR UPDATE, so a number is never issued twice. */
export const registrationCounters = pgTable(
  'registration_counters',
  {
    year: integer('year').notNull(),
    pointId: uuid('point_id').notNull(),
    next: integer('next').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.year, t.pointId] })],
);

/** A jurisdiction's registration settings (the window after signing); absent: the nearest ancestor's, else the default. */
export const registrationSettings = pgTable('registration_settings', {
  jurisdictionCode: text('jurisdiction_code').primaryKey(),
  windowDays: integer('window_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A jurisdiction's running totals of registered contracts per year and kind,
 * kept in the transaction of each registration (+) and termination (−), so
 * the yearly statistics read a handful of rows instead of scanning a year.
 * Every jurisdiction above either party has a row (classification rules in
 * contracts.classify.ts). Registered figures count; amendments do not.
 */
export const contractYearTotals = pgTable(
  'contract_year_totals',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    contractAmount: bigint('contract_amount', { mode: 'number' }).notNull().default(0),
    technologyAmount: bigint('technology_amount', { mode: 'number' }).notNull().default(0),
    certifiedAmount: bigint('certified_amount', { mode: 'number' }).notNull().default(0),
    absorbedCount: bigint('absorbed_count', { mode: 'number' }).notNull().default(0),
    absorbedAmount: bigint('absorbed_amount', { mode: 'number' }).notNull().default(0),
    outputCount: bigint('output_count', { mode: 'number' }).notNull().default(0),
    outputAmount: bigint('output_amount', { mode: 'number' }).notNull().default(0),
    inputCount: bigint('input_count', { mode: 'number' }).notNull().default(0),
    inputAmount: bigint('input_amount', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.year, t.kind] })],
);
