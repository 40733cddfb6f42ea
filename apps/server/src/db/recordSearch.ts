import type { Confidentiality, IndustrySection, StoredRecordStatus } from '@kzt/shared';
import { and, asc, desc, eq, getTableColumns, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from './client.ts';
import { accessRequests, achievements, demands, organizations } from './schema/index.ts';
import type { Actor } from '../platform/actor.ts';
import { offsetOf, type Page } from '../platform/pagination.ts';
import { titleKey, tsQueryText } from '../platform/search.ts';
import { withinJurisdiction } from './scope.ts';

/**
 * SQL shared by the achievement and demand catalogues and the readers of
 * their rows (the search index replica of matching): who sees which record,
 * full-text search with facets, and the rows the index is built from.
 */
export type RecordType = 'achievement' | 'demand';

// ---- search shared by the achievement and demand catalogues

export type RecordTable = typeof achievements | typeof demands;
export type CatalogueScope = 'catalogue' | 'mine' | 'review';

/**
 * The one place that decides which records a list shows:
 * - catalogue: published ones, secret ones only to their owners and administrators;
 * - mine: every record of the actor's organisations;
 * - review: records in the actor's administered subtrees.
 */
export function catalogueScope(table: RecordTable, actor: Actor | null, scope: CatalogueScope): SQL {
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const adminRoots = actor?.adminOf.map((j) => j.path) ?? [];
  const mine = orgIds.length ? inArray(table.organizationId, orgIds) : sql`false`;
  const administered = actor?.user.isPlatformAdmin ? sql`true` : withinJurisdiction(table.jurisdictionPath, adminRoots);
  // Rows of an import in progress are invisible until the import commits them.
  const settled = sql`${table.status} <> 'importing'`;
  if (scope === 'mine') return and(mine, settled)!;
  if (scope === 'review') return and(administered, settled)!;
  return sql`(${table.status} = 'published' and (${table.confidentiality} <> 'secret' or ${mine} or ${administered}))`;
}

/**
 * Condition: the actor sees every field of the row (catalogue.visibility.ts):
 * it is not `abstract`, or the actor is an insider, or one of their
 * organisations was granted access. The SQL twin of `sightOf(...) === 'full'`.
 */
export function seesAllSql(table: RecordTable, actor: Actor | null): SQL {
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  if (actor?.user.isPlatformAdmin) return sql`true`;
  const type = getTableName(table) === 'achievements' ? 'achievement' : 'demand';
  const mine = orgIds.length ? inArray(table.organizationId, orgIds) : sql`false`;
  const administered = withinJurisdiction(table.jurisdictionPath, actor?.adminOf.map((j) => j.path) ?? []);
  const granted = orgIds.length
    ? sql`exists (select 1 from ${accessRequests} where ${accessRequests.recordType} = ${type} and ${accessRequests.recordId} = ${table.id} and ${accessRequests.status} = 'approved' and ${inArray(accessRequests.organizationId, orgIds)})`
    : sql`false`;
  return sql`(${table.confidentiality} <> 'abstract' or ${mine} or ${administered} or ${granted})`;
}

/** A condition on a field an `abstract` record hides: false for a row whose hidden fields the actor may not see, whatever the value. */
export const onHidden = (full: SQL, cond: SQL | undefined) => (cond ? and(full, cond) : undefined);

/** A facet's value expression on a hidden field: no value for a row whose hidden fields the actor may not see. */
export const hiddenFacet = (full: SQL, expr: SQL, array = false) => (array ? sql`unnest(case when ${full} then ${expr} else '{}'::text[] end)` : sql`(case when ${full} then ${expr} end)`);

export type SearchInput = { q?: string; sort: 'relevance' | 'date'; scope: CatalogueScope };
/** Filter conditions of one catalogue; `skip` leaves out one facet's own filter. */
export type FilterFn = (skip?: string) => (SQL | undefined)[];

async function searchOnce<Row>(db: Executor, table: RecordTable, actor: Actor | null, input: SearchInput, filters: FilterFn, page: Page, mode: 'all' | 'any') {
  const tsq = input.q ? tsQueryText(input.q, mode) : null;
  const query = tsq ? sql`to_tsquery('simple', ${tsq})` : null;
  const scope = catalogueScope(table, actor, input.scope);
  const where = and(scope, query ? sql`${table.searchVector} @@ ${query}` : undefined, ...filters());
  const recency = desc(sql`coalesce(${table.publishedAt}, ${table.updatedAt})`);
  // Relevance: weighted token matches, stale records halved, the exact title first; without a query, fresh records first.
  const order =
    query && input.sort === 'relevance'
      ? [
          desc(sql`(ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', ${table.searchVector}, ${query}, 1) * (case when ${table.stale} then 0.5 else 1 end) + (case when ${table.searchTitle} = ${titleKey(input.q!)} then 100 else 0 end))`),
          recency,
          asc(table.id),
        ]
      : input.sort === 'relevance'
        ? [asc(table.stale), recency, asc(table.id)]
        : [recency, asc(table.id)];
  // The total comes with the page (a window count over all matches); only a page past the end needs its own count.
  const rows = await db
    .select({ r: table, organizationName: organizations.name, total: sql<number>`(count(*) over ())::int` })
    .from(table)
    .innerJoin(organizations, eq(organizations.id, table.organizationId))
    .where(where)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset(offsetOf(page));
  const total = rows.length ? rows[0]!.total : page.page > 1 ? ((await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]?.n ?? 0) : 0;
  return {
    rows: rows.map((x) => ({ ...(x.r as Row), organizationName: x.organizationName })),
    total,
    query,
    scope,
  };
}

/**
 * One page of matching records and the total. With a query, records having
 * every token are wanted; when there are none, records having any token are
 * returned instead (`relaxed`).
 */
export async function searchRecords<Row>(db: Executor, table: RecordTable, actor: Actor | null, input: SearchInput, filters: FilterFn, page: Page) {
  const first = await searchOnce<Row>(db, table, actor, input, filters, page, 'all');
  if (first.total > 0 || !first.query) return { ...first, relaxed: false };
  return { ...(await searchOnce<Row>(db, table, actor, input, filters, page, 'any')), relaxed: true };
}

/**
 * Counts per value of each facet, each under every filter but its own. The
 * rows matching the scope and the query are read once into a CTE that takes
 * the table's name (inside its own definition the name still means the
 * table), so the same filter conditions apply to it unchanged.
 */
export async function facetCounts<K extends string>(db: Executor, table: RecordTable, base: { query: SQL | null; scope: SQL }, facets: Record<K, SQL>, filters: FilterFn) {
  const name = getTableName(table);
  const matched = and(base.scope, base.query ? sql`${table.searchVector} @@ ${base.query}` : undefined);
  const parts = (Object.entries(facets) as [K, SQL][]).map(
    ([facet, expr]) =>
      sql`(select ${facet}::text as facet, v as value, count(*)::int as count from (select ${expr} as v from ${sql.identifier(name)} where ${and(sql`true`, ...filters(facet))}) s where v is not null group by v order by count desc, v limit 30)`,
  );
  const rows = await queryRows<{ facet: string; value: string; count: number }>(
    db,
    sql`with ${sql.identifier(name)} as materialized (select * from ${table} where ${matched}) ${sql.join(parts, sql` union all `)}`,
  );
  const out: Record<string, { value: string; count: number }[]> = Object.fromEntries(Object.keys(facets).map((f) => [f, []]));
  for (const r of rows) out[r.facet]!.push({ value: r.value, count: r.count });
  for (const list of Object.values(out)) list.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  // One entry per facet asked for.
  return out as Record<K, { value: string; count: number }[]>;
}

/** Calendar days in Asia/Shanghai as instants. */
export const shanghaiDay = (d: string, end = false) => new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}+08:00`);

// ---- the search index replica reads rows from here

/** The long text columns the index does not need (its tokens come from the search vector). */
const NOT_INDEXED = ['summary', 'description', 'ip', 'completers', 'benefits', 'keywords', 'industryTags', 'reviewReason'] as const;
export type NotIndexed = (typeof NOT_INDEXED)[number];
const indexColumns = (table: RecordTable) =>
  Object.fromEntries(Object.entries(getTableColumns(table)).filter(([k]) => !(NOT_INDEXED as readonly string[]).includes(k))) as ReturnType<typeof getTableColumns<RecordTable>>;

export const replicaRepository = {
  /** Published rows in id order after `afterId`, for the initial build. */
  publishedPage: (db: Executor, table: RecordTable, afterId: string | null, limit: number) =>
    db
      .select(indexColumns(table))
      .from(table)
      .where(and(eq(table.status, 'published'), afterId ? sql`${table.id} > ${afterId}` : undefined))
      .orderBy(asc(table.id))
      .limit(limit),

  /** Rows changed at or after `since` (any status: a withdrawn record leaves the index). */
  changedSince: (db: Executor, table: RecordTable, since: Date, limit: number) =>
    db.select(indexColumns(table)).from(table).where(sql`${table.updatedAt} >= ${since.toISOString()}::timestamptz`).orderBy(asc(table.updatedAt)).limit(limit),

  /** Rows by id with their organisation's name, for a result page. */
  byIds: async (db: Executor, table: RecordTable, ids: string[]) => {
    if (!ids.length) return [];
    const rows = await db
      .select({ r: table, organizationName: organizations.name })
      .from(table)
      .innerJoin(organizations, eq(organizations.id, table.organizationId))
      .where(inArray(table.id, ids));
    return rows.map((x) => ({ ...x.r, organizationName: x.organizationName }));
  },

  now: async (db: Executor) => new Date((await queryRows<{ now: string }>(db, sql`select now() as now`))[0]!.now),
};

// ---- what other modules read of a record: through its owner's service (achievements.service, demands.service), never from the table

/** A record as others name, place and authorise it, without its texts. */
const headColumns = (t: RecordTable) => ({
  id: t.id,
  title: t.title,
  status: t.status,
  confidentiality: t.confidentiality,
  organizationId: t.organizationId,
  jurisdictionCode: t.jurisdictionCode,
  jurisdictionPath: t.jurisdictionPath,
  industry: t.industry,
  keywords: t.keywords,
});
export type RecordHead = { id: string; title: string; status: StoredRecordStatus; confidentiality: Confidentiality; organizationId: string; jurisdictionCode: string; jurisdictionPath: string; industry: IndustrySection; keywords: string[] };

/** A record the daily sweep flagged, as its owner's digest names it. */
export type FlaggedRecord = { id: string; organization_id: string; title: string; confirmed_at: string | null; published_at: string | null };

/** The daily sweep's update, the same for both kinds of record. */
export const recordFreshness = {
  /**
   * Marks published records not confirmed for their jurisdiction's period as
   * stale; `staleAfterMonths` gives that period for a record's path (the
   * catalogue's setting, handed in by the record's module).
   */
  markStale: (db: Executor, table: RecordTable, now: Date, staleAfterMonths: (path: SQL) => SQL) =>
    queryRows<FlaggedRecord>(
      db,
      sql`update ${table} r set stale = true, updated_at = now()
          where r.status = 'published' and not r.stale
            and r.confirmed_at < ${now.toISOString()}::timestamptz - make_interval(months => ${staleAfterMonths(sql`r.jurisdiction_path`)})
          returning r.id, r.organization_id, r.title, r.confirmed_at, r.published_at`,
    ),
};

export const recordReads = {
  /** Heads of these records (only the published ones with `published`). */
  heads: async (db: Executor, table: RecordTable, ids: string[], opts: { published?: boolean } = {}): Promise<RecordHead[]> =>
    ids.length ? db.select(headColumns(table)).from(table).where(and(inArray(table.id, ids), opts.published ? eq(table.status, 'published') : undefined)) : [],

  /**
   * The heads as a subquery named `name`, for a module that must filter,
   * order or page its own rows by them (one query, as a join on the table
   * would be): the owner decides what leaves, the caller only joins.
   */
  headsTable: <N extends string>(table: RecordTable, name: N) => recordReads.headsQuery(table).as(name),

  /** The heads as a query to put in raw SQL (`(${a} union all ${d}) src`): the columns by their SQL names. */
  headsQuery: (table: RecordTable) => new QueryBuilder().select(headColumns(table)).from(table),

  // ---- rows of an import (imports.job): inserted invisible (`importing`), revealed at once, removed when the attempt failed

  /** External ids and titles the organisation already has; rows of this import do not count, those of others still running do. */
  importKeys: async (db: Executor, table: RecordTable, organizationId: string, importId: string) => {
    const rows = await db
      .select({ externalId: table.externalId, title: table.title })
      .from(table)
      .where(and(eq(table.organizationId, organizationId), sql`${table.importId} is distinct from ${importId}`));
    return {
      externalIds: new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : []))),
      titles: new Set(rows.map((r) => r.title)),
    };
  },

  /** The compensation of an interrupted attempt: its invisible rows go. */
  deleteImporting: async (db: Executor, table: RecordTable, importId: string) =>
    (await db.delete(table).where(and(eq(table.importId, importId), eq(table.status, 'importing'))).returning({ id: table.id })).length,

  /** Every row of the import becomes a visible draft at once. */
  revealImported: async (db: Executor, table: RecordTable, importId: string) =>
    (await db.update(table).set({ status: 'draft', updatedAt: new Date() }).where(and(eq(table.importId, importId), eq(table.status, 'importing'))).returning({ id: table.id })).length,
};
