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
