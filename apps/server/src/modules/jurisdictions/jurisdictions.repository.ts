import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { jurisdictionAdmins, jurisdictions, users } from '../../db/schema/index.ts';

export type JurisdictionRow = typeof jurisdictions.$inferSelect;

export const jurisdictionRepository = {
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

  admins: (db: Executor, code: string) =>
    db
      .select({ userId: users.id, name: users.name, email: users.email, phone: users.phone, grantedAt: jurisdictionAdmins.createdAt })
      .from(jurisdictionAdmins)
      .innerJoin(users, eq(users.id, jurisdictionAdmins.userId))
      .where(eq(jurisdictionAdmins.jurisdictionCode, code))
      .orderBy(asc(jurisdictionAdmins.createdAt)),

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
