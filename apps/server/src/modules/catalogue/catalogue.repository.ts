import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accessRequests, notifications, organizations, recordVersions, users } from '../../db/schema/index.ts';

export type RecordType = 'achievement' | 'demand';

/** SQL shared by achievements and demands: versions, access grants, notifications. */
export const catalogueRepository = {
  addVersion: (db: Executor, row: typeof recordVersions.$inferInsert) => db.insert(recordVersions).values(row).onConflictDoNothing(),

  versions: (db: Executor, recordType: RecordType, recordId: string) =>
    db
      .select()
      .from(recordVersions)
      .where(and(eq(recordVersions.recordType, recordType), eq(recordVersions.recordId, recordId)))
      .orderBy(desc(recordVersions.version)),

  /** Of these records, the ones some organisation of `orgIds` has been granted access to. */
  grantedIds: async (db: Executor, recordType: RecordType, recordIds: string[], orgIds: string[]) => {
    if (!recordIds.length || !orgIds.length) return new Set<string>();
    const rows = await db
      .select({ id: accessRequests.recordId })
      .from(accessRequests)
      .where(
        and(
          eq(accessRequests.recordType, recordType),
          eq(accessRequests.status, 'approved'),
          inArray(accessRequests.recordId, recordIds),
          inArray(accessRequests.organizationId, orgIds),
        ),
      );
    return new Set(rows.map((r) => r.id));
  },

  accessRequests: (db: Executor, recordType: RecordType, recordId: string, onlyOrgIds?: string[]) =>
    db
      .select({ request: accessRequests, organizationName: organizations.name, requesterName: users.name })
      .from(accessRequests)
      .innerJoin(organizations, eq(organizations.id, accessRequests.organizationId))
      .innerJoin(users, eq(users.id, accessRequests.requestedBy))
      .where(
        and(
          eq(accessRequests.recordType, recordType),
          eq(accessRequests.recordId, recordId),
          onlyOrgIds ? (onlyOrgIds.length ? inArray(accessRequests.organizationId, onlyOrgIds) : sql`false`) : undefined,
        ),
      )
      .orderBy(desc(accessRequests.createdAt)),

  accessRequest: async (db: Executor, id: string) => (await db.select().from(accessRequests).where(eq(accessRequests.id, id)).for('update'))[0],

  openAccessRequest: async (db: Executor, recordType: RecordType, recordId: string, organizationId: string) =>
    (
      await db
        .select()
        .from(accessRequests)
        .where(
          and(
            eq(accessRequests.recordType, recordType),
            eq(accessRequests.recordId, recordId),
            eq(accessRequests.organizationId, organizationId),
            inArray(accessRequests.status, ['pending', 'approved']),
          ),
        )
    )[0],

  insertAccessRequest: async (db: Executor, row: typeof accessRequests.$inferInsert) => (await db.insert(accessRequests).values(row).returning())[0]!,

  decideAccessRequest: async (db: Executor, id: string, set: { status: string; responseReason: string | null; decidedBy: string }) =>
    (await db.update(accessRequests).set({ ...set, decidedAt: new Date() }).where(eq(accessRequests.id, id)).returning())[0]!,

  /** Adds a notification once per dedupe key; returns whether it was new. */
  notify: async (db: Executor, row: typeof notifications.$inferInsert) =>
    (await db.insert(notifications).values(row).onConflictDoNothing().returning({ id: notifications.id })).length > 0,
};

/** Condition on a record table's columns: its jurisdiction path lies in one of these subtrees. */
export function pathInSubtrees(pathColumn: SQL | unknown, roots: string[]): SQL {
  if (!roots.length) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`(${pathColumn} = ${r} or ${pathColumn} like ${`${r}/%`})`),
    sql` or `,
  )})`;
}
