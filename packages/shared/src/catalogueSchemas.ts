import { z } from 'zod';
import {
  ACCESS_REQUEST_STATUSES,
  ACHIEVEMENT_TYPES,
  CONFIDENTIALITY_LEVELS,
  CONVERSION_KINDS,
  FOLLOWUP_STATUSES,
  INDUSTRY_CODES,
  IP_KINDS,
  IP_STATUSES,
  RECORD_ACTIONS,
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
  /** The completer's platform account, when they have one: an expert panel's avoidance then knows the person, not just the name. */
  userId: z.uuid().optional(),
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
  status: z.enum(FOLLOWUP_STATUSES),
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

// ---- responses: achievements and demands as the API shows them

const instantOut = z.union([z.date(), z.string()]);
const segments = z.array(z.object({ text: z.string(), hit: z.boolean() }));
/** Stored JSON items (IP, completers, benefits) as they were saved, possibly by an import. */
const storedItems = z.array(z.record(z.string(), z.unknown()));

/** What every reader of a record sees; an `abstract` record seen by an outsider shows only this (`restricted`). */
export const recordOpenDto = z.object({
  id: z.string(),
  title: z.string(),
  industry: z.enum(INDUSTRY_CODES),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  /** Never `importing`: an import's rows are seen by nobody until they are drafts. */
  status: z.enum(RECORD_STATUSES),
  organization: z.object({ id: z.string(), name: z.string() }),
  jurisdictionCode: z.string(),
  publishedAt: instantOut.nullable(),
  stale: z.boolean(),
  restricted: z.boolean(),
  allowedActions: z.array(z.enum(RECORD_ACTIONS)),
});
/** The fields only a reader with full access sees (absent when `restricted`). */
const recordFullDto = z.object({
  keywords: z.array(z.string()).optional(),
  industryTags: z.array(z.string()).optional(),
  ownerType: z.string().optional(),
  /** Only for those who may change the record. */
  externalId: z.string().nullable().optional(),
  confirmedAt: instantOut.nullable().optional(),
  reviewReason: z.string().nullable().optional(),
  version: z.number().int().optional(),
  createdAt: instantOut.optional(),
  updatedAt: instantOut.optional(),
});

export const achievementDto = recordOpenDto.extend({
  summary: z.string(),
  maturity: z.number().int(),
  maturityStage: z.string().nullable(),
  highlight: z.object({ title: segments, summary: segments }).optional(),
  ...recordFullDto.shape,
  type: z.enum(ACHIEVEMENT_TYPES).optional(),
  ip: storedItems.optional(),
  completers: storedItems.optional(),
  transferModes: z.array(z.enum(TRANSFER_MODES)).optional(),
  /** Fen; null is negotiable (面议). */
  price: z.number().nullable().optional(),
  priceNegotiable: z.boolean().optional(),
  benefits: storedItems.optional(),
  source: z.string().nullable().optional(),
  converted: z.boolean().optional(),
  unconvertedFlaggedAt: instantOut.nullable().optional(),
});
export type AchievementDto = z.infer<typeof achievementDto>;

export const demandDto = recordOpenDto.extend({
  description: z.string(),
  deadline: z.string().nullable(),
  commonProblem: z.boolean(),
  highlight: z.object({ title: segments, description: segments }).optional(),
  ...recordFullDto.shape,
  budgetMin: z.number().nullable().optional(),
  budgetMax: z.number().nullable().optional(),
  cooperationModes: z.array(z.enum(TRANSFER_MODES)).optional(),
});
export type DemandDto = z.infer<typeof demandDto>;

export const recordVersionListDto = z.object({ items: z.array(z.object({ version: z.number().int(), snapshot: z.record(z.string(), z.unknown()), createdAt: instantOut })), total: z.number().int() });

export const accessRequestDto = z.object({
  id: z.string(),
  recordId: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  requesterName: z.string().nullable(),
  reason: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  responseReason: z.string().nullable(),
  createdAt: instantOut,
  decidedAt: instantOut.nullable(),
});
export type AccessRequestDto = z.infer<typeof accessRequestDto>;
export const accessRequestListDto = z.object({ items: z.array(accessRequestDto), total: z.number().int() });

/** The request as decided (no user ids of who asked or decided). */
export const accessDecisionDto = z.object({
  id: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  organizationId: z.string(),
  reason: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  responseReason: z.string().nullable(),
  createdAt: instantOut,
  decidedAt: instantOut.nullable(),
});

/** A jurisdiction's freshness period; `inherited` when it has none of its own (the default or a parent's applies). */
export const catalogueSettingsDto = z.object({ jurisdictionCode: z.string(), staleAfterMonths: z.number().int().nullable(), inherited: z.boolean() });
export const catalogueSweepDto = z.object({ staleAchievements: z.number().int(), staleDemands: z.number().int(), unconverted: z.number().int() });

/** The administration that reviews a record, and why (its organisation's registered jurisdiction). */
export const reviewerDto = z.object({
  jurisdictionCode: z.string(),
  name: z.string(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
  reason: z.string(),
  reasonEn: z.string(),
});

export const conversionDto = z.object({
  id: z.string(),
  kind: z.enum(CONVERSION_KINDS),
  date: z.string(),
  counterparty: z.string(),
  amount: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: instantOut,
});
export const followupDto = z.object({ year: z.number().int(), status: z.enum(FOLLOWUP_STATUSES), revenue: z.number().nullable(), note: z.string().nullable(), updatedAt: instantOut });

export const achievementDetailDto = achievementDto.extend({
  reviewer: reviewerDto,
  conversions: z.array(conversionDto).optional(),
  followups: z.array(followupDto).optional(),
});
export type AchievementDetailDto = z.infer<typeof achievementDetailDto>;
export const demandDetailDto = demandDto.extend({ reviewer: reviewerDto });
export type DemandDetailDto = z.infer<typeof demandDetailDto>;

/** The facets of each catalogue list, in the order the filters show them. */
export const ACHIEVEMENT_FACETS = ['industry', 'type', 'maturity', 'ownerType', 'transferMode'] as const;
export const DEMAND_FACETS = ['industry', 'ownerType', 'cooperationMode', 'commonProblem'] as const;

/** How many of the matching records have one value of a facet (values are text: a maturity `'7'`, a flag `'true'`). */
export const facetCountDto = z.object({ value: z.string(), count: z.number().int() });
const facetsDto = <K extends string>(names: readonly K[]) =>
  z.object(Object.fromEntries(names.map((n) => [n, z.array(facetCountDto)])) as { [N in K]: z.ZodArray<typeof facetCountDto> });
const recordPage = <T extends z.ZodType, K extends string>(item: T, facetNames: readonly K[]) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** No record had every word: the results are those with some of them. */
    relaxed: z.boolean(),
    /** Every facet of the kind, each with its most frequent values (at most 30). */
    facets: facetsDto(facetNames),
  });
export const achievementPageDto = recordPage(achievementDto, ACHIEVEMENT_FACETS);
export const demandPageDto = recordPage(demandDto, DEMAND_FACETS);

// ---- demand lists (需求清单)

export const demandListDto = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  industry: z.string().nullable(),
  jurisdiction: z.object({ code: z.string(), name: z.string().nullable() }),
  status: z.string(),
  itemCount: z.number().int(),
  publishedAt: instantOut.nullable(),
  createdAt: instantOut,
  updatedAt: instantOut,
  allowedActions: z.array(z.string()),
});
export type DemandListDto = z.infer<typeof demandListDto>;
export const demandListPageDto = z.object({ items: z.array(demandListDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
/** A list with the demands in it, each as the demand catalogue shows it to the reader. */
export const demandListDetailDto = demandListDto.extend({ items: z.array(demandDto) });
export type DemandListDetailDto = z.infer<typeof demandListDetailDto>;
/** Items set: the accepted ids, each refused one with its reason, and the list as it now is. */
export const demandListItemsSetDto = z.object({
  accepted: z.array(z.string()),
  refused: z.array(z.object({ id: z.string(), reason: z.string(), message: z.string() })),
  list: demandListDetailDto,
});
export const demandListCompiledDto = z.object({ added: z.number().int(), list: demandListDetailDto });

// ---- imports of achievements and demands (Excel/CSV)

export const importDto = z.object({
  id: z.string(),
  kind: z.enum(['achievements', 'demands', 'contracts']),
  /** `checking`: a large file of contracts is being checked by a job; its report follows. */
  status: z.enum(['checking', 'validated', 'queued', 'importing', 'done', 'failed', 'discarded']),
  /** Null for an administrator's import of contracts without an organisation. */
  organizationId: z.string().nullable(),
  fileName: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  duplicateRows: z.number().int(),
  /** The per-row problems (detail only). */
  report: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })).optional(),
  error: z.string().nullable(),
  createdAt: instantOut,
  startedAt: instantOut.nullable(),
  finishedAt: instantOut.nullable(),
  allowedActions: z.array(z.string()),
});
export type ImportDto = z.infer<typeof importDto>;
export const importPageDto = z.object({ items: z.array(importDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
/** The dry run of an upload: the import, whether its report was cut, and the first valid rows as they would be imported. */
export const importDryRunDto = importDto.extend({ reportTruncated: z.boolean(), preview: z.array(z.record(z.string(), z.unknown())) });
