import type { ListingPhase } from '@kzt/shared';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';
import { PUBLIC_STATUSES, type ListingRow } from './listings.repository.ts';

export type ListingLike = Pick<
  ListingRow,
  | 'organizationId'
  | 'agentOrganizationId'
  | 'listedBy'
  | 'jurisdictionPath'
  | 'status'
  | 'kind'
  | 'listedAt'
  | 'startsAt'
  | 'endsAt'
  | 'noticeEndsAt'
  | 'acceptance'
  | 'bidCount'
  | 'buyerOrganizationId'
>;

/** Where an open listing stands in time: an auction before, during or after bidding; a negotiated price in or after its notice period. */
export function phaseOf(l: ListingLike, now: Date): ListingPhase {
  if (l.status === 'pending_review') return 'review';
  if (l.status !== 'open') return 'closed';
  const t = now.getTime();
  if (l.kind === 'auction') return t < l.startsAt!.getTime() ? 'upcoming' : t < l.endsAt!.getTime() ? 'bidding' : 'ended';
  if (l.kind === 'negotiated') return t < l.noticeEndsAt!.getTime() ? 'notice' : 'held';
  return 'open';
}

/** The seller's side of a listing: the owner's organisation, the entrusted agency that listed it, and the broker who listed it. */
export function onSellerSide(actor: Actor | null, l: Pick<ListingLike, 'organizationId' | 'agentOrganizationId' | 'listedBy'>): boolean {
  if (!actor) return false;
  return !!membershipIn(actor, l.organizationId) || (!!l.agentOrganizationId && !!membershipIn(actor, l.agentOrganizationId)) || l.listedBy === actor.user.id;
}

/** The caller's verified organisations that may buy from this listing (not the seller's, not the agent's). */
export function buyingOrganizations(actor: Actor | null, l: Pick<ListingLike, 'organizationId' | 'agentOrganizationId'>) {
  if (!actor) return [];
  return actor.memberships.filter((m) => m.organizationStatus === 'verified' && m.organizationId !== l.organizationId && m.organizationId !== l.agentOrganizationId);
}

/**
 * Who may do what with a listing. Everyone reads a listing that went live
 * (and its price record); the seller's side and the administrators of its
 * jurisdiction also read it before, and see what bidders do not: the
 * reserve price and who the bidders are. Buying (an offer or a bid) takes a
 * verified organisation that is not the seller's; whether it paid the
 * deposit the service checks.
 */
/** The caller's standing on a listing: its seller's side, an administrator of its jurisdiction, the buyer it was negotiated with. */
export function listingRoles(actor: Actor | null, l: ListingLike) {
  return {
    seller: onSellerSide(actor, l),
    admin: administers(actor, l.jurisdictionPath),
    buyer: !!l.buyerOrganizationId && !!membershipIn(actor, l.buyerOrganizationId),
  };
}

export function listingPolicy(actor: Actor | null, l: ListingLike, now = new Date()) {
  const { seller, admin, buyer } = listingRoles(actor, l);
  const phase = phaseOf(l, now);
  const open = l.status === 'open';
  const signedIn = !!actor;
  const canBuy = signedIn && !seller && buyingOrganizations(actor, l).length > 0;
  const visible = (PUBLIC_STATUSES as readonly string[]).includes(l.status) && !!l.listedAt;
  return {
    read: visible || seller || admin || buyer,
    readConfidential: seller || admin,
    review: admin && l.status === 'pending_review',
    withdraw: seller && (l.status === 'pending_review' || (open && !(l.kind === 'auction' && (l.bidCount > 0 || phase === 'ended')))),
    offer: open && l.kind === 'fixed' && canBuy,
    chooseOffer: open && l.kind === 'fixed' && seller && l.acceptance === 'choose',
    // The administrators who resolve objections do not lodge them.
    object: open && l.kind === 'negotiated' && phase === 'notice' && signedIn && !seller && !buyer && !admin,
    resolveObjection: admin && l.kind === 'negotiated',
    recordDeposit: (seller || admin) && open && l.kind === 'auction' && (phase === 'upcoming' || phase === 'bidding'),
    // Offered to those with a verified organisation that may buy; whether it paid the deposit the bid itself checks.
    bid: open && l.kind === 'auction' && phase === 'bidding' && canBuy,
  };
}
export type ListingPolicy = ReturnType<typeof listingPolicy>;

/** The actions the UI offers. */
export const listingActions = (p: ListingPolicy) => allowed(p).filter((a) => a !== 'read' && a !== 'readConfidential');

/** Who may list an achievement: its organisation's members, or an agency or broker it entrusted (the service knows the entrustments). */
export function mayList(actor: Actor, achievement: { organizationId: string }, entrusted: boolean) {
  return !!membershipIn(actor, achievement.organizationId) || entrusted;
}

/** Who manages an achievement's entrustments: members of its organisation; administrators of its jurisdiction read them. */
export function entrustmentPolicy(actor: Actor, achievement: { organizationId: string; jurisdictionPath: string }) {
  const member = !!membershipIn(actor, achievement.organizationId);
  return { read: member || administers(actor, achievement.jurisdictionPath), manage: member };
}

/** A jurisdiction's trading settings: its administrators (and the platform administrator) change them; everyone may read them. */
export const settingsPolicy = (actor: Actor, jurisdictionPath: string) => ({ update: administers(actor, jurisdictionPath) });
