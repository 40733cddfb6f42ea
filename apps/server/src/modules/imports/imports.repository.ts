import { and, count, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { achievements, demands, importJobs } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import type { ImportKind } from './imports.schemas.ts';

export type ImportRow = typeof importJobs.$inferSelect;

const i = importJobs;
/** The catalogue table an import of each kind writes to. */
const TABLES = { achievements, demands } as const;

export const importRepository = {
  insert: async (db: Executor, row: typeof i.$inferInsert) => (await db.insert(i).values(row).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(i).where(eq(i.id, id));
    const [row] = opts.lock ? await q.for('update') : await q;
    return row;
  },

  update: async (db: Executor, id: string, set: Partial<typeof i.$inferInsert>) => (await db.update(i).set(set).where(eq(i.id, id)).returning())[0]!,

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

  /**
   * External ids and titles the organisation already has, for deduplication.
   * Rows of other imports still running count (they become visible or are
   * removed); this import's own rows do not.
   */
  existingKeys: async (db: Executor, kind: ImportKind, organizationId: string, importId: string) => {
    const t = TABLES[kind];
    const rows = await db
      .select({ externalId: t.externalId, title: t.title })
      .from(t)
      .where(and(eq(t.organizationId, organizationId), sql`${t.importId} is distinct from ${importId}`));
    return {
      externalIds: new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : []))),
      titles: new Set(rows.map((r) => r.title)),
    };
  },

  /** The compensation of an interrupted attempt: its invisible rows go. */
  deleteLeftovers: async (db: Executor, kind: ImportKind, importId: string) => {
    const t = TABLES[kind];
    const gone = await db.delete(t).where(and(eq(t.importId, importId), eq(t.status, 'importing'))).returning({ id: t.id });
    return gone.length;
  },

  /** Every row of the import becomes a visible draft at once. */
  reveal: async (db: Executor, kind: ImportKind, importId: string) => {
    const t = TABLES[kind];
    const shown = await db.update(t).set({ status: 'draft', updatedAt: new Date() }).where(and(eq(t.importId, importId), eq(t.status, 'importing'))).returning({ id: t.id });
    return shown.length;
  },

  /** Rows of the import that are visible (for tests and the presenter's counts). */
  visibleCount: async (db: Executor, kind: ImportKind, importId: string) => {
    const t = TABLES[kind];
    const [row] = await db.select({ n: count() }).from(t).where(and(eq(t.importId, importId), ne(t.status, 'importing')));
    return row?.n ?? 0;
  },
};
