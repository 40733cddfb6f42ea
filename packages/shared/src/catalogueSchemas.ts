import { z } from 'zod';
import {
  ACHIEVEMENT_TYPES,
  CONFIDENTIALITY_LEVELS,
  CONVERSION_KINDS,
  INDUSTRY_CODES,
  IP_KINDS,
  IP_STATUSES,
  RECORD_STATUSES,
  TRANSFER_MODES,
} from './catalogue.ts';
import { pageQuery } from './schemas.ts';

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const text = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);
const fen = z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(0, { message: 'err.money' }).max(1e15, { message: 'err.money' });
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'err.date' }).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'err.date' });

export const keywordsSchema = z.array(z.string().trim().min(1).max(30)).max(20);
export const industryTagsSchema = z.array(z.string().trim().min(1).max(30)).max(10);

export const ipItemSchema = z.object({
  number: text(50),
  kind: z.enum(IP_KINDS),
  status: z.enum(IP_STATUSES).default('granted'),
  title: z.string().trim().max(200).optional(),
});

/** Shares are percentages with at most two decimals; they are compared in basis points. */
export const completerSchema = z.object({
  name: text(50),
  organization: z.string().trim().max(100).optional(),
  share: z
    .number()
    .positive({ message: 'err.share.range' })
    .max(100, { message: 'err.share.range' })
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: 'err.share.decimals' }),
});

export const benefitSchema = z.object({
  metric: text(50),
  baseline: z.string().trim().max(50).optional(),
  value: z.string().trim().max(50),
  improvement: z.string().trim().max(100).optional(),
});

const completersSchema = z
  .array(completerSchema)
  .max(50)
  .superRefine((list, ctx) => {
    if (list.length === 0) return;
    const bp = list.reduce((s, c) => s + Math.round(c.share * 100), 0);
    if (bp !== 10000) ctx.addIssue({ code: 'custom', message: 'err.share.sum' });
  });

/** `price` in fen, or "面议" (negotiable) / null. */
export const priceSchema = z.union([fen, z.literal('面议'), z.null()]).transform((v) => (v === '面议' ? null : v));

/** Fields as they may be changed: no defaults, so a partial update touches only what it names. */
const achievementFields = {
  title: text(200),
  summary: z.string().trim().max(5000),
  keywords: keywordsSchema,
  type: z.enum(ACHIEVEMENT_TYPES),
  industry: z.enum(INDUSTRY_CODES),
  industryTags: industryTagsSchema,
  maturity: z.number({ message: 'err.maturity' }).int({ message: 'err.maturity' }).min(1, { message: 'err.maturity' }).max(9, { message: 'err.maturity' }),
  ip: z.array(ipItemSchema).max(50),
  completers: completersSchema,
  transferModes: z.array(z.enum(TRANSFER_MODES)).max(5),
  price: priceSchema,
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  benefits: z.array(benefitSchema).max(20),
  externalId: z.string().trim().max(100),
};

export const createAchievementBody = z.object({
  ...achievementFields,
  organizationId: z.uuid().optional(),
  summary: achievementFields.summary.default(''),
  keywords: achievementFields.keywords.default([]),
  industryTags: achievementFields.industryTags.default([]),
  ip: achievementFields.ip.default([]),
  completers: achievementFields.completers.default([]),
  transferModes: achievementFields.transferModes.default([]),
  price: achievementFields.price.default(null),
  confidentiality: achievementFields.confidentiality.default('public'),
  benefits: achievementFields.benefits.default([]),
  externalId: achievementFields.externalId.optional(),
});
export type CreateAchievementBody = z.infer<typeof createAchievementBody>;
export const updateAchievementBody = z.object(achievementFields).partial();
export type UpdateAchievementBody = z.infer<typeof updateAchievementBody>;

const budgetRefine = <T extends { budgetMin?: number | null; budgetMax?: number | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.budgetMin != null && v.budgetMax != null && v.budgetMin > v.budgetMax) {
    ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: 'err.budget.order' });
  }
};

const demandFields = {
  title: text(200),
  description: z.string().trim().max(5000),
  keywords: keywordsSchema,
  industry: z.enum(INDUSTRY_CODES),
  industryTags: industryTagsSchema,
  budgetMin: fen.nullable(),
  budgetMax: fen.nullable(),
  deadline: dateSchema.nullable(),
  cooperationModes: z.array(z.enum(TRANSFER_MODES)).max(5),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  commonProblem: z.boolean(),
  externalId: z.string().trim().max(100),
};

export const createDemandBody = z
  .object({
    ...demandFields,
    organizationId: z.uuid().optional(),
    description: demandFields.description.default(''),
    keywords: demandFields.keywords.default([]),
    industryTags: demandFields.industryTags.default([]),
    budgetMin: demandFields.budgetMin.default(null),
    budgetMax: demandFields.budgetMax.default(null),
    deadline: demandFields.deadline.default(null),
    cooperationModes: demandFields.cooperationModes.default([]),
    confidentiality: demandFields.confidentiality.default('public'),
    commonProblem: demandFields.commonProblem.default(false),
    externalId: demandFields.externalId.optional(),
  })
  .superRefine(budgetRefine);
export type CreateDemandBody = z.infer<typeof createDemandBody>;
export const updateDemandBody = z.object(demandFields).partial().superRefine(budgetRefine);
export type UpdateDemandBody = z.infer<typeof updateDemandBody>;

export const reviewBody = z
  .object({ decision: z.enum(['approve', 'return']), reason: z.string().trim().max(1000).optional() })
  .refine((v) => v.decision === 'approve' || !!v.reason, { message: 'err.reasonRequired', path: ['reason'] });

export const withdrawBody = z.object({ reason: z.string().trim().max(1000).optional() }).default({});

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20)).optional();

export const catalogueQuery = pageQuery.extend({
  q: z.string().max(200).optional(),
  industry: csv(z.enum(INDUSTRY_CODES)),
  jurisdictionCode: z.string().regex(/^\d{6}$/, { message: 'err.jurisdictionCode' }).optional(),
  ownerType: csv(z.string().max(30)),
  publishedFrom: dateSchema.optional(),
  publishedTo: dateSchema.optional(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  status: z.enum(RECORD_STATUSES).optional(),
  scope: z.enum(['catalogue', 'mine', 'review']).default('catalogue'),
  stale: z.enum(['true', 'false']).optional(),
});

export const achievementQuery = catalogueQuery.extend({
  type: csv(z.enum(ACHIEVEMENT_TYPES)),
  maturityMin: z.coerce.number().int().min(1).max(9).optional(),
  maturityMax: z.coerce.number().int().min(1).max(9).optional(),
  transferMode: csv(z.enum(TRANSFER_MODES)),
  priceMin: z.coerce.number().int().min(0).optional(),
  priceMax: z.coerce.number().int().min(0).optional(),
  unconverted: z.enum(['true', 'false']).optional(),
});
export type AchievementQuery = z.infer<typeof achievementQuery>;

export const demandQuery = catalogueQuery.extend({
  cooperationMode: csv(z.enum(TRANSFER_MODES)),
  budgetMin: z.coerce.number().int().min(0).optional(),
  budgetMax: z.coerce.number().int().min(0).optional(),
  commonProblem: z.enum(['true', 'false']).optional(),
});
export type DemandQuery = z.infer<typeof demandQuery>;

export const conversionBody = z.object({
  kind: z.enum(CONVERSION_KINDS),
  date: dateSchema,
  counterparty: text(100),
  amount: fen.nullable().default(null),
  note: z.string().trim().max(1000).optional(),
});

export const followupBody = z.object({
  year: z.number().int().min(2000).max(2100),
  status: z.enum(['not_started', 'in_progress', 'converted', 'stopped']),
  revenue: fen.nullable().default(null),
  note: z.string().trim().max(2000).optional(),
});

export const accessRequestBody = z.object({
  organizationId: z.uuid().optional(),
  reason: text(1000),
});
export const accessDecisionBody = z
  .object({ decision: z.enum(['approve', 'decline']), reason: z.string().trim().max(1000).optional() })
  .refine((v) => v.decision === 'approve' || !!v.reason, { message: 'err.reasonRequired', path: ['reason'] });

// ---- matching (issue 4)

export const MATCH_VERDICTS = ['interested', 'not_relevant'] as const;
export const MATCH_REASON_CODES = ['wrong_field', 'too_early', 'too_expensive', 'region', 'duplicate', 'other'] as const;

/** Filters of a record's matches, as in the catalogue; `limit` at most 50. */
export const matchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  industry: csv(z.enum(INDUSTRY_CODES)),
  jurisdictionCode: z.string().regex(/^\d{6}$/, { message: 'err.jurisdictionCode' }).optional(),
  maturityMin: z.coerce.number().int().min(1).max(9).optional(),
  maturityMax: z.coerce.number().int().min(1).max(9).optional(),
  transferMode: csv(z.enum(TRANSFER_MODES)),
  priceMax: z.coerce.number().int().min(0).optional(),
  cooperationMode: csv(z.enum(TRANSFER_MODES)),
  budgetMin: z.coerce.number().int().min(0).optional(),
});
export type MatchQueryParams = z.infer<typeof matchQuery>;

export const matchFeedbackBody = z
  .object({
    sourceType: z.enum(['achievement', 'demand']),
    sourceId: z.uuid(),
    targetId: z.uuid(),
    verdict: z.enum(MATCH_VERDICTS),
    reasonCode: z.enum(MATCH_REASON_CODES).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.verdict === 'interested' || !!v.reasonCode, { message: 'err.match.reasonCode', path: ['reasonCode'] });
export type MatchFeedbackBody = z.infer<typeof matchFeedbackBody>;
