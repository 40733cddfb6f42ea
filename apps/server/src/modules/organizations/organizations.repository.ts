import { and, asc, count, desc, eq, inArray, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { containsPattern, normalizeText } from '../../platform/text.ts';
import type { Executor } from '../../db/client.ts';
import { invitations, memberships, organizations } from '../../db/schema/index.ts';
import { jurisdictionsTable } from '../jurisdictions/jurisdictions.service.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';

export type OrganizationRow = typeof organizations.$inferSelect & { jurisdictionName: string; jurisdictionPath: string };

/** A person's membership as the actor carries it (organizations.service `membershipsJson`). */
export type MembershipOfPerson = {
  organizationId: string;
  role: string;
  organizationName: string;
  organizationType: string;
  organizationStatus: string;
  jurisdictionPath: string;
};

/** An organisation's jurisdiction, from its module (a subquery: organisations are filtered and paged by it in one query). */
const jurisdictions = jurisdictionsTable('org_jurisdiction');

const withJurisdiction = {
  org: organizations,
  jurisdictionName: jurisdictions.name,
  jurisdictionPath: jurisdictions.path,
};

const flatten = (r: { org: typeof organizations.$inferSelect; jurisdictionName: string; jurisdictionPath: string }): OrganizationRow => ({
  ...r.org,
  jurisdictionName: r.jurisdictionName,
  jurisdictionPath: r.jurisdictionPath,
});


/**
 * The one place that decides which organisations a person may see: verified
 * ones are public; pending and rejected ones are seen by their members and by
 * administrators of their jurisdiction's subtree.
 */
export function organizationsVisibleTo(actor: Actor | null): SQL | undefined {
  if (actor?.user.isPlatformAdmin) return undefined;
  const conditions: SQL[] = [eq(organizations.status, 'verified')];
  if (actor && actor.memberships.length > 0) conditions.push(inArray(organizations.id, actor.memberships.map((m) => m.organizationId)));
  for (const j of actor?.adminOf ?? []) conditions.push(withinJurisdiction(jurisdictions.path, [j.path]));
  return or(...conditions);
}

export type OrganizationFilter = {
  status?: string;
  type?: string;
  jurisdictionPath?: string;
  q?: string;
  memberOf?: string[];
};

export const organizationRepository = {
  /** The memberships of the person `userId`, with each organisation's name, type, status and jurisdiction path, as one JSON array (by joining date), for a query of the caller's. */
  membershipsJson: (userId: SQL | AnyColumn) =>
    sql<MembershipOfPerson[] | string>`coalesce((select json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role, 'organizationName', o.name,
                                                'organizationType', o.type, 'organizationStatus', o.status, 'jurisdictionPath', j.path) order by m.created_at)
      from ${memberships} m join ${organizations} o on o.id = m.organization_id join ${jurisdictionsTable('j')} on j.code = o.jurisdiction_code
      where m.user_id = ${userId}), '[]'::json)`,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db
      .select(withJurisdiction)
      .from(organizations)
      .innerJoin(jurisdictions, eq(jurisdictions.code, organizations.jurisdictionCode))
      .where(eq(organizations.id, id));
    const [row] = opts.lock ? await q.for('update', { of: organizations }) : await q;
    return row ? flatten(row) : undefined;
  },

  /** The names and types of these organisations. */
  namesOf: async (db: Executor, ids: string[]) =>
    ids.length ? db.select({ id: organizations.id, name: organizations.name, type: organizations.type }).from(organizations).where(inArray(organizations.id, ids)) : [],

  byCreditCode: async (db: Executor, creditCode: string) =>
    (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, creditCode)))[0],

  list: async (db: Executor, actor: Actor | null, f: OrganizationFilter, page: Page) => {
    const where = and(
      organizationsVisibleTo(actor),
      f.status ? eq(organizations.status, f.status) : undefined,
      f.type ? eq(organizations.type, f.type) : undefined,
      f.jurisdictionPath ? withinJurisdiction(jurisdictions.path, [f.jurisdictionPath]) : undefined,
      f.q ? or(like(organizations.searchName, containsPattern(normalizeText(f.q))), eq(organizations.creditCode, f.q.toUpperCase())) : undefined,
      f.memberOf ? (f.memberOf.length ? inArray(organizations.id, f.memberOf) : sql`false`) : undefined,
    );
    const base = () => db.select(withJurisdiction).from(organizations).innerJoin(jurisdictions, eq(jurisdictions.code, organizations.jurisdictionCode));
    const [rows, [total]] = await Promise.all([
      base().where(where).orderBy(desc(organizations.createdAt), asc(organizations.id)).limit(page.pageSize).offset(offsetOf(page)),
      db.select({ n: count() }).from(organizations).innerJoin(jurisdictions, eq(jurisdictions.code, organizations.jurisdictionCode)).where(where),
    ]);
    return { rows: rows.map(flatten), total: total?.n ?? 0 };
  },

  insert: async (db: Executor, row: typeof organizations.$inferInsert) =>
    (await db.insert(organizations).values({ ...row, searchName: normalizeText(row.name) }).returning())[0]!,

  update: async (db: Executor, id: string, set: Partial<typeof organizations.$inferInsert>) =>
    (
      await db
        .update(organizations)
        .set({ ...set, ...(set.name ? { searchName: normalizeText(set.name) } : {}), updatedAt: new Date() })
        .where(eq(organizations.id, id))
        .returning()
    )[0]!,

  // ---- members
  members: (db: Executor, organizationId: string) =>
    db
      .select({ userId: memberships.userId, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .where(eq(memberships.organizationId, organizationId))
      .orderBy(asc(memberships.createdAt)),

  /** The members of these organisations, as organisation–user pairs. */
  membersOf: async (db: Executor, organizationIds: string[]) =>
    organizationIds.length
      ? db.select({ organizationId: memberships.organizationId, userId: memberships.userId }).from(memberships).where(inArray(memberships.organizationId, organizationIds))
      : [],

  /** Every organisation these people belong to (user, organisation id and name), by organisation name. */
  membershipsOfUsers: async (db: Executor, userIds: string[]) =>
    userIds.length
      ? db
          .select({ userId: memberships.userId, organizationId: memberships.organizationId, organizationName: organizations.name })
          .from(memberships)
          .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
          .where(inArray(memberships.userId, userIds))
          .orderBy(asc(organizations.name), asc(memberships.organizationId))
      : [],

  /** The jurisdiction of the first organisation a person joined, or null. */
  firstMembershipJurisdiction: async (db: Executor, userId: string) =>
    (
      await db
        .select({ code: organizations.jurisdictionCode })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(memberships.createdAt))
        .limit(1)
    )[0]?.code ?? null,

  membership: async (db: Executor, organizationId: string, userId: string) =>
    (await db.select().from(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId))))[0],

  addMember: (db: Executor, row: typeof memberships.$inferInsert) => db.insert(memberships).values(row),

  removeMember: (db: Executor, organizationId: string, userId: string) =>
    db.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId))),

  ownerCount: async (db: Executor, organizationId: string) =>
    (await db.select({ n: count() }).from(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner'))))[0]!.n,

  // ---- invitations
  invitations: (db: Executor, organizationId: string) =>
    db.select().from(invitations).where(and(eq(invitations.organizationId, organizationId), eq(invitations.status, 'pending'))).orderBy(asc(invitations.createdAt)),

  invitation: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(invitations).where(eq(invitations.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  pendingInvitation: async (db: Executor, organizationId: string, login: string) =>
    (await db.select().from(invitations).where(and(eq(invitations.organizationId, organizationId), eq(invitations.login, login), eq(invitations.status, 'pending'))))[0],

  /** The pending invitations to any of these logins, with the inviting organisation's name, oldest first. */
  pendingInvitationsFor: (db: Executor, logins: string[]) =>
    logins.length
      ? db
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
          .orderBy(asc(invitations.createdAt))
      : Promise.resolve([]),

  insertInvitation: async (db: Executor, row: typeof invitations.$inferInsert) => (await db.insert(invitations).values(row).returning())[0]!,

  setInvitationStatus: async (db: Executor, id: string, status: string) =>
    (await db.update(invitations).set({ status, respondedAt: new Date() }).where(eq(invitations.id, id)).returning())[0]!,
};
