import { LISTING_KIND_LABELS, auctionTermWarnings, MIN_AUCTION_SECONDS, formatFen, type CreateListingBody, type IndustrySection, type ListingKind, type ListingQuery, type TradingSettingsBody } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import { subtreeFilter } from '../catalogue/catalogue.service.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { announce } from './listings.live.ts';
import { authorizeListing, clock, eventTarget, getListing, notifySeller, refuse, settingsFor, unprocessable, type Signed } from './listings.access.ts';
import { actsForSeller, entrustmentPolicy, listingRoles, mayList, phaseOf, registrationDeadline, settingsPolicy } from './listings.policy.ts';
import { presentListingSummary } from './listings.presenter.ts';
import { listingRepository as repo, type ListingRow } from './listings.repository.ts';
import { nameListings } from './listings.names.ts';
import { findOrganization, nameOrganizations } from '../organizations/organizations.service.ts';
import { getDemand } from '../demands/demands.service.ts';
import { listingAudit } from './trading.events.ts';
import { scheduleAuctionClose } from './auctions.service.ts';
import { scheduleNoticeEnd } from './objections.service.ts';
import { userContacts, userNames } from '../accounts/accounts.service.ts';
import { findJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { approvedProfile } from '../profiles/profiles.service.ts';
import { achievementForListing } from '../achievements/achievements.service.ts';

const DAY = 86_400_000;

export const forbiddenBecause = (key: string) => new AppError(403, 'forbidden', 'problem.forbidden', key);

/** What a listing's terms say in the record (the reserve price is kept there too: the record is shown without it until bidding ends). */
function termsOf(l: ListingRow) {
  return {
    kind: l.kind,
    transaction: l.transaction,
    title: l.title,
    price: l.priceFen,
    acceptance: l.acceptance,
    buyerOrganizationId: l.buyerOrganizationId,
    agreedOn: l.agreedOn,
    auction:
      l.kind === 'auction'
        ? { startPrice: l.priceFen, reservePrice: l.reservePriceFen, increment: l.incrementFen, deposit: l.depositFen, startsAt: l.startsAt, endsAt: l.endsAt, extendSeconds: l.extendSeconds, maxExtensions: l.maxExtensions, registrationEndsAt: registrationDeadline(l) }
        : null,
    licence: l.licence,
    payment: l.payment,
  };
}

/** Lists a published achievement; it goes live when its jurisdiction's administrator approves it. */
export async function createListing(db: Db, ctx: Signed, body: CreateListingBody) {
  const now = clock(ctx);
  const id = await db.transaction(async (tx) => {
    const a = await achievementForListing(tx, body.achievementId);
    if (!a || !recordPolicy(ctx.actor, a).read) throw notFound('achievement');
    const orgIds = ctx.actor.memberships.map((m) => m.organizationId);
    const entrustments = await repo.isEntrusted(tx, a.id, { organizationIds: orgIds, userId: ctx.actor.user.id });
    if (!mayList(ctx.actor, a, entrustments.length > 0)) throw membershipIn(ctx.actor, a.organizationId) ? forbiddenBecause('err.listing.ownerOnly') : forbidden();
    if (body.agentOrganizationId) {
      if (!membershipIn(ctx.actor, body.agentOrganizationId)) throw unprocessable('agentOrganizationId', 'err.listing.agentMember');
      if (!entrustments.some((e) => e.agentOrganizationId === body.agentOrganizationId)) throw unprocessable('agentOrganizationId', 'err.listing.notEntrusted');
    }
    // An agency's member listing for the owner lists as that agency, so the agency's people can follow it.
    const agentOrganizationId =
      body.agentOrganizationId ?? (membershipIn(ctx.actor, a.organizationId) ? null : (entrustments.find((e) => e.agentOrganizationId && membershipIn(ctx.actor, e.agentOrganizationId))?.agentOrganizationId ?? null));
    if (a.status !== 'published') throw invalidState('err.listing.notPublished');
    if (a.confidentiality === 'secret') throw invalidState('err.listing.secret');
    if (await repo.activeForAchievement(tx, a.id)) throw new AppError(409, 'conflict', 'problem.conflict', 'err.listing.active', {}, [{ path: 'achievementId', key: 'err.listing.active' }]);
    const settings = await settingsFor(tx, a.jurisdictionPath);

    let buyer: string | null = null;
    if (body.kind === 'negotiated') {
      const org = await findOrganization(tx, body.negotiated!.buyerOrganizationId);
      if (!org) throw unprocessable('negotiated.buyerOrganizationId', 'err.listing.buyerUnknown');
      if (org.id === a.organizationId) throw unprocessable('negotiated.buyerOrganizationId', 'err.listing.buyerSelf');
      if (org.status !== 'verified') throw unprocessable('negotiated.buyerOrganizationId', 'err.listing.buyerUnverified');
      buyer = org.id;
    }
    if (body.demandId) await answeredDemand(tx, ctx.actor, body.demandId, body.kind === 'negotiated' ? buyer : null);
    const auction = body.auction;
    if (auction && auction.endsAt.getTime() < now.getTime() + MIN_AUCTION_SECONDS * 1000) throw unprocessable('auction.endsAt', 'err.listing.auctionPast');

    const row = await repo.insert(tx, {
      achievementId: a.id,
      organizationId: a.organizationId,
      agentOrganizationId,
      createdAt: now,
      updatedAt: now,
      jurisdictionCode: a.jurisdictionCode,
      jurisdictionPath: a.jurisdictionPath,
      // An achievement's industry is a section code, checked when it was registered.
      industry: a.industry as IndustrySection,
      listedBy: ctx.actor.user.id,
      kind: body.kind,
      transaction: body.transaction,
      title: body.title ?? a.title,
      description: body.description,
      priceFen: auction ? auction.startPrice : body.price!,
      acceptance: body.kind === 'fixed' ? (body.fixed?.acceptance ?? 'first') : null,
      buyerOrganizationId: buyer,
      demandId: body.demandId ?? null,
      agreedOn: body.negotiated?.agreedOn ?? null,
      noticeDays: body.kind === 'negotiated' ? settings.noticeDays : null,
      reservePriceFen: auction?.reservePrice ?? null,
      incrementFen: auction?.increment ?? null,
      depositFen: auction?.deposit ?? null,
      startsAt: auction?.startsAt ?? null,
      endsAt: auction?.endsAt ?? null,
      scheduledEndsAt: auction?.endsAt ?? null,
      extendSeconds: auction?.extendSeconds ?? null,
      maxExtensions: auction?.maxExtensions ?? null,
      depositAccount: auction?.depositAccount ?? null,
      registrationEndsAt: auction?.registrationEndsAt ?? null,
      signDays: settings.signDays,
      licence: body.licence ?? null,
      payment: body.payment ?? null,
    });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(row)), action: 'listing.submitted', after: termsOf(row) });
    return row.id;
  });
  return getListing(db, ctx.actor, id);
}

/**
 * The demand a listing answers must be one the lister can see and that is
 * published; a negotiated price is agreed with the organisation that posted it.
 */
async function answeredDemand(tx: Executor, actor: Actor, demandId: string, negotiatedBuyer: string | null) {
  const demand = await getDemand(tx, actor, demandId).catch((err: { status?: number }) => {
    throw err.status === 404 ? unprocessable('demandId', 'err.listing.demandUnknown') : err;
  });
  if (demand.status !== 'published') throw unprocessable('demandId', 'err.listing.demandNotPublished');
  if (negotiatedBuyer && demand.organization.id !== negotiatedBuyer) throw unprocessable('demandId', 'err.listing.demandOtherBuyer');
}

/** The administrator's decision: approved, a listing goes live (a notice period starts, an auction is scheduled to close). */
export async function reviewListing(db: Db, ctx: Signed, id: string, body: { decision: 'approve' | 'reject'; reason?: string }) {
  const now = clock(ctx);
  await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true, now });
    if (!policy.review) refuse(listingRoles(ctx.actor, l).admin, 'err.listing.notPending');
    if (body.decision === 'reject') {
      await repo.update(tx, l.id, { status: 'rejected', reviewReason: body.reason ?? null, reviewedBy: ctx.actor.user.id, reviewedAt: now });
      await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.rejected', after: { reason: body.reason ?? null } });
      await notifySeller(tx, l, 'listing.rejected', `挂牌申请「${l.title}」未通过审核`, `原因：${body.reason ?? ''}`, '', { title: `Listing “${l.title}” was not approved`, body: `Reason: ${body.reason ?? ''}` });
      return;
    }
    const set: Partial<ListingRow> = { status: 'open', reviewReason: body.reason ?? null, reviewedBy: ctx.actor.user.id, reviewedAt: now, listedAt: now };
    if (l.kind === 'negotiated') set.noticeEndsAt = new Date(now.getTime() + l.noticeDays! * DAY);
    if (l.kind === 'auction' && l.endsAt!.getTime() < now.getTime() + MIN_AUCTION_SECONDS * 1000) throw invalidState('err.listing.auctionPast');
    const row = await repo.update(tx, l.id, set);
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.approved', after: {
      listedAt: now.toISOString(),
      noticeEndsAt: row.noticeEndsAt?.toISOString() ?? null,
      noticeDays: row.noticeDays,
      startsAt: row.startsAt?.toISOString() ?? null,
      endsAt: row.endsAt?.toISOString() ?? null,
    } });
    if (row.kind === 'negotiated') await scheduleNoticeEnd(tx, row);
    if (row.kind === 'auction') await scheduleAuctionClose(tx, row);
    const what = LISTING_KIND_LABELS[row.kind as ListingKind].zh;
    await notifySeller(
      tx,
      row,
      'listing.approved',
      `「${row.title}」已通过审核，${row.kind === 'negotiated' ? `进入 ${row.noticeDays} 天公示期` : row.kind === 'auction' ? '竞价拍卖已排期' : '已挂牌'}`,
      `交易方式：${what}；价格：${formatFen(row.priceFen)}。`,
      '',
      {
        title: `“${row.title}” was approved${row.kind === 'negotiated' ? `: a ${row.noticeDays}-day public notice starts` : row.kind === 'auction' ? ': the auction is scheduled' : ' and listed'}`,
        body: `Way of trading: ${LISTING_KIND_LABELS[row.kind as ListingKind].en}; price: ${formatFen(row.priceFen, 'en')}.`,
      },
    );
  });
  announce({ listingId: id, kind: 'state' });
  return getListing(db, ctx.actor, id);
}

/** The seller's side takes a listing back: before review, or while it is open and no bid has been made. */
export async function withdrawListing(db: Db, ctx: Signed, id: string, reason: string) {
  await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true });
    if (listingRoles(ctx.actor, l).seller && !actsForSeller(ctx.actor, l)) throw forbiddenBecause('err.listing.ownerAct');
    if (!policy.withdraw) refuse(listingRoles(ctx.actor, l).seller, l.kind === 'auction' && l.bidCount > 0 ? 'err.listing.hasBids' : 'err.listing.notWithdrawable');
    await repo.update(tx, l.id, { status: 'withdrawn', closedAt: new Date(), closeReason: reason });
    const declined = await repo.declinePendingOffers(tx, l.id);
    await repo.setDepositStatus(tx, l.id, 'all', 'released');
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.withdrawn', after: { reason } });
    await notifyMany(
      tx,
      declined.map((o) => ({ organizationId: o.organizationId, kind: 'listing.withdrawn', dedupeKey: `listing.withdrawn:${l.id}:${o.organizationId}`, title: `「${l.title}」已撤牌`, body: `原因：${reason}`, titleEn: `“${l.title}” was withdrawn`, bodyEn: `Reason: ${reason}`, link: `/listings/${l.id}` })),
    );
  });
  announce({ listingId: id, kind: 'state' });
  return getListing(db, ctx.actor, id);
}

export async function searchListings(db: Db, actor: Actor | null, q: ListingQuery) {
  const now = new Date();
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const subtree = await subtreeFilter(db, q.jurisdictionCode);
  const found = await repo.search(db, actor, q, subtree, page);
  const [rows, total] = [await nameListings(db, found.rows), found.total];
  const items = rows.map((r) => presentListingSummary(r, { phase: phaseOf(r, now), now }));
  // The review queue weighs each price against comparable deals, and shows an auction's increment and deposit terms with what to look at.
  const termsCheck = (r: (typeof rows)[number]) =>
    r.kind === 'auction' && r.incrementFen != null
      ? { termsCheck: { increment: r.incrementFen, deposit: r.depositFen ?? 0, warnings: auctionTermWarnings({ startPrice: r.priceFen, increment: r.incrementFen, deposit: r.depositFen, depositAccount: r.depositAccount }) } }
      : {};
  const checked = q.scope === 'review' ? await Promise.all(rows.map(async (r, i) => ({ ...items[i]!, priceCheck: priceCheck(r.priceFen, await repo.recentSalePrices(db, r.industry, r.transaction)), ...termsCheck(r) }))) : items;
  // serverTime: what the browser's countdowns correct their clock by.
  return { ...paged(checked, total, page), serverTime: now };
}

/** A price this many times above (or below 1/this of) the median of comparable deals is flagged for the reviewer. */
export const PRICE_FLAG_FACTOR = 5;

/**
 * A listed price against comparable deals (the latest sales in its
 * industry, the same kind of transaction first): their median, the ratio
 * in basis points, and `high`/`low` when it lies PRICE_FLAG_FACTOR times
 * beyond the median. Without comparable deals nothing is flagged.
 */
export function priceCheck(price: number, comparable: number[]) {
  if (!comparable.length) return { comparables: 0, medianPrice: null, ratioBp: null, flag: null };
  const sorted = [...comparable].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  const ratioBp = Math.round((price * 10_000) / median);
  const flag = price >= median * PRICE_FLAG_FACTOR ? ('high' as const) : price * PRICE_FLAG_FACTOR <= median ? ('low' as const) : null;
  return { comparables: sorted.length, medianPrice: median, ratioBp, flag };
}

// ---- entrustments (委托)

async function entrustedAchievement(db: Executor, actor: Actor, achievementId: string) {
  const a = await achievementForListing(db, achievementId);
  if (!a || !recordPolicy(actor, a).read) throw notFound('achievement');
  return { a, policy: entrustmentPolicy(actor, a) };
}

/** Entrustments with the names of the brokers they were given to (the accounts module's), one query for all. */
async function withAgentNames<R extends { agentUserId: string | null; agentOrganizationId: string | null }>(db: Executor, rows: R[]) {
  const names = await userNames(db, rows.flatMap((r) => (r.agentUserId ? [r.agentUserId] : [])));
  const named = await nameOrganizations(db, rows, (r) => ({ agentOrganizationName: r.agentOrganizationId }));
  return named.map((r) => ({ ...r, agentUserName: r.agentUserId ? (names.get(r.agentUserId) ?? null) : null }));
}

const presentEntrustment = (r: Awaited<ReturnType<typeof repo.entrustments>>[number] & { agentOrganizationName: string | null; agentUserName: string | null }) => ({
  id: r.id,
  agentOrganization: r.agentOrganizationId ? { id: r.agentOrganizationId, name: r.agentOrganizationName } : null,
  agentUser: r.agentUserId ? { id: r.agentUserId, name: r.agentUserName } : null,
  note: r.note,
  /** active, or pending until the owner confirms it. */
  status: r.status as 'active' | 'pending',
  createdAt: r.createdAt,
  confirmedAt: r.confirmedAt,
});

export async function listEntrustments(db: Db, actor: Actor, achievementId: string) {
  const { policy } = await entrustedAchievement(db, actor, achievementId);
  if (!policy.read) throw forbidden();
  const rows = await withAgentNames(db, await repo.entrustments(db, achievementId));
  return {
    items: rows.map((r) => ({ ...presentEntrustment(r), allowedActions: (policy.manage ? (r.status === 'pending' ? ['confirm', 'revoke'] : ['revoke']) : []) as ('confirm' | 'revoke')[] })),
    allowedActions: (policy.manage ? ['manage'] : policy.propose ? ['propose'] : []) as ('manage' | 'propose')[],
  };
}

/**
 * The entrustments an agency (the caller's organisations) or a broker (the
 * caller) holds, for the broker's workbench: each with its achievement and
 * owner. `status` narrows to the active or pending ones.
 */
export async function entrustmentsOfAgent(db: Executor, agent: { organizationIds: string[]; userId: string | null }, opts: { status?: 'active' | 'pending' } = {}) {
  const found = await repo.entrustmentsOfAgent(db, agent, opts);
  const rows = await withAgentNames(db, await nameOrganizations(db, found, (r) => ({ ownerOrganizationName: r.ownerOrganizationId })));
  return rows.map((r) => ({
    ...presentEntrustment(r),
    achievement: { id: r.achievementId, title: r.achievementTitle },
    owner: { id: r.ownerOrganizationId, name: r.ownerOrganizationName },
  }));
}

/**
 * Entrusts an achievement's trading to an agency or a broker. Made by the
 * owner of its organisation it takes effect at once; proposed by a member it
 * waits for the owner's confirmation (the owner is told).
 */
export async function addEntrustment(db: Db, ctx: Signed, achievementId: string, body: { agentOrganizationId?: string; agentUserId?: string; note: string }) {
  await db.transaction(async (tx) => {
    const { a, policy } = await entrustedAchievement(tx, ctx.actor, achievementId);
    if (!policy.manage && !policy.propose) throw forbidden();
    if (body.agentOrganizationId) {
      const org = await findOrganization(tx, body.agentOrganizationId);
      if (!org) throw unprocessable('agentOrganizationId', 'err.entrustment.unknownOrganization');
      if (org.type !== 'agency') throw unprocessable('agentOrganizationId', 'err.entrustment.notAgency');
      if (org.status !== 'verified') throw unprocessable('agentOrganizationId', 'err.entrustment.unverified');
    } else {
      if (!(await userContacts(tx, [body.agentUserId!])).has(body.agentUserId!)) throw unprocessable('agentUserId', 'err.entrustment.unknownUser');
      if (!(await approvedProfile(tx, body.agentUserId!, 'broker'))) throw unprocessable('agentUserId', 'err.entrustment.notBroker');
    }
    const active = policy.manage;
    const row = await repo.insertEntrustment(tx, {
      achievementId: a.id,
      agentOrganizationId: body.agentOrganizationId ?? null,
      agentUserId: body.agentUserId ?? null,
      note: body.note,
      grantedBy: ctx.actor.user.id,
      status: active ? 'active' : 'pending',
      ...(active ? { confirmedBy: ctx.actor.user.id, confirmedAt: new Date() } : {}),
    });
    await recordAudit(tx, ctx, { action: active ? 'achievement.entrust' : 'achievement.entrust.propose', entityType: 'achievement', entityId: a.id, organizationId: a.organizationId, jurisdictionCode: a.jurisdictionCode, after: { entrustmentId: row.id, agentOrganizationId: row.agentOrganizationId, agentUserId: row.agentUserId, status: row.status } });
    if (active) await notifyEntrusted(tx, a, row);
    else
      await notifyMany(tx, [
        {
          organizationId: a.organizationId,
          kind: 'achievement.entrust.proposed',
          dedupeKey: `achievement.entrust.proposed:${row.id}`,
          title: `${ctx.actor.user.name} 提议委托代理科技成果「${a.title}」的交易，待单位负责人确认`,
          body: '委托经单位负责人确认后生效，受托方方可为该成果发起挂牌。',
          titleEn: `${ctx.actor.user.name} proposes entrusting the trading of “${a.title}”: the organisation's owner confirms`,
          bodyEn: 'Once the owner confirms, the agent may list the achievement.',
          link: `/achievements/${a.id}`,
        },
      ]);
  });
  return listEntrustments(db, ctx.actor, achievementId);
}

async function notifyEntrusted(tx: Executor, a: { id: string; title: string }, row: { id: string; agentOrganizationId: string | null; agentUserId: string | null }) {
  await notifyMany(tx, [
    {
      ...(row.agentOrganizationId ? { organizationId: row.agentOrganizationId } : { userId: row.agentUserId! }),
      kind: 'achievement.entrusted',
      dedupeKey: `achievement.entrusted:${row.id}`,
      title: `您已受托代理科技成果「${a.title}」的交易`,
      body: '您可以为该成果发起挂牌、协议定价公示或竞价拍卖。',
      titleEn: `You are entrusted with the trading of “${a.title}”`,
      bodyEn: 'You may list it at a fixed price, a negotiated price under notice, or by auction.',
      link: `/achievements/${a.id}`,
    },
  ]);
}

/** The owner confirms an entrustment a member proposed: it takes effect and the agent is told. */
export async function confirmEntrustment(db: Db, ctx: Signed, achievementId: string, entrustmentId: string) {
  await db.transaction(async (tx) => {
    const { a, policy } = await entrustedAchievement(tx, ctx.actor, achievementId);
    if (!policy.manage) throw policy.propose ? forbiddenBecause('err.entrustment.confirm') : forbidden();
    const e = await repo.entrustmentById(tx, entrustmentId);
    if (!e || e.achievementId !== a.id || e.revokedAt) throw notFound('entrustment');
    if (e.status !== 'pending') throw invalidState('err.entrustment.pending');
    await repo.confirmEntrustment(tx, e.id, ctx.actor.user.id);
    await recordAudit(tx, ctx, { action: 'achievement.entrust', entityType: 'achievement', entityId: a.id, organizationId: a.organizationId, jurisdictionCode: a.jurisdictionCode, after: { entrustmentId: e.id, agentOrganizationId: e.agentOrganizationId, agentUserId: e.agentUserId, status: 'active' } });
    await notifyEntrusted(tx, a, e);
  });
  return listEntrustments(db, ctx.actor, achievementId);
}

export async function revokeEntrustment(db: Db, ctx: Signed, achievementId: string, entrustmentId: string) {
  await db.transaction(async (tx) => {
    const { a, policy } = await entrustedAchievement(tx, ctx.actor, achievementId);
    if (!policy.manage) throw policy.propose ? forbiddenBecause('err.listing.ownerAct') : forbidden();
    const e = await repo.entrustmentById(tx, entrustmentId);
    if (!e || e.achievementId !== a.id || e.revokedAt) throw notFound('entrustment');
    await repo.revokeEntrustment(tx, e.id);
    await recordAudit(tx, ctx, { action: 'achievement.entrust.revoke', entityType: 'achievement', entityId: a.id, organizationId: a.organizationId, jurisdictionCode: a.jurisdictionCode, after: { entrustmentId: e.id } });
  });
}

// ---- settings

export async function getTradingSettings(db: Db, code: string) {
  const j = await findJurisdiction(db, code);
  if (!j) throw notFound('jurisdiction');
  const own = await repo.ownSettings(db, j.code);
  const applied = await settingsFor(db, j.path);
  return { jurisdictionCode: j.code, noticeDays: applied.noticeDays, signDays: applied.signDays, inherited: !own, from: applied.from };
}

export async function saveTradingSettings(db: Db, ctx: Signed, code: string, body: TradingSettingsBody) {
  const j = await findJurisdiction(db, code);
  if (!j) throw notFound('jurisdiction');
  if (!settingsPolicy(ctx.actor, j.path).update) throw forbidden();
  await db.transaction(async (tx) => {
    const before = await repo.ownSettings(tx, j.code);
    const row = await repo.saveSettings(tx, { jurisdictionCode: j.code, noticeDays: body.noticeDays, signDays: body.signDays, updatedBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, {
      action: 'jurisdiction.tradingSettings.update',
      entityType: 'jurisdiction',
      entityId: j.code,
      jurisdictionCode: j.code,
      before: before ? { noticeDays: before.noticeDays, signDays: before.signDays } : null,
      after: { noticeDays: row.noticeDays, signDays: row.signDays },
    });
  });
  return getTradingSettings(db, code);
}
