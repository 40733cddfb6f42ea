import type { DealStatus, ListingAction, ListingPhase } from '@kzt/shared';
import type { ListingWithNames } from './listings.names.ts';
import { registrationDeadline } from './listings.policy.ts';

export type ListingExtras = {
  phase: ListingPhase;
  allowedActions: ListingAction[];
  /** Reserve price and other confidential terms: the seller's side and administrators. */
  confidential: boolean;
  /** The caller's organisations, to say whether one of them leads an auction. */
  ownOrganizationIds: string[];
  openObjections?: number;
  deal?: { id: string; status: DealStatus } | null;
  now: Date;
};

/** The smallest bid an auction takes next: the start price, then the current price plus the increment. */
export const nextMinimum = (l: Pick<ListingWithNames, 'bidCount' | 'currentPriceFen' | 'priceFen' | 'incrementFen'>) =>
  l.bidCount > 0 ? l.currentPriceFen! + l.incrementFen! : l.priceFen;

/**
 * Whether the public knows an auction's reserve price: once bidding has
 * ended (its end passed, or the listing closed), and from then on
 * everywhere — the listing, the live floor, the price record and its print.
 */
export const reserveDisclosed = (phase: ListingPhase) => phase === 'ended' || phase === 'closed';

/** The auction part of a listing: what everyone sees live, and the reserve only for the seller's side. */
function presentAuction(l: ListingWithNames, x: ListingExtras) {
  const { incrementFen, depositFen, startsAt, endsAt, scheduledEndsAt, extendSeconds, maxExtensions } = l;
  // Creating an auction sets every one of its terms; a row without them is not an auction we can show.
  if (incrementFen == null || depositFen == null || !startsAt || !endsAt || !scheduledEndsAt || extendSeconds == null || maxExtensions == null) {
    throw new Error(`listing ${l.id}: auction terms missing`);
  }
  const ended = reserveDisclosed(x.phase);
  const reserveMet = l.reservePriceFen == null ? true : l.bidCount > 0 && l.currentPriceFen! >= l.reservePriceFen;
  return {
    startPrice: l.priceFen,
    currentPrice: l.bidCount > 0 ? l.currentPriceFen! : l.priceFen,
    nextMinimum: nextMinimum(l),
    increment: incrementFen,
    deposit: depositFen,
    startsAt,
    endsAt,
    scheduledEndsAt,
    extendSeconds,
    maxExtensions,
    extensions: l.extensions,
    bidCount: l.bidCount,
    hasReserve: l.reservePriceFen != null,
    // Whether the reserve is met is public once bidding has ended; before that only the seller's side knows.
    reserveMet: x.confidential || ended ? reserveMet : null,
    reservePrice: x.confidential || ended ? l.reservePriceFen : null,
    registrationEndsAt: registrationDeadline(l),
    depositAccount: l.depositAccount ?? null,
    leading: !!l.leaderOrganizationId && x.ownOrganizationIds.includes(l.leaderOrganizationId),
  };
}

/** A listing as the caller may see it; `serverTime` lets a browser's countdown correct its own clock. */
export function presentListing(l: ListingWithNames, x: ListingExtras) {
  return {
    id: l.id,
    achievement: { id: l.achievementId },
    title: l.title,
    description: l.description,
    kind: l.kind,
    transaction: l.transaction,
    status: l.status,
    phase: x.phase,
    organization: { id: l.organizationId, name: l.organizationName },
    agent: l.agentOrganizationId ? { id: l.agentOrganizationId, name: l.agentOrganizationName ?? '' } : null,
    demandId: l.demandId,
    jurisdictionCode: l.jurisdictionCode,
    industry: l.industry,
    price: l.priceFen,
    finalPrice: l.finalPriceFen,
    fixed: l.kind === 'fixed' ? { acceptance: l.acceptance } : null,
    negotiated:
      l.kind === 'negotiated'
        ? {
            buyer: l.buyerOrganizationId ? { id: l.buyerOrganizationId, name: l.buyerOrganizationName ?? '' } : null,
            agreedOn: l.agreedOn,
            noticeDays: l.noticeDays,
            noticeEndsAt: l.noticeEndsAt,
            openObjections: x.openObjections ?? 0,
          }
        : null,
    auction: l.kind === 'auction' ? presentAuction(l, x) : null,
    licence: l.licence,
    payment: l.payment,
    signDays: l.signDays,
    listedAt: l.listedAt,
    closedAt: l.closedAt,
    closeReason: l.closeReason,
    reviewReason: x.confidential ? l.reviewReason : null,
    deal: x.deal ?? null,
    createdAt: l.createdAt,
    version: l.version,
    serverTime: x.now,
    allowedActions: x.allowedActions,
  };
}
export type ListingDto = ReturnType<typeof presentListing>;

/** A listing in search results. */
export function presentListingSummary(l: ListingWithNames, x: Pick<ListingExtras, 'phase' | 'now'>) {
  return {
    id: l.id,
    achievementId: l.achievementId,
    title: l.title,
    kind: l.kind,
    transaction: l.transaction,
    status: l.status,
    phase: x.phase,
    organization: { id: l.organizationId, name: l.organizationName },
    jurisdictionCode: l.jurisdictionCode,
    industry: l.industry,
    price: l.priceFen,
    currentPrice: l.kind === 'auction' ? (l.bidCount > 0 ? l.currentPriceFen : l.priceFen) : null,
    finalPrice: l.finalPriceFen,
    bidCount: l.bidCount,
    startsAt: l.startsAt,
    endsAt: l.endsAt,
    noticeEndsAt: l.noticeEndsAt,
    listedAt: l.listedAt,
    closedAt: l.closedAt,
  };
}
