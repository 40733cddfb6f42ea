import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EntitlementHistoryEntry } from '@kzt/shared';
import { users } from './accounts.ts';

/**
 * Policy rules and subsidies (奖补). Owned by modules/policy.
 *
 * A rule pack version is never edited: an administrator publishes a new one
 * that applies from its start date.
 */
export const policyPackVersions = pgTable(
  'policy_pack_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /** The rules as the engine reads them (PolicyRule[]). */
    rules: jsonb('rules').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('policy_pack_versions_version_key').on(t.jurisdictionCode, t.version), index('policy_pack_versions_from_idx').on(t.jurisdictionCode, t.validFrom)],
);

/** Each platform event the engine computed, once (the event id is the natural key), with the engine's line. */
export const policyComputedEvents = pgTable('policy_computed_events', {
  sourceEventId: uuid('source_event_id').primaryKey(),
  engineEvent: jsonb('engine_event').notNull(),
  line: jsonb('line').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What the policy module remembers of a registered contract (its registering jurisdiction), for its payments. */
export const policyContracts = pgTable('policy_contracts', {
  contractId: uuid('contract_id').primaryKey(),
  jurisdictionCode: text('jurisdiction_code').notNull(),
  registeredOn: date('registered_on', { mode: 'string' }).notNull(),
  terminatedOn: date('terminated_on', { mode: 'string' }),
});

/** One beneficiary's entitlement under one rule because of one event; the ledger is the sum of these. */
export const policyEntitlements = pgTable(
  'policy_entitlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceEventId: uuid('source_event_id').notNull(),
    /** The engine event's id. */
    eventKey: text('event_key').notNull(),
    eventType: text('event_type').notNull(),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    ruleId: text('rule_id').notNull(),
    ruleTitle: text('rule_title').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    budgetLine: text('budget_line').notNull(),
    year: integer('year').notNull(),
    /** The engine's beneficiary id (an organisation's id where there is one). */
    beneficiaryKey: text('beneficiary_key').notNull(),
    beneficiaryOrganizationId: uuid('beneficiary_organization_id'),
    beneficiaryName: text('beneficiary_name'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    committed: bigint('committed', { mode: 'number' }),
    base: bigint('base', { mode: 'number' }).notNull(),
    rateBp: integer('rate_bp').notNull(),
    yearlyCap: bigint('yearly_cap', { mode: 'number' }),
    noStackingGroup: text('no_stacking_group'),
    item: text('item').notNull(),
    contractId: text('contract_id'),
    explanation: text('explanation').notNull(),
    source: jsonb('source').notNull(),
    /** granted → applied → approved | returned (→ applied again) | rejected → paid; cancelled when its cause is withdrawn. */
    status: text('status').notNull().default('granted'),
    reason: text('reason'),
    applicationNote: text('application_note'),
    attachmentIds: jsonb('attachment_ids').notNull().default([]),
    /** The documents the rule asks an application to carry (copied at grant, like the title). */
    requiredDocuments: jsonb('required_documents').$type<string[]>().notNull().default([]),
    /** The documents the application carried: each a name and an attachment of this entitlement. */
    documents: jsonb('documents').$type<{ name: string; attachmentId: string }[]>().notNull().default([]),
    /** Every submission (with its documents) and decision (with its reason), appended, never rewritten. */
    history: jsonb('history').$type<EntitlementHistoryEntry[]>().notNull().default([]),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    paidAmount: bigint('paid_amount', { mode: 'number' }),
    paidOn: date('paid_on', { mode: 'string' }),
    paymentReference: text('payment_reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policy_entitlements_event_rule_key').on(t.sourceEventId, t.ruleId, t.beneficiaryKey),
    index('policy_entitlements_beneficiary_idx').on(t.beneficiaryKey, t.year),
    index('policy_entitlements_org_idx').on(t.beneficiaryOrganizationId),
    index('policy_entitlements_contract_idx').on(t.contractId),
    index('policy_entitlements_budget_idx').on(t.jurisdictionCode, t.budgetLine, t.year),
  ],
);

/** A jurisdiction's budget for one budget line and year (fen); approvals lock this row. */
export const policyBudgets = pgTable(
  'policy_budgets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    budgetLine: text('budget_line').notNull(),
    year: integer('year').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('policy_budgets_line_key').on(t.jurisdictionCode, t.budgetLine, t.year)],
);

/**
 * What an administrator recorded (登记): an agency's evaluation or
 * recognition, a loan in the risk pool, its default or interest, a decided
 * award, a researcher's income. Each raised one engine event (its id is the
 * computed event's source id) and keeps what the engine made of it.
 */
export const policyRecords = pgTable(
  'policy_records',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    organizationId: uuid('organization_id'),
    organizationName: text('organization_name'),
    /** A loan's number, an award's scheme, a researcher's name, an evaluation's year. */
    subject: text('subject').notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    engineEvent: jsonb('engine_event').notNull(),
    line: jsonb('line').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('policy_records_kind_idx').on(t.jurisdictionCode, t.kind, t.createdAt),
    // A loan number is registered once in a jurisdiction's risk pool.
    uniqueIndex('policy_records_loan_key').on(t.jurisdictionCode, t.subject).where(sql`kind = 'loan_registered'`),
  ],
);
