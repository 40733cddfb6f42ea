import { asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { matchBatchResults, matchBatches } from '../../db/schema/index.ts';

export type BatchRow = typeof matchBatches.$inferSelect;
export type BatchResultRow = typeof matchBatchResults.$inferSelect;
/** What a batch needs of its demand list: the title and where it belongs. */
export type ListHead = { id: string; title: string; status: string; jurisdictionCode: string; jurisdictionName: string; jurisdictionPath: string };

/** All SQL of the batch matching module (achievements, demand lists and organisation names come from their modules). */
export const matchBatchRepository = {
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
