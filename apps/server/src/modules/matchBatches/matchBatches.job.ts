import { z } from 'zod';
import type { StoredMatch } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { pathWithin } from '../../platform/actor.ts';
import { defineJob } from '../../platform/jobs.ts';
import type { Deps } from '../../platform/types.ts';
import { failureMessage } from '../../platform/errors.ts';
import { jurisdictionViewer } from '../catalogue/catalogue.visibility.ts';
import { demandListDemands, demandListHead } from '../demandLists/demandLists.service.ts';
import { achievementHeads } from '../achievements/achievements.service.ts';
import { matchRecord, presentReasons } from '../matching/matching.service.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { matchBatchRepository as repo } from './matchBatches.repository.ts';

export const matchBatchPayload = z.object({ batchId: z.uuid() });
export type MatchBatchPayload = z.infer<typeof matchBatchPayload>;

/** Secret hits are left out of a batch; asking for this many more keeps `top` matches when some are. */
const SECRET_MARGIN = 10;
const HEARTBEAT_EVERY = 50;

export type MatchBatchRunOptions = { heartbeat?: () => Promise<void> };

/**
 * Matches each demand of the batch's list against the catalogue, in the
 * list's order, and stores each demand's best `top` achievements (secret
 * ones left out) with their reasons in Chinese; `done` counts the demands
 * matched so far. A retried attempt starts over (its earlier results are
 * removed first); a failure marks the batch failed and the runner retries.
 */
export async function runMatchBatch(db: Db, deps: Pick<Deps, 'db' | 'matching'>, batchId: string, opts: MatchBatchRunOptions = {}) {
  const batch = await repo.batch(db, batchId);
  if (!batch || batch.status === 'done') return;
  const list = await demandListHead(db, batch.demandListId);
  const demands = await demandListDemands(db, batch.demandListId);
  await db.transaction(async (tx) => {
    await repo.clearResults(tx, batchId);
    await repo.update(tx, batchId, { status: 'running', total: demands.length, done: 0, error: null, finishedAt: null });
  });
  try {
    for (const [i, demand] of demands.entries()) {
      // As the list's administrators may see the achievements (catalogue.visibility.ts): an abstract one outside their subtree ranks without its modes and price.
      const viewer = list ? jurisdictionViewer(list.jurisdictionPath) : undefined;
      const { hits } = await matchRecord(deps, { type: 'demand', id: demand.id }, { limit: batch.top + SECRET_MARGIN, viewer });
      const open = hits.filter((h) => !h.doc.secret);
      const found = await achievementHeads(db, open.map((h) => h.id), { published: true });
      const owners = await organizationNames(db, found.map((a) => a.organizationId));
      const named = new Map(found.map((a) => [a.id, { ...a, organizationName: owners.get(a.organizationId) ?? '' }]));
      const matches = open.flatMap((h): StoredMatch[] => {
        const a = named.get(h.id);
        if (!a) return [];
        // The batch is read by the list's administrators: an abstract achievement outside their subtree keeps its price and modes to itself.
        const restricted = a.confidentiality !== 'public' && !(list && pathWithin(a.jurisdictionPath, list.jurisdictionPath));
        return [{ achievementId: a.id, title: a.title, organization: a.organizationName, score: h.score, reasons: presentReasons(h.reasons, 'zh', restricted) }];
      });
      await db.transaction(async (tx) => {
        await repo.insertResult(tx, { batchId, demandId: demand.id, position: demand.position, title: demand.title, matches: matches.slice(0, batch.top) });
        await repo.update(tx, batchId, { done: i + 1 });
      });
      if ((i + 1) % HEARTBEAT_EVERY === 0) await opts.heartbeat?.();
    }
    await repo.update(db, batchId, { status: 'done', finishedAt: new Date() });
  } catch (err) {
    await repo.update(db, batchId, { status: 'failed', error: failureMessage(err), finishedAt: new Date() });
    throw err;
  }
}

export const matchBatchJob = defineJob({
  name: 'match.batch',
  version: 1,
  payload: matchBatchPayload,
  run: async (db, payload, job) => {
    if (!job.deps) throw new Error('match.batch needs the app’s match indexes (run the job runner with the app’s deps)');
    await runMatchBatch(db, { db, matching: job.deps.matching }, payload.batchId, { heartbeat: job.heartbeat });
  },
});
