import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { listingDeposits, listingRegistrations, organizations } from '../../db/schema/index.ts';

export type RegistrationRow = typeof listingRegistrations.$inferSelect;
export type RegistrationWithNames = RegistrationRow & { organizationName: string; depositAmount: number | null; depositStatus: string | null };

const withNames = {
  ...getTableColumns(listingRegistrations),
  organizationName: organizations.name,
  depositAmount: sql<number | null>`(select amount_fen::float8 from listing_deposits d where d.listing_id = ${listingRegistrations.listingId} and d.organization_id = ${listingRegistrations.organizationId})`,
  depositStatus: sql<string | null>`(select status from listing_deposits d where d.listing_id = ${listingRegistrations.listingId} and d.organization_id = ${listingRegistrations.organizationId})`,
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

  /** A listing's registrations (those of `organizationIds` only, when given), oldest first, with names and deposits. */
  forListing: async (db: Executor, listingId: string, organizationIds?: string[]): Promise<RegistrationWithNames[]> =>
    (
      await db
        .select(withNames)
        .from(listingRegistrations)
        .innerJoin(organizations, eq(organizations.id, listingRegistrations.organizationId))
        .where(and(eq(listingRegistrations.listingId, listingId), organizationIds ? (organizationIds.length ? inArray(listingRegistrations.organizationId, organizationIds) : sql`false`) : undefined))
        .orderBy(asc(listingRegistrations.createdAt))
    ).map((r) => ({ ...r, depositAmount: r.depositAmount == null ? null : Number(r.depositAmount) })),

  withNames: async (db: Executor, id: string): Promise<RegistrationWithNames | undefined> => {
    const r = (await db.select(withNames).from(listingRegistrations).innerJoin(organizations, eq(organizations.id, listingRegistrations.organizationId)).where(eq(listingRegistrations.id, id)))[0];
    return r && { ...r, depositAmount: r.depositAmount == null ? null : Number(r.depositAmount) };
  },

  /** The seller organisation's name and contact. */
  sellerOrganization: async (db: Executor, organizationId: string) =>
    (await db.select({ name: organizations.name, contactName: organizations.contactName, contactPhone: organizations.contactPhone }).from(organizations).where(eq(organizations.id, organizationId)))[0],

  depositOf: async (db: Executor, listingId: string, organizationId: string) =>
    (await db.select().from(listingDeposits).where(and(eq(listingDeposits.listingId, listingId), eq(listingDeposits.organizationId, organizationId))))[0],
};
