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
