import type { ListingAction, ListingPhase } from '@kzt/shared';
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
  | 'leaderOrganizationId'
  | 'registrationEndsAt'
  | 'scheduledEndsAt'
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

/** Whether the caller is the owner (单位负责人) of the organisation. */
export const ownerOf = (actor: Actor | null, organizationId: string) => membershipIn(actor, organizationId)?.role === 'owner';

/**
 * Who acts for the seller in what commits it (withdrawing, accepting an
 * offer): the owner of the seller's organisation, the entrusted agency that
 * listed it, or the broker who listed it for the owner. A plain member of
 * the seller's organisation follows the listing but does not act.
 */
export function actsForSeller(actor: Actor | null, l: Pick<ListingLike, 'organizationId' | 'agentOrganizationId' | 'listedBy'>): boolean {
  if (!actor) return false;
  if (ownerOf(actor, l.organizationId)) return true;
  if (l.agentOrganizationId && membershipIn(actor, l.agentOrganizationId)) return true;
  return l.listedBy === actor.user.id && !membershipIn(actor, l.organizationId);
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
  const acts = actsForSeller(actor, l);
  const phase = phaseOf(l, now);
  const open = l.status === 'open';
  const signedIn = !!actor;
  const buying = seller ? [] : buyingOrganizations(actor, l);
  const canBuy = signedIn && buying.length > 0;
  // A leading bidder is not offered a bid against itself (unless it may bid for another organisation).
  const mayOutbid = buying.some((m) => m.organizationId !== l.leaderOrganizationId);
  const visible = (PUBLIC_STATUSES as readonly string[]).includes(l.status) && !!l.listedAt;
  return {
    read: visible || seller || admin || buyer,
    readConfidential: seller || admin,
    review: admin && l.status === 'pending_review',
    withdraw: acts && (l.status === 'pending_review' || (open && !(l.kind === 'auction' && (l.bidCount > 0 || phase === 'ended')))),
    offer: open && l.kind === 'fixed' && canBuy,
    chooseOffer: open && l.kind === 'fixed' && acts && l.acceptance === 'choose',
    // The administrators who resolve objections do not lodge them; objections come from verified organisations.
    object: open && l.kind === 'negotiated' && phase === 'notice' && signedIn && !seller && !buyer && !admin && !!actor?.memberships.some((m) => m.organizationStatus === 'verified'),
    resolveObjection: admin && l.kind === 'negotiated',
    recordDeposit: (seller || admin) && open && l.kind === 'auction' && (phase === 'upcoming' || phase === 'bidding'),
    // Offered to those with a verified organisation that may buy; whether it paid the deposit the bid itself checks.
    bid: open && l.kind === 'auction' && phase === 'bidding' && canBuy && mayOutbid,
    // 竞买报名: before the registration deadline, by a verified organisation that may buy (the service checks its own registrations).
    register: open && l.kind === 'auction' && (phase === 'upcoming' || phase === 'bidding') && canBuy && now < registrationDeadline(l),
  };
}
export type ListingPolicy = ReturnType<typeof listingPolicy>;

/** The actions the UI offers. */
export const listingActions = (p: ListingPolicy) => allowed(p).filter((a): a is ListingAction => a !== 'read' && a !== 'readConfidential');

/** Who may list an achievement: the owner of its organisation, or an agency or broker it entrusted (the service knows the entrustments). */
export function mayList(actor: Actor, achievement: { organizationId: string }, entrusted: boolean) {
  return ownerOf(actor, achievement.organizationId) || entrusted;
}

/**
 * An achievement's entrustments: the owner of its organisation entrusts and
 * revokes; a member may propose one, which takes effect when the owner
 * confirms it; administrators of its jurisdiction read them.
 */
export function entrustmentPolicy(actor: Actor, achievement: { organizationId: string; jurisdictionPath: string }) {
  const member = !!membershipIn(actor, achievement.organizationId);
  const owner = ownerOf(actor, achievement.organizationId);
  return { read: member || administers(actor, achievement.jurisdictionPath), propose: member, manage: owner };
}

/** When registrations to bid close: the listing's own deadline, else two hours before the scheduled end (at most half the bidding time before it). */
export function registrationDeadline(l: Pick<ListingRow, 'registrationEndsAt' | 'startsAt' | 'scheduledEndsAt' | 'endsAt'>): Date {
  if (l.registrationEndsAt) return l.registrationEndsAt;
  const end = (l.scheduledEndsAt ?? l.endsAt)!.getTime();
  return new Date(end - Math.min(2 * 3_600_000, (end - l.startsAt!.getTime()) / 2));
}

/** A jurisdiction's trading settings: its administrators (and the platform administrator) change them; everyone may read them. */
export const settingsPolicy = (actor: Actor, jurisdictionPath: string) => ({ update: administers(actor, jurisdictionPath) });
