import type { Actor } from '../../platform/actor.ts';
import { administers } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';

/** What the policy needs to know of a demand list. */
export type DemandListLike = { jurisdictionPath: string; status: string };

/**
 * Who may do what with a demand list: a published list is public; a draft is
 * seen, and every list is changed, by administrators of its jurisdiction's subtree.
 */
export function demandListPolicy(actor: Actor | null, l: DemandListLike) {
  const admin = administers(actor, l.jurisdictionPath);
  const published = l.status === 'published';
  return {
    read: published || admin,
    update: admin,
    compile: admin,
    publish: admin && !published,
    export: published || admin,
  };
}
export type DemandListPolicy = ReturnType<typeof demandListPolicy>;

export const demandListActions = (p: DemandListPolicy) => allowed(p).filter((a) => a !== 'read');
