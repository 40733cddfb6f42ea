import type { Db } from './db/client.ts';
import { deliveryJobs } from './platform/events.ts';
import { JobRunner } from './platform/jobs.ts';
import type { Deps } from './platform/types.ts';
import { dispatchAll, HANDLERS } from './events.ts';
import { JOBS } from './jobs.ts';

/** The platform's job runner: every job, and the delivery of every domain event to its handlers. */
export function platformRunner(db: Db, log: { error: (o: object, m: string) => void }, deps?: Deps): JobRunner {
  return new JobRunner(db, [...JOBS, ...deliveryJobs(HANDLERS)], log, deps, (d) => dispatchAll(d, HANDLERS));
}
