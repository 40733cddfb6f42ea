import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { dealPayments, deals, listings } from '../../db/schema/index.ts';
import { achievementHeadsTable } from '../achievements/achievements.service.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';
import type { DealQuery, ListingKind } from '@kzt/shared';

export type DealRow = typeof deals.$inferSelect;
export type DealWithTitles = DealRow & { listingTitle: string; listingKind: ListingKind; achievementTitle: string };
export type PaymentRow = typeof dealPayments.$inferSelect;

/** The deal's achievement as its module hands it out (a subquery: the list is paged with it in one query). */
const achievement = achievementHeadsTable('deal_achievement');

const named = {
  ...getTableColumns(deals),
  listingTitle: listings.title,
  listingKind: listings.kind,
  achievementTitle: achievement.title,
};

/**
 * The one place that decides which deals a list shows: mine (my organisations on either side, or as agent;
 * narrowed to the seller's side — seller or entrusted agency, as dealRoles counts it — or the buyer's) or my jurisdictions'.
 */
function scopeFilter(actor: Actor, q: Pick<DealQuery, 'scope' | 'side'>): SQL {
  if (q.scope === 'jurisdiction') return actor.user.isPlatformAdmin ? sql`true` : withinJurisdiction(deals.jurisdictionPath, actor.adminOf.map((j) => j.path));
  const orgs = actor.memberships.map((m) => m.organizationId);
  if (!orgs.length) return sql`false`;
  const sellerSide = sql`(${inArray(deals.sellerOrganizationId, orgs)} or ${inArray(deals.agentOrganizationId, orgs)})`;
  const buyerSide = inArray(deals.buyerOrganizationId, orgs);
  if (q.side === 'seller') return sellerSide;
  if (q.side === 'buyer') return buyerSide;
  return sql`(${sellerSide} or ${buyerSide})`;
}

/** All SQL of the deals module. */
export const dealRepository = {
  insert: async (db: Executor, values: typeof deals.$inferInsert) => (await db.insert(deals).values(values).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<DealRow | undefined> => {
    const q = db.select().from(deals).where(eq(deals.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  withTitles: async (db: Executor, id: string): Promise<DealWithTitles | undefined> =>
    (
      await db
        .select(named)
        .from(deals)
        .innerJoin(listings, eq(listings.id, deals.listingId))
        .innerJoin(achievement, eq(achievement.id, deals.achievementId))
        .where(eq(deals.id, id))
    )[0],

  /** These deals with their listing's and achievement's titles (no authorisation here: the caller applies its own). */
  withTitlesByIds: async (db: Executor, ids: string[]): Promise<DealWithTitles[]> =>
    ids.length ? db.select(named).from(deals).innerJoin(listings, eq(listings.id, deals.listingId)).innerJoin(achievement, eq(achievement.id, deals.achievementId)).where(inArray(deals.id, ids)) : [],

  update: async (db: Executor, id: string, set: Partial<typeof deals.$inferInsert>) =>
    (await db.update(deals).set({ ...set, updatedAt: new Date() }).where(eq(deals.id, id)).returning())[0]!,

  search: async (db: Executor, actor: Actor, q: DealQuery, page: Page) => {
    const rows = await db
      .select({ ...named, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(deals)
      .innerJoin(listings, eq(listings.id, deals.listingId))
      .innerJoin(achievement, eq(achievement.id, deals.achievementId))
      .where(and(scopeFilter(actor, q), q.status ? eq(deals.status, q.status) : undefined))
      .orderBy(desc(deals.createdAt), asc(deals.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  },

  // ---- payments

  payments: async (db: Executor, dealId: string) => db.select().from(dealPayments).where(eq(dealPayments.dealId, dealId)).orderBy(asc(dealPayments.seq)),

  paymentById: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(dealPayments).where(eq(dealPayments.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  insertPayments: async (db: Executor, rows: (typeof dealPayments.$inferInsert)[]) => (rows.length ? db.insert(dealPayments).values(rows).returning() : []),

  /** Inserts a royalty for a reported period; undefined when that period was reported already. */
  insertRoyalty: async (db: Executor, values: typeof dealPayments.$inferInsert) => (await db.insert(dealPayments).values(values).onConflictDoNothing().returning())[0],

  nextPaymentSeq: async (db: Executor, dealId: string) =>
    Number((await db.select({ n: sql<number>`coalesce(max(${dealPayments.seq}), 0) + 1` }).from(dealPayments).where(eq(dealPayments.dealId, dealId)))[0]!.n),

  updatePayment: async (db: Executor, id: string, set: Partial<typeof dealPayments.$inferInsert>) =>
    (await db.update(dealPayments).set(set).where(eq(dealPayments.id, id)).returning())[0]!,

  /** Unpaid payments of signed deals due on or before `until` (YYYY-MM-DD), with their deal. */
  unpaidDueBy: async (db: Executor, until: string) =>
    db
      .select({ payment: dealPayments, deal: deals })
      .from(dealPayments)
      .innerJoin(deals, eq(deals.id, dealPayments.dealId))
      .where(and(inArray(dealPayments.status, ['due', 'overdue']), eq(deals.status, 'signed'), sql`${dealPayments.dueOn} <= ${until}::date`))
      .orderBy(asc(dealPayments.dueOn)),

  /** Deals still to be signed whose deadline has passed. */
  lapsed: async (db: Executor, now: Date) =>
    db
      .select({ id: deals.id })
      .from(deals)
      .where(and(inArray(deals.status, ['pending', 'confirmed']), lt(deals.signDeadline, now))),
};
