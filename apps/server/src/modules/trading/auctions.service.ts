import { z } from 'zod';
import { BID_CONFIRM_FACTOR, bidderLabel, bidNeedsConfirmation, formatFen } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { systemContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { authorizeListing, clock, eventTarget, notifySeller, refuse, unprocessable, type Signed } from './listings.access.ts';
import { announce } from './listings.live.ts';
import { listingRoles, onSellerSide } from './listings.policy.ts';
import { nextMinimum } from './listings.presenter.ts';
import { listingRepository as repo, type BidRow, type DepositRow, type ListingRow } from './listings.repository.ts';
import { openDeal } from './deals.service.ts';
import { findOrganization, organizationNames, withOrganizationNames } from '../organizations/organizations.service.ts';
import { recordAudit } from '../../platform/audit.ts';
import { listingAudit } from './trading.events.ts';

/**
 * English auctions (竞价拍卖): deposits paid offline and recorded, bids that
 * are never withdrawn and made safe to retry by an idempotency key, an
 * anti-sniping extension, the close at the end (a job in the database, so
 * it happens after a restart too, and at start when the end passed while the
 * server was down), and the winner who does not sign in time losing the
 * deposit to the second bidder.
 */

const forbiddenBecause = (key: string) => new AppError(403, 'forbidden', 'problem.forbidden', key);

// ---- jobs

export const auctionCloseJob = defineJob({
  name: 'trading.auctionClose',
  version: 1,
  payload: z.object({ listingId: z.uuid() }),
  run: async (db, { listingId }) => {
    await closeAuction(db, listingId);
  },
});

/** The close of an auction is a job at its end; a bid that extends the end schedules the next one (the key carries the end). */
export async function scheduleAuctionClose(tx: Executor, l: Pick<ListingRow, 'id' | 'endsAt'>) {
  await scheduleJob(tx, auctionCloseJob, { payload: { listingId: l.id }, runAt: l.endsAt!, key: `trading.auctionClose:${l.id}:${l.endsAt!.getTime()}` });
}

// ---- bidder labels

/**
 * 竞买人1, 竞买人2…: bidders numbered in the order of their first bid, then
 * depositors who never bid in the order they paid. The public sees only
 * these; the bid list, the live floor and the price record use the same
 * numbering.
 */
export function bidderNumbers(bids: Pick<BidRow, 'organizationId'>[], deposits: Pick<DepositRow, 'organizationId'>[] = []) {
  const n = new Map<string, number>();
  for (const b of bids) if (!n.has(b.organizationId)) n.set(b.organizationId, n.size + 1);
  for (const d of deposits) if (!n.has(d.organizationId)) n.set(d.organizationId, n.size + 1);
  return n;
}

// ---- deposits

export async function recordDeposit(db: Db, ctx: Signed, id: string, body: { organizationId: string; amount: number; note: string }) {
  await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true });
    const roles = listingRoles(ctx.actor, l);
    if (!policy.recordDeposit) refuse(roles.seller || roles.admin, 'err.deposit.state');
    const org = await findOrganization(tx, body.organizationId);
    if (!org) throw unprocessable('organizationId', 'err.deposit.unknownOrganization');
    if (org.id === l.organizationId || org.id === l.agentOrganizationId) throw unprocessable('organizationId', 'err.deposit.seller');
    if (org.status !== 'verified') throw unprocessable('organizationId', 'err.deposit.unverified');
    if (body.amount < (l.depositFen ?? 0)) throw unprocessable('amount', 'err.deposit.short', { deposit: formatFen(l.depositFen ?? 0) });
    await repo.saveDeposit(tx, { listingId: l.id, organizationId: org.id, amountFen: body.amount, note: body.note, recordedBy: ctx.actor.user.id, createdAt: clock(ctx), updatedAt: clock(ctx) });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.deposit', after: { organizationId: org.id, amount: body.amount } });
    await notifyMany(tx, [
      {
        organizationId: org.id,
        kind: 'listing.deposit',
        dedupeKey: `listing.deposit:${l.id}:${org.id}:${body.amount}`,
        title: `「${l.title}」竞价保证金 ${formatFen(body.amount)} 已登记`,
        body: '竞价开始后即可出价；出价不可撤回。',
        titleEn: `Deposit of ${formatFen(body.amount, 'en')} recorded for “${l.title}”`,
        bodyEn: 'You may bid once the auction starts; bids cannot be withdrawn.',
        link: `/listings/${l.id}`,
      },
    ]);
  });
  return listDeposits(db, ctx.actor, id);
}

/** Deposits: the seller's side and administrators see all; an organisation its own. */
export async function listDeposits(db: Db, actor: Actor, id: string) {
  const { listing: l, policy } = await authorizeListing(db, actor, id);
  const rows = await withOrganizationNames(db, await repo.deposits(db, l.id, policy.readConfidential ? undefined : actor.memberships.map((m) => m.organizationId)));
  return {
    items: rows.map((d) => ({ id: d.id, organization: { id: d.organizationId, name: d.organizationName }, amount: d.amountFen, status: d.status, note: d.note, recordedAt: d.createdAt })),
    required: l.depositFen ?? 0,
    /** all: every organisation's (the seller's side, administrators); own: the caller's organisations' only. */
    scope: policy.readConfidential ? ('all' as const) : ('own' as const),
  };
}

// ---- bids

/** The organisation a person bids for: the one named, or their only verified one that is not the seller's. */
function biddingOrganization(actor: Actor, l: ListingRow, named: string | undefined): string {
  if (onSellerSide(actor, l)) throw forbiddenBecause('err.bid.owner');
  if (named) {
    const m = membershipIn(actor, named);
    if (!m) throw unprocessable('organizationId', 'err.bid.notMember');
    if (named === l.organizationId || named === l.agentOrganizationId) throw forbiddenBecause('err.bid.owner');
    if (m.organizationStatus !== 'verified') throw forbiddenBecause('err.bid.unverified');
    return named;
  }
  const verified = actor.memberships.filter((m) => m.organizationStatus === 'verified');
  if (!verified.length) throw forbiddenBecause(actor.memberships.length ? 'err.bid.unverified' : 'err.bid.noOrganization');
  if (verified.length > 1) throw unprocessable('organizationId', 'err.bid.chooseOrganization');
  return verified[0]!.organizationId;
}

export type PlacedBid = { bid: BidRow; replay: boolean; listing: ListingRow };

/**
 * Places a bid in one transaction that holds the listing's row lock, so bids
 * are ordered and each is checked against the price the one before it set.
 * The same person sending the same Idempotency-Key again gets the bid their
 * first request made (even after the auction ended), never a second one.
 */
export async function placeBid(db: Db, ctx: Signed, id: string, body: { amount: number; organizationId?: string; confirmed?: boolean }, key: string) {
  const floor = await knownTooLow(db, ctx, id, body, key);
  if (floor !== null) throw tooLow(floor);
  // One bid of a listing at a time in this server: those that queue behind a bid at the same price are then
  // refused from what that bid left, instead of each waiting for the row lock to learn it.
  return inLane(id, async () => {
    const after = await knownTooLow(db, ctx, id, body, key);
    if (after !== null) throw tooLow(after);
    return transact(db, ctx, id, body, key);
  });
}

/** The per-listing queues of this server's bids. */
const lanes = new Map<string, Promise<void>>();

async function inLane<T>(id: string, f: () => Promise<T>): Promise<T> {
  const before = lanes.get(id) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const tail = before.then(() => mine);
  lanes.set(id, tail);
  await before;
  try {
    return await f();
  } finally {
    release();
    if (lanes.get(id) === tail) lanes.delete(id);
  }
}

async function transact(db: Db, ctx: Signed, id: string, body: { amount: number; organizationId?: string; confirmed?: boolean }, key: string) {
  const placed = await db.transaction(async (tx): Promise<PlacedBid> => {
    const { listing: l } = await authorizeListing(tx, ctx.actor, id, { lock: true });
    // Who bids (403 for the seller's side, an unverified or missing organisation), then one look for the deposit and the key.
    const organizationId = biddingOrganization(ctx.actor, l, body.organizationId);
    const pre = await repo.bidPrecheck(tx, l.id, organizationId, ctx.actor.user.id, key);
    if (pre.earlier) {
      const earlier = (await repo.bidByKey(tx, l.id, ctx.actor.user.id, key))!;
      if (earlier.amountFen !== body.amount) throw new AppError(409, 'idempotency-key-reused', 'problem.conflict', 'err.bid.keyReused', {}, [{ path: 'Idempotency-Key', key: 'err.bid.keyReused' }]);
      return { bid: earlier, replay: true, listing: l };
    }
    const now = clock(ctx);
    if (l.kind !== 'auction') refuse(true, 'err.bid.notAuction');
    if (l.status !== 'open') refuse(true, 'err.bid.closed');
    if (now < l.startsAt!) refuse(true, 'err.bid.notStarted');
    if (now >= l.endsAt!) refuse(true, 'err.bid.ended');
    requireDeposit(l, pre);
    // The leading bidder does not bid against itself.
    if (l.leaderOrganizationId === organizationId) throw new AppError(409, 'bid-leading', 'problem.invalidState', 'err.bid.leading', {}, [{ path: 'amount', key: 'err.bid.leading' }]);
    const minimum = nextMinimum(l);
    remember(l);
    if (body.amount < minimum) throw tooLow(minimum);
    // A bid far above the minimum is taken only when the bidder says it means it: no client sends one by a slip.
    if (bidNeedsConfirmation(body.amount, minimum) && body.confirmed !== true) {
      throw new AppError(422, 'bid-unconfirmed', 'problem.validation', 'err.bid.unconfirmed', { amount: formatFen(body.amount), minimum: formatFen(minimum), factor: BID_CONFIRM_FACTOR }, [{ path: 'confirmed', key: 'err.bid.unconfirmed' }]);
    }
    // Anti-sniping: a bid in the last extendSeconds moves the end that much later, at most maxExtensions times.
    const extended = l.endsAt!.getTime() - now.getTime() < l.extendSeconds! * 1000 && l.extensions < l.maxExtensions!;
    const endsAt = extended ? new Date(l.endsAt!.getTime() + l.extendSeconds! * 1000) : l.endsAt!;
    const { bid, listing } = await repo.recordBid(tx, l, { organizationId, userId: ctx.actor.user.id, amountFen: body.amount, idempotencyKey: key, endsAt, extended }, now);
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.bid', after: { bidId: bid.id, seq: bid.seq, amount: bid.amountFen, organizationId, extended, endsAt: endsAt.toISOString() } });
    if (extended) await scheduleAuctionClose(tx, listing);
    return { bid, replay: false, listing };
  });
  // After the commit: what this server knows of the price only ever rises.
  remember(placed.listing);
  if (!placed.replay) announce({ listingId: id, kind: 'bid', bidSeq: placed.bid.seq });
  return placed;
}

const tooLow = (minimum: number) => new AppError(409, 'bid-too-low', 'problem.bid.tooLow', 'err.bid.tooLow', { minimum: formatFen(minimum) }, [{ path: 'amount', key: 'err.bid.tooLow' }]);

type Precheck = Awaited<ReturnType<typeof repo.bidPrecheck>>;

/** 403 unless the bidder holds the deposit the listing asks for (from a precheck: one look for the deposit and the key). */
function requireDeposit(l: Pick<ListingRow, 'depositFen'>, pre: Precheck) {
  if ((l.depositFen ?? 0) <= 0) return;
  if (pre.deposit == null || pre.depositStatus !== 'held' || pre.deposit < l.depositFen!) throw forbiddenBecause('err.bid.deposit');
}

/**
 * What this server last saw of each open auction: its row and the least the
 * next bid must be. Prices only rise, so a bid below that minimum is too low
 * whatever other servers have accepted since — and most bids in a busy
 * auction are such late ones. They are refused without the listing's lock;
 * every other bid takes the transaction, which decides.
 */
const known = new Map<string, { minimum: number; row: ListingRow }>();

function remember(l: ListingRow) {
  if (l.kind !== 'auction') return;
  if (l.status !== 'open') {
    known.delete(l.id);
    return;
  }
  const was = known.get(l.id);
  const minimum = nextMinimum(l);
  if (!was || minimum >= was.minimum) known.set(l.id, { minimum, row: l });
}

/**
 * The minimum when the bid is surely too low (null: let the transaction
 * decide). The answer is the one the transaction would give: the same
 * checks come first (the bidder's standing, the deposit), and a request
 * repeating an accepted bid's key is left to the transaction, which returns
 * that bid. A twin request whose bid is being accepted right now cannot be
 * refused here: had it been accepted, its amount would not be below a
 * minimum this server saw before it.
 */
async function knownTooLow(db: Db, ctx: Signed, id: string, body: { amount: number; organizationId?: string }, key: string): Promise<number | null> {
  const k = known.get(id);
  if (!k || body.amount >= k.minimum) return null;
  const now = clock(ctx).getTime();
  if (now < k.row.startsAt!.getTime() || now >= k.row.endsAt!.getTime()) return null;
  const organizationId = biddingOrganization(ctx.actor, k.row, body.organizationId);
  const pre = await repo.bidPrecheck(db, id, organizationId, ctx.actor.user.id, key);
  if (pre.earlier) return null;
  requireDeposit(k.row, pre);
  return k.minimum;
}

/** A bid as its bidder is told: the bid, and where the auction stands after it. */
export function presentPlacedBid({ bid, listing }: PlacedBid) {
  return {
    id: bid.id,
    seq: bid.seq,
    amount: bid.amountFen,
    at: bid.createdAt,
    extended: bid.extended,
    endsAt: bid.endsAt,
    auction: { currentPrice: listing.currentPriceFen ?? listing.priceFen, bidCount: listing.bidCount, endsAt: listing.endsAt ?? bid.endsAt, extensions: listing.extensions, nextMinimum: nextMinimum(listing) },
  };
}

/** A listing's bids, their bidders' numbers (竞买人N) and names, loaded once; bidsFor presents them to one viewer. */
export type BidsState = { bids: BidRow[]; numbers: Map<string, number>; names: Map<string, string> };

export async function loadBids(db: Executor, listingId: string): Promise<BidsState> {
  return moreBids(db, listingId, { bids: [], numbers: new Map(), names: new Map() });
}

/** The bids made since `state` was loaded, added to it (the live floor keeps one state per listing and reads only what is new). */
export async function moreBids(db: Executor, listingId: string, state: BidsState): Promise<BidsState> {
  const fresh = await repo.bidsAfter(db, listingId, state.bids.at(-1)?.seq ?? 0);
  if (!fresh.length) return state;
  const numbers = bidderNumbers([...state.bids, ...fresh]);
  const unnamed = [...new Set(fresh.map((b) => b.organizationId))].filter((o) => !state.names.has(o));
  const names = new Map([...state.names, ...(await organizationNames(db, unnamed))]);
  return { bids: [...state.bids, ...fresh], numbers, names };
}

/** Bids in time order (after `afterSeq`): the public sees 竞买人N, the seller's side and administrators (`confidential`) the organisations. */
export function bidsFor(state: BidsState, viewer: { actor: Actor | null; confidential: boolean; lang: 'zh' | 'en' }, afterSeq = 0) {
  const own = new Set(viewer.actor?.memberships.map((m) => m.organizationId) ?? []);
  // Bids are numbered 1, 2… without gaps: those after afterSeq start at that index.
  return state.bids.slice(Math.max(0, Math.min(afterSeq, state.bids.length))).map((b) => ({
    seq: b.seq,
    bidder: bidderLabel(state.numbers.get(b.organizationId)!, viewer.lang),
    organization: viewer.confidential ? { id: b.organizationId, name: state.names.get(b.organizationId) ?? '' } : null,
    mine: own.has(b.organizationId),
    amount: b.amountFen,
    at: b.createdAt,
    extended: b.extended,
    endsAt: b.endsAt,
  }));
}

export async function listBids(db: Db, actor: Actor | null, id: string, lang: 'zh' | 'en' = 'zh') {
  const { listing: l, policy } = await authorizeListing(db, actor, id);
  return { items: bidsFor(await loadBids(db, l.id), { actor, confidential: policy.readConfidential, lang }) };
}

// ---- close

/**
 * Closes an auction whose end has passed: the highest bid at or above the
 * reserve wins and a deal is opened; otherwise the auction fails. Deposits
 * of everyone but the winner and the second bidder are to be returned.
 * Idempotent: a listing already closed, or whose end moved later, is left as
 * it is (the later end has its own job).
 */
export async function closeAuction(db: Db, listingId: string, now = new Date()) {
  const closed = await db.transaction(async (tx) => {
    const l = await repo.byId(tx, listingId, { lock: true });
    if (!l || l.kind !== 'auction' || l.status !== 'open') return false;
    known.delete(l.id);
    if (l.endsAt!.getTime() > now.getTime()) {
      await scheduleAuctionClose(tx, l);
      return false;
    }
    const ctx = { ...systemContext(`trading.auctionClose:${l.id}`), now };
    const best = await repo.bestBidsByOrganization(tx, l.id);
    const winner = best[0];
    const reserveMet = !!winner && (l.reservePriceFen == null || winner.amountFen >= l.reservePriceFen);
    if (!reserveMet) {
      const reason = winner ? 'reserve_not_met' : 'no_bids';
      await repo.update(tx, l.id, { status: 'failed', closedAt: now, closeReason: reason });
      await repo.setDepositStatus(tx, l.id, 'all', 'released');
      await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.closed', after: { result: 'failed', reason, bids: l.bidCount, highest: winner?.amountFen ?? null, reservePrice: l.reservePriceFen } });
      await notifySeller(tx, l, 'listing.failed', `「${l.title}」竞价结束，${winner ? '最高出价未达到保留价' : '无人出价'}，流拍`, '可调整价格后重新挂牌。', '', { title: `The auction of “${l.title}” ended unsold: ${winner ? 'the highest bid did not reach the reserve' : 'no bids'}`, body: 'You may adjust the price and list it again.' });
      await notifyMany(
        tx,
        (await withOrganizationNames(tx, await repo.deposits(tx, l.id))).map((d) => ({
          organizationId: d.organizationId,
          kind: 'listing.lost',
          dedupeKey: `listing.lost:${l.id}:${d.organizationId}`,
          title: `「${l.title}」竞价结束，未成交`,
          body: '保证金将予退还。',
          titleEn: `The auction of “${l.title}” ended without a sale`,
          bodyEn: 'Your deposit will be refunded.',
          link: `/listings/${l.id}`,
        })),
      );
      return true;
    }
    await repo.update(tx, l.id, { status: 'sold', closedAt: now, finalPriceFen: winner.amountFen });
    const second = best[1];
    // The winner's deposit is applied to the price; everyone else's is to be refunded.
    const deposits = await repo.deposits(tx, l.id);
    const others = deposits.map((d) => d.organizationId).filter((o) => o !== winner.organizationId);
    const winnerDeposit = deposits.find((d) => d.organizationId === winner.organizationId && d.status === 'held');
    if (winnerDeposit) await repo.setDepositStatus(tx, l.id, [winner.organizationId], 'applied');
    if (others.length) await repo.setDepositStatus(tx, l.id, others, 'released');
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.closed', after: {
      result: 'sold',
      bids: l.bidCount,
      winnerOrganizationId: winner.organizationId,
      amount: winner.amountFen,
      reservePrice: l.reservePriceFen,
      extensions: l.extensions,
      depositApplied: winnerDeposit?.amountFen ?? 0,
      depositsRefunded: deposits.filter((d) => d.organizationId !== winner.organizationId && d.status === 'held').length,
    } });
    await openDeal(tx, ctx, { listing: l, buyerOrganizationId: winner.organizationId, amountFen: winner.amountFen, source: 'auction', bidId: winner.id, now });
    // Every registrant or bidder that did not win: the result, and the deposit to be refunded.
    const losers = [...new Set([...best.slice(1).map((b) => b.organizationId), ...others])];
    await notifyMany(tx, [
      ...(winnerDeposit
        ? [
            {
              organizationId: winner.organizationId,
              kind: 'listing.depositApplied',
              dedupeKey: `listing.depositApplied:${l.id}:${winner.organizationId}`,
              title: `「${l.title}」竞得：保证金 ${formatFen(winnerDeposit.amountFen)} 已抵作价款`,
              body: `成交价 ${formatFen(winner.amountFen)}，扣除保证金后应付 ${formatFen(winner.amountFen - winnerDeposit.amountFen)}。`,
              titleEn: `You won “${l.title}”: your deposit of ${formatFen(winnerDeposit.amountFen, 'en')} counts towards the price`,
              bodyEn: `Price ${formatFen(winner.amountFen, 'en')}; ${formatFen(winner.amountFen - winnerDeposit.amountFen, 'en')} remains to pay.`,
              link: `/listings/${l.id}`,
            },
          ]
        : []),
      ...losers.map((organizationId) => ({
        organizationId,
        kind: 'listing.lost',
        dedupeKey: `listing.lost:${l.id}:${organizationId}`,
        title: `「${l.title}」竞价结束，成交价 ${formatFen(winner.amountFen)}`,
        body: organizationId === second?.organizationId ? '您是次高出价人：保证金将予退还；竞得人逾期未签约时，平台将邀请您按您的最高出价递补成交。' : '感谢参与，保证金将予退还。',
        titleEn: `The auction of “${l.title}” ended at ${formatFen(winner.amountFen, 'en')}`,
        bodyEn: organizationId === second?.organizationId ? 'You are the next bidder: your deposit will be refunded; if the winner does not sign in time, you will be invited to buy at your highest bid.' : 'Thank you for taking part; your deposit will be refunded.',
        link: `/listings/${l.id}`,
      })),
    ]);
    return true;
  });
  if (closed) announce({ listingId, kind: 'state' });
  return closed;
}

/** Closes every open auction whose end has passed (at start: those that ended while the server was down). */
export async function closeEndedAuctions(db: Db, now = new Date()) {
  let n = 0;
  for (const { id } of await repo.endedAuctions(db, now)) if (await closeAuction(db, id, now)) n++;
  return n;
}

