import type { Actor } from '../../platform/actor.ts';
import { administers } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';

/**
 * Batch matching of a demand list is its administrators' work: those of the
 * list's jurisdiction subtree (and the platform administrator) start, read
 * and export batches; nobody else sees them.
 */
export function matchBatchPolicy(actor: Actor | null, list: { jurisdictionPath: string }, batch?: { status: string }) {
  const admin = administers(actor, list.jurisdictionPath);
  return {
    read: admin,
    start: admin,
    export: admin && batch?.status === 'done',
  };
}
export type MatchBatchPolicy = ReturnType<typeof matchBatchPolicy>;

export const matchBatchActions = (p: MatchBatchPolicy) => allowed(p).filter((a) => a !== 'read');
