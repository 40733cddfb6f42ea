import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { listingQuery, dealQuery } from '@kzt/shared';
import { entrustmentsOfAgent, searchListings } from './listings.service.ts';
import { searchDeals } from './deals.service.ts';
import { tradingWorkRepository as repo } from './workbench.repository.ts';

/** Deals struck and not cancelled, for the home page's live counts. */
export const countDealsDone = (db: Db) => repo.dealsDone(db);

/**
 * What trading asks of the signed-in person (through their organisations):
 * registrations to confirm as seller, open auctions they take part in, deals
 * to sign, payments due as buyer (先使用后付费 instalments and royalties),
 * achievements entrusted to them (an agency or a broker); and their own listings.
 */
export async function tradingWorkOf(db: Db, actor: Actor) {
  const orgs = actor.memberships.map((m) => m.organizationId);
  const [registrationsToConfirm, auctions, dealsToSign, paymentsDue, entrusted, listings, deals] = await Promise.all([
    repo.registrationsToConfirm(db, orgs),
    repo.auctionsJoined(db, orgs),
    repo.dealsToSign(db, orgs),
    repo.paymentsDue(db, orgs),
    entrustmentsOfAgent(db, { organizationIds: orgs, userId: actor.user.id }, { status: 'active' }),
    orgs.length ? searchListings(db, actor, listingQuery.parse({ scope: 'mine', pageSize: 3 })) : null,
    orgs.length ? searchDeals(db, actor, dealQuery.parse({ scope: 'mine', pageSize: 1 })) : null,
  ]);
  return {
    registrationsToConfirm,
    auctions,
    dealsToSign,
    paymentsDue,
    entrustments: entrusted.length,
    listings: { items: listings?.items.map((l) => ({ id: l.id, title: l.title, status: l.status, kind: l.kind })) ?? [], total: listings?.total ?? 0 },
    deals: { total: deals?.total ?? 0 },
  };
}
