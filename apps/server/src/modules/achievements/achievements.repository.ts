import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AchievementQuery } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import { achievements, conversionEvents, followups, organizations } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { searchVectorSql, titleKey, tsQueryText } from '../../platform/search.ts';
import { pathInSubtrees } from '../catalogue/catalogue.repository.ts';

export type AchievementRow = typeof achievements.$inferSelect;
export type AchievementWithOrg = AchievementRow & { organizationName: string };

const a = achievements;

/** The search vector of an achievement. An `abstract` record is found only by what everyone may see of it. */
export function achievementSearchVector(r: Pick<AchievementRow, 'title' | 'keywords' | 'industryTags' | 'summary' | 'confidentiality'>) {
  const open = r.confidentiality !== 'abstract';
  return searchVectorSql({ a: [r.title, ...(open ? r.keywords : [])], b: open ? r.industryTags : [], c: [r.summary] });
}

/**
 * The one place that decides which achievements a list shows:
 * - catalogue: published ones, secret ones only to their owners and administrators;
 * - mine: every record of the actor's organisations;
 * - review: records in the actor's administered subtrees.
 */
export function achievementScope(actor: Actor | null, scope: AchievementQuery['scope']): SQL {
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const adminAll = !!actor?.user.isPlatformAdmin;
  const adminRoots = actor?.adminOf.map((j) => j.path) ?? [];
  const mine = orgIds.length ? inArray(a.organizationId, orgIds) : sql`false`;
  const administered = adminAll ? sql`true` : pathInSubtrees(a.jurisdictionPath, adminRoots);
  if (scope === 'mine') return mine;
  if (scope === 'review') return administered;
  return sql`(${a.status} = 'published' and (${a.confidentiality} <> 'secret' or ${mine} or ${administered}))`;
}

type Filters = Omit<AchievementQuery, 'page' | 'pageSize' | 'sort' | 'q' | 'scope'> & { jurisdictionPath?: string };

function filterConditions(f: Filters, skip?: string): (SQL | undefined)[] {
  const shanghaiDay = (d: string, end = false) => new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}+08:00`);
  return [
    f.status ? eq(a.status, f.status) : undefined,
    skip !== 'industry' && f.industry?.length ? inArray(a.industry, f.industry) : undefined,
    skip !== 'type' && f.type?.length ? inArray(a.type, f.type) : undefined,
    skip !== 'maturity' && f.maturityMin ? gte(a.maturity, f.maturityMin) : undefined,
    skip !== 'maturity' && f.maturityMax ? lte(a.maturity, f.maturityMax) : undefined,
    // transfer modes are checked against the enum by the request schema, so they can be inlined
    skip !== 'transferMode' && f.transferMode?.length ? sql`${a.transferModes} && ${sql.raw(`array[${f.transferMode.map((m) => `'${m}'`).join(',')}]::text[]`)}` : undefined,
    f.priceMin !== undefined ? gte(a.priceFen, f.priceMin) : undefined,
    f.priceMax !== undefined ? lte(a.priceFen, f.priceMax) : undefined,
    skip !== 'ownerType' && f.ownerType?.length ? inArray(a.ownerType, f.ownerType) : undefined,
    f.jurisdictionPath ? pathInSubtrees(a.jurisdictionPath, [f.jurisdictionPath]) : undefined,
    f.publishedFrom ? gte(a.publishedAt, shanghaiDay(f.publishedFrom)) : undefined,
    f.publishedTo ? lte(a.publishedAt, shanghaiDay(f.publishedTo, true)) : undefined,
    f.stale ? eq(a.stale, f.stale === 'true') : undefined,
    f.unconverted === 'true' ? sql`${a.unconvertedFlaggedAt} is not null and not ${a.converted}` : undefined,
  ];
}

const FACETS = {
  industry: sql`${a.industry}`,
  type: sql`${a.type}`,
  maturity: sql`${a.maturity}::text`,
  ownerType: sql`${a.ownerType}`,
  transferMode: sql`unnest(${a.transferModes})`,
} as const;
export type AchievementFacet = keyof typeof FACETS;

export const achievementRepository = {
  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select({ a, organizationName: organizations.name }).from(a).innerJoin(organizations, eq(organizations.id, a.organizationId)).where(eq(a.id, id));
    const [row] = opts.lock ? await q.for('update', { of: a }) : await q;
    return row ? { ...row.a, organizationName: row.organizationName } : undefined;
  },

  byExternalId: async (db: Executor, organizationId: string, externalId: string) =>
    (await db.select().from(a).where(and(eq(a.organizationId, organizationId), eq(a.externalId, externalId))))[0],

  insert: async (db: Executor, row: typeof a.$inferInsert) => {
    const [created] = await db
      .insert(a)
      .values({ ...row, searchTitle: titleKey(row.title), searchVector: achievementSearchVector({ summary: '', keywords: [], industryTags: [], confidentiality: 'public', ...row }) })
      .returning();
    return created!;
  },

  update: async (db: Executor, current: AchievementRow, set: Partial<typeof a.$inferInsert>) => {
    const next = { ...current, ...set };
    const [row] = await db
      .update(a)
      .set({ ...set, searchTitle: titleKey(next.title), searchVector: achievementSearchVector(next), updatedAt: new Date() })
      .where(eq(a.id, current.id))
      .returning();
    return row!;
  },

  /**
   * One page of matching records and the total. With a query, records having
   * every token are wanted; when there are none, records having any token
   * are returned instead (`relaxed`).
   */
  search: async (db: Executor, actor: Actor | null, q: AchievementQuery & { jurisdictionPath?: string }, page: Page) => {
    const first = await achievementRepository.searchOnce(db, actor, q, page, 'all');
    if (first.total > 0 || !first.query) return { ...first, relaxed: false };
    return { ...(await achievementRepository.searchOnce(db, actor, q, page, 'any')), relaxed: true };
  },

  searchOnce: async (db: Executor, actor: Actor | null, q: AchievementQuery & { jurisdictionPath?: string }, page: Page, mode: 'all' | 'any') => {
    const tsq = q.q ? tsQueryText(q.q, mode) : null;
    const query = tsq ? sql`to_tsquery('simple', ${tsq})` : null;
    const scope = achievementScope(actor, q.scope);
    const where = and(scope, query ? sql`${a.searchVector} @@ ${query}` : undefined, ...filterConditions(q));
    const recency = desc(sql`coalesce(${a.publishedAt}, ${a.updatedAt})`);
    // Relevance: weighted token matches, stale records halved, the exact title first; without a query, fresh records first.
    const order = query && q.sort === 'relevance'
      ? [desc(sql`(ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', ${a.searchVector}, ${query}, 1) * (case when ${a.stale} then 0.5 else 1 end) + (case when ${a.searchTitle} = ${titleKey(q.q!)} then 100 else 0 end))`), recency, asc(a.id)]
      : q.sort === 'relevance'
        ? [asc(a.stale), recency, asc(a.id)]
        : [recency, asc(a.id)];
    const [rows, total] = await Promise.all([
      db
        .select({ a, organizationName: organizations.name })
        .from(a)
        .innerJoin(organizations, eq(organizations.id, a.organizationId))
        .where(where)
        .orderBy(...order)
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      db.select({ n: sql<number>`count(*)::int` }).from(a).where(where),
    ]);
    return { rows: rows.map((r) => ({ ...r.a, organizationName: r.organizationName })), total: total[0]?.n ?? 0, query, scope };
  },

  /** Counts per value of each facet, each under every filter but its own. */
  facets: async (db: Executor, q: AchievementQuery & { jurisdictionPath?: string }, base: { query: SQL | null; scope: SQL }) => {
    const out: Record<string, { value: string; count: number }[]> = {};
    for (const [name, expr] of Object.entries(FACETS) as [AchievementFacet, SQL][]) {
      const where = and(base.scope, base.query ? sql`${a.searchVector} @@ ${base.query}` : undefined, ...filterConditions(q, name));
      const rows = await db.execute(sql`select v as value, count(*)::int as count from (select ${expr} as v from ${a} where ${where}) s group by v order by count desc, v limit 30`);
      out[name] = (rows as unknown as { rows: { value: string; count: number }[] }).rows;
    }
    return out;
  },

  conversions: (db: Executor, achievementId: string) =>
    db.select().from(conversionEvents).where(eq(conversionEvents.achievementId, achievementId)).orderBy(desc(conversionEvents.date), desc(conversionEvents.createdAt)),

  insertConversion: async (db: Executor, row: typeof conversionEvents.$inferInsert) => (await db.insert(conversionEvents).values(row).returning())[0]!,

  followups: (db: Executor, achievementId: string) => db.select().from(followups).where(eq(followups.achievementId, achievementId)).orderBy(desc(followups.year)),

  upsertFollowup: async (db: Executor, row: typeof followups.$inferInsert) =>
    (
      await db
        .insert(followups)
        .values(row)
        .onConflictDoUpdate({
          target: [followups.achievementId, followups.year],
          set: { status: row.status, revenueFen: row.revenueFen ?? null, note: row.note ?? null, updatedBy: row.updatedBy, updatedAt: new Date() },
        })
        .returning()
    )[0]!,

  /** Published records not confirmed since `before` (per jurisdiction threshold applied by the caller). */
  markStale: (db: Executor, pathRoot: string | null, before: Date) =>
    db
      .update(a)
      .set({ stale: true })
      .where(and(eq(a.status, 'published'), eq(a.stale, false), sql`${a.confirmedAt} < ${before.toISOString()}::timestamptz`, pathRoot ? pathInSubtrees(a.jurisdictionPath, [pathRoot]) : undefined))
      .returning({ id: a.id, organizationId: a.organizationId, title: a.title }),

  flagUnconverted: (db: Executor, publishedBefore: Date) =>
    db
      .update(a)
      .set({ unconvertedFlaggedAt: new Date() })
      .where(and(eq(a.status, 'published'), eq(a.converted, false), sql`${a.unconvertedFlaggedAt} is null`, sql`${a.publishedAt} < ${publishedBefore.toISOString()}::timestamptz`))
      .returning({ id: a.id, organizationId: a.organizationId, title: a.title }),
};
