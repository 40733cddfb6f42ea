import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { loginThrottle, users, verificationCodes } from '../../db/schema/index.ts';
import { queryRows } from '../../db/client.ts';

export type UserRow = typeof users.$inferSelect;

export const accountRepository = {
  byLogin: async (db: Executor, login: string) =>
    (await db.select().from(users).where(or(eq(users.email, login), eq(users.phone, login))))[0],

  byId: async (db: Executor, id: string) => (await db.select().from(users).where(eq(users.id, id)))[0],

  /** Name and contact of these users, in one query. */
  contacts: (db: Executor, ids: string[]) =>
    ids.length ? db.select({ id: users.id, name: users.name, email: users.email, phone: users.phone, status: users.status }).from(users).where(inArray(users.id, ids)) : Promise.resolve([]),

  /** Every user's id and name as a subquery named `name` (accounts.service `usersTable`). */
  asTable: <N extends string>(name: N) => new QueryBuilder().select({ id: users.id, name: users.name }).from(users).as(name),

  /** Every account's person (id, name, e-mail, phone, platform administrator, verified, status; never the password) as a subquery named `name` (accounts.service `peopleTable`). */
  peopleTable: <N extends string>(name: N) =>
    new QueryBuilder()
      .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, isPlatformAdmin: users.isPlatformAdmin, verifiedAt: users.verifiedAt, status: users.status })
      .from(users)
      .as(name),

  insert: async (db: Executor, row: typeof users.$inferInsert) => (await db.insert(users).values(row).returning())[0]!,

  setPassword: (db: Executor, id: string, passwordHash: string) =>
    db.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, id)),

  setPlatformAdmin: (db: Executor, id: string) => db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, id)),

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

  /**
   * Counts one attempt under `key` in one atomic statement, before the
   * password is checked, so parallel attempts cannot overshoot: the first
   * `free` attempts of a window pass; from then on each attempt sets a delay
   * that doubles (2 s, 4 s, 8 s … up to `maxDelayMs`) and an attempt inside
   * the delay is not counted and gets `retryAt`.
   */
  takeAttempt: async (db: Executor, key: string, opts: { free: number; windowMs: number; maxDelayMs: number; now?: Date }) => {
    const now = opts.now ?? new Date();
    const cutoff = new Date(now.getTime() - opts.windowMs).toISOString();
    const at = now.toISOString();
    const n = sql`(case when t.window_start < ${cutoff}::timestamptz then 1 else t.failures + 1 end)`;
    const delay = (count: ReturnType<typeof sql>) =>
      sql`case when ${count} >= ${opts.free} then ${at}::timestamptz + make_interval(secs => least(${opts.maxDelayMs / 1000}::float8, power(2, ${count} - ${opts.free} + 1))) else null end`;
    const rows = await queryRows<{ failures: number; window_start: string | Date; locked_until: string | Date | null }>(
      db,
      sql`insert into login_throttle as t (key, failures, window_start, locked_until)
          values (${key}, 1, ${at}::timestamptz, ${delay(sql`1`)})
          on conflict (key) do update set
            failures = ${n},
            window_start = case when t.window_start < ${cutoff}::timestamptz then ${at}::timestamptz else t.window_start end,
            locked_until = ${delay(n)}
          where t.locked_until is null or t.locked_until <= ${at}::timestamptz
          returning failures, window_start, locked_until`,
    );
    if (rows[0]) return { ok: true as const, failures: Number(rows[0].failures), windowStart: new Date(rows[0].window_start) };
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
    return { ok: false as const, retryAt: row?.lockedUntil ?? new Date(now.getTime() + 1000) };
  },

  /** Gives back the attempt a successful sign-in took under a shared key (the address's count across accounts). */
  refundAttempt: (db: Executor, key: string) =>
    db.update(loginThrottle).set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` }).where(eq(loginThrottle.key, key)),

  // ---- one-time codes
  codeFor: async (db: Executor, purpose: string, login: string) =>
    (await db.select().from(verificationCodes).where(and(eq(verificationCodes.purpose, purpose), eq(verificationCodes.login, login))))[0],

  /** Replaces the code of (purpose, login) with a new one: attempts start again, the send is counted. */
  putCode: async (db: Executor, row: typeof verificationCodes.$inferInsert) =>
    (
      await db
        .insert(verificationCodes)
        .values({ ...row, sends: 1 })
        .onConflictDoUpdate({
          target: [verificationCodes.purpose, verificationCodes.login],
          set: {
            codeHash: row.codeHash,
            attempts: 0,
            sends: sql`case when ${verificationCodes.createdAt} < now() - interval '1 hour' then 1 else ${verificationCodes.sends} + 1 end`,
            createdAt: sql`case when ${verificationCodes.createdAt} < now() - interval '1 hour' then now() else ${verificationCodes.createdAt} end`,
            data: row.data ?? null,
            ip: row.ip ?? null,
            sentAt: row.sentAt ?? new Date(),
            expiresAt: row.expiresAt,
            usedAt: null,
          },
        })
        .returning()
    )[0]!,

  /** Counts one attempt at a code atomically; undefined when the code is used up (too many attempts, used or expired). */
  attemptCode: async (db: Executor, purpose: string, login: string, maxAttempts: number) =>
    (
      await db
        .update(verificationCodes)
        .set({ attempts: sql`${verificationCodes.attempts} + 1` })
        .where(
          and(
            eq(verificationCodes.purpose, purpose),
            eq(verificationCodes.login, login),
            sql`${verificationCodes.attempts} < ${maxAttempts}`,
            sql`${verificationCodes.usedAt} is null`,
            sql`${verificationCodes.expiresAt} > now()`,
          ),
        )
        .returning()
    )[0],

  /** Marks the code used, once: a second confirmation of the same code finds nothing. */
  useCode: async (db: Executor, id: string) =>
    (await db.update(verificationCodes).set({ usedAt: new Date() }).where(and(eq(verificationCodes.id, id), sql`${verificationCodes.usedAt} is null`)).returning())[0],

  clearThrottle: (db: Executor, key: string) => db.delete(loginThrottle).where(eq(loginThrottle.key, key)),
};
