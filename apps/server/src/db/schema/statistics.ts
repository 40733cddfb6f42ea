import { sql } from 'drizzle-orm';
import { bigint, date, index, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * What a counted thing says (a fact, or a cause that would count it): its
 * day, kind, label, amounts and the jurisdictions it counts in; and, for a
 * registered contract, its parties — for the top organisations and the flows
 * between regions: the seller's key (its organisation id, or its name when
 * it has no account) and name, and each party's GB/T 2260 region.
 */
const countedColumns = () => ({
  day: date('day', { mode: 'string' }).notNull(),
  kind: text('kind').notNull().default(''),
  label: text('label').notNull().default(''),
  amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  amount2: bigint('amount2', { mode: 'number' }).notNull().default(0),
  jurisdictions: text('jurisdictions').array().notNull().default(sql`'{}'::text[]`),
  sellerKey: text('seller_key').notNull().default(''),
  sellerName: text('seller_name').notNull().default(''),
  buyerKey: text('buyer_key').notNull().default(''),
  buyerName: text('buyer_name').notNull().default(''),
  sellerRegion: text('seller_region').notNull().default(''),
  buyerRegion: text('buyer_region').notNull().default(''),
});

/**
 * Statistics keep their own read model, fed by other modules' domain events
 * (statistics.handlers.ts); they never read another module's tables.
 *
 * A fact is one counted thing (a registered contract, a published
 * achievement, a signed deal …) with the jurisdictions it counts in
 * (`jurisdictions`: GB/T 2260 codes, the region and every one above it), so
 * a figure can be drilled down to the records behind it. A fact is counted
 * once (metric + source id) and reversed, never deleted (a terminated
 * contract).
 */
export const statFacts = pgTable(
  'stat_facts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    metric: text('metric').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    ...countedColumns(),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    /** When the source last restated its figures (a contract amended): a restatement older than this one is stale and changes nothing. */
    restatedAt: timestamp('restated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stat_facts_once_idx').on(t.metric, t.sourceId),
    index('stat_facts_source_idx').on(t.sourceId),
    // Drill-down reads one metric over a period and keeps the rows counted in the jurisdiction asked for.
    index('stat_facts_metric_day_idx').on(t.metric, t.day),
  ],
);

/**
 * Daily sums per jurisdiction, metric and kind, kept up to date in the
 * transaction that records (or reverses) a fact: a year of a province is a
 * few thousand rows to add, whatever the number of records behind them.
 */
export const statRollups = pgTable(
  'stat_rollups',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    /** The jurisdiction above (null for a province): the children of X are the rows whose parent is X. */
    parentCode: text('parent_code'),
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    kind: text('kind').notNull().default(''),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    amount2: bigint('amount2', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.metric, t.day, t.kind] }), index('stat_rollups_parent_idx').on(t.parentCode, t.metric, t.day)],
);

/** A sum of the daily sums over a month or a year: the same columns, `period` its first day. */
const rollupSums = () => ({
  jurisdictionCode: text('jurisdiction_code').notNull(),
  parentCode: text('parent_code'),
  metric: text('metric').notNull(),
  kind: text('kind').notNull().default(''),
  count: bigint('count', { mode: 'number' }).notNull().default(0),
  amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  amount2: bigint('amount2', { mode: 'number' }).notNull().default(0),
});

/**
 * The daily sums by month (`month` is its first day) and by year (`year`,
 * its first day), kept in the same transaction as the daily ones: the
 * figure set reads a period's whole years from the yearly sums, the whole
 * months of its partial years from the monthly sums and only the days of
 * its partial months from the daily sums — ten years of a province are a
 * few hundred rows instead of tens of thousands.
 */
export const statRollupMonths = pgTable(
  'stat_rollup_months',
  { ...rollupSums(), month: date('month', { mode: 'string' }).notNull() },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.metric, t.month, t.kind] }), index('stat_rollup_months_parent_idx').on(t.parentCode, t.metric, t.month)],
);

export const statRollupYears = pgTable(
  'stat_rollup_years',
  { ...rollupSums(), year: date('year', { mode: 'string' }).notNull() },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.metric, t.year, t.kind] }), index('stat_rollup_years_parent_idx').on(t.parentCode, t.metric, t.year)],
);

/**
 * Marks that the monthly and yearly sums may have missed a change of the
 * daily ones: a writer marks before it changes the sums and clears its mark
 * after (inside a transaction nobody else ever sees it; a writer outside one
 * that dies between the daily and the monthly sums leaves it), and a
 * migration that touches the daily sums leaves one. Start-up compares the
 * sums' totals only when a mark is there, and clears the marks it checked.
 */
export const statRollupMarks = pgTable('stat_rollup_marks', {
  id: uuid('id').primaryKey().defaultRandom(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A jurisdiction's target for a year (沈阳: contract turnover 500亿 in 2025 …), with its source. */
export const statTargets = pgTable(
  'stat_targets',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    year: bigint('year', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    value: numeric('value').notNull(),
    source: text('source').notNull().default(''),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.year, t.key] })],
);

/**
 * Why a subject counts under a metric that several things can cause: an
 * achievement converted (a conversion recorded, a deal signed, a registered
 * contract naming it), a demand met (its challenge accepted, a deal made
 * from it signed, a contract registered from such a deal). Each cause is
 * kept (`causeId`: the contract, deal, challenge or conversion), with the
 * fact it would count; the subject's fact in stat_facts is its earliest live
 * cause's, so a withdrawn cause (a terminated contract) un-counts the
 * subject only when nothing else still causes it.
 */
export const statCauses = pgTable(
  'stat_causes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    metric: text('metric').notNull(),
    subjectId: text('subject_id').notNull(),
    causeId: text('cause_id').notNull(),
    sourceType: text('source_type').notNull(),
    ...countedColumns(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stat_causes_once_idx').on(t.metric, t.subjectId, t.causeId), index('stat_causes_cause_idx').on(t.causeId)],
);

/** A party's sums: its latest name and region, its registered contracts' count, contract amount and technology amount. */
const partySums = () => ({
  name: text('name').notNull().default(''),
  region: text('region').notNull().default(''),
  count: bigint('count', { mode: 'number' }).notNull().default(0),
  amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  amount2: bigint('amount2', { mode: 'number' }).notNull().default(0),
});

/**
 * Registered contracts summed by month for the two reads that group them by
 * party or by region pair (the top organisations, the flows between
 * regions), kept up to date with the facts: a period's whole months are
 * read here, only its partial months at either end from stat_facts.
 * `month` is the month's first day.
 */
export const statPartyMonths = pgTable(
  'stat_party_months',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    /** seller | buyer */
    side: text('side').notNull(),
    partyKey: text('party_key').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    ...partySums(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.side, t.month, t.partyKey] })],
);

/** Registered contracts summed by month and by the seller's and the buyer's region (GB/T 2260, as registered). */
export const statFlowMonths = pgTable(
  'stat_flow_months',
  {
    month: date('month', { mode: 'string' }).notNull(),
    sellerRegion: text('seller_region').notNull(),
    buyerRegion: text('buyer_region').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.sellerRegion, t.buyerRegion] })],
);

/**
 * The same sums by year (`year` is its first day): a period's whole years
 * are read here, the months of its partial years from the monthly sums and
 * the days of its partial months from stat_facts.
 */
export const statPartyYears = pgTable(
  'stat_party_years',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    /** seller | buyer */
    side: text('side').notNull(),
    partyKey: text('party_key').notNull(),
    year: date('year', { mode: 'string' }).notNull(),
    ...partySums(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.side, t.year, t.partyKey] })],
);

/**
 * Every registered contract of a party in a jurisdiction, whenever: a long
 * period (ten years) is read as these less what lies outside it, one row
 * per party instead of one per party and year. Holds each party's latest
 * name and region.
 */
export const statPartyTotals = pgTable(
  'stat_party_totals',
  {
    jurisdictionCode: text('jurisdiction_code').notNull(),
    /** seller | buyer */
    side: text('side').notNull(),
    partyKey: text('party_key').notNull(),
    ...partySums(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionCode, t.side, t.partyKey] })],
);

/** Registered contracts summed by year and by the seller's and the buyer's region. */
export const statFlowYears = pgTable(
  'stat_flow_years',
  {
    year: date('year', { mode: 'string' }).notNull(),
    sellerRegion: text('seller_region').notNull(),
    buyerRegion: text('buyer_region').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.year, t.sellerRegion, t.buyerRegion] })],
);
