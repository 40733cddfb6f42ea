import { z } from 'zod';
import { pageQuery } from './schemas.ts';

/** Background jobs as an operator sees them: what failed or keeps retrying, and why. */
export const jobStatusFilter = z.enum(['failed', 'retrying', 'pending', 'running', 'done']);

export const jobsQuery = pageQuery.extend({
  status: jobStatusFilter.optional(),
  /** A job name or its prefix, e.g. `event:` for domain-event deliveries. */
  name: z.string().trim().min(1).max(100).optional(),
});
export type JobsQuery = z.infer<typeof jobsQuery>;

/** `GET /api/health`: the server answers and its database too (503 `degraded` when the database does not). */
export const healthDto = z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'unavailable']) });

export const jobView = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  runAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  lastError: z.string().nullable(),
  payload: z.unknown(),
});
export type JobView = z.infer<typeof jobView>;

export const jobsPage = z.object({ items: z.array(jobView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type JobsPage = z.infer<typeof jobsPage>;
