import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { profiles } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';
import { jurisdictionsTable } from '../jurisdictions/jurisdictions.service.ts';
import { usersTable } from '../accounts/accounts.service.ts';
import { containsPattern } from '../../platform/text.ts';

export type ProfileRow = typeof profiles.$inferSelect;

/** A profile with the jurisdiction that reviews it (name and path, from the jurisdictions' subquery). */
export type ProfileJurisdictionRow = ProfileRow & { jurisdictionName: string | null; jurisdictionPath: string | null };

const jurisdiction = jurisdictionsTable('profile_jurisdiction');
const withJurisdiction = { p: profiles, jurisdictionName: jurisdiction.name, jurisdictionPath: jurisdiction.path };
const flatten = (r: { p: ProfileRow; jurisdictionName: string | null; jurisdictionPath: string | null }): ProfileJurisdictionRow => ({
  ...r.p,
  jurisdictionName: r.jurisdictionName,
  jurisdictionPath: r.jurisdictionPath,
});

const expertUser = usersTable('expert_user');

/** All SQL of the profiles table (owned by the profiles module). */
export const profileRepository = {
  /** A person's profiles, by kind. */
  of: (db: Executor, userId: string) => db.select().from(profiles).where(eq(profiles.userId, userId)).orderBy(profiles.kind),

  byKind: async (db: Executor, userId: string, kind: string) =>
    (await db.select().from(profiles).where(and(eq(profiles.userId, userId), eq(profiles.kind, kind))))[0],

  /** Saves the holder's profile of a kind (its review state is settled after, by `setStanding`). */
  upsert: async (db: Executor, row: typeof profiles.$inferInsert) =>
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

  delete: async (db: Executor, userId: string, kind: string) =>
    (await db.delete(profiles).where(and(eq(profiles.userId, userId), eq(profiles.kind, kind))).returning())[0],

  /** One person's profile of a kind, with its jurisdiction; `lock` for a review. */
  one: async (db: Executor, userId: string, kind: string, opts: { lock?: boolean } = {}) => {
    const q = db
      .select(withJurisdiction)
      .from(profiles)
      .leftJoin(jurisdiction, eq(jurisdiction.code, profiles.jurisdictionCode))
      .where(and(eq(profiles.userId, userId), eq(profiles.kind, kind)));
    const [row] = opts.lock ? await q.for('update', { of: profiles }) : await q;
    return row ? flatten(row) : undefined;
  },

  /** The profiles with this status in these jurisdiction subtrees (null: everywhere, those without a jurisdiction too), oldest change first. */
  queue: async (db: Executor, f: { status: string; kind?: string; roots: string[] | null }, page: Page) => {
    const where = and(
      eq(profiles.status, f.status),
      f.kind ? eq(profiles.kind, f.kind) : sql`${profiles.kind} in ('broker', 'expert')`,
      f.roots ? withinJurisdiction(jurisdiction.path, f.roots) : undefined,
    );
    const rows = await db
      .select({ ...withJurisdiction, total: sql<number>`(count(*) over ())::int` })
      .from(profiles)
      .leftJoin(jurisdiction, eq(jurisdiction.code, profiles.jurisdictionCode))
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

  /** An approved profile's jurisdiction (code, name, path), or undefined when the person holds no approved profile of this kind. */
  approved: async (db: Executor, userId: string, kind: string) =>
    (
      await db
        .select({ code: jurisdiction.code, name: jurisdiction.name, path: jurisdiction.path })
        .from(profiles)
        .innerJoin(jurisdiction, eq(jurisdiction.code, profiles.jurisdictionCode))
        .where(and(eq(profiles.userId, userId), eq(profiles.kind, kind), eq(profiles.status, 'approved')))
    )[0],

  /** Of these people, those holding an approved profile of this kind. */
  approvedAmong: async (db: Executor, userIds: string[], kind: string) => {
    if (!userIds.length) return new Set<string>();
    const rows = await db
      .select({ userId: profiles.userId })
      .from(profiles)
      .where(and(eq(profiles.kind, kind), eq(profiles.status, 'approved'), inArray(profiles.userId, userIds)));
    return new Set(rows.map((r) => r.userId));
  },

  /** The approved experts' profiles (the 5,000 updated last). */
  approvedExpertProfiles: (db: Executor) =>
    db
      .select({ userId: profiles.userId, organizationId: profiles.organizationId, data: profiles.data })
      .from(profiles)
      .where(and(eq(profiles.kind, 'expert'), eq(profiles.status, 'approved')))
      .orderBy(desc(profiles.updatedAt))
      .limit(5000),

  /** The approved experts (a name containing `q`, or among `ids`, when given) by name, with their names. */
  approvedExpertNames: (db: Executor, q: { q?: string; ids?: string[]; limit?: number }) => {
    const like = q.q ? containsPattern(q.q) : null;
    const query = db
      .select({ id: expertUser.id, name: expertUser.name })
      .from(profiles)
      .innerJoin(expertUser, eq(expertUser.id, profiles.userId))
      .where(and(eq(profiles.kind, 'expert'), eq(profiles.status, 'approved'), like ? sql`${expertUser.name} ilike ${like}` : undefined, q.ids ? inArray(profiles.userId, q.ids) : undefined))
      .orderBy(expertUser.name, expertUser.id);
    return q.limit ? query.limit(q.limit) : query;
  },
};
