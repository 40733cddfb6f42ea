import type { AccessRequestStatus } from '@kzt/shared';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accessRequests, jurisdictionSettings, recordVersions } from '../../db/schema/index.ts';
import type { RecordType } from '../../db/recordSearch.ts';

/** SQL shared by achievements and demands: versions and access grants. */
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

  /** Every record of this type some organisation of `orgIds` has been granted access to (a viewer's grants: few). */
  grantsOf: async (db: Executor, recordType: RecordType, orgIds: string[]) => {
    if (!orgIds.length) return new Set<string>();
    const rows = await db
      .select({ id: accessRequests.recordId })
      .from(accessRequests)
      .where(and(eq(accessRequests.recordType, recordType), eq(accessRequests.status, 'approved'), inArray(accessRequests.organizationId, orgIds)));
    return new Set(rows.map((r) => r.id));
  },

  accessRequests: (db: Executor, recordType: RecordType, recordId: string, onlyOrgIds?: string[]) =>
    db
      .select()
      .from(accessRequests)
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

  decideAccessRequest: async (db: Executor, id: string, set: { status: AccessRequestStatus; responseReason: string | null; decidedBy: string }) =>
    (await db.update(accessRequests).set({ ...set, decidedAt: new Date() }).where(eq(accessRequests.id, id)).returning())[0]!,
};

// ---- freshness (长效跟踪)

export const freshnessRepository = {
  /** The months after which a record at `path` goes stale: the nearest setting up its jurisdiction tree, 12 by default. */
  staleAfterMonths: (path: SQL) =>
    sql`coalesce((
          select s.stale_after_months from ${jurisdictionSettings} s join jurisdictions j on j.code = s.jurisdiction_code
          where ${path} = j.path or ${path} like j.path || '/%'
          order by length(j.path) desc limit 1), 12)`,

  settings: (db: Executor, code: string) => db.select().from(jurisdictionSettings).where(eq(jurisdictionSettings.jurisdictionCode, code)),

  saveSettings: async (db: Executor, code: string, staleAfterMonths: number) =>
    (
      await db
        .insert(jurisdictionSettings)
        .values({ jurisdictionCode: code, staleAfterMonths })
        .onConflictDoUpdate({ target: jurisdictionSettings.jurisdictionCode, set: { staleAfterMonths, updatedAt: new Date() } })
        .returning()
    )[0]!,
};

