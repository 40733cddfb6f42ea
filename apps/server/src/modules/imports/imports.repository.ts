import { and, count, desc, eq, inArray, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { importJobs } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';

export type ImportRow = typeof importJobs.$inferSelect;

const i = importJobs;

export const importRepository = {
  insert: async (db: Executor, row: typeof i.$inferInsert) => (await db.insert(i).values(row).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(i).where(eq(i.id, id));
    const [row] = opts.lock ? await q.for('update') : await q;
    return row;
  },

  update: async (db: Executor, id: string, set: Partial<typeof i.$inferInsert>) => (await db.update(i).set(set).where(eq(i.id, id)).returning())[0]!,

  /** The job's start (or restart): counts reset; nothing when the import was discarded. */
  startUnlessDiscarded: async (db: Executor, id: string) =>
    (
      await db
        .update(i)
        .set({ status: 'importing', startedAt: new Date(), processedRows: 0, createdRows: 0, duplicateRows: 0, error: null })
        .where(and(eq(i.id, id), ne(i.status, 'discarded')))
        .returning({ id: i.id })
    )[0],

  /** A run's failure: nothing when the import was discarded or finished meanwhile (a retry never undoes a person's 放弃). */
  failUnlessEnded: async (db: Executor, id: string, error: string) =>
    (
      await db
        .update(i)
        .set({ status: 'failed', error })
        .where(and(eq(i.id, id), notInArray(i.status, ['discarded', 'done'])))
        .returning()
    )[0],

  /** Imports of the given organisations (and the person's own without one), newest first. */
  list: async (db: Executor, organizationIds: string[], createdBy: string, kind: string | undefined, page: Page) => {
    const mine = and(isNull(i.organizationId), eq(i.createdBy, createdBy));
    const where = and(organizationIds.length ? or(inArray(i.organizationId, organizationIds), mine) : mine, kind ? eq(i.kind, kind) : undefined);
    const [rows, [total]] = await Promise.all([
      db.select().from(i).where(where).orderBy(desc(i.createdAt), desc(i.id)).limit(page.pageSize).offset(offsetOf(page)),
      db.select({ n: count() }).from(i).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },

  addProgress: (db: Executor, id: string, p: { processed: number; created: number; duplicates: number }) =>
    db
      .update(i)
      .set({
        processedRows: sql`${i.processedRows} + ${p.processed}`,
        createdRows: sql`${i.createdRows} + ${p.created}`,
        duplicateRows: sql`${i.duplicateRows} + ${p.duplicates}`,
      })
      .where(eq(i.id, id)),
};
