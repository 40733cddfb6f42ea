import type { JobView } from '@kzt/shared';
import type { jobById } from '../../platform/jobs.ts';

type JobRow = NonNullable<Awaited<ReturnType<typeof jobById>>>;

export function presentJob(j: JobRow): JobView {
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    attempts: j.attempts,
    runAt: j.runAt.toISOString(),
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
    lastError: j.lastError,
    payload: j.payload,
  };
}
