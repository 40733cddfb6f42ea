import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';

/**
 * The events of a listing's price record (how its price was formed). Each
 * is an audit event of entity `listing`, written in the transaction that
 * makes the change, so the record is part of the hash chain and can be
 * verified event by event (priceRecord.service.ts).
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

export async function listingEvent(
  tx: Tx,
  ctx: RequestContext,
  listing: { id: string; organizationId: string; jurisdictionCode: string },
  event: ListingEvent,
  after: Record<string, unknown>,
) {
  return recordAudit(tx, ctx, {
    action: `listing.${event}`,
    entityType: 'listing',
    entityId: listing.id,
    organizationId: listing.organizationId,
    jurisdictionCode: listing.jurisdictionCode,
    after,
  });
}
