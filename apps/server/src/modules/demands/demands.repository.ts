import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { DemandQuery, IndustrySection } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import { demands } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Page } from '../../platform/pagination.ts';
import { searchVectorSql, titleKey } from '../../platform/search.ts';
import { facetCounts, hiddenFacet, onHidden, recordFreshness, recordReads, replicaRepository, searchRecords, seesAllSql, shanghaiDay, type NotIndexed } from '../../db/recordSearch.ts';
import { withinJurisdiction } from '../../db/scope.ts';

export type DemandRow = typeof demands.$inferSelect;
export type DemandWithOrg = DemandRow & { organizationName: string };

const d = demands;

/** The search vector of a demand; an `abstract` demand is found only by what everyone may see of it. */
export function demandSearchVector(r: Pick<DemandRow, 'title' | 'keywords' | 'industryTags' | 'description' | 'confidentiality'>) {
  const open = r.confidentiality !== 'abstract';
  return searchVectorSql({ a: [r.title, ...(open ? r.keywords : [])], b: open ? r.industryTags : [], c: [r.description] });
}

type Filters = Omit<DemandQuery, 'page' | 'pageSize' | 'sort' | 'q' | 'scope'> & { jurisdictionPath?: string };

/** Filters; `full` is the condition that the viewer sees the row's hidden fields (a filter on one of them excludes the row otherwise). */
function filterConditions(f: Filters, full: SQL, skip?: string): (SQL | undefined)[] {
  return [
    f.status ? eq(d.status, f.status) : undefined,
    skip !== 'industry' && f.industry?.length ? inArray(d.industry, f.industry) : undefined,
    // cooperation modes are checked against the enum by the request schema, so they can be inlined
    onHidden(full, skip !== 'cooperationMode' && f.cooperationMode?.length ? sql`${d.cooperationModes} && ${sql.raw(`array[${f.cooperationMode.map((m) => `'${m}'`).join(',')}]::text[]`)}` : undefined),
    // A demand fits a budget range when its own range overlaps it.
    onHidden(full, f.budgetMin !== undefined ? sql`coalesce(${d.budgetMaxFen}, ${d.budgetMinFen}) >= ${f.budgetMin}` : undefined),
    onHidden(full, f.budgetMax !== undefined ? sql`coalesce(${d.budgetMinFen}, ${d.budgetMaxFen}) <= ${f.budgetMax}` : undefined),
    onHidden(full, skip !== 'ownerType' && f.ownerType?.length ? inArray(d.ownerType, f.ownerType) : undefined),
    skip !== 'commonProblem' && f.commonProblem ? eq(d.commonProblem, f.commonProblem === 'true') : undefined,
    f.jurisdictionPath ? withinJurisdiction(d.jurisdictionPath, [f.jurisdictionPath]) : undefined,
    f.publishedFrom ? gte(d.publishedAt, shanghaiDay(f.publishedFrom)) : undefined,
    f.publishedTo ? lte(d.publishedAt, shanghaiDay(f.publishedTo, true)) : undefined,
    f.stale ? eq(d.stale, f.stale === 'true') : undefined,
  ];
}

/** Facet values; the hidden fields' only where the viewer sees them (`full`). */
const facetsFor = (full: SQL) => ({
  industry: sql`${d.industry}`,
  ownerType: hiddenFacet(full, sql`${d.ownerType}`),
  cooperationMode: hiddenFacet(full, sql`${d.cooperationModes}`, true),
  commonProblem: sql`${d.commonProblem}::text`,
});

export const demandRepository = {
  // ---- the daily sweep (长效跟踪), run by the freshness module

  markStale: (db: Executor, now: Date, staleAfterMonths: (path: SQL) => SQL) => recordFreshness.markStale(db, d, now, staleAfterMonths),

  // ---- what other modules read of demands, through demands.service (records.reads in db/recordSearch.ts)

  heads: (db: Executor, ids: string[], opts: { published?: boolean } = {}) => recordReads.heads(db, d, ids, opts),

  byIds: async (db: Executor, ids: string[], opts: { published?: boolean } = {}) =>
    ids.length ? db.select().from(d).where(and(inArray(d.id, ids), opts.published ? eq(d.status, 'published') : undefined)) : [],

  headsTable: <N extends string>(name: N) => recordReads.headsTable(d, name),

  headsQuery: () => recordReads.headsQuery(d),

  /** Published, not secret demands inside the subtree, of one industry if given: common problems first, then the newest. */
  listable: async (db: Executor, path: string, industry: IndustrySection | null, limit: number) =>
    (
      await db
        .select({ id: d.id })
        .from(d)
        .where(and(eq(d.status, 'published'), ne(d.confidentiality, 'secret'), withinJurisdiction(d.jurisdictionPath, [path]), industry ? eq(d.industry, industry) : undefined))
        .orderBy(desc(d.commonProblem), desc(d.publishedAt), asc(d.id))
        .limit(limit)
    ).map((r) => r.id),

  // The query as drizzle builds it (it runs when awaited, as the index builds always read it).
  publishedPage: (db: Executor, afterId: string | null, limit: number) => replicaRepository.publishedPage(db, d, afterId, limit) as unknown as Promise<Omit<DemandRow, NotIndexed>[]>,

  changedSince: (db: Executor, since: Date, limit: number) => replicaRepository.changedSince(db, d, since, limit) as unknown as Promise<Omit<DemandRow, NotIndexed>[]>,

  withOrganizationNamesByIds: async (db: Executor, ids: string[]) => (await replicaRepository.byIds(db, d, ids)) as (DemandRow & { organizationName: string })[],

  importKeys: (db: Executor, organizationId: string, importId: string) => recordReads.importKeys(db, d, organizationId, importId),

  deleteImporting: (db: Executor, importId: string) => recordReads.deleteImporting(db, d, importId),

  revealImported: (db: Executor, importId: string) => recordReads.revealImported(db, d, importId),

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(d).where(eq(d.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  byExternalId: async (db: Executor, organizationId: string, externalId: string) =>
    (await db.select().from(d).where(sql`${d.organizationId} = ${organizationId} and ${d.externalId} = ${externalId}`))[0],

  insert: async (db: Executor, row: typeof d.$inferInsert) => {
    const [created] = await db
      .insert(d)
      .values({ ...row, searchTitle: titleKey(row.title), searchVector: demandSearchVector({ description: '', keywords: [], industryTags: [], confidentiality: 'public', ...row }) })
      .returning();
    return created!;
  },

  update: async (db: Executor, current: DemandRow, set: Partial<typeof d.$inferInsert>) => {
    const next = { ...current, ...set };
    const [row] = await db
      .update(d)
      .set({ ...set, searchTitle: titleKey(next.title), searchVector: demandSearchVector(next), updatedAt: new Date() })
      .where(eq(d.id, current.id))
      .returning();
    return row!;
  },

  search: (db: Executor, actor: Actor | null, q: DemandQuery & { jurisdictionPath?: string }, page: Page) =>
    searchRecords<DemandRow>(db, d, actor, q, (skip) => filterConditions(q, seesAllSql(d, actor), skip), page),

  facets: (db: Executor, actor: Actor | null, q: DemandQuery & { jurisdictionPath?: string }, base: { query: SQL | null; scope: SQL }) =>
    facetCounts(db, d, base, facetsFor(seesAllSql(d, actor)), (skip) => filterConditions(q, seesAllSql(d, actor), skip)),
};
