import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { demandListPolicy } from '../demandLists/demandLists.policy.ts';
import { demandListHead, type DemandListHead } from '../demandLists/demandLists.service.ts';
import { matchBatchJob } from './matchBatches.job.ts';
import { matchBatchPolicy, type MatchBatchPolicy } from './matchBatches.policy.ts';
import { presentBatch, presentResult } from './matchBatches.presenter.ts';
import { matchBatchRepository as repo } from './matchBatches.repository.ts';
import type { CreateBatchBody } from './matchBatches.schemas.ts';

type Signed = RequestContext & { actor: Actor };

/** A demand list the actor may batch-match: 404 when they may not see the list, 403 when they see it but do not administer it. */
async function authorizeList(db: Executor, actor: Actor, listId: string): Promise<DemandListHead> {
  const list = await demandListHead(db, listId);
  if (!list || !demandListPolicy(actor, list).read) throw notFound('demandList');
  if (!matchBatchPolicy(actor, list).start) throw forbidden();
  return list;
}

/** A batch and its list, for the list's administrators only (404 for everyone else). */
async function authorizeBatch(db: Executor, actor: Actor, id: string, action: keyof MatchBatchPolicy) {
  const batch = await repo.batch(db, id);
  const list = batch && (await demandListHead(db, batch.demandListId));
  if (!batch || !list) throw notFound('matchBatch');
  const policy = matchBatchPolicy(actor, list, batch);
  if (!policy.read) throw notFound('matchBatch');
  if (!policy[action]) throw invalidState('err.matchBatch.notDone');
  return { batch, list, policy };
}

/** Starts matching every demand of a list, as a job; answers with the pending batch. */
export async function startBatch(db: Db, ctx: Signed, listId: string, body: CreateBatchBody) {
  const id = await db.transaction(async (tx) => {
    const list = await authorizeList(tx, ctx.actor, listId);
    const total = list.itemCount;
    if (!total) throw invalidState('err.matchBatch.empty');
    const batch = await repo.insert(tx, { demandListId: list.id, requestedBy: ctx.actor.user.id, top: body.top, status: 'pending', total });
    await scheduleJob(tx, matchBatchJob, { payload: { batchId: batch.id }, key: `match.batch:${batch.id}` });
    await recordAudit(tx, ctx, {
      action: 'matchBatch.create',
      entityType: 'matchBatch',
      entityId: batch.id,
      jurisdictionCode: list.jurisdictionCode,
      after: { demandListId: list.id, top: batch.top, total },
    });
    return batch.id;
  });
  return getBatch(db, ctx.actor, id);
}

/** A batch with its progress and the results so far, in the list's order. */
export async function getBatch(db: Db, actor: Actor, id: string) {
  const { batch, list, policy } = await authorizeBatch(db, actor, id, 'read');
  const results = await repo.results(db, id);
  return { ...presentBatch(batch, list, policy), results: results.map(presentResult) };
}

/** The batches of a list, the latest first (without their results). */
export async function listBatches(db: Db, actor: Actor, listId: string) {
  const list = await authorizeList(db, actor, listId);
  const rows = await repo.ofList(db, listId);
  const items = rows.map((b) => presentBatch(b, list, matchBatchPolicy(actor, list, b)));
  return { items, total: items.length };
}

/** A finished batch for its Excel export. */
export async function batchForExport(db: Db, actor: Actor, id: string) {
  const { batch, list } = await authorizeBatch(db, actor, id, 'export');
  return { batch, list, results: await repo.results(db, id) };
}
