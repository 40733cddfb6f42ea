import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../../db/client.ts';
import { statCauses, statFacts, statFlowMonths, statFlowYears, statPartyMonths, statPartyTotals, statPartyYears, statRollupMarks, statRollupMonths, statRollups, statRollupYears, statTargets } from '../../db/schema/index.ts';

export type FactInsert = typeof statFacts.$inferInsert;
export type FactRow = typeof statFacts.$inferSelect;
export type CauseInsert = typeof statCauses.$inferInsert;
export type CauseRow = typeof statCauses.$inferSelect;
/** A change of the sums of a jurisdiction, metric and kind in a day, a month or a year (`period`, its first day). */
export type RollupDelta = { jurisdictionCode: string; parentCode: string | null; period: string; metric: string; kind: string; count: number; amount: number; amount2: number };
/** One group of summed rollups: `grp` is the period (YYYY-MM, YYYY) or the child's code, '' when not grouped. */
export type SumRow = { grp: string; metric: string; kind: string; count: number; amount: number; amount2: number };
export type Grouping = 'none' | 'month' | 'year' | 'child';
/** A change of a party's sums: in a month or a year (`period`, its first day), or in all (`period` null). */
export type PartySumDelta = Omit<typeof statPartyMonths.$inferInsert, 'month'> & { period: string | null };
/** A change of a region pair's sums in a month or a year (`period`, its first day). */
export type FlowSumDelta = Omit<typeof statFlowMonths.$inferInsert, 'month'> & { period: string };
export type Grain = 'month' | 'year';
export type RollupGrain = 'day' | Grain;
type Range = { from: string; until: string };
/**
 * A period cut into its whole years [from, until), the whole months of its
 * partial years (up to two ranges [from, until)) and the days at either end
 * outside them (each [from, to]).
 */
export type PeriodSplit = { years: Range | null; months: Range[]; edges: { from: string; to: string }[] };

/** The days of a period not covered by the monthly or yearly sums (read from the facts). */
const edgeDays = (split: PeriodSplit) =>
  split.edges.length ? sql`(${sql.join(split.edges.map((e) => sql`day between ${e.from}::date and ${e.to}::date`), sql` or `)})` : sql`false`;
/** The months of a period covered by the monthly sums. */
const wholeMonths = (split: PeriodSplit) =>
  split.months.length ? sql`(${sql.join(split.months.map((m) => sql`month >= ${m.from}::date and month < ${m.until}::date`), sql` or `)})` : sql`false`;
/** The years of a period covered by the yearly sums. */
const wholeYears = (split: PeriodSplit) => (split.years ? sql`year >= ${split.years.from}::date and year < ${split.years.until}::date` : sql`false`);

type SumTable = typeof statRollups | typeof statRollupMonths | typeof statRollupYears | typeof statPartyMonths | typeof statPartyYears | typeof statPartyTotals | typeof statFlowMonths | typeof statFlowYears;
/** Columns a delta replaces rather than adds to. */
const REPLACED = new Set(['name', 'region', 'parentCode']);

/** Adds deltas to sums (insert or add): `target` names the row, the other columns are added to — a party's name and region (a jurisdiction's parent) are replaced by the latest. */
async function addSums(db: Executor, table: SumTable, target: PgColumn[], rows: object[]) {
  const set: Record<string, SQL> = {};
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    if (target.includes(column)) continue;
    const excluded = sql.raw(`excluded.${column.name}`);
    set[key] = REPLACED.has(key) ? excluded : sql`${column} + ${excluded}`;
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(table as typeof statPartyMonths)
      .values(rows.slice(i, i + 1000) as never)
      .onConflictDoUpdate({ target, set });
  }
}

/** How the party sums answer a period: its own pieces, or every party's totals less the pieces outside it. */
export type PartyRead = { within: PeriodSplit } | { outside: PeriodSplit[] };

/** The union-all pieces of a period's party sums (`sign` '-': taken away). */
function partyPieces(code: string, side: 'seller' | 'buyer', split: PeriodSplit, sign: '' | '-'): SQL[] {
  const key = side === 'seller' ? sql`seller_key` : sql`buyer_key`;
  const s = sql.raw(sign);
  const pieces: SQL[] = [];
  if (split.years) pieces.push(sql`select party_key, ${s}count, ${s}amount, ${s}amount2 from stat_party_years where jurisdiction_code = ${code} and side = ${side} and ${wholeYears(split)}`);
  if (split.months.length) pieces.push(sql`select party_key, ${s}count, ${s}amount, ${s}amount2 from stat_party_months where jurisdiction_code = ${code} and side = ${side} and ${wholeMonths(split)}`);
  if (split.edges.length)
    pieces.push(sql`select ${key}, ${s}1, ${s}amount, ${s}amount2 from stat_facts where metric = 'contract' and reversed_at is null and jurisdictions @> array[${code}]::text[] and ${edgeDays(split)} and ${key} <> ''`);
  return pieces;
}

/** Narrowing of the records behind a figure. */
export type FactFilter = { kind?: string; seller?: string; buyer?: string; sellerIn?: string; buyerIn?: string };

/** A GB/T 2260 region column inside a region (its code without the trailing 00 pairs is a prefix). */
const regionWithin = (col: SQL, code: string) => sql`left(${col}, ${regionPrefix(code).length}) = ${regionPrefix(code)}`;
export const regionPrefix = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code);

/** All SQL of the statistics module. */
export const statisticsRepository = {
  /** The facts not counted before (metric + source): the others are left out. */
  insertFacts: (db: Executor, rows: FactInsert[]) => (rows.length ? db.insert(statFacts).values(rows).onConflictDoNothing().returning() : Promise.resolve([])),

  liveFactsOf: (db: Executor, sourceId: string) =>
    db.select().from(statFacts).where(and(eq(statFacts.sourceId, sourceId), isNull(statFacts.reversedAt))).for('update'),

  /** The live fact of a subject under a metric, locked. */
  liveFactOf: async (db: Executor, metric: string, sourceId: string): Promise<FactRow | undefined> =>
    (await db.select().from(statFacts).where(and(eq(statFacts.metric, metric), eq(statFacts.sourceId, sourceId), isNull(statFacts.reversedAt))).for('update'))[0],

  /** Counts a reversed fact again with new values (a metric + source is one row, reversed or not); undefined when there was none reversed. */
  reviveFact: async (db: Executor, row: FactInsert): Promise<FactRow | undefined> =>
    (await db.update(statFacts).set({ ...row, reversedAt: null }).where(and(eq(statFacts.metric, row.metric), eq(statFacts.sourceId, row.sourceId), sql`${statFacts.reversedAt} is not null`)).returning())[0],

  /** A live fact's amounts set anew (its source restated them at `at`). */
  restateFact: async (db: Executor, id: string, values: { amount: number; amount2: number; restatedAt: Date }): Promise<FactRow> =>
    (await db.update(statFacts).set(values).where(eq(statFacts.id, id)).returning())[0]!,

  /** Serialises the settling of one subject under one metric (until the transaction ends). */
  lockSubject: (db: Executor, metric: string, subjectId: string) => db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${metric}|${subjectId}`}))`),

  /** A cause kept once (metric + subject + cause). */
  insertCause: (db: Executor, row: CauseInsert) => db.insert(statCauses).values(row).onConflictDoNothing(),

  /** The live causes of a subject under a metric, earliest first. */
  liveCausesOf: (db: Executor, metric: string, subjectId: string) =>
    db.select().from(statCauses).where(and(eq(statCauses.metric, metric), eq(statCauses.subjectId, subjectId), isNull(statCauses.withdrawnAt))).orderBy(asc(statCauses.day), asc(statCauses.createdAt), asc(statCauses.id)),

  /** The live causes one thing (a deal, a contract) is, under a metric. */
  liveCausesBy: (db: Executor, metric: string, causeId: string) =>
    db.select().from(statCauses).where(and(eq(statCauses.metric, metric), eq(statCauses.causeId, causeId), isNull(statCauses.withdrawnAt))),

  /** Withdraws every live cause one thing is (a terminated contract); returns them. */
  withdrawCausesBy: (db: Executor, causeId: string) =>
    db.update(statCauses).set({ withdrawnAt: new Date() }).where(and(eq(statCauses.causeId, causeId), isNull(statCauses.withdrawnAt))).returning(),

  /**
   * Conversions counted from a registered contract before causes were kept
   * (migration stat_causes_and_months made each a 'counted-before:<fact id>'
   * cause): the contract behind each — the contract fact whose label, day,
   * parties and amount the conversion was counted with — and whether it is
   * terminated.
   */
  conversionsCountedBefore: (db: Executor) =>
    queryRows<{ id: string; contractId: string; terminated: boolean }>(
      db,
      sql`select c.id, k.source_id as "contractId", (k.reversed_at is not null) as terminated
          from stat_causes c
          join stat_facts f on f.id = substr(c.cause_id, 16)::uuid
          join stat_facts k on k.metric = 'contract' and k.day = f.day and '登记合同 ' || k.label = f.label
            and k.seller_key = f.seller_key and k.buyer_key = f.buyer_key and k.amount = f.amount
          where c.metric = 'achievement.converted' and c.cause_id like 'counted-before:%' and c.withdrawn_at is null and f.label like '登记合同 %'`,
    ),

  /** Names the thing behind a cause; when that thing is already one of the subject's causes, the duplicate is withdrawn instead. */
  nameCause: async (db: Executor, id: string, causeId: string) => {
    const renamed = await queryRows(
      db,
      sql`update stat_causes c set cause_id = ${causeId} where id = ${id}
          and not exists (select 1 from stat_causes x where x.metric = c.metric and x.subject_id = c.subject_id and x.cause_id = ${causeId}) returning id`,
    );
    if (!renamed.length) await db.update(statCauses).set({ withdrawnAt: new Date() }).where(eq(statCauses.id, id));
  },

  markReversed: (db: Executor, id: string) => db.update(statFacts).set({ reversedAt: new Date() }).where(eq(statFacts.id, id)),

  /** Adds the deltas to the daily, monthly or yearly sums (insert or add). */
  addRollups: (db: Executor, grain: RollupGrain, rows: RollupDelta[]) => {
    const [t, period] = grain === 'day' ? [statRollups, statRollups.day] : grain === 'month' ? [statRollupMonths, statRollupMonths.month] : [statRollupYears, statRollupYears.year];
    const column = grain === 'day' ? 'day' : grain;
    return addSums(db, t, [t.jurisdictionCode, t.metric, period, t.kind], rows.map(({ period: p, ...r }) => ({ ...r, [column]: p })));
  },

  /** Marks the sums as changing (see statRollupMarks); the id clears it. */
  markRollups: async (db: Executor, reason: string) => (await db.insert(statRollupMarks).values({ reason }).returning({ id: statRollupMarks.id }))[0]!.id,

  clearRollupMarks: (db: Executor, ids: string[]) => (ids.length ? db.delete(statRollupMarks).where(inArray(statRollupMarks.id, ids)) : undefined),

  /** The marks left (a few at most: crashed writers, migrations), by their primary key's index. */
  rollupMarks: (db: Executor) => db.select({ id: statRollupMarks.id, reason: statRollupMarks.reason }).from(statRollupMarks).limit(1000),

  /**
   * The daily, monthly and yearly sums' totals per metric, when they differ
   * (the monthly or yearly sums missed a change): empty when all agree.
   */
  rollupTotalsDiffering: (db: Executor) =>
    queryRows<{ metric: string }>(
      db,
      sql`select metric from (
            select 'd' as t, metric, sum(count) as c, sum(amount) as a, sum(amount2) as a2 from stat_rollups group by metric
            union all select 'm', metric, sum(count), sum(amount), sum(amount2) from stat_rollup_months group by metric
            union all select 'y', metric, sum(count), sum(amount), sum(amount2) from stat_rollup_years group by metric
          ) x group by metric having count(*) <> 3 or min(c) <> max(c) or min(a) <> max(a) or min(a2) <> max(a2)`,
    ),

  /** The monthly and yearly sums built anew from the daily sums, writers kept out until the transaction ends. */
  rebuildRollupSums: async (tx: Executor) => {
    await tx.execute(sql`lock table stat_rollups, stat_rollup_months, stat_rollup_years in exclusive mode`);
    await tx.execute(sql`delete from stat_rollup_months`);
    await tx.execute(sql`delete from stat_rollup_years`);
    await tx.execute(sql`insert into stat_rollup_months (jurisdiction_code, parent_code, metric, kind, month, count, amount, amount2)
      select jurisdiction_code, max(parent_code), metric, kind, date_trunc('month', day)::date, sum(count), sum(amount), sum(amount2)
      from stat_rollups group by jurisdiction_code, metric, kind, 5`);
    await tx.execute(sql`insert into stat_rollup_years (jurisdiction_code, parent_code, metric, kind, year, count, amount, amount2)
      select jurisdiction_code, max(parent_code), metric, kind, date_trunc('year', month)::date, sum(count), sum(amount), sum(amount2)
      from stat_rollup_months group by jurisdiction_code, metric, kind, 5`);
  },

  /** Adds the deltas to the registered contracts' sums by party: by month, by year or in all. */
  addPartySums: (db: Executor, grain: Grain | 'total', rows: PartySumDelta[]) => {
    const t = grain === 'month' ? statPartyMonths : grain === 'year' ? statPartyYears : statPartyTotals;
    const period = grain === 'month' ? [statPartyMonths.month] : grain === 'year' ? [statPartyYears.year] : [];
    return addSums(db, t, [t.jurisdictionCode, t.side, ...period, t.partyKey], rows.map(({ period: p, ...r }) => (grain === 'total' ? r : { ...r, [grain]: p })));
  },

  /** Adds the deltas to the registered contracts' sums by region pair: by month or by year. */
  addFlowSums: (db: Executor, grain: Grain, rows: FlowSumDelta[]) => {
    const t = grain === 'month' ? statFlowMonths : statFlowYears;
    return addSums(db, t, [grain === 'month' ? statFlowMonths.month : statFlowYears.year, t.sellerRegion, t.buyerRegion], rows.map(({ period, ...r }) => ({ ...r, [grain]: period })));
  },

  /**
   * Sums of one jurisdiction (or, grouped by child, of the regions directly
   * under it) over a period: its whole years from the yearly sums, the whole
   * months of its partial years from the monthly sums, the days of its
   * partial months from the daily sums. Grouped by month, the period is to
   * be cut into months and days only.
   */
  sums: (db: Executor, code: string, split: PeriodSplit, by: Grouping) => {
    const grp = (col: string) =>
      by === 'month' ? sql`to_char(${sql.raw(col)}, 'YYYY-MM')` : by === 'year' ? sql`to_char(${sql.raw(col)}, 'YYYY')` : by === 'child' ? sql`jurisdiction_code` : sql`''`;
    const where = by === 'child' ? sql`parent_code = ${code}` : sql`jurisdiction_code = ${code}`;
    const piece = (table: string, col: string, within: SQL) => sql`select ${grp(col)} as grp, metric, kind, count, amount, amount2 from ${sql.raw(table)} where ${where} and ${within}`;
    const pieces = [
      ...(split.years ? [piece('stat_rollup_years', 'year', wholeYears(split))] : []),
      ...(split.months.length ? [piece('stat_rollup_months', 'month', wholeMonths(split))] : []),
      ...(split.edges.length ? [piece('stat_rollups', 'day', edgeDays(split))] : []),
    ];
    if (!pieces.length) return Promise.resolve([]);
    return queryRows<SumRow>(
      db,
      sql`select grp, metric, kind, sum(count)::float8 as count, sum(amount)::float8 as amount, sum(amount2)::float8 as amount2
          from (${sql.join(pieces, sql` union all `)}) x
          group by 1, 2, 3 order by 1`,
    );
  },

  /** The kind (an achievement's or a demand's industry) and the jurisdictions each of these sources was counted with under a metric. */
  kindsOf: async (db: Executor, metric: string, sourceIds: string[]) =>
    sourceIds.length
      ? db.select({ sourceId: statFacts.sourceId, kind: statFacts.kind, jurisdictions: statFacts.jurisdictions }).from(statFacts).where(and(eq(statFacts.metric, metric), inArray(statFacts.sourceId, sourceIds)))
      : [],

  /** The records behind a figure, newest first; narrowed to a kind, a party or the regions of a flow when asked. */
  facts: async (db: Executor, code: string, metric: string, from: string, to: string, page: { page: number; pageSize: number }, only: FactFilter = {}) => {
    // A flow's contracts are those whose seller or buyer is inside the jurisdiction, wherever they were registered.
    const flow = metric === 'contract' && (only.sellerIn !== undefined || only.buyerIn !== undefined);
    const where = and(
      eq(statFacts.metric, metric),
      isNull(statFacts.reversedAt),
      flow
        ? sql`(${regionWithin(sql`${statFacts.sellerRegion}`, code)} or ${regionWithin(sql`${statFacts.buyerRegion}`, code)})`
        : sql`${statFacts.jurisdictions} @> array[${code}]::text[]`,
      sql`${statFacts.day} between ${from}::date and ${to}::date`,
      only.kind !== undefined ? eq(statFacts.kind, only.kind) : undefined,
      only.seller !== undefined ? eq(statFacts.sellerKey, only.seller) : undefined,
      only.buyer !== undefined ? eq(statFacts.buyerKey, only.buyer) : undefined,
      only.sellerIn !== undefined ? regionWithin(sql`${statFacts.sellerRegion}`, only.sellerIn) : undefined,
      only.buyerIn !== undefined ? regionWithin(sql`${statFacts.buyerRegion}`, only.buyerIn) : undefined,
    );
    const rows = await db
      .select({ f: statFacts, total: sql<number>`(count(*) over ())::int` })
      .from(statFacts)
      .where(where)
      .orderBy(desc(statFacts.day), asc(statFacts.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    return { rows: rows.map((r) => r.f), total: rows[0]?.total ?? 0 };
  },

  /** The first and the last year a jurisdiction has registered contracts of parties on a side (nulls: none). */
  partyYearsExtent: async (db: Executor, code: string, side: 'seller' | 'buyer') =>
    (await queryRows<{ first: string | null; last: string | null }>(db, sql`select min(year)::text as first, max(year)::text as last from stat_party_years where jurisdiction_code = ${code} and side = ${side}`))[0] ?? { first: null, last: null },

  /**
   * Organisations by the registered contracts counted in a jurisdiction over
   * a period — as sellers or as buyers — largest first by amount or count;
   * read as the period's whole years, months and days (`within`), or as
   * every party's totals less what lies outside the period (`outside`).
   * Names and regions are each party's latest.
   */
  topParties: async (db: Executor, code: string, read: PartyRead, side: 'seller' | 'buyer', order: 'amount' | 'count', limit: number) => {
    const pieces =
      'within' in read
        ? partyPieces(code, side, read.within, '')
        : [sql`select party_key, count, amount, amount2 from stat_party_totals where jurisdiction_code = ${code} and side = ${side}`, ...read.outside.flatMap((split) => partyPieces(code, side, split, '-'))];
    if (!pieces.length) return [];
    const by = order === 'amount' ? sql`3 desc, 2 desc` : sql`2 desc, 3 desc`;
    // Summed as float8 (exact below 2^53 fen): numeric sums of 20,000 parties outgrow work_mem and spill to disk.
    const top = await queryRows<{ key: string; count: number; amount: number; amount2: number }>(
      db,
      sql`select key, sum(count::float8) as count, sum(amount::float8) as amount, sum(amount2::float8) as amount2
          from (${sql.join(pieces, sql` union all `)}) as x(key, count, amount, amount2)
          group by key having sum(count::float8) > 0 order by ${by}, key limit ${limit}`,
    );
    if (!top.length) return [];
    const t = statPartyTotals;
    const named = await db.select({ key: t.partyKey, name: t.name, region: t.region }).from(t).where(and(eq(t.jurisdictionCode, code), eq(t.side, side), inArray(t.partyKey, top.map((r) => r.key))));
    const names = new Map(named.map((n) => [n.key, n]));
    return top.map((r) => ({ ...r, name: names.get(r.key)?.name ?? r.key, region: names.get(r.key)?.region ?? '' }));
  },

  /**
   * Registered contracts whose seller or buyer is inside a region (wherever
   * they were registered), summed by the seller's and the buyer's region cut
   * to `digits` leading digits inside it (its children) and to the province
   * outside: whole years and months from their sums, the days at either end
   * from the facts.
   */
  flows: (db: Executor, code: string, split: PeriodSplit, digits: number) => {
    const prefix = regionPrefix(code);
    const cut = (col: SQL) => sql`case when ${col} = '' then '' when left(${col}, ${prefix.length}) = ${prefix} then rpad(left(${col}, ${digits}), 6, '0') else rpad(left(${col}, 2), 6, '0') end`;
    const touches = sql`(${regionWithin(sql`seller_region`, code)} or ${regionWithin(sql`buyer_region`, code)})`;
    return queryRows<{ seller: string; buyer: string; count: number; amount: number }>(
      db,
      sql`select ${cut(sql`seller_region`)} as seller, ${cut(sql`buyer_region`)} as buyer, sum(count)::float8 as count, sum(amount)::float8 as amount
          from (
            select seller_region, buyer_region, count, amount from stat_flow_years where ${wholeYears(split)} and ${touches}
            union all
            select seller_region, buyer_region, count, amount from stat_flow_months where ${wholeMonths(split)} and ${touches}
            union all
            select seller_region, buyer_region, 1, amount from stat_facts
            where metric = 'contract' and reversed_at is null and ${edgeDays(split)} and ${touches}
          ) x
          group by 1, 2 having sum(count) > 0 order by 4 desc, 1, 2`,
    );
  },

  targets: (db: Executor, code: string) => db.select().from(statTargets).where(eq(statTargets.jurisdictionCode, code)).orderBy(asc(statTargets.year), asc(statTargets.key)),

  upsertTarget: (db: Executor, row: typeof statTargets.$inferInsert) =>
    db
      .insert(statTargets)
      .values(row)
      .onConflictDoUpdate({ target: [statTargets.jurisdictionCode, statTargets.year, statTargets.key], set: { value: row.value, source: row.source, updatedBy: row.updatedBy ?? null, updatedAt: new Date() } }),

  /** Reference targets: inserted once, never overwriting what administrators set. */
  insertTargetIfAbsent: (db: Executor, row: typeof statTargets.$inferInsert) => db.insert(statTargets).values(row).onConflictDoNothing(),
};
