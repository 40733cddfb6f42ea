import { formatFen } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { AppError, invalidState, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { authorizeListing, clock, eventTarget, notifySeller, refuse, unprocessable, type Signed } from './listings.access.ts';
import { announce } from './listings.live.ts';
import { actsForSeller, buyingOrganizations, listingRoles } from './listings.policy.ts';
import { listingRepository as repo } from './listings.repository.ts';
import { openDeal } from './deals.service.ts';
import { withOrganizationNames } from '../organizations/organizations.service.ts';
import { recordAudit } from '../../platform/audit.ts';
import { listingAudit } from './trading.events.ts';

/**
 * A fixed-price listing (挂牌): a verified buyer accepts the published
 * price — the first to accept gets the deal — or, when the owner chooses
 * among offers, makes an offer the owner may accept.
 */
export async function makeOffer(db: Db, ctx: Signed, id: string, body: { amount?: number; message: string; organizationId?: string }) {
  const now = clock(ctx);
  const result = await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true, now });
    if (!policy.offer) {
      if (l.status === 'open' && l.kind === 'fixed' && !buyingOrganizations(ctx.actor, l).length) {
        throw new AppError(403, 'forbidden', 'problem.forbidden', policy.readConfidential ? 'err.offer.owner' : 'err.offer.unverified');
      }
      refuse(!listingRoles(ctx.actor, l).seller, 'err.offer.closed');
    }
    const orgs = buyingOrganizations(ctx.actor, l);
    const org = body.organizationId ? orgs.find((m) => m.organizationId === body.organizationId) : orgs.length === 1 ? orgs[0] : undefined;
    if (!org) throw unprocessable('organizationId', body.organizationId && membershipIn(ctx.actor, body.organizationId) ? 'err.offer.unverified' : 'err.offer.chooseOrganization');
    const amount = body.amount ?? l.priceFen;
    if (l.acceptance === 'first' && amount !== l.priceFen) throw unprocessable('amount', 'err.offer.fixedPrice', { price: formatFen(l.priceFen) });
    if (await repo.pendingOfferOf(tx, l.id, org.organizationId)) throw new AppError(409, 'conflict', 'problem.conflict', 'err.offer.pending', {}, [{ path: 'organizationId', key: 'err.offer.pending' }]);
    const first = l.acceptance === 'first';
    const offer = await repo.insertOffer(tx, { listingId: l.id, organizationId: org.organizationId, userId: ctx.actor.user.id, amountFen: amount, message: body.message, status: first ? 'accepted' : 'pending', decidedAt: first ? now : null, createdAt: now });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.offer', after: { offerId: offer.id, organizationId: org.organizationId, amount, accepted: first } });
    if (first) {
      await sell(tx, ctx, l, offer, now);
    } else {
      await repo.update(tx, l.id, {});
      await notifySeller(tx, l, 'listing.offer', `「${l.title}」收到 ${org.organizationName} 的报价 ${formatFen(amount)}`, body.message || '请在挂牌页面查看并选择。', `:${offer.id}`, { title: `“${l.title}”: an offer of ${formatFen(amount, 'en')} from ${org.organizationName}`, body: body.message || 'See and choose on the listing page.' });
    }
    return offer;
  });
  announce({ listingId: id, kind: 'state' });
  return presentOffer({ ...result, organizationName: ctx.actor.memberships.find((m) => m.organizationId === result.organizationId)!.organizationName });
}

type Offer = Awaited<ReturnType<typeof repo.insertOffer>>;

async function sell(tx: Parameters<Parameters<Db['transaction']>[0]>[0], ctx: Signed, l: Awaited<ReturnType<typeof repo.byId>> & object, offer: Offer, now: Date) {
  await repo.decideOffers(tx, l.id, offer.id);
  await repo.update(tx, l.id, { status: 'sold', closedAt: now, finalPriceFen: offer.amountFen });
  await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.offerAccepted', after: { offerId: offer.id, organizationId: offer.organizationId, amount: offer.amountFen } });
  await openDeal(tx, ctx, { listing: l, buyerOrganizationId: offer.organizationId, amountFen: offer.amountFen, source: 'offer', offerId: offer.id, now });
}

/** The seller's side chooses an offer: the deal, and the other offers declined. */
export async function acceptOffer(db: Db, ctx: Signed, id: string, offerId: string) {
  const now = clock(ctx);
  await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true, now });
    const seller = listingRoles(ctx.actor, l).seller;
    // Accepting an offer commits the seller: its owner's act (or the entrusted agent's).
    if (seller && !actsForSeller(ctx.actor, l)) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.listing.ownerAct');
    if (!policy.chooseOffer) refuse(seller, 'err.offer.closed');
    const offer = await repo.offerById(tx, offerId, { lock: true });
    if (!offer || offer.listingId !== l.id) throw notFound('offer');
    if (offer.status !== 'pending') throw invalidState('err.offer.decided');
    const others = (await withOrganizationNames(tx, await repo.offers(tx, l.id))).filter((o) => o.status === 'pending' && o.id !== offer.id);
    await sell(tx, ctx, l, offer, now);
    await notifyMany(
      tx,
      others.map((o) => ({ organizationId: o.organizationId, kind: 'listing.offer.declined', dedupeKey: `listing.offer.declined:${o.id}`, title: `「${l.title}」已与其他受让方成交`, body: '感谢您的报价。', titleEn: `“${l.title}” was sold to another buyer`, bodyEn: 'Thank you for your offer.', link: `/listings/${l.id}` })),
    );
  });
  announce({ listingId: id, kind: 'state' });
}

const presentOffer = (o: Offer & { organizationName: string }) => ({
  id: o.id,
  organization: { id: o.organizationId, name: o.organizationName },
  amount: o.amountFen,
  message: o.message,
  status: o.status,
  createdAt: o.createdAt,
  decidedAt: o.decidedAt,
});

/** Offers: the seller's side and administrators see all, a buyer its own organisations'. */
export async function listOffers(db: Db, actor: Actor, id: string) {
  const { listing: l, policy } = await authorizeListing(db, actor, id);
  const rows = await withOrganizationNames(db, await repo.offers(db, l.id, policy.readConfidential ? undefined : actor.memberships.map((m) => m.organizationId)));
  return { items: rows.map(presentOffer), allowedActions: policy.chooseOffer ? (['accept'] as const).slice() : [] };
}
