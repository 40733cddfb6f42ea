import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AchievementQuery } from '@kzt/shared';
import { queryRows, type Executor } from '../../db/client.ts';
import { achievements, conversionEvents, followups } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Page } from '../../platform/pagination.ts';
import { searchVectorSql, titleKey } from '../../platform/search.ts';
import { facetCounts, hiddenFacet, onHidden, recordFreshness, recordReads, replicaRepository, searchRecords, seesAllSql, shanghaiDay, type FlaggedRecord, type NotIndexed } from '../../db/recordSearch.ts';
import { withinJurisdiction } from '../../db/scope.ts';

export type AchievementRow = typeof achievements.$inferSelect;
export type AchievementWithOrg = AchievementRow & { organizationName: string };

const a = achievements;

/** The search vector of an achievement. An `abstract` record is found only by what everyone may see of it. */
export function achievementSearchVector(r: Pick<AchievementRow, 'title' | 'keywords' | 'industryTags' | 'summary' | 'confidentiality'>) {
  const open = r.confidentiality !== 'abstract';
  return searchVectorSql({ a: [r.title, ...(open ? r.keywords : [])], b: open ? r.industryTags : [], c: [r.summary] });
}

type Filters = Omit<AchievementQuery, 'page' | 'pageSize' | 'sort' | 'q' | 'scope'> & { jurisdictionPath?: string };

/** Filters; `full` is the condition that the viewer sees the row's hidden fields (a filter on one of them excludes the row otherwise). */
function filterConditions(f: Filters, full: SQL, skip?: string): (SQL | undefined)[] {
  return [
    f.status ? eq(a.status, f.status) : undefined,
    skip !== 'industry' && f.industry?.length ? inArray(a.industry, f.industry) : undefined,
    onHidden(full, skip !== 'type' && f.type?.length ? inArray(a.type, f.type) : undefined),
    skip !== 'maturity' && f.maturityMin ? gte(a.maturity, f.maturityMin) : undefined,
    skip !== 'maturity' && f.maturityMax ? lte(a.maturity, f.maturityMax) : undefined,
    // transfer modes are checked against the enum by the request schema, so they can be inlined
    onHidden(full, skip !== 'transferMode' && f.transferMode?.length ? sql`${a.transferModes} && ${sql.raw(`array[${f.transferMode.map((m) => `'${m}'`).join(',')}]::text[]`)}` : undefined),
    onHidden(full, f.priceMin !== undefined ? gte(a.priceFen, f.priceMin) : undefined),
    onHidden(full, f.priceMax !== undefined ? lte(a.priceFen, f.priceMax) : undefined),
    onHidden(full, skip !== 'ownerType' && f.ownerType?.length ? inArray(a.ownerType, f.ownerType) : undefined),
    f.jurisdictionPath ? withinJurisdiction(a.jurisdictionPath, [f.jurisdictionPath]) : undefined,
    f.publishedFrom ? gte(a.publishedAt, shanghaiDay(f.publishedFrom)) : undefined,
    f.publishedTo ? lte(a.publishedAt, shanghaiDay(f.publishedTo, true)) : undefined,
    f.stale ? eq(a.stale, f.stale === 'true') : undefined,
    onHidden(full, f.unconverted === 'true' ? sql`${a.unconvertedFlaggedAt} is not null and not ${a.converted}` : undefined),
  ];
}

/** Facet values; the hidden fields' only where the viewer sees them (`full`). */
const facetsFor = (full: SQL) =>
  ({
    industry: sql`${a.industry}`,
    type: hiddenFacet(full, sql`${a.type}`),
    maturity: sql`${a.maturity}::text`,
    ownerType: hiddenFacet(full, sql`${a.ownerType}`),
    transferMode: hiddenFacet(full, sql`${a.transferModes}`, true),
  }) as const;
export type AchievementFacet = keyof ReturnType<typeof facetsFor>;

export const achievementRepository = {
  // ---- the daily sweep (长效跟踪), run by the freshness module

  markStale: (db: Executor, now: Date, staleAfterMonths: (path: SQL) => SQL) => recordFreshness.markStale(db, a, now, staleAfterMonths),

  /**
   * Flags achievements published without any conversion for longer than the
   * local rule allows: the nearest jurisdiction up the record's tree that has
   * a rule (陕西: two years, 002 item 11). Where no jurisdiction has one,
   * nothing is flagged. Returns the rule's jurisdiction with each record, so a
   * reminder names the rule that applies to that record and no other.
   */
  flagUnconverted: (db: Executor, now: Date) =>
    queryRows<FlaggedRecord & { rule_years: number; rule_code: string; rule_name: string }>(
      db,
      sql`update ${a} r set unconverted_flagged_at = ${now.toISOString()}::timestamptz, updated_at = now()
          from (
            select x.id, rule.years, rule.code, rule.name from ${a} x
            cross join lateral (
              select j.unconverted_years as years, j.code, j.name from jurisdictions j
              where j.unconverted_years is not null and (x.jurisdiction_path = j.path or x.jurisdiction_path like j.path || '/%')
              order by length(j.path) desc limit 1
            ) rule
            where x.status = 'published' and not x.converted and x.unconverted_flagged_at is null
              and x.published_at <= ${now.toISOString()}::timestamptz - make_interval(years => rule.years)
          ) due
          where r.id = due.id
          returning r.id, r.organization_id, r.title, r.confirmed_at, r.published_at, due.years as rule_years, due.code as rule_code, due.name as rule_name`,
    ),

  // ---- what other modules read of achievements, through achievements.service (records.reads in db/recordSearch.ts)

  heads: (db: Executor, ids: string[], opts: { published?: boolean } = {}) => recordReads.heads(db, a, ids, opts),

  byIds: async (db: Executor, ids: string[], opts: { published?: boolean } = {}) =>
    ids.length ? db.select().from(a).where(and(inArray(a.id, ids), opts.published ? eq(a.status, 'published') : undefined)) : [],

  headsTable: <N extends string>(name: N) => recordReads.headsTable(a, name),

  headsQuery: () => recordReads.headsQuery(a),

  /** What a listing shows and checks of its achievement (trading). */
  forListing: async (db: Executor, id: string) =>
    (
      await db
        .select({
          id: a.id,
          title: a.title,
          status: a.status,
          confidentiality: a.confidentiality,
          organizationId: a.organizationId,
          jurisdictionCode: a.jurisdictionCode,
          jurisdictionPath: a.jurisdictionPath,
          industry: a.industry,
          maturity: a.maturity,
          priceFen: a.priceFen,
          keywords: a.keywords,
          summary: a.summary,
        })
        .from(a)
        .where(eq(a.id, id))
    )[0],

  // The query as drizzle builds it (it runs when awaited, as the index builds always read it).
  publishedPage: (db: Executor, afterId: string | null, limit: number) => replicaRepository.publishedPage(db, a, afterId, limit) as unknown as Promise<Omit<AchievementRow, NotIndexed>[]>,

  changedSince: (db: Executor, since: Date, limit: number) => replicaRepository.changedSince(db, a, since, limit) as unknown as Promise<Omit<AchievementRow, NotIndexed>[]>,

  withOrganizationNamesByIds: async (db: Executor, ids: string[]) => (await replicaRepository.byIds(db, a, ids)) as (AchievementRow & { organizationName: string })[],

  importKeys: (db: Executor, organizationId: string, importId: string) => recordReads.importKeys(db, a, organizationId, importId),

  deleteImporting: (db: Executor, importId: string) => recordReads.deleteImporting(db, a, importId),

  revealImported: (db: Executor, importId: string) => recordReads.revealImported(db, a, importId),

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(a).where(eq(a.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  /**
   * Achievements (not drafts), dated (published, else created) since the instant, that list
   * among their completers one of these users by user id, or a completer without a user id
   * whose name, translated as `names.from`/`names.to` say (`nameKeyTranslation`), is one of
   * `names.keys`: only what these people completed, however many achievements there are.
   * The caller compares the names it gets normalised (繁体/简体, full-width, spaces).
   */
  completedBy: (db: Executor, userIds: string[], names: { keys: string[]; from: string; to: string }, since: Date) =>
    userIds.length === 0 && names.keys.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: a.id, title: a.title, organizationId: a.organizationId, completers: a.completers, at: sql<Date>`coalesce(${a.publishedAt}, ${a.createdAt})` })
          .from(a)
          .where(
            and(
              inArray(a.status, ['submitted', 'published', 'withdrawn']),
              sql`coalesce(${a.publishedAt}, ${a.createdAt}) >= ${since.toISOString()}::timestamptz`,
              sql`exists (select 1 from jsonb_array_elements(${a.completers}) as c(person) where ${or(
                ...(userIds.length ? [sql`c.person->>'userId' in (${sql.join(userIds.map((u) => sql`${u}`), sql`, `)})`] : []),
                ...(names.keys.length
                  ? [sql`(c.person->>'userId' is null and translate(lower(c.person->>'name'), ${names.from}, ${names.to}) in (${sql.join(names.keys.map((k) => sql`${k}`), sql`, `)}))`]
                  : []),
              )})`,
            ),
          ),
  /** The industry (GB/T 4754 section, '' unknown) of each of these achievements. */
  industries: (db: Executor, ids: string[]) => (ids.length ? db.select({ id: a.id, industry: a.industry }).from(a).where(inArray(a.id, ids)) : Promise.resolve([])),
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

  search: (db: Executor, actor: Actor | null, q: AchievementQuery & { jurisdictionPath?: string }, page: Page) =>
    searchRecords<AchievementRow>(db, a, actor, q, (skip) => filterConditions(q, seesAllSql(a, actor), skip), page),

  facets: (db: Executor, actor: Actor | null, q: AchievementQuery & { jurisdictionPath?: string }, base: { query: SQL | null; scope: SQL }) =>
    facetCounts(db, a, base, facetsFor(seesAllSql(a, actor)), (skip) => filterConditions(q, seesAllSql(a, actor), skip)),

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
};
