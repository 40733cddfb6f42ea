import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { listingQuery, dealQuery } from '@kzt/shared';
import { searchListings } from './listings.service.ts';
import { searchDeals } from './deals.service.ts';
import { tradingWorkRepository as repo } from './workbench.repository.ts';

/** How far ahead a payment counts as "due" on the workbench. */
export const PAYMENT_HORIZON_DAYS = 30;

/** Deals struck and not cancelled, for the home page's live counts. */
export const countDealsDone = (db: Db) => repo.dealsDone(db);

/**
 * What trading asks of the signed-in person (through their organisations):
 * registrations to confirm as seller, open auctions they take part in, deals
 * to sign, payments due as buyer (先使用后付费 instalments and royalties);
 * and their own listings.
 */
export async function tradingWorkOf(db: Db, actor: Actor, now = new Date()) {
  const orgs = actor.memberships.map((m) => m.organizationId);
  const until = new Date(now.getTime() + PAYMENT_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [registrationsToConfirm, auctions, dealsToSign, paymentsDue, listings, deals] = await Promise.all([
    repo.registrationsToConfirm(db, orgs),
    repo.auctionsJoined(db, orgs),
    repo.dealsToSign(db, orgs),
    repo.paymentsDue(db, orgs, until),
    orgs.length ? searchListings(db, actor, listingQuery.parse({ scope: 'mine', pageSize: 3 })) : null,
    orgs.length ? searchDeals(db, actor, dealQuery.parse({ scope: 'mine', pageSize: 1 })) : null,
  ]);
  return {
    registrationsToConfirm,
    auctions,
    dealsToSign,
    paymentsDue,
    listings: { items: listings?.items.map((l) => ({ id: l.id, title: l.title, status: l.status, kind: l.kind })) ?? [], total: listings?.total ?? 0 },
    deals: { total: deals?.total ?? 0 },
  };
}
