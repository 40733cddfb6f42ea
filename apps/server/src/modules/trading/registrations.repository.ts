import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { listingDeposits, listingRegistrations } from '../../db/schema/index.ts';

export type RegistrationRow = typeof listingRegistrations.$inferSelect;
export type RegistrationWithDeposit = RegistrationRow & { depositAmount: number | null; depositStatus: string | null };

// Qualified by hand: without a join, drizzle writes the outer columns unqualified and the subquery would read its own.
const withDeposit = {
  ...getTableColumns(listingRegistrations),
  depositAmount: sql<number | null>`(select amount_fen::float8 from listing_deposits d where d.listing_id = listing_registrations.listing_id and d.organization_id = listing_registrations.organization_id)`,
  depositStatus: sql<string | null>`(select status from listing_deposits d where d.listing_id = listing_registrations.listing_id and d.organization_id = listing_registrations.organization_id)`,
};

/** All SQL of registrations to bid (竞买报名). */
export const registrationRepository = {
  insert: async (db: Executor, values: typeof listingRegistrations.$inferInsert) => (await db.insert(listingRegistrations).values(values).returning())[0]!,

  update: async (db: Executor, id: string, set: Partial<typeof listingRegistrations.$inferInsert>) =>
    (await db.update(listingRegistrations).set({ ...set, updatedAt: new Date() }).where(eq(listingRegistrations.id, id)).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(listingRegistrations).where(eq(listingRegistrations.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  ofOrganization: async (db: Executor, listingId: string, organizationId: string) =>
    (await db.select().from(listingRegistrations).where(and(eq(listingRegistrations.listingId, listingId), eq(listingRegistrations.organizationId, organizationId))))[0],

  /** A listing's registrations (those of `organizationIds` only, when given), oldest first, with deposits. */
  forListing: async (db: Executor, listingId: string, organizationIds?: string[]): Promise<RegistrationWithDeposit[]> =>
    (
      await db
        .select(withDeposit)
        .from(listingRegistrations)
        .where(and(eq(listingRegistrations.listingId, listingId), organizationIds ? (organizationIds.length ? inArray(listingRegistrations.organizationId, organizationIds) : sql`false`) : undefined))
        .orderBy(asc(listingRegistrations.createdAt))
    ).map((r) => ({ ...r, depositAmount: r.depositAmount == null ? null : Number(r.depositAmount) })),

  withDeposit: async (db: Executor, id: string): Promise<RegistrationWithDeposit | undefined> => {
    const r = (await db.select(withDeposit).from(listingRegistrations).where(eq(listingRegistrations.id, id)))[0];
    return r && { ...r, depositAmount: r.depositAmount == null ? null : Number(r.depositAmount) };
  },

  depositOf: async (db: Executor, listingId: string, organizationId: string) =>
    (await db.select().from(listingDeposits).where(and(eq(listingDeposits.listingId, listingId), eq(listingDeposits.organizationId, organizationId))))[0],
};
