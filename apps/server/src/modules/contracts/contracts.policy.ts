import { administers, membershipIn, pathWithin, type Actor } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';
import { IMPORTING, type ContractRow, type PointRow } from './contracts.repository.ts';

/**
 * Who may do what with a contract. The seller's side (its organisation, or
 * the agency acting for it) and whoever entered it prepare and submit it;
 * the buyer records what it paid and the seller confirms receipt; the staff
 * of the registration point it was submitted to, and the administrators of
 * that point's jurisdiction, review, amend and terminate it. Administrators
 * of a jurisdiction where either party lies read it.
 */
export function contractRoles(actor: Actor, c: ContractRow, point: PointRow | undefined) {
  const seller = !!sellerMembership(actor, c);
  const buyer = !!c.buyerOrganizationId && !!membershipIn(actor, c.buyerOrganizationId);
  const desk = !!point && (point.staffUserIds.includes(actor.user.id) || administers(actor, point.jurisdictionPath));
  const admin = administers(actor, c.sellerPath) || administers(actor, c.buyerPath);
  return { seller: seller || c.createdBy === actor.user.id, sellerMember: seller, buyer, desk, admin };
}

/** The actor's membership in the seller's organisation or, failing that, its agency's (whose storage the seller's documents count against). */
export const sellerMembership = (actor: Actor, c: ContractRow) =>
  (c.sellerOrganizationId ? membershipIn(actor, c.sellerOrganizationId) : undefined) ?? (c.agencyOrganizationId ? membershipIn(actor, c.agencyOrganizationId) : undefined);

export function contractPolicy(actor: Actor, c: ContractRow, point: PointRow | undefined) {
  const r = contractRoles(actor, c, point);
  const editable = c.status === 'draft' || c.status === 'returned';
  const live = c.status !== 'refused' && c.status !== 'terminated';
  return {
    // A row of an import still running is nobody's yet (the import shows its rows all at once).
    read: c.status !== IMPORTING && (r.seller || r.buyer || r.desk || r.admin),
    update: editable && r.seller,
    submit: editable && r.seller,
    review: c.status === 'submitted' && r.desk,
    // An off-platform buyer cannot record: the seller records what it received.
    recordPayment: live && (r.buyer || (!c.buyerOrganizationId && r.seller)),
    amend: c.status === 'registered' && (r.seller || r.desk),
    terminate: c.status === 'registered' && (r.seller || r.desk),
    // 认定技术交易额 is the desk's to certify: on an amendment only point staff (and their administrators) set it.
    certify: c.status === 'registered' && r.desk,
    // The signed contract (PDF or scans) is the seller's side's to attach while it may still correct the contract.
    addDocument: editable && r.sellerMember,
  };
}
export type ContractPolicy = ReturnType<typeof contractPolicy>;
export const contractActions = (p: ContractPolicy) => allowed(p).filter((a) => a !== 'read') as ('update' | 'submit' | 'review' | 'recordPayment' | 'amend' | 'terminate' | 'certify' | 'addDocument')[];

/** Who may act at a jurisdiction's points: its administrators (and those above). */
export const managesPoints = (actor: Actor | null, jurisdictionPath: string) => administers(actor, jurisdictionPath);
export { pathWithin };
