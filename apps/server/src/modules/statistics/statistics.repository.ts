import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import { statFacts, statRollups, statTargets } from '../../db/schema/index.ts';

export type FactInsert = typeof statFacts.$inferInsert;
export type RollupDelta = { jurisdictionCode: string; parentCode: string | null; day: string; metric: string; kind: string; count: number; amount: number; amount2: number };
/** One group of summed rollups: `grp` is the period (YYYY-MM, YYYY) or the child's code, '' when not grouped. */
export type SumRow = { grp: string; metric: string; kind: string; count: number; amount: number; amount2: number };
export type Grouping = 'none' | 'month' | 'year' | 'child';

/** All SQL of the statistics module. */
export const statisticsRepository = {
  /** The fact, or undefined when it was counted already (same metric and source). */
  /** The facts not counted before (metric + source): the others are left out. */
  insertFacts: (db: Executor, rows: FactInsert[]) => (rows.length ? db.insert(statFacts).values(rows).onConflictDoNothing().returning() : Promise.resolve([])),

  liveFactsOf: (db: Executor, sourceId: string) =>
    db.select().from(statFacts).where(and(eq(statFacts.sourceId, sourceId), isNull(statFacts.reversedAt))).for('update'),

  markReversed: (db: Executor, id: string) => db.update(statFacts).set({ reversedAt: new Date() }).where(eq(statFacts.id, id)),

  /** Adds the deltas to the daily sums (insert or add). */
  addRollups: async (db: Executor, rows: RollupDelta[]) => {
    if (!rows.length) return;
    await db
      .insert(statRollups)
      .values(rows)
      .onConflictDoUpdate({
        target: [statRollups.jurisdictionCode, statRollups.metric, statRollups.day, statRollups.kind],
        set: {
          count: sql`${statRollups.count} + excluded.count`,
          amount: sql`${statRollups.amount} + excluded.amount`,
          amount2: sql`${statRollups.amount2} + excluded.amount2`,
        },
      });
  },

  /** Sums of one jurisdiction (or, grouped by child, of the regions directly under it) over [from, to]. */
  sums: (db: Executor, code: string, from: string, to: string, by: Grouping) => {
    const grp =
      by === 'month' ? sql`to_char(day, 'YYYY-MM')` : by === 'year' ? sql`to_char(day, 'YYYY')` : by === 'child' ? sql`jurisdiction_code` : sql`''`;
    const where = by === 'child' ? sql`parent_code = ${code}` : sql`jurisdiction_code = ${code}`;
    return queryRows<SumRow>(
      db,
      sql`select ${grp} as grp, metric, kind, sum(count)::float8 as count, sum(amount)::float8 as amount, sum(amount2)::float8 as amount2
          from stat_rollups where ${where} and day between ${from}::date and ${to}::date
          group by 1, 2, 3 order by 1`,
    );
  },

  /** The records behind a figure, newest first. */
  facts: async (db: Executor, code: string, metric: string, from: string, to: string, page: { page: number; pageSize: number }) => {
    const where = and(
      eq(statFacts.metric, metric),
      isNull(statFacts.reversedAt),
      sql`${statFacts.jurisdictions} @> array[${code}]::text[]`,
      sql`${statFacts.day} between ${from}::date and ${to}::date`,
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

  targets: (db: Executor, code: string) => db.select().from(statTargets).where(eq(statTargets.jurisdictionCode, code)).orderBy(asc(statTargets.year), asc(statTargets.key)),

  upsertTarget: (db: Executor, row: typeof statTargets.$inferInsert) =>
    db
      .insert(statTargets)
      .values(row)
      .onConflictDoUpdate({ target: [statTargets.jurisdictionCode, statTargets.year, statTargets.key], set: { value: row.value, source: row.source, updatedBy: row.updatedBy ?? null, updatedAt: new Date() } }),

  /** Reference targets: inserted once, never overwriting what administrators set. */
  insertTargetIfAbsent: (db: Executor, row: typeof statTargets.$inferInsert) => db.insert(statTargets).values(row).onConflictDoNothing(),
};
