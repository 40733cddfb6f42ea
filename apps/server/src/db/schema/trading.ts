import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DealSource, DealStatus, DepositAccount, DepositStatus, FixedAcceptance, IndustrySection, LicenceTerms, ListingKind, ListingStatus, ListingTransaction, ObjectionStatus, OfferStatus, PaymentKind, PaymentStatus, PaymentTerms } from '@kzt/shared';
import { users } from './accounts.ts';
import { achievements } from './catalogue.ts';
import { jurisdictions } from './jurisdictions.ts';
import { organizations } from './organizations.ts';

/** Payment terms as stored (dates of the plan are computed at signing). */
export type StoredPaymentTerms = PaymentTerms;
export type StoredLicenceTerms = LicenceTerms;

/**
 * A listing (挂牌) of a published achievement: fixed price, negotiated price
 * with a public notice period, or an English auction. It belongs to the
 * achievement's organisation and jurisdiction; an entrusted agency or broker
 * may list it for the owner. Every event of a listing is an audit event
 * (entity `listing`), so the record of how its price was formed is part of
 * the hash chain.
 */
export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    /** The seller: the achievement's organisation. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The entrusted agency that listed it, if one did. */
    agentOrganizationId: uuid('agent_organization_id').references(() => organizations.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    industry: text('industry').$type<IndustrySection>().notNull(),
    listedBy: uuid('listed_by')
      .notNull()
      .references(() => users.id),
    kind: text('kind').$type<ListingKind>().notNull(),
    transaction: text('transaction').$type<ListingTransaction>().notNull(),
    status: text('status').$type<ListingStatus>().notNull().default('pending_review'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Fen: the asking price (fixed), the agreed price (negotiated), the start price (auction). */
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    /** fixed: first | choose */
    acceptance: text('acceptance').$type<FixedAcceptance>(),
    /** negotiated: the buyer the price was agreed with. */
    buyerOrganizationId: uuid('buyer_organization_id').references(() => organizations.id),
    /** The published technology demand this listing answers (响应需求), if the seller named one: a deal with that demand's organisation meets it. */
    demandId: uuid('demand_id'),
    agreedOn: date('agreed_on', { mode: 'string' }),
    noticeDays: integer('notice_days'),
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }),
    // auction
    reservePriceFen: bigint('reserve_price_fen', { mode: 'number' }),
    incrementFen: bigint('increment_fen', { mode: 'number' }),
    depositFen: bigint('deposit_fen', { mode: 'number' }),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    /** The current end: moved later by bids in the last `extendSeconds`. */
    endsAt: timestamp('ends_at', { withTimezone: true }),
    scheduledEndsAt: timestamp('scheduled_ends_at', { withTimezone: true }),
    extendSeconds: integer('extend_seconds'),
    maxExtensions: integer('max_extensions'),
    extensions: integer('extensions').notNull().default(0),
    /** Where registrants remit the deposit (bank, account name, number). */
    depositAccount: jsonb('deposit_account').$type<DepositAccount>(),
    /** Registrations to bid close at this instant. */
    registrationEndsAt: timestamp('registration_ends_at', { withTimezone: true }),
    currentPriceFen: bigint('current_price_fen', { mode: 'number' }),
    leaderOrganizationId: uuid('leader_organization_id').references(() => organizations.id),
    bidCount: integer('bid_count').notNull().default(0),
    /** Days the winner or buyer has to sign (the jurisdiction's setting when listed). */
    signDays: integer('sign_days').notNull(),
    licence: jsonb('licence').$type<StoredLicenceTerms>(),
    payment: jsonb('payment').$type<StoredPaymentTerms>(),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** When it went live (approval). */
    listedAt: timestamp('listed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Why it ended without a deal (failed, withdrawn, cancelled). */
    closeReason: text('close_reason'),
    /** The price it sold at. */
    finalPriceFen: bigint('final_price_fen', { mode: 'number' }),
    /** Bumped by every change live viewers should see. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('listings_status_idx').on(t.status, t.listedAt),
    index('listings_achievement_idx').on(t.achievementId),
    index('listings_org_idx').on(t.organizationId),
    index('listings_agent_idx').on(t.agentOrganizationId),
    index('listings_path_idx').on(t.jurisdictionPath),
  ],
);

/** A fixed-price listing's offers: the first accepting buyer's becomes the deal, or the owner picks one. */
export const listingOffers = pgTable(
  'listing_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    message: text('message').notNull().default(''),
    status: text('status').$type<OfferStatus>().notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('listing_offers_listing_idx').on(t.listingId, t.createdAt)],
);

/** An objection lodged against a negotiated price during its notice period. */
export const listingObjections = pgTable(
  'listing_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    reason: text('reason').notNull(),
    status: text('status').$type<ObjectionStatus>().notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Marked vexatious (恶意异议) by an administrator: it stays in the record, marked so. */
    vexatious: boolean('vexatious').notNull().default(false),
    vexatiousReason: text('vexatious_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('listing_objections_listing_idx').on(t.listingId, t.createdAt), index('listing_objections_org_idx').on(t.listingId, t.organizationId)],
);

/**
 * A registration to bid (竞买报名): a verified organisation asks to take
 * part in an auction, with the proof of its deposit remittance (a file kept
 * by the attachments store, by content hash); the seller's side or an
 * administrator confirms it, which records the deposit.
 */
export const listingRegistrations = pgTable(
  'listing_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull().default(''),
    /** submitted | confirmed | rejected */
    status: text('status').notNull().default('submitted'),
    proofFileName: text('proof_file_name'),
    proofMime: text('proof_mime'),
    proofSize: integer('proof_size'),
    proofSha256: text('proof_sha256'),
    proofAt: timestamp('proof_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('listing_registrations_org_idx').on(t.listingId, t.organizationId)],
);

/** An auction deposit paid offline, recorded by the listing's owner side or an administrator. */
export const listingDeposits = pgTable(
  'listing_deposits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    status: text('status').$type<DepositStatus>().notNull().default('held'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('listing_deposits_org_idx').on(t.listingId, t.organizationId)],
);

/**
 * A bid: never withdrawn. `seq` numbers a listing's accepted bids (1, 2…);
 * the idempotency key makes a retried request return the same bid.
 */
export const bids = pgTable(
  'bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    seq: integer('seq').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The auction's end after this bid (later than before when it extended it). */
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    extended: boolean('extended').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bids_seq_idx').on(t.listingId, t.seq), uniqueIndex('bids_idempotency_idx').on(t.listingId, t.userId, t.idempotencyKey)],
);

/**
 * A deal (成交): from an accepted offer, a clean notice period or an auction
 * win. Both parties confirm, it is signed, paid by its schedule and
 * completed, or cancelled with a reason. Technology-contract registration
 * starts from it, so it keeps the parties, amounts, dates and terms.
 */
export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    sellerOrganizationId: uuid('seller_organization_id')
      .notNull()
      .references(() => organizations.id),
    buyerOrganizationId: uuid('buyer_organization_id')
      .notNull()
      .references(() => organizations.id),
    agentOrganizationId: uuid('agent_organization_id').references(() => organizations.id),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    source: text('source').$type<DealSource>().notNull(),
    transaction: text('transaction').$type<ListingTransaction>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    licence: jsonb('licence').$type<StoredLicenceTerms>(),
    payment: jsonb('payment').$type<StoredPaymentTerms>(),
    /** Auctions: the winning bid (or the second bidder's). */
    bidId: uuid('bid_id'),
    offerId: uuid('offer_id'),
    status: text('status').$type<DealStatus>().notNull().default('pending'),
    sellerConfirmedAt: timestamp('seller_confirmed_at', { withTimezone: true }),
    sellerConfirmedBy: uuid('seller_confirmed_by'),
    buyerConfirmedAt: timestamp('buyer_confirmed_at', { withTimezone: true }),
    buyerConfirmedBy: uuid('buyer_confirmed_by'),
    /** Sign by then, or the deal lapses (an auction winner then loses the deposit). */
    signDeadline: timestamp('sign_deadline', { withTimezone: true }).notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    contractNo: text('contract_no'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deals_listing_idx').on(t.listingId),
    index('deals_seller_idx').on(t.sellerOrganizationId),
    index('deals_buyer_idx').on(t.buyerOrganizationId),
    index('deals_path_idx').on(t.jurisdictionPath),
  ],
);

/** One payment of a deal's schedule; royalties are added as the licensee reports revenue. */
export const dealPayments = pgTable(
  'deal_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id),
    seq: integer('seq').notNull(),
    kind: text('kind').$type<PaymentKind>().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** Royalties: the period reported and the revenue the amount was computed from. */
    period: text('period'),
    revenueFen: bigint('revenue_fen', { mode: 'number' }),
    status: text('status').$type<PaymentStatus>().notNull().default('due'),
    paidFen: bigint('paid_fen', { mode: 'number' }),
    paidOn: date('paid_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deal_payments_seq_idx').on(t.dealId, t.seq), uniqueIndex('deal_payments_period_idx').on(t.dealId, t.period), index('deal_payments_due_idx').on(t.status, t.dueOn)],
);

/** An achievement's owner entrusts its trading to an agency (organisation) or a broker (person). */
export const tradingEntrustments = pgTable(
  'trading_entrustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    agentOrganizationId: uuid('agent_organization_id').references(() => organizations.id),
    agentUserId: uuid('agent_user_id').references(() => users.id),
    note: text('note').notNull().default(''),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    /** active, or pending until the owner of the achievement's organisation confirms (a member asked for it). */
    status: text('status').notNull().default('active'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('trading_entrustments_achievement_idx').on(t.achievementId), index('trading_entrustments_agent_org_idx').on(t.agentOrganizationId), index('trading_entrustments_agent_user_idx').on(t.agentUserId)],
);

/** A jurisdiction's trading settings; below it, the nearest ancestor's apply, else the platform defaults. */
export const tradingSettings = pgTable('trading_settings', {
  jurisdictionCode: text('jurisdiction_code')
    .primaryKey()
    .references(() => jurisdictions.code),
  noticeDays: integer('notice_days').notNull(),
  signDays: integer('sign_days').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
