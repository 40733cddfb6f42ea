import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * Someone answered a proposed (or pushed) match with a verdict — interested or
 * not relevant — in the transaction that stored it. A later change of the
 * verdict is announced again under the same feedback id.
 */
export const matchAnswered = defineEvent(
  'match.answered',
  z.object({
    feedbackId: z.uuid(),
    sourceType: z.enum(['achievement', 'demand']),
    sourceId: z.uuid(),
    targetId: z.uuid(),
    /** interested | not_relevant */
    verdict: z.string(),
    /** The jurisdiction of the record the match was proposed for. */
    jurisdictionCode: z.string(),
    /** YYYY-MM-DD, Asia/Shanghai. */
    date: z.string(),
  }),
);
export type MatchAnswered = z.infer<typeof matchAnswered.payload>;
