import { z } from 'zod';

/** At most this many matches per demand. */
export const BATCH_MAX_TOP = 50;

export const demandListIdParams = z.object({ id: z.uuid() });
export const batchIdParams = z.object({ id: z.uuid() });

/** The body may be left out altogether (no content): then `top` is 10. */
export const createBatchBody = z.preprocess((v) => v ?? {}, z.object({ top: z.number().int().min(1).max(BATCH_MAX_TOP).default(10) }));
export type CreateBatchBody = z.infer<typeof createBatchBody>;

export const batchListQuery = z.object({ demandListId: z.uuid() });
