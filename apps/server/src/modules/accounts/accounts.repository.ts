import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { invitations, loginThrottle, organizations, profiles, users } from '../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;

export const accountRepository = {
  byLogin: async (db: Executor, login: string) =>
    (await db.select().from(users).where(or(eq(users.email, login), eq(users.phone, login))))[0],

  byId: async (db: Executor, id: string) => (await db.select().from(users).where(eq(users.id, id)))[0],

  insert: async (db: Executor, row: typeof users.$inferInsert) => (await db.insert(users).values(row).returning())[0]!,

  setPassword: (db: Executor, id: string, passwordHash: string) =>
    db.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, id)),

  setPlatformAdmin: (db: Executor, id: string) => db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, id)),

  profilesOf: (db: Executor, userId: string) => db.select().from(profiles).where(eq(profiles.userId, userId)).orderBy(profiles.kind),

  profile: async (db: Executor, userId: string, kind: string) =>
    (await db.select().from(profiles).where(and(eq(profiles.userId, userId), eq(profiles.kind, kind))))[0],

  upsertProfile: async (db: Executor, row: typeof profiles.$inferInsert) =>
    (
      await db
        .insert(profiles)
        .values(row)
        .onConflictDoUpdate({
          target: [profiles.userId, profiles.kind],
          set: { organizationId: row.organizationId ?? null, data: row.data, updatedAt: new Date() },
        })
        .returning()
    )[0]!,

  deleteProfile: async (db: Executor, userId: string, kind: string) =>
    (await db.delete(profiles).where(and(eq(profiles.userId, userId), eq(profiles.kind, kind))).returning())[0],

  pendingInvitationsFor: (db: Executor, logins: string[]) =>
    db
      .select({
        id: invitations.id,
        organizationId: invitations.organizationId,
        organizationName: organizations.name,
        role: invitations.role,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
      .where(and(eq(invitations.status, 'pending'), inArray(invitations.login, logins)))
      .orderBy(invitations.createdAt),

  // ---- login throttling
  throttleRows: (db: Executor, keys: string[]) => db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)),

  /** Counts one failure for the key, starting a new window when the last one is older than `windowMs`; returns the new count. */
  countFailure: async (db: Executor, key: string, windowMs: number) => {
    const now = new Date();
    const windowStartCutoff = new Date(now.getTime() - windowMs);
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStart: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.windowStart} < ${windowStartCutoff.toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
          windowStart: sql`case when ${loginThrottle.windowStart} < ${windowStartCutoff.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStart} end`,
        },
      })
      .returning();
    return row!.failures;
  },

  lock: (db: Executor, key: string, until: Date) => db.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key)),

  clearThrottle: (db: Executor, key: string) => db.delete(loginThrottle).where(eq(loginThrottle.key, key)),
};
