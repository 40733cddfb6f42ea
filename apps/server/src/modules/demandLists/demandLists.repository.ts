import type { IndustrySection } from '@kzt/shared';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { demandListItems, demandLists } from '../../db/schema/index.ts';
import { jurisdictionsTable } from '../jurisdictions/jurisdictions.service.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';

export type DemandListRow = typeof demandLists.$inferSelect & { jurisdictionName: string; jurisdictionPath: string; itemCount: number };

const l = demandLists;
/** The list's jurisdiction, from its module (a subquery: lists are filtered and paged by it in one query). */
const jurisdictions = jurisdictionsTable('list_jurisdiction');
const itemCount = sql<number>`(select count(*)::int from ${demandListItems} i where i.list_id = ${l.id})`;
const listColumns = { l, jurisdictionName: jurisdictions.name, jurisdictionPath: jurisdictions.path, itemCount };
const flat = (r: { l: typeof l.$inferSelect; jurisdictionName: string; jurisdictionPath: string; itemCount: number }): DemandListRow => ({
  ...r.l,
  jurisdictionName: r.jurisdictionName,
  jurisdictionPath: r.jurisdictionPath,
  itemCount: r.itemCount,
});

/**
 * The one place that decides which lists a caller sees: published ones, and
 * drafts in the subtrees they administer.
 */
function visibleLists(actor: Actor | null): SQL {
  if (actor?.user.isPlatformAdmin) return sql`true`;
  const roots = actor?.adminOf.map((j) => j.path) ?? [];
  return sql`(${l.status} = 'published' or ${withinJurisdiction(jurisdictions.path, roots)})`;
}

/** All SQL of the demand lists module (the demands a list holds come from the demands module). */
export const demandListRepository = {
  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select(listColumns).from(l).innerJoin(jurisdictions, eq(jurisdictions.code, l.jurisdictionCode)).where(eq(l.id, id));
    const [row] = opts.lock ? await q.for('update', { of: l }) : await q;
    return row ? flat(row) : undefined;
  },

  insert: async (db: Executor, row: typeof l.$inferInsert) => (await db.insert(l).values(row).returning())[0]!,

  update: async (db: Executor, id: string, set: Partial<typeof l.$inferInsert>) => (await db.update(l).set({ ...set, updatedAt: new Date() }).where(eq(l.id, id)).returning())[0]!,

  search: async (db: Executor, actor: Actor | null, f: { jurisdictionPath?: string; industry?: IndustrySection; status?: string }, page: Page) => {
    const where = and(
      visibleLists(actor),
      f.jurisdictionPath ? withinJurisdiction(jurisdictions.path, [f.jurisdictionPath]) : undefined,
      f.industry ? eq(l.industry, f.industry) : undefined,
      f.status ? eq(l.status, f.status) : undefined,
    );
    const rows = await db
      .select({ ...listColumns, total: sql<number>`(count(*) over ())::int` })
      .from(l)
      .innerJoin(jurisdictions, eq(jurisdictions.code, l.jurisdictionCode))
      .where(where)
      .orderBy(desc(sql`coalesce(${l.publishedAt}, ${l.updatedAt})`), asc(l.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    const total = rows.length
      ? rows[0]!.total
      : page.page > 1
        ? ((await db.select({ n: sql<number>`count(*)::int` }).from(l).innerJoin(jurisdictions, eq(jurisdictions.code, l.jurisdictionCode)).where(where))[0]?.n ?? 0)
        : 0;
    return { rows: rows.map(flat), total };
  },

  /** The demands of a list with their positions, in the list's order. */
  itemPositions: (db: Executor, listId: string) =>
    db.select({ id: demandListItems.demandId, position: demandListItems.position }).from(demandListItems).where(eq(demandListItems.listId, listId)).orderBy(asc(demandListItems.position)),

  itemIds: async (db: Executor, listId: string) =>
    (await db.select({ id: demandListItems.demandId }).from(demandListItems).where(eq(demandListItems.listId, listId)).orderBy(asc(demandListItems.position))).map((r) => r.id),

  replaceItems: async (db: Executor, listId: string, demandIds: string[]) => {
    await db.delete(demandListItems).where(eq(demandListItems.listId, listId));
    for (let i = 0; i < demandIds.length; i += 500) {
      await db.insert(demandListItems).values(demandIds.slice(i, i + 500).map((demandId, k) => ({ listId, demandId, position: i + k + 1 })));
    }
  },
};
