import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { jurisdictions } from './jurisdictions.ts';
import { organizations } from './organizations.ts';
import type { TimelineParams } from '@kzt/shared';

/** A criterion as stored: its weight in basis points (the weights of a challenge add up to 10,000). */
export type StoredCriterion = { key: string; name: string; weightBp: number };
export type StoredBidMilestone = { title: string; dueOn: string; shareBp: number; deliverable: string };

/**
 * A challenge (揭榜挂帅 and its kin): posted by an organisation or an
 * administrator, reviewed by the administrators of its jurisdiction, then
 * on the public board until awarded, completed or terminated.
 */
export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheme: text('scheme').notNull(),
    kind: text('kind'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    requirements: text('requirements').notNull().default(''),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** The organisation's name when it posted (shown on the board). */
    organizationName: text('organization_name'),
    postedBy: uuid('posted_by')
      .notNull()
      .references(() => users.id),
    demandId: uuid('demand_id'),
    achievementId: uuid('achievement_id'),
    bountyFen: bigint('bounty_fen', { mode: 'number' }),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    jurisdictionName: text('jurisdiction_name').notNull(),
    criteria: jsonb('criteria').$type<StoredCriterion[]>().notNull(),
    /** 研发众包: the poser lets accepted submissions be public. */
    resultsPublic: boolean('results_public').notNull().default(false),
    status: text('status').notNull().default('pending_review'),
    reviewReason: text('review_reason'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
    awardNote: text('award_note'),
    /** The award's public notice (公示) ends here; objections are taken until then. */
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }),
    /** The award became final (the notice ended with no objection standing). */
    finalAt: timestamp('final_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    terminatedAt: timestamp('terminated_at', { withTimezone: true }),
    terminationReason: text('termination_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('challenges_status_idx').on(t.status, t.jurisdictionPath), index('challenges_org_idx').on(t.organizationId)],
);

/** A bid (揭榜): one per organisation and challenge, with its milestones fixed when it is made. */
export const challengeBids = pgTable(
  'challenge_bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    organizationName: text('organization_name').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    team: text('team').notNull(),
    plan: text('plan').notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    milestones: jsonb('milestones').$type<StoredBidMilestone[]>().notNull(),
    checkStatus: text('check_status').notNull().default('pending'),
    checkReason: text('check_reason'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    outcome: text('outcome').notNull().default('pending'),
    outcomeReason: text('outcome_reason'),
    /** The winning team's signature of the agreement (军令状 for 揭榜挂帅): when and by whom. */
    agreementSignedAt: timestamp('agreement_signed_at', { withTimezone: true }),
    agreementSignedBy: uuid('agreement_signed_by'),
    agreementSignerName: text('agreement_signer_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('challenge_bids_org_uq').on(t.challengeId, t.organizationId)],
);

/** The expert panel of a challenge. */
export const challengePanel = pgTable(
  'challenge_panel',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id),
    expertName: text('expert_name').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.expertId] })],
);

/** A conflict of interest an expert declared on a challenge: they may not sit on its panel. */
export const challengeConflicts = pgTable(
  'challenge_conflicts',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.expertId] })],
);

/** One expert's scores of one bid; `weightedBp` = Σ score × weight in basis points (÷ 10,000 for points). */
export const challengeScores = pgTable(
  'challenge_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => challengeBids.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    weightedBp: integer('weighted_bp').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('challenge_scores_uq').on(t.bidId, t.expertId)],
);

/** A milestone of a winning bid, from its award to its acceptance. */
export const challengeMilestones = pgTable(
  'challenge_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => challengeBids.id),
    n: integer('n').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    shareBp: integer('share_bp').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    deliverable: text('deliverable').notNull().default(''),
    status: text('status').notNull().default('pending'),
    reportNote: text('report_note'),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportedBy: uuid('reported_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    /** When the daily sweep last removed the files not named in its report; cleared when the milestone opens again (returned). */
    filesSweptAt: timestamp('files_swept_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('challenge_milestones_uq').on(t.bidId, t.n)],
);

/** What happened to a challenge, in order: its public timeline (and the participants' fuller one). */
export const challengeTimeline = pgTable(
  'challenge_timeline',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    /** The entry in Chinese as recorded; what is shown for entries without `params` (recorded before they were kept). */
    text: text('text').notNull(),
    /** The facts the entry names (names, fen, instants), worded in the reader's language from them; null on old entries. */
    params: jsonb('params').$type<TimelineParams>(),
    /** Shown on the public board (else only to participants and administrators). */
    visibility: text('visibility').notNull().default('public'),
    /** Insertion order: entries written in one transaction share `at` and read in the order they were recorded. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('challenge_timeline_idx').on(t.challengeId, t.at)],
);

/** An objection to an award in its notice period, lodged by a verified organisation and resolved by administrators. */
export const challengeObjections = pgTable(
  'challenge_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    organizationName: text('organization_name').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    /** pending | upheld | dismissed | closed (the award it was about was withdrawn on another objection). */
    status: text('status').notNull().default('pending'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('challenge_objections_idx').on(t.challengeId, t.createdAt)],
);

/** 研发众包: a small task of a crowdsourcing challenge, with its reward (fen) paid to each accepted submission up to its quota. */
export const challengeTasks = pgTable(
  'challenge_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    /** The task's number in its challenge (1, 2 …). */
    n: integer('n').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    rewardFen: bigint('reward_fen', { mode: 'number' }).notNull(),
    /** Submissions close here (null: at the challenge's deadline). */
    deadline: timestamp('deadline', { withTimezone: true }),
    quota: integer('quota').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('challenge_tasks_n_idx').on(t.challengeId, t.n)],
);

/** An open submission to a crowdsourcing task, by a verified organisation; accepted (its reward recorded as paid by the poser) or returned with the reason. */
export const challengeTaskSubmissions = pgTable(
  'challenge_task_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => challengeTasks.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    organizationName: text('organization_name').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    /** submitted | accepted | returned */
    status: text('status').notNull().default('submitted'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    /** Fen recorded as paid by the poser on acceptance (the task's reward then). */
    paidFen: bigint('paid_fen', { mode: 'number' }),
    /** YYYY-MM-DD (Asia/Shanghai) and the payment's reference, as the poser recorded them. */
    paidOn: date('paid_on', { mode: 'string' }),
    paymentReference: text('payment_reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('challenge_task_submissions_idx').on(t.taskId, t.createdAt), index('challenge_task_submissions_org_idx').on(t.organizationId)],
);

/**
 * A payment the poser made to a team whose bounty (悬赏) solution it accepted,
 * as the poser recorded it: the amount in fen, the day it was paid and the
 * voucher it can be traced by. Several tranches may be recorded; together they
 * never exceed the winning bid's budget (the commitment). Never changed or
 * removed once recorded.
 */
export const challengePayments = pgTable(
  'challenge_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => challengeBids.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** YYYY-MM-DD, Asia/Shanghai: the day the money left the poser. */
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    /** The voucher: a bank transfer number, an invoice or receipt number. */
    reference: text('reference').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('challenge_payments_idx').on(t.challengeId, t.recordedAt)],
);
