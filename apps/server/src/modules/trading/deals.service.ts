import { DEAL_SOURCE_LABELS, formatFen, shanghaiToday, type DealQuery, type DealSource, type LicenceTerms, type ListingTransaction, type PaymentTerms } from '@kzt/shared';
import { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { publish } from '../../platform/events.ts';
import { dealPaymentMarked, dealSigned } from './deals.events.ts';
import { clock, eventTarget, notifySeller } from './listings.access.ts';
import { announce } from './listings.live.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { recordConversionFromDeal } from '../achievements/achievements.service.ts';
import { DEAL_ACTION_SIDES, dealActions, dealPolicy, dealRoles, OWNER_ACTS, type DealPolicy } from './deals.policy.ts';
import { presentDeal, presentDealSummary } from './deals.presenter.ts';
import { dealRepository as repo, type DealRow, type PaymentRow } from './deals.repository.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { nameDeals } from './deals.names.ts';
import { demandOrganization } from '../demands/demands.service.ts';
import { paymentSchedule, periodBounds, royaltyFor, addMonths } from './deals.schedule.ts';
import { listingAudit } from './trading.events.ts';
import { listingRepository, type ListingRow } from './listings.repository.ts';

type Signed = RequestContext & { actor: Actor };

export type OpenDealInput = {
  listing: { id: string; achievementId: string; organizationId: string; agentOrganizationId: string | null; jurisdictionCode: string; jurisdictionPath: string; transaction: ListingTransaction; licence: LicenceTerms | null; payment: PaymentTerms | null; title: string; signDays: number };
  buyerOrganizationId: string;
  amountFen: number;
  source: DealSource;
  bidId?: string;
  offerId?: string;
  now: Date;
};

const DAY = 86_400_000;

/**
 * Opens a deal inside the transaction that made it (an accepted offer, a
 * clean notice period, an auction's close): both parties are told, and the
 * price record shows who bought at what price and how. The parties must
 * sign within the listing's sign days; trading.jobs.ts lapses it otherwise.
 */
export async function openDeal(tx: Tx, ctx: RequestContext, input: OpenDealInput): Promise<DealRow> {
  const { listing } = input;
  const deal = await repo.insert(tx, {
    listingId: listing.id,
    achievementId: listing.achievementId,
    sellerOrganizationId: listing.organizationId,
    buyerOrganizationId: input.buyerOrganizationId,
    agentOrganizationId: listing.agentOrganizationId,
    jurisdictionCode: listing.jurisdictionCode,
    jurisdictionPath: listing.jurisdictionPath,
    source: input.source,
    transaction: listing.transaction,
    amountFen: input.amountFen,
    licence: listing.licence,
    payment: listing.payment,
    bidId: input.bidId,
    offerId: input.offerId,
    signDeadline: new Date(input.now.getTime() + listing.signDays * DAY),
    createdAt: input.now,
    updatedAt: input.now,
  });
  const buyerName = (await organizationNames(tx, [input.buyerOrganizationId])).get(input.buyerOrganizationId) ?? '';
  await recordAudit(tx, ctx, { ...listingAudit(listing), action: 'listing.dealCreated', after: {
    dealId: deal.id,
    source: input.source,
    buyerOrganizationId: input.buyerOrganizationId,
    buyerName,
    amount: input.amountFen,
    signDeadline: deal.signDeadline.toISOString(),
  } });
  const how = DEAL_SOURCE_LABELS[input.source].zh;
  await notifyMany(tx, [
    {
      organizationId: listing.organizationId,
      kind: 'deal.created',
      dedupeKey: `deal.created:${deal.id}:seller`,
      title: `「${listing.title}」已成交（${how}），成交价 ${formatFen(input.amountFen)}`,
      body: `受让方：${buyerName}。请双方在 ${listing.signDays} 天内确认并签订合同。`,
      titleEn: `“${listing.title}” is sold (${DEAL_SOURCE_LABELS[input.source].en}) at ${formatFen(input.amountFen, 'en')}`,
      bodyEn: `Buyer: ${buyerName}. Both sides confirm and sign the contract within ${listing.signDays} days.`,
      link: `/deals/${deal.id}`,
    },
    {
      organizationId: input.buyerOrganizationId,
      kind: 'deal.created',
      dedupeKey: `deal.created:${deal.id}:buyer`,
      title: `您已${input.source === 'second_bidder' ? '获递补' : ''}成交「${listing.title}」，成交价 ${formatFen(input.amountFen)}`,
      body: `请在 ${listing.signDays} 天内确认并签订合同，逾期未签约的${input.source === 'auction' || input.source === 'second_bidder' ? '将没收保证金，并由次高出价人递补' : '成交作废'}。`,
      titleEn: `You bought “${listing.title}”${input.source === 'second_bidder' ? ' as the next bidder' : ''} at ${formatFen(input.amountFen, 'en')}`,
      bodyEn: `Confirm and sign the contract within ${listing.signDays} days; otherwise ${input.source === 'auction' || input.source === 'second_bidder' ? 'the deposit is forfeited and the next bidder is invited' : 'the deal lapses'}.`,
      link: `/deals/${deal.id}`,
    },
  ]);
  await scheduleSignDeadline(tx, deal);
  return deal;
}

export const signDeadlineJob = defineJob({
  name: 'trading.signDeadline',
  version: 1,
  payload: z.object({ dealId: z.uuid() }),
  run: async (db, { dealId }) => {
    await lapseDeal(db, dealId);
  },
});

export async function scheduleSignDeadline(tx: Executor, deal: { id: string; signDeadline: Date }) {
  await scheduleJob(tx, signDeadlineJob, { payload: { dealId: deal.id }, runAt: deal.signDeadline, key: `trading.signDeadline:${deal.id}` });
}

async function authorizeDeal(db: Executor, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
  const deal = await repo.byId(db, id, opts);
  if (!deal) throw notFound('deal');
  const payments = await repo.payments(db, deal.id);
  const policy = dealPolicy(actor, deal, { outstanding: payments.some((p) => p.status !== 'paid') });
  if (!policy.read) throw notFound('deal');
  return { deal, payments, policy };
}

const listingOf = (d: DealRow) => ({ id: d.listingId, organizationId: d.sellerOrganizationId, jurisdictionCode: d.jurisdictionCode });
const auditDeal = (d: DealRow) => ({ entityType: 'deal', entityId: d.id, organizationId: d.sellerOrganizationId, jurisdictionCode: d.jurisdictionCode });

export async function getDeal(db: Db, actor: Actor, id: string) {
  await authorizeDeal(db, actor, id);
  const row = (await nameDeals(db, [(await repo.withTitles(db, id))!]))[0];
  const payments = await repo.payments(db, id);
  const policy = dealPolicy(actor, row!, { outstanding: payments.some((p) => p.status !== 'paid') });
  return presentDeal(row!, payments, dealActions(policy), shanghaiToday());
}

/** What others name of these deals (the statistics' records behind a figure): title, contract number and parties; no authorisation here, the caller applies its own. */
export async function dealHeads(db: Executor, ids: string[]) {
  const rows = await nameDeals(db, await repo.withTitlesByIds(db, [...new Set(ids)]));
  return new Map(rows.map((d) => [d.id, { id: d.id, title: d.listingTitle || d.achievementTitle, contractNo: d.contractNo, sellerName: d.sellerName, buyerName: d.buyerName, status: d.status }]));
}

export async function searchDeals(db: Db, actor: Actor, q: DealQuery) {
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.search(db, actor, q, page);
  return paged((await nameDeals(db, rows)).map(presentDealSummary), total, page);
}

/** Runs a command on a locked deal the actor may act on, then answers with the deal as they see it. */
async function command(db: Db, ctx: Signed, id: string, action: Exclude<keyof DealPolicy, 'read'>, run: (tx: Tx, deal: DealRow, payments: PaymentRow[]) => Promise<void>) {
  await db.transaction(async (tx) => {
    const { deal, payments, policy } = await authorizeDeal(tx, ctx.actor, id, { lock: true });
    const roles = dealRoles(ctx.actor, deal);
    if (!policy[action]) {
      if (DEAL_ACTION_SIDES[action](roles)) throw invalidState(`err.deal.${action}.state`);
      // A plain member of a party: the act is its owner's.
      if ((OWNER_ACTS as readonly string[]).includes(action) && (roles.seller || roles.buyer)) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.listing.ownerAct');
      throw forbidden();
    }
    await run(tx, deal, payments);
  });
  return getDeal(db, ctx.actor, id);
}

export async function confirmDeal(db: Db, ctx: Signed, id: string) {
  return command(db, ctx, id, 'confirm', async (tx, deal) => {
    const seller = ctx.actor.memberships.some((m) => m.organizationId === deal.sellerOrganizationId || m.organizationId === deal.agentOrganizationId);
    const side = seller && !deal.sellerConfirmedAt ? 'seller' : 'buyer';
    const now = clock(ctx);
    const set = side === 'seller' ? { sellerConfirmedAt: now, sellerConfirmedBy: ctx.actor.user.id } : { buyerConfirmedAt: now, buyerConfirmedBy: ctx.actor.user.id };
    const both = side === 'seller' ? !!deal.buyerConfirmedAt : !!deal.sellerConfirmedAt;
    const row = await repo.update(tx, deal.id, { ...set, ...(both ? { status: 'confirmed' } : {}) });
    await recordAudit(tx, ctx, { ...auditDeal(deal), action: 'deal.confirm', after: { side, status: row.status } });
    if (both) await recordAudit(tx, ctx, { ...listingAudit(listingOf(deal)), action: 'listing.dealConfirmed', after: { dealId: deal.id } });
  });
}

/**
 * What the signed deal takes from its listing: the list price (an auction's
 * premium is over it) and the demand it answered, when the buyer is the
 * organisation that posted that demand (the statistics count it met).
 */
async function listingFacts(tx: Tx, deal: DealRow) {
  const listing = await listingRepository.byId(tx, deal.listingId);
  const demandOwner = listing?.demandId ? await demandOrganization(tx, listing.demandId) : undefined;
  return { listPriceFen: listing?.priceFen ?? null, demandId: demandOwner && demandOwner === deal.buyerOrganizationId ? listing!.demandId : null };
}

/** Signing: the contract date starts the payment schedule, and the achievement records a conversion (转化). */
export async function signDeal(db: Db, ctx: Signed, id: string, body: { signedOn: string; contractNo?: string }) {
  return command(db, ctx, id, 'sign', async (tx, deal) => {
    if (body.signedOn > shanghaiToday(clock(ctx))) throw new AppError(422, 'future-date', 'problem.validation', 'err.deal.signedOnFuture', {}, [{ path: 'signedOn', key: 'err.deal.signedOnFuture' }]);
    // A contract follows the deal it records: never signed before the auction closed or the offer was accepted.
    const made = shanghaiToday(deal.createdAt);
    if (body.signedOn < made) throw new AppError(422, 'before-deal', 'problem.validation', 'err.deal.signedOnBeforeDeal', { date: made }, [{ path: 'signedOn', key: 'err.deal.signedOnBeforeDeal' }]);
    await repo.update(tx, deal.id, { status: 'signed', signedOn: body.signedOn, contractNo: body.contractNo ?? null });
    const schedule = paymentSchedule(deal.amountFen, deal.payment, body.signedOn);
    const inserted = await repo.insertPayments(
      tx,
      schedule.map((p, i) => ({ dealId: deal.id, seq: i + 1, kind: p.kind, dueOn: p.dueOn, amountFen: p.amountFen })),
    );
    await recordAudit(tx, ctx, { ...auditDeal(deal), action: 'deal.sign', after: { signedOn: body.signedOn, contractNo: body.contractNo ?? null, schedule } });
    await recordAudit(tx, ctx, { ...listingAudit(listingOf(deal)), action: 'listing.dealSigned', after: { dealId: deal.id, signedOn: body.signedOn } });
    await publish(
      tx,
      dealSigned,
      {
        dealId: deal.id,
        listingId: deal.listingId,
        achievementId: deal.achievementId,
        sellerOrganizationId: deal.sellerOrganizationId,
        buyerOrganizationId: deal.buyerOrganizationId,
        agentOrganizationId: deal.agentOrganizationId,
        jurisdictionCode: deal.jurisdictionCode,
        source: deal.source,
        transaction: deal.transaction,
        amountFen: deal.amountFen,
        ...(await listingFacts(tx, deal)),
        signedOn: body.signedOn,
        contractNo: body.contractNo ?? null,
        payments: inserted.map((p) => ({ paymentId: p.id, seq: p.seq, kind: p.kind, dueOn: p.dueOn, amountFen: p.amountFen })),
      },
      { actorId: ctx.actor.user.id, requestId: ctx.requestId },
    );
    await recordConversionFromDeal(tx, ctx, {
      achievementId: deal.achievementId,
      transaction: deal.transaction,
      date: body.signedOn,
      counterparty: (await organizationNames(tx, [deal.buyerOrganizationId])).get(deal.buyerOrganizationId) ?? '',
      amountFen: deal.amountFen,
      note: `科转通交易成交（${DEAL_SOURCE_LABELS[deal.source as DealSource].zh}）`,
    });
    // Signed: deposits still held are to be returned (the winner's was applied to the price at the close).
    await listingRepository.setDepositStatus(tx, deal.listingId, 'all', 'released');
  });
}

export async function recordPayment(db: Db, ctx: Signed, id: string, paymentId: string, body: { amount: number; paidOn: string; note: string }) {
  return command(db, ctx, id, 'recordPayment', async (tx, deal, payments) => {
    const p = payments.find((x) => x.id === paymentId);
    if (!p) throw notFound('payment');
    if (p.status === 'paid') throw invalidState('err.payment.paid');
    if (body.amount < p.amountFen) throw new AppError(422, 'short-payment', 'problem.validation', 'err.payment.short', { due: formatFen(p.amountFen) }, [{ path: 'amount', key: 'err.payment.short' }]);
    await repo.updatePayment(tx, p.id, { status: 'paid', paidFen: body.amount, paidOn: body.paidOn, note: body.note });
    await recordAudit(tx, ctx, { ...auditDeal(deal), action: 'deal.payment', after: { paymentId: p.id, kind: p.kind, amount: body.amount, paidOn: body.paidOn } });
    await publish(tx, dealPaymentMarked, { dealId: deal.id, paymentId: p.id, seq: p.seq, amountFen: body.amount, paidOn: body.paidOn, note: body.note, kind: p.kind, period: p.period }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
    // A deal without royalties is done when its last payment arrives.
    const open = payments.filter((x) => x.id !== p.id && x.status !== 'paid');
    if (!open.length && !hasRoyalty(deal)) await completeInTx(tx, ctx, deal);
  });
}

const hasRoyalty = (d: DealRow) => d.payment?.plan === 'staged_royalty' && d.payment.royaltyBp > 0;

/** The licensee reports a period's revenue; its royalty joins the schedule. */
export async function reportRevenue(db: Db, ctx: Signed, id: string, body: { period: string; revenue: number; note: string }) {
  return command(db, ctx, id, 'reportRevenue', async (tx, deal) => {
    const { from, to } = periodBounds(body.period);
    const today = shanghaiToday();
    if (to >= today) throw new AppError(422, 'period-not-ended', 'problem.validation', 'err.revenue.notEnded', {}, [{ path: 'period', key: 'err.revenue.notEnded' }]);
    const termEnd = addMonths(deal.signedOn!, deal.licence?.termMonths ?? 0);
    if (to < deal.signedOn! || from >= termEnd) throw new AppError(422, 'period-outside-term', 'problem.validation', 'err.revenue.outsideTerm', {}, [{ path: 'period', key: 'err.revenue.outsideTerm' }]);
    const { amountFen, dueOn } = royaltyFor(body.revenue, deal.payment!.royaltyBp, body.period);
    const row = await repo.insertRoyalty(tx, {
      dealId: deal.id,
      seq: await repo.nextPaymentSeq(tx, deal.id),
      kind: 'royalty',
      dueOn,
      amountFen,
      period: body.period,
      revenueFen: body.revenue,
      note: body.note,
      // Nothing to pay on no revenue.
      status: amountFen === 0 ? 'paid' : 'due',
      paidFen: amountFen === 0 ? 0 : null,
    });
    if (!row) throw new AppError(409, 'conflict', 'problem.conflict', 'err.revenue.reported', {}, [{ path: 'period', key: 'err.revenue.reported' }]);
    await recordAudit(tx, ctx, { ...auditDeal(deal), action: 'deal.revenue', after: { period: body.period, revenue: body.revenue, royalty: amountFen, dueOn } });
    await notifyMany(tx, [
      {
        organizationId: deal.sellerOrganizationId,
        kind: 'deal.revenue',
        dedupeKey: `deal.revenue:${deal.id}:${body.period}`,
        title: `被许可方已报告 ${body.period} 销售收入 ${formatFen(body.revenue)}，应付提成 ${formatFen(amountFen)}`,
        body: `提成应于 ${dueOn} 前支付。`,
        titleEn: `The licensee reported sales of ${formatFen(body.revenue, 'en')} for ${body.period}; royalty due ${formatFen(amountFen, 'en')}`,
        bodyEn: `The royalty is due by ${dueOn}.`,
        link: `/deals/${deal.id}`,
      },
    ]);
  });
}

async function completeInTx(tx: Tx, ctx: RequestContext, deal: DealRow) {
  await repo.update(tx, deal.id, { status: 'completed', completedAt: new Date() });
  await recordAudit(tx, ctx, { ...auditDeal(deal), action: 'deal.complete', after: {} });
  await recordAudit(tx, ctx, { ...listingAudit(listingOf(deal)), action: 'listing.dealCompleted', after: { dealId: deal.id } });
}

export async function completeDeal(db: Db, ctx: Signed, id: string) {
  return command(db, ctx, id, 'complete', async (tx, deal) => completeInTx(tx, ctx, deal));
}

/** A party or an administrator cancels a deal: the listing it came from has not sold after all. */
export async function cancelDeal(db: Db, ctx: Signed, id: string, reason: string) {
  return command(db, ctx, id, 'cancel', async (tx, deal) => {
    const l = (await listingRepository.byId(tx, deal.listingId, { lock: true }))!;
    await cancelInTx(tx, ctx, deal, reason, 'dealCancelled');
    if (l.status === 'sold') await failListing(tx, ctx, l, new Date(), 'deal_cancelled');
  });
}

/** Cancels a deal (by a party, or lapsed by the sign deadline) and says so on the price record. */
export async function cancelInTx(tx: Tx, ctx: RequestContext, deal: DealRow, reason: string, event: 'dealCancelled' | 'dealLapsed') {
  await repo.update(tx, deal.id, { status: 'cancelled', cancelledAt: new Date(), cancelReason: reason });
  await recordAudit(tx, ctx, { ...auditDeal(deal), action: event === 'dealLapsed' ? 'deal.lapse' : 'deal.cancel', after: { reason } });
  await recordAudit(tx, ctx, { ...listingAudit(listingOf(deal)), action: event === 'dealLapsed' ? 'listing.dealLapsed' : 'listing.dealCancelled', after: { dealId: deal.id, reason, buyerOrganizationId: deal.buyerOrganizationId } });
  await notifyMany(
    tx,
    [deal.sellerOrganizationId, deal.buyerOrganizationId].map((organizationId) => ({
      organizationId,
      kind: 'deal.cancelled',
      dedupeKey: `deal.cancelled:${deal.id}:${organizationId}`,
      title: event === 'dealLapsed' ? '成交因逾期未签约而失效' : '成交已取消',
      body: `原因：${reason}`,
      link: `/deals/${deal.id}`,
    })),
  );
}

/** Days before a payment falls due that its payer is reminded. */
export const REMIND_DAYS = 7;

/**
 * The daily look at payments: a payment due within a week reminds the
 * payer once; one past its date becomes overdue and both parties are told
 * once. Notifications carry dedupe keys, so a second run in a day changes
 * nothing.
 */
export async function sweepPayments(db: Db, now = new Date()) {
  const today = shanghaiToday(now);
  const soon = shanghaiToday(new Date(now.getTime() + REMIND_DAYS * DAY));
  return db.transaction(async (tx) => {
    let reminded = 0;
    let overdue = 0;
    for (const { payment: p, deal } of await repo.unpaidDueBy(tx, soon)) {
      const what = `「${deal.id.slice(0, 8)}」${p.kind === 'royalty' ? `${p.period} 提成` : '款项'} ${formatFen(p.amountFen)}`;
      if (p.dueOn < today && p.status !== 'overdue') {
        await repo.updatePayment(tx, p.id, { status: 'overdue', overdueNotifiedAt: now });
        overdue++;
        await notifyMany(
          tx,
          [deal.buyerOrganizationId, deal.sellerOrganizationId].map((organizationId) => ({
            organizationId,
            kind: 'deal.payment.overdue',
            dedupeKey: `deal.payment.overdue:${p.id}:${organizationId}`,
            title: `交易款项已逾期：${what}，应付日 ${p.dueOn}`,
            body: organizationId === deal.buyerOrganizationId ? '请尽快支付并告知转让方登记。' : '付款方已收到逾期提醒；收到款项后请在交易页面登记。',
            titleEn: `Payment overdue: ${formatFen(p.amountFen, 'en')} due on ${p.dueOn} (deal ${deal.id.slice(0, 8)})`,
            bodyEn: organizationId === deal.buyerOrganizationId ? 'Pay as soon as possible and tell the seller to record it.' : 'The payer has been reminded; record the payment on the deal page once received.',
            link: `/deals/${deal.id}`,
          })),
        );
      } else if (p.dueOn >= today && !p.remindedAt) {
        await repo.updatePayment(tx, p.id, { remindedAt: now });
        reminded++;
        await notifyMany(tx, [
          {
            organizationId: deal.buyerOrganizationId,
            kind: 'deal.payment.due',
            dedupeKey: `deal.payment.due:${p.id}`,
            title: `交易款项即将到期：${what}，应付日 ${p.dueOn}`,
            body: '请按合同约定按时支付。',
            titleEn: `Payment due soon: ${formatFen(p.amountFen, 'en')} on ${p.dueOn} (deal ${deal.id.slice(0, 8)})`,
            bodyEn: 'Pay on time as the contract says.',
            link: `/deals/${deal.id}`,
          },
        ]);
      }
    }
    return { reminded, overdue };
  });
}

/** Deals past their sign deadline, for the lapse job. */
export const lapsedDeals = (db: Db, now: Date) => repo.lapsed(db, now);

// ---- a deal not signed in time

/**
 * A deal still unsigned at its deadline lapses. For an auction the winner
 * loses the deposit and the second bidder (the next highest organisation
 * whose bid met the reserve) is offered the deal at its own highest bid;
 * when there is none, or the second bidder lets it lapse too, the auction
 * fails. A fixed-price or negotiated listing whose deal lapses fails.
 */
export async function lapseDeal(db: Db, dealId: string, now = new Date()) {
  const lapsed = await db.transaction(async (tx) => {
    const deal = await repo.byId(tx, dealId, { lock: true });
    if (!deal || !['pending', 'confirmed'].includes(deal.status) || deal.signDeadline.getTime() > now.getTime()) return null;
    const l = (await listingRepository.byId(tx, deal.listingId, { lock: true }))!;
    const ctx = systemContext(`trading.signDeadline:${deal.id}`);
    await cancelInTx(tx, ctx, deal, '逾期未签约', 'dealLapsed');
    if (deal.source === 'auction') {
      await listingRepository.setDepositStatus(tx, l.id, [deal.buyerOrganizationId], 'forfeited', ['held', 'applied']);
      const second = (await listingRepository.bestBidsByOrganization(tx, l.id)).find((b) => b.organizationId !== deal.buyerOrganizationId && (l.reservePriceFen == null || b.amountFen >= l.reservePriceFen));
      if (second) {
        await listingRepository.update(tx, l.id, { finalPriceFen: second.amountFen });
        await openDeal(tx, ctx, { listing: l, buyerOrganizationId: second.organizationId, amountFen: second.amountFen, source: 'second_bidder', bidId: second.id, now });
        return l.id;
      }
    } else if (deal.source === 'second_bidder') {
      await listingRepository.setDepositStatus(tx, l.id, [deal.buyerOrganizationId], 'forfeited', ['held', 'applied']);
    }
    await failListing(tx, ctx, l, now, 'not_signed');
    return l.id;
  });
  if (lapsed) announce({ listingId: lapsed, kind: 'state' });
  return !!lapsed;
}

/** A listing whose deal fell through: no sale after all (the achievement may be listed again), deposits to be returned. */
async function failListing(tx: Tx, ctx: RequestContext, l: ListingRow, now: Date, reason: 'not_signed' | 'deal_cancelled') {
  await listingRepository.update(tx, l.id, { status: 'failed', closeReason: reason, finalPriceFen: null, closedAt: l.closedAt ?? now });
  await listingRepository.setDepositStatus(tx, l.id, 'all', 'released', ['held', 'applied']);
  await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.closed', after: { result: 'failed', reason } });
  await notifySeller(tx, l, 'listing.failed', reason === 'not_signed' ? `「${l.title}」因受让方逾期未签约而未能成交` : `「${l.title}」的成交已取消`, '可重新挂牌。', `:${reason}`, { title: reason === 'not_signed' ? `“${l.title}” was not sold: the buyer did not sign in time` : `The sale of “${l.title}” was cancelled`, body: 'You may list it again.' });
}
