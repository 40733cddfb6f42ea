import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { achievements, demandListItems, demandLists, demands, jurisdictions, matchBatchResults, matchBatches, organizations } from '../../db/schema/index.ts';

export type BatchRow = typeof matchBatches.$inferSelect;
export type BatchResultRow = typeof matchBatchResults.$inferSelect;
/** What a batch needs of its demand list: the title and where it belongs. */
export type ListHead = { id: string; title: string; status: string; jurisdictionCode: string; jurisdictionName: string; jurisdictionPath: string };

const listHead = {
  id: demandLists.id,
  title: demandLists.title,
  status: demandLists.status,
  jurisdictionCode: demandLists.jurisdictionCode,
  jurisdictionName: jurisdictions.name,
  jurisdictionPath: jurisdictions.path,
};

/** All SQL of the batch matching module (it reads demand lists, demands and achievements to match and to name them). */
export const matchBatchRepository = {
  list: async (db: Executor, id: string): Promise<ListHead | undefined> =>
    (await db.select(listHead).from(demandLists).innerJoin(jurisdictions, eq(jurisdictions.code, demandLists.jurisdictionCode)).where(eq(demandLists.id, id)))[0],

  itemCount: async (db: Executor, listId: string) => (await db.select({ n: count() }).from(demandListItems).where(eq(demandListItems.listId, listId)))[0]?.n ?? 0,

  /** The demands of a list in the list's order, with their current titles. */
  listDemands: (db: Executor, listId: string) =>
    db
      .select({ id: demands.id, title: demands.title, position: demandListItems.position })
      .from(demandListItems)
      .innerJoin(demands, eq(demands.id, demandListItems.demandId))
      .where(eq(demandListItems.listId, listId))
      .orderBy(asc(demandListItems.position)),

  /** Published achievements by id, with their organisation's name: what a stored match names. */
  achievements: (db: Executor, ids: string[]) =>
    ids.length
      ? db
          .select({ id: achievements.id, title: achievements.title, confidentiality: achievements.confidentiality, jurisdictionPath: achievements.jurisdictionPath, organizationName: organizations.name })
          .from(achievements)
          .innerJoin(organizations, eq(organizations.id, achievements.organizationId))
          .where(and(inArray(achievements.id, ids), eq(achievements.status, 'published')))
      : Promise.resolve([]),

  insert: async (db: Executor, row: typeof matchBatches.$inferInsert) => (await db.insert(matchBatches).values(row).returning())[0]!,

  batch: async (db: Executor, id: string) => (await db.select().from(matchBatches).where(eq(matchBatches.id, id)))[0],

  update: (db: Executor, id: string, set: Partial<typeof matchBatches.$inferInsert>) => db.update(matchBatches).set(set).where(eq(matchBatches.id, id)),

  /** Batches of a list, the latest first. */
  ofList: (db: Executor, listId: string) => db.select().from(matchBatches).where(eq(matchBatches.demandListId, listId)).orderBy(desc(matchBatches.createdAt), desc(matchBatches.id)),

  results: (db: Executor, batchId: string) => db.select().from(matchBatchResults).where(eq(matchBatchResults.batchId, batchId)).orderBy(asc(matchBatchResults.position)),

  clearResults: (db: Executor, batchId: string) => db.delete(matchBatchResults).where(eq(matchBatchResults.batchId, batchId)),

  insertResult: (db: Executor, row: typeof matchBatchResults.$inferInsert) =>
    db
      .insert(matchBatchResults)
      .values(row)
      .onConflictDoUpdate({ target: [matchBatchResults.batchId, matchBatchResults.demandId], set: { position: row.position, title: row.title, matches: row.matches } }),
};
