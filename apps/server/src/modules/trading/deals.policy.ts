import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';
import type { DealRow } from './deals.repository.ts';

export type DealLike = Pick<
  DealRow,
  'sellerOrganizationId' | 'buyerOrganizationId' | 'agentOrganizationId' | 'jurisdictionPath' | 'status' | 'sellerConfirmedAt' | 'buyerConfirmedAt' | 'payment'
>;

/**
 * Who may do what with a deal: its two parties (the seller's side includes
 * the entrusted agency) and the administrators of its jurisdiction read it;
 * each party confirms once; either signs once both have confirmed; the
 * seller records the payments it receives; the licensee reports revenue for
 * royalties; a party or an administrator cancels it, with a reason, until
 * it is completed.
 */
/** The caller's standing on a deal: the seller's side (with the entrusted agency), the buyer's, an administrator of its jurisdiction. */
export function dealRoles(actor: Actor, d: Pick<DealLike, 'sellerOrganizationId' | 'buyerOrganizationId' | 'agentOrganizationId' | 'jurisdictionPath'>) {
  return {
    seller: !!membershipIn(actor, d.sellerOrganizationId) || (!!d.agentOrganizationId && !!membershipIn(actor, d.agentOrganizationId)),
    buyer: !!membershipIn(actor, d.buyerOrganizationId),
    admin: administers(actor, d.jurisdictionPath),
  };
}

/** Who may take each action at all, whatever the deal's state: refusing them is 409 (state), anyone else 403. */
export const DEAL_ACTION_SIDES: Record<Exclude<keyof DealPolicy, 'read'>, (r: ReturnType<typeof dealRoles>) => boolean> = {
  confirm: (r) => r.seller || r.buyer,
  sign: (r) => r.seller || r.buyer,
  recordPayment: (r) => r.seller,
  reportRevenue: (r) => r.buyer,
  complete: (r) => r.seller,
  cancel: (r) => r.seller || r.buyer || r.admin,
};

export function dealPolicy(actor: Actor, d: DealLike, s: { outstanding: boolean }) {
  const { seller, buyer, admin } = dealRoles(actor, d);
  const pending = d.status === 'pending';
  const signed = d.status === 'signed';
  return {
    read: seller || buyer || admin,
    confirm: pending && ((seller && !d.sellerConfirmedAt) || (buyer && !d.buyerConfirmedAt)),
    sign: d.status === 'confirmed' && (seller || buyer),
    recordPayment: signed && seller,
    reportRevenue: signed && buyer && d.payment?.plan === 'staged_royalty' && (d.payment?.royaltyBp ?? 0) > 0,
    complete: signed && seller && !s.outstanding,
    cancel: (pending || d.status === 'confirmed' || signed) && (seller || buyer || admin),
  };
}
export type DealPolicy = ReturnType<typeof dealPolicy>;

export const dealActions = (p: DealPolicy) => allowed(p).filter((a) => a !== 'read');
