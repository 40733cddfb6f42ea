
/**
 * The events of a listing's price record (how its price was formed), the
 * audit actions `listing.<event>`. Each is an audit event of entity
 * `listing`, written in the transaction that makes the change, so the record
 * is part of the hash chain and can be verified event by event
 * (priceRecord.service.ts).
 */
export const LISTING_EVENTS = [
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'offer',
  'offerAccepted',
  'objection',
  'objectionResolved',
  'objectionVexatious',
  'registered',
  'registrationProof',
  'registrationConfirmed',
  'registrationRejected',
  'noticeEnded',
  'deposit',
  'bid',
  'closed',
  'dealCreated',
  'dealConfirmed',
  'dealSigned',
  'dealLapsed',
  'dealCancelled',
  'dealCompleted',
] as const;
export type ListingEvent = (typeof LISTING_EVENTS)[number];

/** Whom a listing's audit event is about; the caller writes it with its literal action, `recordAudit(tx, ctx, { ...listingAudit(l), action: 'listing.bid', after })`. */
export function listingAudit(listing: { id: string; organizationId: string; jurisdictionCode: string }) {
  return { entityType: 'listing', entityId: listing.id, organizationId: listing.organizationId, jurisdictionCode: listing.jurisdictionCode };
}
