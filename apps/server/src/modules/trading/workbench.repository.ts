import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { bids, dealPayments, deals, listingDeposits, listingRegistrations, listings } from '../../db/schema/index.ts';

/** A count and the one record to open when there is exactly one. */
export type Pending = { count: number; firstId: string | null };

const pending = (rows: { id: string }[]): Pending => ({ count: rows.length, firstId: rows.length === 1 ? rows[0]!.id : null });

/** The SQL behind the trading part of a workbench: what waits for an organisation's people. */
export const tradingWorkRepository = {
  /** Open auctions of these organisations with registrations to bid awaiting the seller's confirmation (one row per listing). */
  registrationsToConfirm: async (db: Executor, organizationIds: string[]): Promise<Pending> => {
    if (!organizationIds.length) return { count: 0, firstId: null };
    const rows = await db
      .select({ id: listings.id, n: sql<number>`count(*)`.mapWith(Number) })
      .from(listingRegistrations)
      .innerJoin(listings, eq(listings.id, listingRegistrations.listingId))
      .where(and(eq(listingRegistrations.status, 'submitted'), inArray(listings.organizationId, organizationIds), eq(listings.status, 'open')))
      .groupBy(listings.id)
      .orderBy(asc(listings.id));
    return { count: rows.reduce((s, r) => s + r.n, 0), firstId: rows.length === 1 ? rows[0]!.id : null };
  },

  /** Open auctions these organisations take part in: registered (not refused), holding a deposit, or having bid. */
  auctionsJoined: async (db: Executor, organizationIds: string[]): Promise<Pending> => {
    if (!organizationIds.length) return { count: 0, firstId: null };
    const rows = await db
      .select({ id: listings.id })
      .from(listings)
      .where(
        and(
          eq(listings.kind, 'auction'),
          eq(listings.status, 'open'),
          or(
            sql`exists (select 1 from ${listingRegistrations} r where r.listing_id = ${listings.id} and r.status <> 'rejected' and ${inArray(sql`r.organization_id`, organizationIds)})`,
            sql`exists (select 1 from ${listingDeposits} d where d.listing_id = ${listings.id} and ${inArray(sql`d.organization_id`, organizationIds)})`,
            sql`exists (select 1 from ${bids} b where b.listing_id = ${listings.id} and ${inArray(sql`b.organization_id`, organizationIds)})`,
          ),
        ),
      )
      .orderBy(asc(listings.endsAt));
    return pending(rows);
  },

  /** Deals of these organisations (seller or buyer) not signed yet. */
  dealsToSign: async (db: Executor, organizationIds: string[]): Promise<Pending> => {
    if (!organizationIds.length) return { count: 0, firstId: null };
    const rows = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(inArray(deals.status, ['pending', 'confirmed']), or(inArray(deals.sellerOrganizationId, organizationIds), inArray(deals.buyerOrganizationId, organizationIds))))
      .orderBy(asc(deals.signDeadline));
    return pending(rows);
  },

  /** Deals struck on the platform and not cancelled (the home page's count of 成交). */
  dealsDone: async (db: Executor) => (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(deals).where(ne(deals.status, 'cancelled')))[0]?.n ?? 0,

  /** Unpaid instalments and royalties these organisations owe as buyers of signed deals (先使用后付费 included), whenever due. */
  paymentsDue: async (db: Executor, organizationIds: string[]): Promise<Pending> => {
    if (!organizationIds.length) return { count: 0, firstId: null };
    const rows = await db
      .select({ id: deals.id })
      .from(dealPayments)
      .innerJoin(deals, eq(deals.id, dealPayments.dealId))
      .where(and(inArray(dealPayments.status, ['due', 'overdue']), eq(deals.status, 'signed'), inArray(deals.buyerOrganizationId, organizationIds)))
      .orderBy(asc(dealPayments.dueOn));
    const dealIds = [...new Set(rows.map((r) => r.id))];
    return { count: rows.length, firstId: dealIds.length === 1 ? dealIds[0]! : null };
  },
};
