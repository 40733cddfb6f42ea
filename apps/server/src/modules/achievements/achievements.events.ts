import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * An achievement's conversion was recorded (by its owner, or by the platform
 * when a deal of it was signed), in the transaction that recorded it. The
 * statistics count an achievement as converted from its first one.
 */
export const achievementConverted = defineEvent(
  'achievement.converted',
  z.object({
    achievementId: z.uuid(),
    conversionId: z.uuid(),
    /** transferred | licensed | equity | … */
    kind: z.string(),
    /** YYYY-MM-DD: when it was converted. */
    date: z.string(),
    /** Fen, when known. */
    amountFen: z.number().int().nullable(),
    jurisdictionCode: z.string(),
    /** GB/T 4754 section of the achievement. */
    industry: z.string(),
    title: z.string(),
  }),
);
export type AchievementConverted = z.infer<typeof achievementConverted.payload>;
