import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';
import { recordPolicy, type RecordLike } from '../catalogue/catalogue.policy.ts';

/** A proposed match: the demand and the achievement. */
export type Pair = { demand: RecordLike; achievement: RecordLike };

/** What the policies need to know of the caller beyond the actor: whether they hold a broker profile. */
export type Standing = { broker: boolean };

/**
 * Who stands on the requesting side of a pair's expert confirmation:
 * administrators of either record's subtree (the platform administrator
 * among them) and brokers ask experts; they and the members of either
 * party's organisation read the opinions. Nobody acts on a record they may
 * not read (a secret one is its insiders' only).
 */
export function pairPolicy(actor: Actor, pair: Pair, s: Standing) {
  const visible = recordPolicy(actor, pair.demand).read && recordPolicy(actor, pair.achievement).read;
  const admin = administers(actor, pair.demand.jurisdictionPath) || administers(actor, pair.achievement.jurisdictionPath);
  const party = !!membershipIn(actor, pair.demand.organizationId) || !!membershipIn(actor, pair.achievement.organizationId);
  return {
    visible,
    admin,
    request: visible && (admin || s.broker),
    read: visible && (admin || s.broker || party),
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
    submit: open && pending,
    decline: open && pending,
    close: open && (review.requestedBy === actor.user.id || side.admin),
  };
}
export type ReviewPolicy = ReturnType<typeof reviewPolicy>;

export const reviewActions = (p: ReviewPolicy) => allowed(p).filter((a) => a !== 'read' && a !== 'readOpinions');

export type InquiryLike = { jurisdictionPath: string; requestedBy: string; status: string };

/**
 * An inquiry about a secret record: handled by administrators of the
 * record's subtree, the platform administrator and brokers; the inquirer
 * reads their own.
 */
export function inquiryPolicy(actor: Actor, inq: InquiryLike, s: Standing) {
  const handler = administers(actor, inq.jurisdictionPath) || s.broker;
  return {
    read: handler || inq.requestedBy === actor.user.id,
    answer: handler && inq.status === 'open',
  };
}
export type InquiryPolicy = ReturnType<typeof inquiryPolicy>;

export const inquiryActions = (p: InquiryPolicy) => allowed(p).filter((a) => a !== 'read');
