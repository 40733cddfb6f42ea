import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { jurisdictions, memberships, organizations, profiles, users } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';
import { containsPattern } from '../../platform/text.ts';

export type ProfileRow = typeof profiles.$inferSelect;

/** A profile with what its review needs: the holder, the linked organisation and the jurisdiction with its path. */
export type ProfileReviewRow = ProfileRow & {
  userName: string;
  userEmail: string | null;
  userPhone: string | null;
  organizationName: string | null;
  jurisdictionName: string | null;
  jurisdictionPath: string | null;
};


const org = alias(organizations, 'profile_org');

const reviewColumns = {
  p: profiles,
  userName: users.name,
  userEmail: users.email,
  userPhone: users.phone,
  organizationName: org.name,
  jurisdictionName: jurisdictions.name,
  jurisdictionPath: jurisdictions.path,
};

const flatten = (r: { p: ProfileRow; userName: string; userEmail: string | null; userPhone: string | null; organizationName: string | null; jurisdictionName: string | null; jurisdictionPath: string | null }): ProfileReviewRow => ({
  ...r.p,
  userName: r.userName,
  userEmail: r.userEmail,
  userPhone: r.userPhone,
  organizationName: r.organizationName,
  jurisdictionName: r.jurisdictionName,
  jurisdictionPath: r.jurisdictionPath,
});

/** The SQL of profile review (the profiles table belongs to the accounts module). */
export const profileReviewRepository = {
  /** One person's profile of a kind, with its review context; `lock` for a review. */
  one: async (db: Executor, userId: string, kind: string, opts: { lock?: boolean } = {}) => {
    const q = db
      .select(reviewColumns)
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .leftJoin(org, eq(org.id, profiles.organizationId))
      .leftJoin(jurisdictions, eq(jurisdictions.code, profiles.jurisdictionCode))
      .where(and(eq(profiles.userId, userId), eq(profiles.kind, kind)));
    const [row] = opts.lock ? await q.for('update', { of: profiles }) : await q;
    return row ? flatten(row) : undefined;
  },

  /** The profiles with this status in these jurisdiction subtrees (null: everywhere, those without a jurisdiction too), oldest change first. */
  queue: async (db: Executor, f: { status: string; kind?: string; roots: string[] | null }, page: Page) => {
    const where = and(
      eq(profiles.status, f.status),
      f.kind ? eq(profiles.kind, f.kind) : sql`${profiles.kind} in ('broker', 'expert')`,
      f.roots ? withinJurisdiction(jurisdictions.path, f.roots) : undefined,
    );
    const rows = await db
      .select({ ...reviewColumns, total: sql<number>`(count(*) over ())::int` })
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .leftJoin(org, eq(org.id, profiles.organizationId))
      .leftJoin(jurisdictions, eq(jurisdictions.code, profiles.jurisdictionCode))
      .where(where)
      .orderBy(f.status === 'pending' ? profiles.updatedAt : desc(profiles.reviewedAt), profiles.id)
      .limit(page.pageSize)
      .offset(offsetOf(page));
    return { rows: rows.map(flatten), total: rows[0]?.total ?? 0 };
  },

  setReview: async (db: Executor, id: string, set: { status: string; reviewReason: string | null; reviewedBy: string; reviewedAt: Date }) =>
    (await db.update(profiles).set(set).where(eq(profiles.id, id)).returning())[0]!,

  /** After the holder saved a profile: its review state (pending again when it changed). */
  setStanding: (db: Executor, id: string, set: { status: string; jurisdictionCode: string | null; reviewReason?: null; reviewedBy?: null; reviewedAt?: null }) =>
    db.update(profiles).set(set).where(eq(profiles.id, id)),

  /** The jurisdiction of an organisation. */
  organizationJurisdiction: async (db: Executor, organizationId: string) =>
    (await db.select({ code: organizations.jurisdictionCode }).from(organizations).where(eq(organizations.id, organizationId)))[0]?.code ?? null,

  /** The jurisdiction of the first organisation a person joined. */
  firstMembershipJurisdiction: async (db: Executor, userId: string) =>
    (
      await db
        .select({ code: organizations.jurisdictionCode })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(memberships.userId, userId))
        .orderBy(memberships.createdAt)
        .limit(1)
    )[0]?.code ?? null,

  jurisdictionExists: async (db: Executor, code: string) => (await db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, code))).length > 0,

  /** An approved profile's jurisdiction (code, name, path), or undefined when the person holds no approved profile of this kind. */
  approved: async (db: Executor, userId: string, kind: string) =>
    (
      await db
        .select({ code: jurisdictions.code, name: jurisdictions.name, path: jurisdictions.path })
        .from(profiles)
        .innerJoin(jurisdictions, eq(jurisdictions.code, profiles.jurisdictionCode))
        .where(and(eq(profiles.userId, userId), eq(profiles.kind, kind), eq(profiles.status, 'approved')))
    )[0],

  /** Of these people, those holding an approved profile of this kind. */
  approvedAmong: async (db: Executor, userIds: string[], kind: string) => {
    if (!userIds.length) return new Set<string>();
    const rows = await db
      .select({ userId: profiles.userId })
      .from(profiles)
      .where(and(eq(profiles.kind, kind), eq(profiles.status, 'approved'), sql`${profiles.userId} in (${sql.join(userIds.map((u) => sql`${u}`), sql`, `)})`));
    return new Set(rows.map((r) => r.userId));
  },

  /** The approved experts (the 5,000 updated last) with their fields, the organisation named on the profile and every organisation they belong to. */
  expertDirectory: (db: Executor) =>
    db
      .select({
        userId: users.id,
        name: users.name,
        organizationId: profiles.organizationId,
        organizationName: organizations.name,
        data: profiles.data,
        organizationIds: sql<string[]>`coalesce((select array_agg(${memberships.organizationId}::text) from ${memberships} where ${memberships.userId} = ${users.id}), '{}')`,
      })
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .leftJoin(organizations, eq(organizations.id, profiles.organizationId))
      .where(and(eq(profiles.kind, 'expert'), eq(profiles.status, 'approved')))
      .orderBy(desc(profiles.updatedAt))
      .limit(5000),
  /** The approved experts (a name containing `q`, when given), with the names of their organisations: the pool a panel is chosen from. */
  expertPool: async (db: Executor, q: { q?: string; limit: number }) => {
    const like = q.q ? containsPattern(q.q) : null;
    return db
      .select({
        id: users.id,
        name: users.name,
        organizationIds: sql<string[]>`coalesce((select array_agg(${memberships.organizationId}::text) from ${memberships} where ${memberships.userId} = ${users.id}), '{}')`,
        organizationNames: sql<string[]>`coalesce((select array_agg(${organizations.name} order by ${organizations.name}) from ${memberships} join ${organizations} on ${organizations.id} = ${memberships.organizationId} where ${memberships.userId} = ${users.id}), '{}')`,
      })
      .from(users)
      .innerJoin(profiles, and(eq(profiles.userId, users.id), eq(profiles.kind, 'expert'), eq(profiles.status, 'approved')))
      .where(like ? sql`${users.name} ilike ${like}` : undefined)
      .orderBy(users.name, users.id)
      .limit(q.limit);
  },

  /** Of these people, those holding an approved expert profile: name and the organisations they belong to. */
  approvedExperts: async (db: Executor, userIds: string[]) => {
    if (!userIds.length) return [];
    const ids = sql.join(userIds.map((u) => sql`${u}`), sql`, `);
    return db
      .select({
        id: users.id,
        name: users.name,
        organizationIds: sql<string[]>`coalesce((select array_agg(${memberships.organizationId}::text) from ${memberships} where ${memberships.userId} = ${users.id}), '{}')`,
        organizationNames: sql<string[]>`coalesce((select array_agg(${organizations.name} order by ${organizations.name}) from ${memberships} join ${organizations} on ${organizations.id} = ${memberships.organizationId} where ${memberships.userId} = ${users.id}), '{}')`,
      })
      .from(users)
      .innerJoin(profiles, and(eq(profiles.userId, users.id), eq(profiles.kind, 'expert'), eq(profiles.status, 'approved')))
      .where(sql`${users.id} in (${ids})`);
  },
};
