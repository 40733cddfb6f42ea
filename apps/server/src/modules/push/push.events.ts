import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * Matches pushed to people because a record was published (or changed), in
 * the transaction that stored the pushes: one event per run, naming each new
 * push. The statistics count them in the published record's jurisdiction.
 */
export const matchesPushed = defineEvent(
  'match.pushed',
  z.object({
    /** The record whose publication caused the pushes. */
    recordType: z.enum(['achievement', 'demand']),
    recordId: z.uuid(),
    title: z.string(),
    jurisdictionCode: z.string(),
    industry: z.string(),
    /** YYYY-MM-DD, Asia/Shanghai. */
    date: z.string(),
    pushes: z.array(z.object({ pushId: z.uuid(), recordType: z.string(), sourceType: z.string() })),
  }),
);
export type MatchesPushed = z.infer<typeof matchesPushed.payload>;
