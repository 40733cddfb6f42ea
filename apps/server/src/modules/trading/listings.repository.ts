import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import {
  bids,
  deals,
  listingDeposits,
  listingObjections,
  listingOffers,
  listings,
  tradingEntrustments,
  tradingSettings,
} from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';
import type { DepositStatus, IndustrySection, ListingQuery, ObjectionStatus } from '@kzt/shared';
import { achievementHeadsTable } from '../achievements/achievements.service.ts';
import { containsPattern } from '../../platform/text.ts';

/** An entrusted achievement as its module hands it out (a subquery joined in the agent's list). */
const entrusted = achievementHeadsTable('entrusted_achievement');

export type ListingRow = typeof listings.$inferSelect;
export type OfferRow = typeof listingOffers.$inferSelect;
export type ObjectionRow = typeof listingObjections.$inferSelect;
export type DepositRow = typeof listingDeposits.$inferSelect;
export type BidRow = typeof bids.$inferSelect;
export type EntrustmentRow = typeof tradingEntrustments.$inferSelect;

/** Statuses anyone may see: a listing that went live stays on the public record. */
export const PUBLIC_STATUSES = ['open', 'sold', 'failed', 'cancelled', 'withdrawn'] as const;

/**
 * The one place that decides which listings a search shows. catalogue:
 * listings that went live (and not withdrawn before anyone saw them); mine:
 * those of the caller's organisations as seller or agent, and those they
 * list as an entrusted broker; review: pending ones in the caller's
 * jurisdictions.
 */
function scopeFilter(actor: Actor | null, scope: ListingQuery['scope']): SQL {
  if (scope === 'mine') {
    if (!actor) return sql`false`;
    const orgs = actor.memberships.map((m) => m.organizationId);
    return sql`(${orgs.length ? sql`(${inArray(listings.organizationId, orgs)} or ${inArray(listings.agentOrganizationId, orgs)})` : sql`false`} or ${listings.listedBy} = ${actor.user.id})`;
  }
  if (scope === 'review') {
    if (!actor) return sql`false`;
    const inScope = actor.user.isPlatformAdmin ? sql`true` : withinJurisdiction(listings.jurisdictionPath, actor.adminOf.map((j) => j.path));
    return sql`(${listings.status} = 'pending_review' and ${inScope})`;
  }
  return sql`(${inArray(listings.status, [...PUBLIC_STATUSES])} and ${listings.listedAt} is not null)`;
}

/** All SQL of the listings module. */
export const listingRepository = {
  insert: async (db: Executor, values: typeof listings.$inferInsert) => (await db.insert(listings).values(values).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<ListingRow | undefined> => {
    const q = db.select().from(listings).where(eq(listings.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  update: async (db: Executor, id: string, set: Partial<typeof listings.$inferInsert>) =>
    (await db
      .update(listings)
      .set({ ...set, updatedAt: new Date(), version: sql`${listings.version} + 1` })
      .where(eq(listings.id, id))
      .returning())[0]!,

  search: async (db: Executor, actor: Actor | null, q: ListingQuery, subtree: string | undefined, page: Page) => {
    const where = and(
      scopeFilter(actor, q.scope),
      q.kind ? eq(listings.kind, q.kind) : undefined,
      q.transaction ? eq(listings.transaction, q.transaction) : undefined,
      q.status ? eq(listings.status, q.status) : undefined,
      q.industry ? eq(listings.industry, q.industry) : undefined,
      q.achievementId ? eq(listings.achievementId, q.achievementId) : undefined,
      subtree ? withinJurisdiction(listings.jurisdictionPath, [subtree]) : undefined,
      q.q ? sql`${listings.title} ilike ${containsPattern(q.q)}` : undefined,
    );
    const rows = await db
      .select({ ...getTableColumns(listings), total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(listings)
      .where(where)
      // Open listings first, the soonest to end (auctions, notices) before the rest, then the newest.
      .orderBy(sql`(${listings.status} = 'open') desc`, sql`coalesce(${listings.endsAt}, ${listings.noticeEndsAt}) asc nulls last`, desc(listings.createdAt), asc(listings.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  },

  /** A live listing of this achievement (pending or open): one at a time. */
  activeForAchievement: async (db: Executor, achievementId: string) =>
    (await db.select({ id: listings.id }).from(listings).where(and(eq(listings.achievementId, achievementId), inArray(listings.status, ['pending_review', 'open']))).limit(1))[0],

  // ---- entrustments

  entrustments: async (db: Executor, achievementId: string) =>
    db
      .select()
      .from(tradingEntrustments)
      .where(and(eq(tradingEntrustments.achievementId, achievementId), isNull(tradingEntrustments.revokedAt)))
      .orderBy(asc(tradingEntrustments.createdAt)),

  entrustmentById: async (db: Executor, id: string) => (await db.select().from(tradingEntrustments).where(eq(tradingEntrustments.id, id)))[0],

  insertEntrustment: async (db: Executor, values: typeof tradingEntrustments.$inferInsert) => (await db.insert(tradingEntrustments).values(values).returning())[0]!,

  revokeEntrustment: async (db: Executor, id: string) => db.update(tradingEntrustments).set({ revokedAt: new Date() }).where(eq(tradingEntrustments.id, id)),

  /** Whether the organisation or the person holds a current entrustment for the achievement. */
  isEntrusted: async (db: Executor, achievementId: string, agent: { organizationIds: string[]; userId: string }) => {
    const who = agent.organizationIds.length
      ? sql`(${inArray(tradingEntrustments.agentOrganizationId, agent.organizationIds)} or ${tradingEntrustments.agentUserId} = ${agent.userId})`
      : sql`${tradingEntrustments.agentUserId} = ${agent.userId}`;
    const rows = await db
      .select({ agentOrganizationId: tradingEntrustments.agentOrganizationId, agentUserId: tradingEntrustments.agentUserId })
      .from(tradingEntrustments)
      .where(and(eq(tradingEntrustments.achievementId, achievementId), isNull(tradingEntrustments.revokedAt), eq(tradingEntrustments.status, 'active'), who));
    return rows;
  },

  confirmEntrustment: async (db: Executor, id: string, userId: string) =>
    db.update(tradingEntrustments).set({ status: 'active', confirmedBy: userId, confirmedAt: new Date() }).where(eq(tradingEntrustments.id, id)),

  /** The current entrustments held by agencies or a broker (for their workbench), newest first, with the achievement and its owner. */
  entrustmentsOfAgent: async (db: Executor, agent: { organizationIds: string[]; userId: string | null }, opts: { status?: 'active' | 'pending' } = {}) => {
    const who = [
      ...(agent.organizationIds.length ? [inArray(tradingEntrustments.agentOrganizationId, agent.organizationIds)] : []),
      ...(agent.userId ? [eq(tradingEntrustments.agentUserId, agent.userId)] : []),
    ];
    if (!who.length) return [];
    return db
      .select({
        ...getTableColumns(tradingEntrustments),
        achievementTitle: entrusted.title,
        ownerOrganizationId: entrusted.organizationId,
      })
      .from(tradingEntrustments)
      .innerJoin(entrusted, eq(entrusted.id, tradingEntrustments.achievementId))
      .where(and(isNull(tradingEntrustments.revokedAt), opts.status ? eq(tradingEntrustments.status, opts.status) : undefined, sql`(${sql.join(who, sql` or `)})`))
      .orderBy(desc(tradingEntrustments.createdAt));
  },

  // ---- settings

  /** The trading settings that apply in a jurisdiction: its own, or its nearest ancestor's. */
  settingsFor: async (db: Executor, jurisdictionPath: string) => {
    const codes = jurisdictionPath.split('/');
    if (!codes.length) return undefined;
    const rows = await db.select().from(tradingSettings).where(inArray(tradingSettings.jurisdictionCode, codes));
    return rows.sort((a, b) => codes.indexOf(b.jurisdictionCode) - codes.indexOf(a.jurisdictionCode))[0];
  },

  ownSettings: async (db: Executor, code: string) => (await db.select().from(tradingSettings).where(eq(tradingSettings.jurisdictionCode, code)))[0],

  saveSettings: async (db: Executor, values: typeof tradingSettings.$inferInsert) =>
    (
      await db
        .insert(tradingSettings)
        .values(values)
        .onConflictDoUpdate({ target: tradingSettings.jurisdictionCode, set: { noticeDays: values.noticeDays, signDays: values.signDays, updatedBy: values.updatedBy, updatedAt: new Date() } })
        .returning()
    )[0]!,

  // ---- offers

  insertOffer: async (db: Executor, values: typeof listingOffers.$inferInsert) => (await db.insert(listingOffers).values(values).returning())[0]!,

  offers: async (db: Executor, listingId: string, organizationIds?: string[]) =>
    db
      .select()
      .from(listingOffers)
      .where(and(eq(listingOffers.listingId, listingId), organizationIds ? (organizationIds.length ? inArray(listingOffers.organizationId, organizationIds) : sql`false`) : undefined))
      .orderBy(asc(listingOffers.createdAt)),

  offerById: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(listingOffers).where(eq(listingOffers.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  pendingOfferOf: async (db: Executor, listingId: string, organizationId: string) =>
    (await db.select().from(listingOffers).where(and(eq(listingOffers.listingId, listingId), eq(listingOffers.organizationId, organizationId), eq(listingOffers.status, 'pending'))))[0],

  decideOffers: async (db: Executor, listingId: string, acceptedId: string) => {
    await db.update(listingOffers).set({ status: 'accepted', decidedAt: new Date() }).where(eq(listingOffers.id, acceptedId));
    await db
      .update(listingOffers)
      .set({ status: 'declined', decidedAt: new Date() })
      .where(and(eq(listingOffers.listingId, listingId), eq(listingOffers.status, 'pending')));
  },

  declinePendingOffers: async (db: Executor, listingId: string) =>
    db
      .update(listingOffers)
      .set({ status: 'declined', decidedAt: new Date() })
      .where(and(eq(listingOffers.listingId, listingId), eq(listingOffers.status, 'pending')))
      .returning({ organizationId: listingOffers.organizationId }),

  // ---- objections

  insertObjection: async (db: Executor, values: typeof listingObjections.$inferInsert) => (await db.insert(listingObjections).values(values).returning())[0]!,

  objections: async (db: Executor, listingId: string) => db.select().from(listingObjections).where(eq(listingObjections.listingId, listingId)).orderBy(asc(listingObjections.createdAt)),

  objectionById: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(listingObjections).where(eq(listingObjections.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  openObjections: async (db: Executor, listingId: string) =>
    Number(
      (await db.select({ n: sql<number>`count(*)` }).from(listingObjections).where(and(eq(listingObjections.listingId, listingId), eq(listingObjections.status, 'open'))))[0]!.n,
    ),

  resolveObjection: async (db: Executor, id: string, set: { status: ObjectionStatus; resolution: string; resolvedBy: string; vexatious?: boolean; vexatiousReason?: string }) =>
    (await db.update(listingObjections).set({ ...set, resolvedAt: new Date() }).where(eq(listingObjections.id, id)).returning())[0]!,

  markVexatious: async (db: Executor, id: string, reason: string) =>
    (await db.update(listingObjections).set({ vexatious: true, vexatiousReason: reason }).where(eq(listingObjections.id, id)).returning())[0]!,

  /** An organisation's objections on a listing: how many, and how many are open. */
  objectionsOf: async (db: Executor, listingId: string, organizationId: string) => {
    const rows = await db.select({ status: listingObjections.status }).from(listingObjections).where(and(eq(listingObjections.listingId, listingId), eq(listingObjections.organizationId, organizationId)));
    return { total: rows.length, open: rows.filter((r) => r.status === 'open').length };
  },

  // ---- deposits

  deposits: async (db: Executor, listingId: string, organizationIds?: string[]) =>
    db
      .select()
      .from(listingDeposits)
      .where(and(eq(listingDeposits.listingId, listingId), organizationIds ? (organizationIds.length ? inArray(listingDeposits.organizationId, organizationIds) : sql`false`) : undefined))
      .orderBy(asc(listingDeposits.createdAt)),

  deposit: async (db: Executor, listingId: string, organizationId: string) =>
    (await db.select().from(listingDeposits).where(and(eq(listingDeposits.listingId, listingId), eq(listingDeposits.organizationId, organizationId))))[0],

  /** Records a deposit, or raises the one recorded (an organisation pays once per listing). */
  saveDeposit: async (db: Executor, values: typeof listingDeposits.$inferInsert) =>
    (
      await db
        .insert(listingDeposits)
        .values(values)
        .onConflictDoUpdate({
          target: [listingDeposits.listingId, listingDeposits.organizationId],
          set: { amountFen: values.amountFen, note: values.note, recordedBy: values.recordedBy, status: 'held', updatedAt: new Date() },
        })
        .returning()
    )[0]!,

  /** Moves deposits in one of the `from` statuses (held by default) to `status`. */
  setDepositStatus: async (db: Executor, listingId: string, organizationIds: string[] | 'all', status: DepositStatus, from: DepositStatus[] = ['held']) =>
    db
      .update(listingDeposits)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(listingDeposits.listingId, listingId), inArray(listingDeposits.status, from), organizationIds === 'all' ? undefined : inArray(listingDeposits.organizationId, organizationIds))),

  // ---- bids

  /** For a bid refused without the lock: the bidder's deposit and whether this key already made a bid, in one look. */
  bidPrecheck: async (db: Executor, listingId: string, organizationId: string, userId: string, key: string) =>
    (
      await queryRows<{ deposit: string | null; deposit_status: string | null; earlier: string | null }>(
        db,
        sql`select (select amount_fen from listing_deposits where listing_id = ${listingId} and organization_id = ${organizationId}) as deposit,
                   (select status from listing_deposits where listing_id = ${listingId} and organization_id = ${organizationId}) as deposit_status,
                   (select id from bids where listing_id = ${listingId} and user_id = ${userId} and idempotency_key = ${key}) as earlier`,
      )
    ).map((r) => ({ deposit: r.deposit == null ? null : Number(r.deposit), depositStatus: r.deposit_status, earlier: r.earlier }))[0]!,

  bidByKey: async (db: Executor, listingId: string, userId: string, key: string) =>
    (await db.select().from(bids).where(and(eq(bids.listingId, listingId), eq(bids.userId, userId), eq(bids.idempotencyKey, key))))[0],

  /**
   * Records an accepted bid and the listing's new price, leader and end in
   * one statement (the caller holds the listing's lock and has checked the
   * key); returns the bid and the listing as they now are.
   */
  recordBid: async (db: Executor, l: ListingRow, b: { organizationId: string; userId: string; amountFen: number; idempotencyKey: string; endsAt: Date; extended: boolean }, now: Date) => {
    const bid: BidRow = { id: randomUUID(), listingId: l.id, seq: l.bidCount + 1, ...b, createdAt: now };
    const listing: ListingRow = {
      ...l,
      currentPriceFen: b.amountFen,
      leaderOrganizationId: b.organizationId,
      bidCount: bid.seq,
      endsAt: b.endsAt,
      extensions: l.extensions + (b.extended ? 1 : 0),
      version: l.version + 1,
      updatedAt: now,
    };
    await db.execute(sql`with bid as (
        insert into bids (id, listing_id, seq, organization_id, user_id, amount_fen, idempotency_key, ends_at, extended, created_at)
        values (${bid.id}, ${l.id}, ${bid.seq}, ${b.organizationId}, ${b.userId}, ${b.amountFen}, ${b.idempotencyKey}, ${b.endsAt.toISOString()}::timestamptz, ${b.extended}, ${now.toISOString()}::timestamptz)
      )
      update listings set current_price_fen = ${b.amountFen}, leader_organization_id = ${b.organizationId}, bid_count = ${bid.seq},
        ends_at = ${b.endsAt.toISOString()}::timestamptz, extensions = ${listing.extensions}, version = ${listing.version}, updated_at = ${now.toISOString()}::timestamptz
      where id = ${l.id}`);
    return { bid, listing };
  },

  bids: async (db: Executor, listingId: string) => db.select().from(bids).where(eq(bids.listingId, listingId)).orderBy(asc(bids.seq)),

  bidsAfter: async (db: Executor, listingId: string, seq: number) =>
    db.select().from(bids).where(and(eq(bids.listingId, listingId), sql`${bids.seq} > ${seq}`)).orderBy(asc(bids.seq)),

  /** Each organisation's highest bid, highest first: the winner, then the second bidder. */
  bestBidsByOrganization: async (db: Executor, listingId: string) =>
    queryRows<{ id: string; organization_id: string; user_id: string; amount_fen: string; seq: number }>(
      db,
      sql`select distinct on (organization_id) id, organization_id, user_id, amount_fen, seq
          from bids where listing_id = ${listingId}
          order by organization_id, amount_fen desc, seq asc`,
    ).then((rows) =>
      rows
        .map((r) => ({ id: r.id, organizationId: r.organization_id, userId: r.user_id, amountFen: Number(r.amount_fen), seq: r.seq }))
        .sort((a, b) => b.amountFen - a.amountFen || a.seq - b.seq),
    ),

  // ---- deals of listings (read side: comparables and premiums)

  /** Sold listings with their deal price, newest first, optionally only these achievements. */
  soldListings: async (db: Executor, opts: { achievementIds?: string[]; excludeListingId?: string; limit: number }) =>
    db
      .select({
        id: listings.id,
        achievementId: listings.achievementId,
        title: listings.title,
        kind: listings.kind,
        transaction: listings.transaction,
        industry: listings.industry,
        priceFen: listings.priceFen,
        finalPriceFen: listings.finalPriceFen,
        bidCount: listings.bidCount,
        extensions: listings.extensions,
        closedAt: listings.closedAt,
        jurisdictionCode: listings.jurisdictionCode,
      })
      .from(listings)
      .where(
        and(
          eq(listings.status, 'sold'),
          opts.achievementIds ? (opts.achievementIds.length ? inArray(listings.achievementId, opts.achievementIds) : sql`false`) : undefined,
          opts.excludeListingId ? sql`${listings.id} <> ${opts.excludeListingId}` : undefined,
        ),
      )
      .orderBy(desc(listings.closedAt))
      .limit(opts.limit),

  /** Achievement ids that sold through a listing (what comparables are drawn from). */
  /** Final prices of the latest sales in an industry (the review queue's yardstick), of the same kind of transaction first. */
  recentSalePrices: async (db: Executor, industry: IndustrySection, transaction: string, limit = 50) =>
    (
      await db
        .select({ price: listings.finalPriceFen, transaction: listings.transaction })
        .from(listings)
        .where(and(eq(listings.status, 'sold'), eq(listings.industry, industry), sql`${listings.finalPriceFen} is not null`))
        .orderBy(sql`(${listings.transaction} = ${transaction}) desc`, desc(listings.closedAt))
        .limit(limit)
    ).map((r) => Number(r.price)),

  soldAchievementIds: async (db: Executor) => (await db.selectDistinct({ id: listings.achievementId }).from(listings).where(eq(listings.status, 'sold'))).map((r) => r.id),

  /** Per industry: auctions sold, and each one's premium over its start price in basis points. */
  auctionPremiums: async (db: Executor, subtree: string | undefined) =>
    queryRows<{ industry: IndustrySection; auctions: number; avg_bp: string; median_bp: string; total_start: string; total_final: string }>(
      db,
      sql`select industry, count(*)::int as auctions,
                 round(avg((final_price_fen - price_fen) * 10000.0 / price_fen)) as avg_bp,
                 round((percentile_cont(0.5) within group (order by (final_price_fen - price_fen) * 10000.0 / price_fen))::numeric) as median_bp,
                 sum(price_fen) as total_start, sum(final_price_fen) as total_final
          from listings
          where status = 'sold' and kind = 'auction' and price_fen > 0 and final_price_fen is not null
            ${subtree ? sql`and ${withinJurisdiction(sql.raw('jurisdiction_path'), [subtree])}` : sql``}
          group by industry order by industry`,
    ),

  /** The deal a listing ended in (the latest, when a second bidder took it over). */
  dealOfListing: async (db: Executor, listingId: string) =>
    (await db.select({ id: deals.id, status: deals.status, buyerOrganizationId: deals.buyerOrganizationId, amountFen: deals.amountFen, source: deals.source }).from(deals).where(eq(deals.listingId, listingId)).orderBy(desc(deals.createdAt)).limit(1))[0],

  /** Open auctions whose end has passed (closed at start, and by the close job). */
  endedAuctions: async (db: Executor, now: Date) =>
    db
      .select({ id: listings.id })
      .from(listings)
      .where(and(eq(listings.status, 'open'), eq(listings.kind, 'auction'), sql`${listings.endsAt} <= ${now.toISOString()}::timestamptz`)),
};
