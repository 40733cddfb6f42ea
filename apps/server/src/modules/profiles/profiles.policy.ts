import type { Actor } from '../../platform/actor.ts';
import { administers } from '../../platform/actor.ts';

export type ProfileLike = { userId: string; kind: string; status: string; jurisdictionPath: string | null };

/**
 * Who reviews a broker or expert profile: the administrators of its
 * jurisdiction's subtree (the platform administrator everywhere), never the
 * holder. A pending profile is approved or rejected; an approved one can be
 * withdrawn (rejected with a reason). A profile without a jurisdiction is the
 * platform administrator's to see, and cannot be approved until it names one.
 */
export function profileReviewPolicy(actor: Actor, p: ProfileLike) {
  const own = p.userId === actor.user.id;
  const reviewer = !own && (p.jurisdictionPath ? administers(actor, p.jurisdictionPath) : actor.user.isPlatformAdmin);
  return {
    read: reviewer,
    approve: reviewer && p.status === 'pending' && !!p.jurisdictionPath,
    reject: reviewer && p.status !== 'rejected',
  };
}
export type ProfileReviewPolicy = ReturnType<typeof profileReviewPolicy>;

/** Whether the people the queue lists are every profile (platform administrator), those of some subtrees, or none. */
export function reviewRoots(actor: Actor): string[] | null | false {
  if (actor.user.isPlatformAdmin) return null;
  if (actor.adminOf.length) return actor.adminOf.map((j) => j.path);
  return false;
}
