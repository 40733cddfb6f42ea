import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brokerCommissions, brokerFollowUps } from '../../db/schema/index.ts';

export type FollowUpRow = typeof brokerFollowUps.$inferSelect;
export type CommissionRow = typeof brokerCommissions.$inferSelect;

/** All SQL of the brokers' workbench: follow-up logs and commissions (tables owned by this module). */
export const brokerageRepository = {
  followUpsOf: async (db: Executor, entrustmentIds: string[]) =>
    entrustmentIds.length
      ? db.select().from(brokerFollowUps).where(inArray(brokerFollowUps.entrustmentId, entrustmentIds)).orderBy(desc(brokerFollowUps.happenedOn), desc(brokerFollowUps.createdAt))
      : [],

  addFollowUp: async (db: Executor, row: typeof brokerFollowUps.$inferInsert) => (await db.insert(brokerFollowUps).values(row).returning())[0]!,

  commissionsOf: async (db: Executor, entrustmentIds: string[]) =>
    entrustmentIds.length ? db.select().from(brokerCommissions).where(inArray(brokerCommissions.entrustmentId, entrustmentIds)) : [],

  commission: async (db: Executor, entrustmentId: string) => (await db.select().from(brokerCommissions).where(eq(brokerCommissions.entrustmentId, entrustmentId)))[0],

  upsertCommission: async (db: Executor, row: typeof brokerCommissions.$inferInsert) =>
    (
      await db
        .insert(brokerCommissions)
        .values(row)
        .onConflictDoUpdate({
          target: brokerCommissions.entrustmentId,
          set: { brokerUserId: row.brokerUserId, amountFen: row.amountFen ?? null, rateBp: row.rateBp ?? null, note: row.note ?? '', updatedAt: new Date() },
        })
        .returning()
    )[0]!,

  /** The commissions agreed with one client organisation, newest first. */
  commissionsOfClient: (db: Executor, organizationId: string) =>
    db
      .select({
        c: brokerCommissions,
        brokerName: sql<string | null>`(select name from users u where u.id = ${brokerCommissions.brokerUserId})`,
        achievementId: sql<string | null>`(select e.achievement_id from trading_entrustments e where e.id = ${brokerCommissions.entrustmentId})`,
        achievementTitle: sql<string | null>`(select a.title from trading_entrustments e join achievements a on a.id = e.achievement_id where e.id = ${brokerCommissions.entrustmentId})`,
      })
      .from(brokerCommissions)
      .where(eq(brokerCommissions.organizationId, organizationId))
      .orderBy(desc(brokerCommissions.updatedAt), asc(brokerCommissions.id)),
};
