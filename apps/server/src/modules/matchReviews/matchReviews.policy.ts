import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn, pathWithin } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';
import { recordPolicy, type RecordLike } from '../catalogue/catalogue.policy.ts';

/** A proposed match: the demand and the achievement. */
export type Pair = { demand: RecordLike; achievement: RecordLike };

/**
 * What the policies need to know of the caller beyond the actor: the
 * jurisdiction path of their approved broker profile (null: none approved)
 * and whether their expert profile is approved. A claimed, unreviewed
 * profile grants nothing.
 */
export type Standing = { brokerPath: string | null; expert: boolean };

/** An approved broker acts on records of its own jurisdiction's subtree only. */
export const brokerOver = (s: Standing, path: string) => !!s.brokerPath && pathWithin(path, s.brokerPath);

/**
 * Who stands on the requesting side of a pair's expert confirmation:
 * administrators of either record's subtree (the platform administrator
 * among them) and approved brokers of either record's subtree ask experts; they and the members of either
 * party's organisation read the opinions. Nobody acts on a record they may
 * not read (a secret one is its insiders' only).
 */
export function pairPolicy(actor: Actor, pair: Pair, s: Standing) {
  const visible = recordPolicy(actor, pair.demand).read && recordPolicy(actor, pair.achievement).read;
  const admin = administers(actor, pair.demand.jurisdictionPath) || administers(actor, pair.achievement.jurisdictionPath);
  const party = !!membershipIn(actor, pair.demand.organizationId) || !!membershipIn(actor, pair.achievement.organizationId);
  const broker = brokerOver(s, pair.demand.jurisdictionPath) || brokerOver(s, pair.achievement.jurisdictionPath);
  return {
    visible,
    admin,
    request: visible && (admin || broker),
    read: visible && (admin || broker || party),
  };
}

export type ReviewLike = { requestedBy: string; status: string };
export type InvitationLike = { status: string } | undefined;

/**
 * One review: the requesting side reads it and its opinions; an invited
 * expert reads it and, while it is open, gives an opinion once or declines;
 * the requester or an administrator of either record closes it.
 */
export function reviewPolicy(actor: Actor, review: ReviewLike, pair: Pair, s: Standing, invitation: InvitationLike) {
  const side = pairPolicy(actor, pair, s);
  const open = review.status === 'open';
  const pending = invitation?.status === 'invited';
  return {
    read: side.read || !!invitation,
    readOpinions: side.read,
    /** The requester's note (an administrator's instructions to the experts): the requester, administrators and the invited experts. */
    readNote: side.admin || review.requestedBy === actor.user.id || !!invitation,
    /** Only an expert whose profile is approved gives an opinion. */
    submit: open && pending && s.expert,
    decline: open && pending,
    close: open && (review.requestedBy === actor.user.id || side.admin),
  };
}
export type ReviewPolicy = ReturnType<typeof reviewPolicy>;

export const reviewActions = (p: ReviewPolicy) => allowed(p).filter((a) => a !== 'read' && a !== 'readOpinions' && a !== 'readNote');

export type InquiryLike = { jurisdictionPath: string; requestedBy: string; status: string };

/**
 * An inquiry about a secret record: handled by administrators of the
 * record's subtree, the platform administrator and approved brokers of that
 * subtree; the inquirer
 * reads their own.
 */
export function inquiryPolicy(actor: Actor, inq: InquiryLike, s: Standing) {
  const handler = administers(actor, inq.jurisdictionPath) || brokerOver(s, inq.jurisdictionPath);
  return {
    read: handler || inq.requestedBy === actor.user.id,
    answer: handler && inq.status === 'open',
  };
}
export type InquiryPolicy = ReturnType<typeof inquiryPolicy>;

export const inquiryActions = (p: InquiryPolicy) => allowed(p).filter((a) => a !== 'read');
