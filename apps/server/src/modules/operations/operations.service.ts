import type { JobsQuery } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/actor.ts';
import { forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { jobById, listJobs, retryJob as retry } from '../../platform/jobs.ts';
import { offsetOf, paged } from '../../platform/pagination.ts';
import { operationsPolicy } from './operations.policy.ts';
import { presentJob } from './operations.presenter.ts';

export async function listBackgroundJobs(db: Db, actor: Actor, q: JobsQuery) {
  if (!operationsPolicy(actor).readJobs) throw forbidden();
  const { page, pageSize, ...filter } = q;
  const { rows, total } = await listJobs(db, filter, { limit: pageSize, offset: offsetOf({ page, pageSize }) });
  return paged(rows.map(presentJob), total, { page, pageSize });
}

/** An operator sends a failed job (an event delivery among them) round again. */
export async function retryBackgroundJob(db: Db, ctx: RequestContext & { actor: Actor }, id: string) {
  if (!operationsPolicy(ctx.actor).retryJob) throw forbidden();
  return db.transaction(async (tx) => {
    const before = await jobById(tx, id);
    if (!before) throw notFound('job');
    const row = await retry(tx, id);
    if (!row) throw invalidState('operations.jobNotFailed');
    await recordAudit(tx, ctx, { action: 'job.retried', entityType: 'job', entityId: id, before: { status: before.status, attempts: before.attempts, lastError: before.lastError }, after: { status: row.status } });
    return presentJob(row);
  });
}
