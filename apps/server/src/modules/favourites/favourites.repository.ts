import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { favourites } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';

export type FavouriteRow = typeof favourites.$inferSelect;
const f = favourites;

/** All SQL of the favourites (收藏) module. */
export const favouriteRepository = {
  /** Saves once; false when it was already saved. */
  add: async (db: Executor, row: typeof f.$inferInsert) => (await db.insert(f).values(row).onConflictDoNothing().returning()).length > 0,

  /** Removes; false when it was not saved. */
  remove: async (db: Executor, userId: string, recordType: string, recordId: string) =>
    (await db.delete(f).where(and(eq(f.userId, userId), eq(f.recordType, recordType), eq(f.recordId, recordId))).returning()).length > 0,

  list: async (db: Executor, userId: string, filter: { recordType?: string; recordId?: string }, page: Page) => {
    const where: SQL | undefined = and(eq(f.userId, userId), filter.recordType ? eq(f.recordType, filter.recordType) : undefined, filter.recordId ? eq(f.recordId, filter.recordId) : undefined);
    const rows = await db.select().from(f).where(where).orderBy(desc(f.createdAt), asc(f.id)).limit(page.pageSize).offset(offsetOf(page));
    const total = (await db.select({ n: count() }).from(f).where(where))[0]?.n ?? 0;
    return { rows, total };
  },
};
