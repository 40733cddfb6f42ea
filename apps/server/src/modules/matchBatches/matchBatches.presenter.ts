import type { BatchResultRow, BatchRow, ListHead } from './matchBatches.repository.ts';
import { matchBatchActions, type MatchBatchPolicy } from './matchBatches.policy.ts';

/** A batch without its results (lists of batches). */
export const presentBatch = (b: BatchRow, list: ListHead, policy: MatchBatchPolicy) => ({
  id: b.id,
  demandList: { id: list.id, title: list.title },
  status: b.status,
  total: b.total,
  done: b.done,
  top: b.top,
  error: b.error,
  createdAt: b.createdAt,
  finishedAt: b.finishedAt,
  allowedActions: matchBatchActions(policy),
});

/** One demand's matches. */
export const presentResult = (r: BatchResultRow) => ({
  demandId: r.demandId,
  position: r.position,
  title: r.title,
  matches: r.matches,
});
