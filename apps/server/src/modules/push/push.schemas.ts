import { z } from 'zod';
import { INDUSTRY_CODES, jurisdictionCodeSchema, pageQuery } from '@kzt/shared';

export const PUSH_RECORD_TYPES = ['achievement', 'demand'] as const;
export type PushRecordType = (typeof PUSH_RECORD_TYPES)[number];
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/** A match is pushed when its score reaches this (1–99). */
export const PUSH_MIN_SCORE = 60;
/** How many matches of a new record are looked at for pushes. */
export const PUSH_MATCH_LIMIT = 20;
export const SUBSCRIPTION_MAX_ITEMS = 20;
export const KEYWORD_MAX_CHARS = 40;

const noDuplicates = <T>(items: T[]) => new Set(items).size === items.length;
const list = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).max(SUBSCRIPTION_MAX_ITEMS).refine(noDuplicates, { message: 'err.subscription.duplicate' });

const keyword = z.string().trim().min(1, { message: 'err.subscription.keyword' }).max(KEYWORD_MAX_CHARS, { message: 'err.subscription.keyword' });

const subscriptionFields = {
  name: z.string().trim().min(1, { message: 'err.required' }).max(50),
  recordType: z.enum(PUSH_RECORD_TYPES),
  keywords: list(keyword),
  industries: list(z.enum(INDUSTRY_CODES)),
  /** Jurisdiction codes: a record fits when it lies in one of their subtrees. */
  regions: list(jurisdictionCodeSchema),
  active: z.boolean(),
};

/** At least one of keywords, industries and regions narrows a subscription (the error names `keywords`). */
export const hasCriteria = (s: { keywords: string[]; industries: string[]; regions: string[] }) => s.keywords.length + s.industries.length + s.regions.length > 0;

export const createSubscriptionBody = z
  .object({
    ...subscriptionFields,
    keywords: subscriptionFields.keywords.default([]),
    industries: subscriptionFields.industries.default([]),
    regions: subscriptionFields.regions.default([]),
    active: subscriptionFields.active.default(true),
  })
  .strict()
  .refine(hasCriteria, { message: 'err.subscription.criteria', path: ['keywords'] });
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBody>;

/** A change of some fields; the criteria left after it are checked in the service. */
export const updateSubscriptionBody = z.object(subscriptionFields).partial().strict();
export type UpdateSubscriptionBody = z.infer<typeof updateSubscriptionBody>;

export const subscriptionIdParams = z.object({ id: z.uuid() });

export const pushesQuery = pageQuery;

export const pushSettingsBody = z
  .object({
    email: z.boolean(),
    sms: z.boolean(),
    dailyLimit: z.number({ message: 'err.pushSettings.dailyLimit' }).int({ message: 'err.pushSettings.dailyLimit' }).min(1, { message: 'err.pushSettings.dailyLimit' }).max(100, { message: 'err.pushSettings.dailyLimit' }),
  })
  .strict();
export type PushSettingsBody = z.infer<typeof pushSettingsBody>;

export const unsubscribeBody = z.object({ token: z.string().trim().min(1, { message: 'err.required' }).max(200) });

export const outboxQuery = pageQuery.extend({ status: z.enum(OUTBOX_STATUSES).default('pending') });
export type OutboxQuery = z.infer<typeof outboxQuery>;
export const outboxIdParams = z.object({ id: z.uuid() });
export const outboxFailedBody = z.object({ error: z.string().trim().min(1, { message: 'err.required' }).max(2000) });
