import type { DealAction } from '@kzt/shared';
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
 * it is completed. Signing and cancelling commit an organisation: its owner
 * does them (for the seller also the entrusted agency), not a plain member.
 */
/** The caller's standing on a deal: the seller's side (with the entrusted agency), the buyer's, an administrator of its jurisdiction. */
export function dealRoles(actor: Actor, d: Pick<DealLike, 'sellerOrganizationId' | 'buyerOrganizationId' | 'agentOrganizationId' | 'jurisdictionPath'>) {
  const agent = !!d.agentOrganizationId && !!membershipIn(actor, d.agentOrganizationId);
  return {
    seller: !!membershipIn(actor, d.sellerOrganizationId) || agent,
    buyer: !!membershipIn(actor, d.buyerOrganizationId),
    /** Who commits a side (signing, cancelling): the owner of its organisation, or the entrusted agency for the seller. */
    sellerActs: membershipIn(actor, d.sellerOrganizationId)?.role === 'owner' || agent,
    buyerActs: membershipIn(actor, d.buyerOrganizationId)?.role === 'owner',
    admin: administers(actor, d.jurisdictionPath),
  };
}

/** The acts that commit an organisation, and so are its owner's. */
export const OWNER_ACTS = ['sign', 'cancel'] as const;

/** Who may take each action at all, whatever the deal's state: refusing them is 409 (state), anyone else 403. */
export const DEAL_ACTION_SIDES: Record<Exclude<keyof DealPolicy, 'read'>, (r: ReturnType<typeof dealRoles>) => boolean> = {
  confirm: (r) => r.seller || r.buyer,
  sign: (r) => r.sellerActs || r.buyerActs,
  recordPayment: (r) => r.seller,
  reportRevenue: (r) => r.buyer,
  complete: (r) => r.seller,
  cancel: (r) => r.sellerActs || r.buyerActs || r.admin,
};

export function dealPolicy(actor: Actor, d: DealLike, s: { outstanding: boolean }) {
  const { seller, buyer, admin, sellerActs, buyerActs } = dealRoles(actor, d);
  const pending = d.status === 'pending';
  const signed = d.status === 'signed';
  return {
    read: seller || buyer || admin,
    confirm: pending && ((seller && !d.sellerConfirmedAt) || (buyer && !d.buyerConfirmedAt)),
    sign: d.status === 'confirmed' && (sellerActs || buyerActs),
    recordPayment: signed && seller,
    reportRevenue: signed && buyer && d.payment?.plan === 'staged_royalty' && (d.payment?.royaltyBp ?? 0) > 0,
    complete: signed && seller && !s.outstanding,
    cancel: (pending || d.status === 'confirmed' || signed) && (sellerActs || buyerActs || admin),
  };
}
export type DealPolicy = ReturnType<typeof dealPolicy>;

export const dealActions = (p: DealPolicy) => allowed(p).filter((a): a is DealAction => a !== 'read');
