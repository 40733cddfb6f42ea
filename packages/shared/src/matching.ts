import { z } from 'zod';

/** Responses of the matching module: matches of a record (records, organisations, experts) and feedback on them. */
const instantOut = z.union([z.date(), z.string()]);

/** Why a record was proposed: `text` in the reader's language; `terms` the shared terms it names. */
export const matchReasonDto = z.object({ kind: z.string(), text: z.string(), terms: z.array(z.string()).optional() });
export type MatchReasonDto = z.infer<typeof matchReasonDto>;

export const myFeedbackDto = z.object({ verdict: z.string(), reasonCode: z.string().nullable(), reason: z.string().nullable() });

export const reviewSummaryDto = z.object({ count: z.number(), submitted: z.number(), averageScore: z.number().nullable(), recommend: z.number(), notRecommend: z.number() });

export const matchRecordDto = z.object({
  id: z.string(),
  title: z.string(),
  organization: z.object({ id: z.string(), name: z.string().nullable() }),
  industry: z.string().nullable(),
  jurisdictionCode: z.string().nullable(),
  publishedAt: instantOut.nullable(),
  stale: z.boolean(),
  /** Abstract only for this reader: no price, budget or modes. */
  restricted: z.boolean(),
  maturity: z.number().nullable().optional(),
  priceFen: z.number().nullable().optional(),
  transferModes: z.array(z.string()).optional(),
  budgetMinFen: z.number().nullable().optional(),
  budgetMaxFen: z.number().nullable().optional(),
  cooperationModes: z.array(z.string()).optional(),
});

export const matchItemDto = z.object({
  /** null for an anonymous (secret) match. */
  id: z.string().nullable(),
  type: z.enum(['achievement', 'demand']),
  score: z.number().nullable(),
  reasons: z.array(matchReasonDto),
  anonymous: z.boolean(),
  /** What POST /api/match-inquiries takes, for an anonymous match. */
  ref: z.string().optional(),
  record: matchRecordDto.nullable(),
  feedback: myFeedbackDto.nullable(),
  feedbackSummary: z.object({ interested: z.number(), notRelevant: z.number() }).nullable(),
  review: reviewSummaryDto.nullable(),
});

export const matchIntentDto = z.object({
  sentences: z.array(z.object({ text: z.string(), role: z.string() })),
  wanted: z.object({ min: z.number(), max: z.number() }).nullable(),
});

export const matchAnswerDto = z.object({
  source: z.object({ type: z.enum(['achievement', 'demand']), id: z.string(), title: z.string() }),
  intent: matchIntentDto.nullable(),
  items: z.array(matchItemDto),
});
export type MatchAnswerDto = z.infer<typeof matchAnswerDto>;

export const organizationMatchListDto = z.object({
  items: z.array(
    z.object({
      organization: z.object({ id: z.string(), name: z.string(), type: z.string().nullable() }),
      score: z.number(),
      reasons: z.array(matchReasonDto),
      records: z.array(z.object({ id: z.string(), title: z.string(), score: z.number() })),
    }),
  ),
});

export const expertMatchListDto = z.object({
  items: z.array(
    z.object({
      user: z.object({ id: z.string(), name: z.string() }),
      title: z.string().nullable(),
      fields: z.array(z.string()),
      organization: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
      score: z.number(),
      reasons: z.array(matchReasonDto),
    }),
  ),
});

export const matchFeedbackDto = z.object({
  id: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  targetId: z.string(),
  verdict: z.string(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  updatedAt: instantOut,
});

const feedbackRecordRef = z.object({ type: z.string(), id: z.string(), title: z.string().nullable() });
export const matchFeedbackPageDto = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      source: feedbackRecordRef,
      target: feedbackRecordRef,
      verdict: z.string(),
      reasonCode: z.string().nullable(),
      reason: z.string().nullable(),
      by: z.object({ name: z.string().nullable(), organization: z.string().nullable() }),
      updatedAt: instantOut,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ---- expert reviews (专家论证) and inquiries about secret matches (matchReviews module)

export const reviewExpertDto = z.object({
  user: z.object({ id: z.string(), name: z.string().nullable() }),
  status: z.string(),
  score: z.number().nullable(),
  opinion: z.string().nullable(),
  comment: z.string().nullable(),
  invitedAt: instantOut,
  submittedAt: instantOut.nullable(),
});

export const matchReviewDto = z.object({
  id: z.string(),
  demandId: z.string(),
  achievementId: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: instantOut,
  closedAt: instantOut.nullable(),
  experts: z.array(reviewExpertDto),
  allowedActions: z.array(z.string()),
});
export type MatchReviewDto = z.infer<typeof matchReviewDto>;

/** A new review, and the experts left out because they belong to one of the two parties. */
export const createdMatchReviewDto = matchReviewDto.extend({
  excluded: z.array(z.object({ user: z.object({ id: z.string(), name: z.string().nullable() }), reason: z.string(), message: z.string() })),
});

export const pairReviewsDto = z.object({
  demand: z.object({ id: z.string(), title: z.string() }),
  achievement: z.object({ id: z.string(), title: z.string() }),
  summary: reviewSummaryDto.nullable(),
  items: z.array(matchReviewDto),
});

const reviewRecordRef = z.object({ id: z.string(), title: z.string(), organization: z.object({ id: z.string(), name: z.string().nullable() }) });
export const reviewInvitationListDto = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      note: z.string().nullable(),
      requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
      createdAt: instantOut,
      demand: reviewRecordRef,
      achievement: reviewRecordRef,
      invitation: z.object({ status: z.string(), score: z.number().nullable(), opinion: z.string().nullable(), comment: z.string().nullable(), invitedAt: instantOut, submittedAt: instantOut.nullable() }),
      allowedActions: z.array(z.string()),
    }),
  ),
  total: z.number().int(),
});

const inquiryRecordRef = z.object({ type: z.string(), id: z.string(), title: z.string().nullable() });
export const matchInquiryDto = z.object({
  id: z.string(),
  source: inquiryRecordRef,
  target: inquiryRecordRef,
  requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  organization: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  message: z.string().nullable(),
  status: z.string(),
  answer: z.string().nullable(),
  createdAt: instantOut,
  handledAt: instantOut.nullable(),
  allowedActions: z.array(z.string()),
});
export const matchInquiryPageDto = z.object({ items: z.array(matchInquiryDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---- batch matching of a demand list (matchBatches module)

export const matchBatchDto = z.object({
  id: z.string(),
  demandList: z.object({ id: z.string(), title: z.string() }),
  status: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  top: z.number().int(),
  error: z.string().nullable(),
  createdAt: instantOut,
  finishedAt: instantOut.nullable(),
  allowedActions: z.array(z.string()),
});
export const matchBatchListDto = z.object({ items: z.array(matchBatchDto), total: z.number().int() });

export const matchBatchDetailDto = matchBatchDto.extend({
  results: z.array(
    z.object({
      demandId: z.string(),
      position: z.number().int(),
      title: z.string(),
      matches: z.array(z.object({ achievementId: z.string(), title: z.string(), organization: z.string(), score: z.number(), reasons: z.array(matchReasonDto) })),
    }),
  ),
});
