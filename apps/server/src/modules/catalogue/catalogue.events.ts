import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * What the catalogue announces: an administrator's decision on a submitted
 * achievement or demand. The payload names the record, its owner, the
 * decision and the reason (shown to the owner), and the administration that
 * decided.
 */
const reviewedPayload = z.object({
  recordType: z.enum(['achievement', 'demand']),
  recordId: z.uuid(),
  organizationId: z.uuid(),
  title: z.string(),
  decision: z.enum(['approve', 'return']),
  reason: z.string().nullable(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
});
export type RecordReviewed = z.infer<typeof reviewedPayload>;

export const achievementReviewed = defineEvent('achievement.reviewed', reviewedPayload);
export const demandReviewed = defineEvent('demand.reviewed', reviewedPayload);
export const reviewedEvents = { achievement: achievementReviewed, demand: demandReviewed } as const;

/**
 * A record (or a new version of it) is published: approved on review, or a
 * published record edited. Matching pushes react to it (push.handlers.ts).
 */
const publishedPayload = z.object({
  recordType: z.enum(['achievement', 'demand']),
  recordId: z.uuid(),
  organizationId: z.uuid(),
  /** The record's jurisdiction (GB/T 2260). */
  jurisdictionCode: z.string(),
  version: z.number().int(),
  /** GB/T 4754 section (absent in events published before it was added). */
  industry: z.string().optional(),
  /** When the change was made (ISO 8601): a later change of the same version is pushed again. */
  changedAt: z.string(),
});
export type RecordPublished = z.infer<typeof publishedPayload>;

export const achievementPublished = defineEvent('achievement.published', publishedPayload);
export const demandPublished = defineEvent('demand.published', publishedPayload);
export const publishedEvents = { achievement: achievementPublished, demand: demandPublished } as const;
