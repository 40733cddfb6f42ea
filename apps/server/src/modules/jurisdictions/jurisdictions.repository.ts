import { and, asc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { jurisdictionAdmins, jurisdictions } from '../../db/schema/index.ts';

export type JurisdictionRow = typeof jurisdictions.$inferSelect;
export type AdministeredJurisdiction = { code: string; name: string; path: string };

export const jurisdictionRepository = {
  /** Every jurisdiction's code, name and path as a subquery named `name` (jurisdictions.service `jurisdictionsTable`). */
  asTable: <N extends string>(name: N) => new QueryBuilder().select({ code: jurisdictions.code, name: jurisdictions.name, path: jurisdictions.path }).from(jurisdictions).as(name),

  /** The jurisdictions the person `userId` administers as one JSON array (code, name, path; by path), for a query of the caller's (jurisdictions.service `administeredJson`). */
  administeredJson: (userId: SQL | AnyColumn) =>
    sql<AdministeredJurisdiction[] | string>`coalesce((select json_agg(json_build_object('code', j.code, 'name', j.name, 'path', j.path) order by j.path)
      from ${jurisdictionAdmins} a join ${jurisdictions} j on j.code = a.jurisdiction_code
      where a.user_id = ${userId}), '[]'::json)`,

  all: (db: Executor) => db.select().from(jurisdictions).orderBy(asc(jurisdictions.path)),

  byCode: async (db: Executor, code: string) =>
    (await db.select().from(jurisdictions).where(eq(jurisdictions.code, code)))[0],

  /** Several jurisdictions, ordered from the top of the tree down. */
  byCodes: (db: Executor, codes: string[]) =>
    codes.length ? db.select().from(jurisdictions).where(inArray(jurisdictions.code, codes)).orderBy(asc(jurisdictions.path)) : Promise.resolve([] as JurisdictionRow[]),

  /** Sets the local rule on unconverted achievements (null: none here). */
  setUnconvertedYears: async (db: Executor, code: string, years: number | null) =>
    (await db.update(jurisdictions).set({ unconvertedYears: years }).where(eq(jurisdictions.code, code)).returning())[0],

  insert: async (db: Executor, row: typeof jurisdictions.$inferInsert) =>
    (await db.insert(jurisdictions).values(row).onConflictDoNothing().returning())[0],

  /** Who administers this jurisdiction, in the order they were granted it. */
  admins: (db: Executor, code: string) =>
    db
      .select({ userId: jurisdictionAdmins.userId, grantedAt: jurisdictionAdmins.createdAt })
      .from(jurisdictionAdmins)
      .where(eq(jurisdictionAdmins.jurisdictionCode, code))
      .orderBy(asc(jurisdictionAdmins.createdAt)),

  /** The administrators of these jurisdictions, each once. */
  adminIdsOf: async (db: Executor, codes: string[]) => {
    if (!codes.length) return [];
    const rows = await db.selectDistinct({ userId: jurisdictionAdmins.userId }).from(jurisdictionAdmins).where(inArray(jurisdictionAdmins.jurisdictionCode, codes));
    return rows.map((r) => r.userId);
  },

  addAdmin: async (db: Executor, row: typeof jurisdictionAdmins.$inferInsert) =>
    (await db.insert(jurisdictionAdmins).values(row).onConflictDoNothing().returning())[0],

  removeAdmin: async (db: Executor, code: string, userId: string) =>
    (
      await db
        .delete(jurisdictionAdmins)
        .where(and(eq(jurisdictionAdmins.jurisdictionCode, code), eq(jurisdictionAdmins.userId, userId)))
        .returning()
    )[0],
};
