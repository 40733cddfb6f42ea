import { z } from 'zod';
import { dateSchema } from './catalogueSchemas.ts';
import { jurisdictionCodeSchema, pageQuery } from './schemas.ts';
import { MONEY_MAX_FEN } from './tradingMoney.ts';
import { challengeTaskBody } from './challengeTasks.ts';
import { timelineParamsSchema } from './challengeTimeline.ts';

/**
 * Challenges (揭榜挂帅, 双向揭榜, 赛马制, 悬赏, 研发众包): a problem posted with
 * money on it, bids with milestones, an expert panel, an award and the
 * milestones accepted one by one. Shares and weights travel as decimals
 * between 0 and 1 and are held as basis points (1 = 10,000) so they add up
 * exactly; a decimal with more than four places is refused, never rounded.
 */

export const CHALLENGE_SCHEMES = ['jiebang_guashuai', 'two_way', 'racing', 'bounty', 'crowdsourcing'] as const;
export type ChallengeScheme = (typeof CHALLENGE_SCHEMES)[number];
/** 双向揭榜 only: 技术攻关 (paid after acceptance) or 成果转化 (funded by milestone). */
export const CHALLENGE_KINDS = ['breakthrough', 'conversion'] as const;
/** `notice`: awarded and in its public notice period (公示), open to objections; `awarded`: the award is final. */
export const CHALLENGE_STATUSES = ['pending_review', 'rejected', 'published', 'notice', 'awarded', 'completed', 'terminated'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
/** What the public board shows. */
export const PUBLIC_CHALLENGE_STATUSES = ['published', 'notice', 'awarded', 'completed', 'terminated'] as const;
/** Schemes that may award several bids at once. */
export const MULTI_WINNER_SCHEMES: readonly ChallengeScheme[] = ['racing', 'crowdsourcing'];
export const BID_CHECK_STATUSES = ['pending', 'passed', 'failed'] as const;
/** `ended`: a racing team ended at a stage gate (its milestones stop). */
export const BID_OUTCOMES = ['pending', 'won', 'not_chosen', 'failed_check', 'terminated', 'ended'] as const;
/** `stopped`: its team was ended at a racing stage gate. */
export const MILESTONE_STATUSES = ['pending', 'reported', 'accepted', 'returned', 'overdue', 'stopped'] as const;

/** The criteria a challenge is scored on when its poster names none (weights add up to 1). */
export const DEFAULT_CHALLENGE_CRITERIA = [
  { key: 'technical', name: '技术方案先进性与可行性', weight: 0.4 },
  { key: 'team', name: '团队能力与前期基础', weight: 0.3 },
  { key: 'budget', name: '经费预算合理性', weight: 0.15 },
  { key: 'schedule', name: '进度与里程碑安排', weight: 0.15 },
] as const;

export const BP_ONE = 10_000;

/**
 * A decimal between 0 and 1 as basis points, read from its shortest decimal
 * form (0.15 → 1500, 0.3333 → 3333), or null when it has more than four
 * decimal places or lies outside [0, 1]. No float arithmetic decides a sum.
 */
export function toBasisPoints(n: number): number | null {
  if (!Number.isFinite(n) || n < 0 || n > 1) return null;
  const m = /^(\d)(?:\.(\d{1,4}))?$/.exec(String(n));
  if (!m) return null;
  return Number(m[1]) * BP_ONE + Number((m[2] ?? '').padEnd(4, '0'));
}

/** Basis points back to the decimal people read (3333 → 0.3333). */
export const fromBasisPoints = (bp: number) => bp / BP_ONE;

const text = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);
const fen = z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(0, { message: 'err.money.range' }).max(MONEY_MAX_FEN, { message: 'err.money.range' });
const unitDecimal = (tooFine: string) =>
  z
    .number({ message: tooFine })
    .gt(0, { message: tooFine })
    .max(1, { message: tooFine })
    .refine((v) => toBasisPoints(v) !== null, { message: tooFine });

export const challengeCriterionSchema = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,29}$/, { message: 'err.challenge.criterionKey' }),
  name: text(50),
  weight: unitDecimal('err.challenge.weight'),
});

/** Criteria: distinct keys, weights adding up to exactly 1. */
export const challengeCriteriaSchema = z
  .array(challengeCriterionSchema)
  .min(1)
  .max(10)
  .superRefine((list, ctx) => {
    const keys = new Set<string>();
    list.forEach((c, i) => {
      if (keys.has(c.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'err.challenge.criterionDuplicate' });
      keys.add(c.key);
    });
    const sum = list.reduce((s, c) => s + (toBasisPoints(c.weight) ?? 0), 0);
    if (sum !== BP_ONE) ctx.addIssue({ code: 'custom', path: [], message: 'err.challenge.weightsSum' });
  });

export const createChallengeBody = z.object({
  scheme: z.enum(CHALLENGE_SCHEMES),
  kind: z.enum(CHALLENGE_KINDS).nullable().default(null),
  /** Taken from the demand when omitted and `demandId` is given. */
  title: text(200).optional(),
  description: z.string().trim().max(10_000).optional(),
  /** The posting organisation (a verified one of the caller's); an administrator may post without one. */
  organizationId: z.uuid().nullable().default(null),
  demandId: z.uuid().nullable().default(null),
  achievementId: z.uuid().nullable().default(null),
  /** Fen: the money on the challenge (the bounty, or the funding offered). */
  bounty: fen.nullable().default(null),
  /** Bids are taken until this instant (ISO 8601 with an offset, in the future). */
  deadline: z.iso.datetime({ offset: true, message: 'err.datetime' }),
  /** The region whose administrators review it (default: the organisation's). */
  jurisdiction: jurisdictionCodeSchema.optional(),
  requirements: z.string().trim().max(5000).default(''),
  criteria: challengeCriteriaSchema.optional(),
  /** 研发众包 only: accepted submissions are shown to the public (else only to the poser and the platform). */
  resultsPublic: z.boolean().default(false),
  /** 研发众包 only: its first tasks (more may be added while it is open); rewards × places within the bounty. */
  tasks: z.array(challengeTaskBody).max(50).default([]),
});
export type CreateChallengeBody = z.infer<typeof createChallengeBody>;

export const challengeReviewBody = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(1000).default('') })
  .refine((b) => b.decision === 'approve' || b.reason.length > 0, { path: ['reason'], message: 'err.reasonRequired' });

export const challengeQuery = pageQuery.extend({
  scheme: z.enum(CHALLENGE_SCHEMES).optional(),
  status: z.enum(CHALLENGE_STATUSES).optional(),
  /** A region: its challenges and those of the regions below it. */
  jurisdiction: jurisdictionCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
  /** board: the public board; mine: my organisations' challenges and bids; review: what my regions have to review. */
  scope: z.enum(['board', 'mine', 'review']).default('board'),
});
export type ChallengeQuery = z.infer<typeof challengeQuery>;

/** The board export's filters (administrators): the board's, without paging or scope. */
export const challengeExportQuery = challengeQuery.omit({ page: true, pageSize: true, scope: true });

export const bidMilestoneSchema = z.object({
  title: text(200),
  dueOn: dateSchema,
  share: unitDecimal('err.challenge.share'),
  deliverable: z.string().trim().max(2000).default(''),
});

export const createBidBody = z.object({
  organizationId: z.uuid(),
  team: text(2000),
  plan: text(10_000),
  budget: fen,
  milestones: z
    .array(bidMilestoneSchema)
    .min(1)
    .max(20)
    .superRefine((list, ctx) => {
      const sum = list.reduce((s, m) => s + (toBasisPoints(m.share) ?? 0), 0);
      if (sum !== BP_ONE) ctx.addIssue({ code: 'custom', path: [], message: 'err.challenge.sharesSum' });
    }),
});
export type CreateBidBody = z.infer<typeof createBidBody>;

export const bidCheckBody = z
  .object({ decision: z.enum(['pass', 'fail']), reason: z.string().trim().max(1000).default('') })
  .refine((b) => b.decision === 'pass' || b.reason.length > 0, { path: ['reason'], message: 'err.reasonRequired' });

export const panelBody = z.object({ expertIds: z.array(z.uuid()).min(1).max(15) });
export const conflictBody = z.object({ reason: text(500) });
/**
 * Replacing one panel member (the expert must avoid a bid that arrived after
 * the panel was set, or cannot serve): allowed while no one has scored a bid
 * the outgoing expert must avoid; the outgoing expert's scores are withdrawn
 * and the replacement scores every bid.
 */
export const panelReplaceBody = z.object({ expertId: z.uuid(), replacementId: z.uuid(), reason: text(500) });

export const scoreBody = z.object({
  scores: z.record(z.string(), z.number({ message: 'err.challenge.scoreScale' }).int({ message: 'err.challenge.scoreScale' }).min(0, { message: 'err.challenge.scoreScale' }).max(100, { message: 'err.challenge.scoreScale' })),
  comment: z.string().trim().max(2000).default(''),
});

/** Days an award stays in its public notice (公示) when the body names none. */
export const AWARD_NOTICE_DAYS = 5;
export const awardBody = z.object({
  bidIds: z.array(z.uuid()).min(1).max(50),
  note: z.string().trim().max(1000).default(''),
  /** The notice period in days (default 5). */
  noticeDays: z.number().int().min(1).max(30).default(AWARD_NOTICE_DAYS),
});

export const CHALLENGE_OBJECTION_STATUSES = ['pending', 'upheld', 'dismissed', 'closed'] as const;
/** An objection to an award in notice, lodged by a verified organisation. */
export const challengeObjectionBody = z.object({ organizationId: z.uuid(), reason: text(2000) });
export const challengeObjectionParams = z.object({ id: z.uuid(), objectionId: z.uuid() });
/** Uphold: the award is withdrawn and the challenge goes back to the panel's review; dismiss: the award stands. */
export const challengeObjectionResolveBody = z.object({ decision: z.enum(['uphold', 'dismiss']), reason: text(2000) });

export const milestoneParams = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1).max(20) });
/** `attachmentIds`: files uploaded to this milestone (`POST …/milestones/:n/attachments`) that the report hands in. */
export const milestoneReportBody = z.object({ note: z.string().trim().max(5000).default(''), attachmentIds: z.array(z.uuid()).max(20).default([]) });
/** `bidId` names the team when several were awarded (racing, crowdsourcing). */
export const milestoneAcceptBody = z.object({ bidId: z.uuid().optional(), comment: z.string().trim().max(2000).default('') });
export const milestoneReturnBody = z.object({ bidId: z.uuid().optional(), reason: text(2000) });
export const terminateBody = z.object({ reason: text(1000) });
/** A racing stage gate: the teams kept (among those still racing); every other racing team is ended with the reason. */
export const stageGateBody = z.object({ keepBidIds: z.array(z.uuid()).min(1).max(50), reason: text(2000) });

/**
 * 悬赏: the poser records a payment made to a team whose solution it accepted.
 * `amount` in fen (more than 0; all tranches together at most the winning
 * budget); `paidOn` the day it was paid (not in the future); `reference` the
 * voucher (transfer number, receipt). `bidId` when several teams won.
 */
export const bountyPaymentBody = z.object({
  bidId: z.uuid().optional(),
  amount: z.number({ message: 'err.challenge.paymentAmount' }).int({ message: 'err.challenge.paymentAmount' }).min(1, { message: 'err.challenge.paymentAmount' }).max(MONEY_MAX_FEN, { message: 'err.money.range' }),
  paidOn: dateSchema,
  reference: text(200),
  note: z.string().trim().max(1000).default(''),
});
export type BountyPaymentBody = z.infer<typeof bountyPaymentBody>;

// ---- responses

const instantOut = z.union([z.date(), z.string()]);
const ref = z.object({ id: z.string(), name: z.string().nullable() });

export const criterionDto = z.object({ key: z.string(), name: z.string(), weight: z.number() });

export const scoreResultDto = z.object({
  experts: z.number(),
  scored: z.number(),
  /** The trimmed mean of the weighted scores (highest and lowest dropped with three or more), two decimals. */
  mean: z.number().nullable(),
  spread: z.object({ min: z.number(), max: z.number() }).nullable(),
});

export const expertScoreDto = z.object({
  /** The expert's name for administrators and the expert; 专家 1, 2 … for others. */
  expert: z.string(),
  mine: z.boolean(),
  scores: z.record(z.string(), z.number()),
  weighted: z.number(),
  comment: z.string(),
  scoredAt: instantOut,
});

export const bidMilestoneDto = z.object({ n: z.number(), title: z.string(), dueOn: z.string(), share: z.number(), deliverable: z.string() });

export const bidOutcomeDto = z.object({ status: z.enum(BID_OUTCOMES), reason: z.string().nullable() });

export const bidDto = z.object({
  id: z.string(),
  challengeId: z.string(),
  organization: ref,
  team: z.string(),
  plan: z.string(),
  budget: z.number(),
  milestones: z.array(bidMilestoneDto),
  check: z.object({ status: z.enum(BID_CHECK_STATUSES), reason: z.string().nullable() }),
  outcome: bidOutcomeDto,
  /** The panel's scores, when the caller may see them (null otherwise). */
  scores: z.array(expertScoreDto).nullable(),
  result: scoreResultDto.nullable(),
  mine: z.boolean(),
  createdAt: instantOut,
  allowedActions: z.array(z.string()),
});
export type BidDto = z.infer<typeof bidDto>;

/** A file of a milestone report (a PDF or an image), served at `url` to those who see the milestone. */
export const milestoneFileDto = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int(), url: z.string(), createdAt: instantOut });
export type MilestoneFileDto = z.infer<typeof milestoneFileDto>;
export const milestoneFileParams = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1).max(20), attachmentId: z.uuid() });

export const milestoneDto = z.object({
  bidId: z.string(),
  organization: ref,
  n: z.number(),
  title: z.string(),
  dueOn: z.string(),
  share: z.number(),
  /** The bid's budget × share, in fen (the last milestone takes the remainder). */
  amount: z.number(),
  deliverable: z.string(),
  status: z.enum(MILESTONE_STATUSES),
  reportNote: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  /** The files of the report (those of `attachmentIds`, in order), with where to download each. */
  attachments: z.array(milestoneFileDto),
  reportedAt: instantOut.nullable(),
  decidedAt: instantOut.nullable(),
  decisionNote: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export type MilestoneDto = z.infer<typeof milestoneDto>;

/** `text` is in the reader's language; `params` (null on entries recorded before they were kept) let a page word it itself (see challengeTimeline.ts). */
export const timelineEntryDto = z.object({ at: instantOut, kind: z.string(), text: z.string(), params: timelineParamsSchema.nullable() });

/** 悬赏: what the poser committed to a winning team and the payments it recorded (the poser, the team, the panel, administrators). */
export const bountyPaymentsDto = z.object({
  bidId: z.string(),
  organization: ref,
  /** Fen: the winning budget, the most all payments may add up to. */
  committed: z.number(),
  paid: z.number(),
  remaining: z.number(),
  /** Every milestone of the team is accepted: payments may be recorded. */
  accepted: z.boolean(),
  records: z.array(z.object({ id: z.string(), amount: z.number(), paidOn: z.string(), reference: z.string(), note: z.string(), recordedBy: z.string(), recordedAt: instantOut })),
  /** `record`: the caller (the poser) may record a payment now. */
  allowedActions: z.array(z.string()),
});
export type BountyPaymentsDto = z.infer<typeof bountyPaymentsDto>;

/** An objection as the public sees it: no person named; the objecting organisation only for administrators and itself. */
export const challengeObjectionDto = z.object({
  id: z.string(),
  organization: ref.nullable(),
  reason: z.string(),
  status: z.enum(CHALLENGE_OBJECTION_STATUSES),
  resolution: z.string().nullable(),
  createdAt: instantOut,
  resolvedAt: instantOut.nullable(),
  mine: z.boolean(),
  allowedActions: z.array(z.string()),
});
export type ChallengeObjectionDto = z.infer<typeof challengeObjectionDto>;
export const challengeObjectionListDto = z.object({ items: z.array(challengeObjectionDto) });

/**
 * A solution shared: for 悬赏 the accepted solution (its final milestone's
 * report), shown to the verified organisations of the challenge's region
 * (the firms on the list) and not the public; for 研发众包 a submission,
 * shown to the poser and, once accepted, to the public where the poser allowed.
 */
export const challengeResultDto = z.object({
  bidId: z.string(),
  organization: ref,
  n: z.number(),
  title: z.string(),
  status: z.enum(MILESTONE_STATUSES),
  reportNote: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  attachments: z.array(milestoneFileDto),
  reportedAt: instantOut.nullable(),
  decidedAt: instantOut.nullable(),
});

export const challengeSummaryDto = z.object({
  id: z.string(),
  scheme: z.enum(CHALLENGE_SCHEMES),
  kind: z.enum(CHALLENGE_KINDS).nullable(),
  title: z.string(),
  organization: ref.nullable(),
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  bounty: z.number().nullable(),
  deadline: instantOut,
  status: z.enum(CHALLENGE_STATUSES),
  /** Published and before the deadline. */
  biddingOpen: z.boolean(),
  bidCount: z.number(),
  publishedAt: instantOut.nullable(),
  createdAt: instantOut,
  /** Awarded or completed: the winning organisations and the amounts awarded (fen); empty otherwise. */
  winners: z.array(z.object({ organizationName: z.string(), amount: z.number() })),
});
export type ChallengeSummaryDto = z.infer<typeof challengeSummaryDto>;

export const challengeListDto = z.object({ items: z.array(challengeSummaryDto), total: z.number(), page: z.number(), pageSize: z.number() });

export const challengeDto = challengeSummaryDto.extend({
  description: z.string(),
  requirements: z.string(),
  demandId: z.string().nullable(),
  achievementId: z.string().nullable(),
  criteria: z.array(criterionDto),
  reviewReason: z.string().nullable(),
  awardedAt: instantOut.nullable(),
  awardNote: z.string().nullable(),
  /** The award's public notice: until when objections are taken; null before an award. */
  notice: z.object({ endsAt: instantOut, final: z.boolean(), finalAt: instantOut.nullable() }).nullable(),
  objections: z.array(challengeObjectionDto),
  /** 研发众包: accepted submissions are public (the poser chose so when posting). */
  resultsPublic: z.boolean(),
  /** Who may see the results: bounty → firms on the list; crowdsourcing → the poser, and the public once accepted when allowed. */
  results: z.array(challengeResultDto),
  /** The caller's verified organisations that may object to the award in notice. */
  objectingOrganizations: z.array(ref),
  terminatedAt: instantOut.nullable(),
  terminationReason: z.string().nullable(),
  /** Public once awarded: who won and for how much. */
  winners: z.array(z.object({ bidId: z.string(), organization: ref, budget: z.number(), mean: z.number().nullable() })),
  /**
   * Administrators, while bids are scored: panel members who must not score a
   * bid (it came from their organisation, a declared conflict, or a bidder
   * they worked with in the past three years), with the reasons and whether
   * anyone has scored that bid yet (a replacement is possible only before).
   * Null for everyone else.
   */
  panelConflicts: z
    .array(z.object({ expert: z.object({ id: z.string(), name: z.string() }), bid: z.object({ id: z.string(), organization: ref }), reasons: z.array(z.string()), scored: z.boolean() }))
    .nullable(),
  /** The panel, for administrators, the poster and the panel itself. */
  panel: z.array(z.object({ id: z.string(), name: z.string(), scoredAll: z.boolean(), /** `replace` for administrators while the member has scored nothing (`POST /api/challenges/:id/panel/replace`). */ allowedActions: z.array(z.string()) })).nullable(),
  /** Every bid, for administrators, the poster (after the deadline) and the panel; else the caller's own. */
  bids: z.array(bidDto),
  milestones: z.array(milestoneDto),
  /** 悬赏 only: payments to each winning team, for the poser, the team, the panel and administrators (else empty). */
  payments: z.array(bountyPaymentsDto),
  timeline: z.array(timelineEntryDto),
  /** The caller's organisations that may still bid (verified, not the poster, not bid yet). */
  biddableOrganizations: z.array(ref),
  allowedActions: z.array(z.string()),
});
export type ChallengeDto = z.infer<typeof challengeDto>;

// ---- the agreement (军令状 for 揭榜挂帅) and the panel picker

/** Signing the agreement: the winning team's confirmation of its pledge. */
export const agreementSignBody = z.object({ confirm: z.literal(true, { message: 'err.challenge.signConfirm' }) });

/**
 * The winning plan as the agreement: for 揭榜挂帅 the responsibility pledge
 * (军令状) the team signs, for the other schemes the task agreement; its
 * parties, amounts, milestones and deadlines, read from the award. `final`
 * once the award's notice is over (a draft before).
 */
export const challengeAgreementDto = z.object({
  challengeId: z.string(),
  bidId: z.string(),
  /** pledge: 军令状 (揭榜挂帅); agreement: the other schemes' task agreement. */
  kind: z.enum(['pledge', 'agreement']),
  scheme: z.enum(CHALLENGE_SCHEMES),
  challengeKind: z.enum(CHALLENGE_KINDS).nullable(),
  challengeTitle: z.string(),
  requirements: z.string(),
  /** The issuing authority: the jurisdiction whose administrators published the list. */
  issuer: z.object({ code: z.string(), name: z.string() }),
  /** The posting organisation (null when an administrator posted a common problem). */
  poser: ref.nullable(),
  solver: ref,
  team: z.string(),
  plan: z.string(),
  /** The winning budget in fen: what the milestones add up to. */
  budget: z.number(),
  /** The challenge's bounty in fen (null: none stated). */
  bounty: z.number().nullable(),
  awardedAt: instantOut.nullable(),
  finalAt: instantOut.nullable(),
  final: z.boolean(),
  outcome: z.enum(BID_OUTCOMES),
  milestones: z.array(z.object({ n: z.number(), title: z.string(), dueOn: z.string(), share: z.number(), amount: z.number(), deliverable: z.string(), status: z.enum(MILESTONE_STATUSES) })),
  /** The last milestone's due date: the date the whole task is to be done by. */
  completeBy: z.string().nullable(),
  /** The pledges of the document, in order. */
  clauses: z.array(z.string()),
  signed: z.object({ at: instantOut, by: z.string() }).nullable(),
  allowedActions: z.array(z.string()),
});
export type ChallengeAgreementDto = z.infer<typeof challengeAgreementDto>;

/** An expert of the pool as the panel picker shows it: why they must be avoided, if they must. */
export const panelCandidateDto = z.object({
  id: z.string(),
  name: z.string(),
  organizations: z.array(z.string()),
  onPanel: z.boolean(),
  /** The avoidance reasons (回避原因), each naming the link; empty when the expert may sit on the panel. */
  avoid: z.array(z.string()),
  /**
   * The same reasons with what each rests on: `identity` (the platform's user or organisation
   * ids) or `name` (a fallback: someone the platform knows only by name, matched after
   * normalising 繁体/简体, full-width characters and spaces).
   */
  reasons: z.array(z.object({ text: z.string(), basis: z.enum(['identity', 'name']) })),
});
export type PanelCandidateDto = z.infer<typeof panelCandidateDto>;
export const panelCandidateListDto = z.object({ items: z.array(panelCandidateDto) });
export const panelCandidateQuery = z.object({ q: z.string().trim().max(50).optional() });
