import { and, asc, desc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { distributionPlans, distributionReceipts, distributionShares } from '../../db/schema/index.ts';

export type ReceiptRow = typeof distributionReceipts.$inferSelect;
export type PlanRow = typeof distributionPlans.$inferSelect;
export type ShareRow = typeof distributionShares.$inferSelect;

/** All SQL of 收益分配. */
export const distributionRepository = {
  /** Records a receipt once per payment (the event may be delivered again). */
  insertReceipt: (db: Executor, values: typeof distributionReceipts.$inferInsert) => db.insert(distributionReceipts).values(values).onConflictDoNothing(),

  terminate: (db: Executor, contractId: string, on: string) =>
    db.update(distributionReceipts).set({ terminatedOn: on }).where(and(eq(distributionReceipts.contractId, contractId), isNull(distributionReceipts.terminatedOn))),

  receiptsOf: (db: Executor, contractId: string) =>
    db.select().from(distributionReceipts).where(eq(distributionReceipts.contractId, contractId)).orderBy(asc(distributionReceipts.paidOn), asc(distributionReceipts.createdAt)),

  receipt: async (db: Executor, paymentId: string) => (await db.select().from(distributionReceipts).where(eq(distributionReceipts.paymentId, paymentId)))[0],

  planOfPayment: async (db: Executor, paymentId: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(distributionPlans).where(eq(distributionPlans.paymentId, paymentId));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  insertPlan: async (db: Executor, plan: typeof distributionPlans.$inferInsert, shares: Omit<typeof distributionShares.$inferInsert, 'planId'>[]) => {
    const [row] = await db.insert(distributionPlans).values(plan).onConflictDoNothing().returning();
    if (!row) return undefined;
    await db.insert(distributionShares).values(shares.map((s) => ({ ...s, planId: row.id })));
    return row;
  },

  /** Every share of the plans made since a date that name any of these users (the people they shared the income with, and the contract). */
  plansNaming: async (db: Executor, userIds: string[], since: string) => {
    if (!userIds.length) return [];
    const planIds = db.select({ id: distributionShares.planId }).from(distributionShares).where(inArray(distributionShares.userId, userIds));
    return db
      .select({ planId: distributionPlans.id, contractId: distributionPlans.contractId, title: distributionReceipts.title, paidOn: distributionReceipts.paidOn, sellerOrganizationId: distributionReceipts.sellerOrganizationId, userId: distributionShares.userId, beneficiary: distributionShares.beneficiary })
      .from(distributionShares)
      .innerJoin(distributionPlans, eq(distributionPlans.id, distributionShares.planId))
      .innerJoin(distributionReceipts, eq(distributionReceipts.paymentId, distributionPlans.paymentId))
      .where(and(inArray(distributionShares.planId, planIds), gte(distributionReceipts.paidOn, since)));
  },

  plansOf: (db: Executor, contractId: string) => db.select().from(distributionPlans).where(eq(distributionPlans.contractId, contractId)).orderBy(asc(distributionPlans.createdAt)),

  sharesOf: (db: Executor, planIds: string[]) =>
    planIds.length ? db.select().from(distributionShares).where(inArray(distributionShares.planId, planIds)).orderBy(asc(distributionShares.planId), asc(distributionShares.position)) : Promise.resolve([] as ShareRow[]),

  /** Every plan of an organisation, newest payment first, with its receipt. */
  plansOfOrganization: (db: Executor, organizationId: string) =>
    db
      .select({ plan: distributionPlans, receipt: distributionReceipts })
      .from(distributionPlans)
      .innerJoin(distributionReceipts, eq(distributionReceipts.paymentId, distributionPlans.paymentId))
      .where(eq(distributionPlans.organizationId, organizationId))
      .orderBy(desc(distributionReceipts.paidOn), asc(distributionPlans.createdAt)),

  /**
   * The shares of one person: those naming the user, and those naming no
   * user whose beneficiary and organisation are the person's name and one of
   * their organisations.
   */
  sharesOfPerson: (db: Executor, person: { userId: string; name: string; organizations: string[]; organizationIds: string[] }) =>
    db
      .select({ share: distributionShares, plan: distributionPlans, receipt: distributionReceipts })
      .from(distributionShares)
      .innerJoin(distributionPlans, eq(distributionPlans.id, distributionShares.planId))
      .innerJoin(distributionReceipts, eq(distributionReceipts.paymentId, distributionPlans.paymentId))
      .where(
        or(
          eq(distributionShares.userId, person.userId),
          person.organizations.length
            ? and(
                isNull(distributionShares.userId),
                eq(distributionShares.beneficiary, person.name),
                or(
                  inArray(distributionShares.organization, person.organizations),
                  and(isNull(distributionShares.organization), inArray(distributionPlans.organizationId, person.organizationIds)),
                ),
              )
            : undefined,
        ),
      )
      .orderBy(desc(distributionReceipts.paidOn), asc(distributionShares.position)),
};
