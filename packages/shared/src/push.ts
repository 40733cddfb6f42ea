import { z } from 'zod';
import { matchReasonDto, myFeedbackDto } from './matching.ts';

/** Responses of the push module: subscriptions, pushed matches, push settings and the e-mail/SMS outbox. */
const instantOut = z.union([z.date(), z.string()]);

export const subscriptionDto = z.object({
  id: z.string(),
  name: z.string(),
  recordType: z.enum(['achievement', 'demand']),
  keywords: z.array(z.string()),
  industries: z.array(z.string()),
  /** Jurisdiction codes. */
  regions: z.array(z.string()),
  active: z.boolean(),
  createdAt: instantOut,
  updatedAt: instantOut,
});
export type SubscriptionDto = z.infer<typeof subscriptionDto>;
export const subscriptionListDto = z.object({ items: z.array(subscriptionDto), total: z.number().int() });

/** One record pushed to the person; `score` is null for a push by subscription (not ranked). */
export const pushDto = z.object({
  id: z.string(),
  createdAt: instantOut,
  score: z.number().nullable(),
  reasons: z.array(matchReasonDto),
  source: z.object({ type: z.string(), id: z.string(), title: z.string().nullable() }),
  record: z.object({
    type: z.string(),
    id: z.string(),
    title: z.string(),
    organization: z.object({ id: z.string().nullable(), name: z.string() }),
    link: z.string(),
  }),
  feedback: myFeedbackDto.nullable(),
});
export type PushDto = z.infer<typeof pushDto>;
export const pushPageDto = z.object({ items: z.array(pushDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const pushSettingsDto = z.object({ email: z.boolean(), sms: z.boolean(), dailyLimit: z.number().int(), unsubscribedAt: instantOut.nullable() });
export type PushSettingsDto = z.infer<typeof pushSettingsDto>;

export const outboxMessageDto = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  channel: z.string(),
  address: z.string(),
  kind: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: instantOut,
  sentAt: instantOut.nullable(),
});
export const outboxPageDto = z.object({ items: z.array(outboxMessageDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
