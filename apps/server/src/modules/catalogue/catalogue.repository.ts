import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import { accessRequests, achievements, jurisdictionSettings, recordVersions } from '../../db/schema/index.ts';
import type { RecordTable, RecordType } from '../../db/recordSearch.ts';

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

  decideAccessRequest: async (db: Executor, id: string, set: { status: string; responseReason: string | null; decidedBy: string }) =>
    (await db.update(accessRequests).set({ ...set, decidedAt: new Date() }).where(eq(accessRequests.id, id)).returning())[0]!,
};

// ---- freshness (长效跟踪)

type Flagged = { id: string; organization_id: string; title: string; confirmed_at: string | null; published_at: string | null };

export const freshnessRepository = {
  /**
   * Marks published records not confirmed for their jurisdiction's period
   * (the nearest setting up the tree, 12 months by default) as stale.
   */
  markStale: (db: Executor, table: RecordTable, now: Date) =>
    queryRows<Flagged>(
      db,
      sql`update ${table} r set stale = true, updated_at = now()
          where r.status = 'published' and not r.stale
            and r.confirmed_at < ${now.toISOString()}::timestamptz - make_interval(months => coalesce((
              select s.stale_after_months from jurisdiction_settings s join jurisdictions j on j.code = s.jurisdiction_code
              where r.jurisdiction_path = j.path or r.jurisdiction_path like j.path || '/%'
              order by length(j.path) desc limit 1), 12))
          returning r.id, r.organization_id, r.title, r.confirmed_at, r.published_at`,
    ),

  /**
   * Flags achievements published without any conversion for longer than the
   * local rule allows: the nearest jurisdiction up the record's tree that has
   * a rule (陕西: two years, 002 item 11). Where no jurisdiction has one,
   * nothing is flagged. Returns the rule's jurisdiction with each record, so a
   * reminder names the rule that applies to that record and no other.
   */
  flagUnconverted: (db: Executor, now: Date) =>
    queryRows<Flagged & { rule_years: number; rule_code: string; rule_name: string }>(
      db,
      sql`update ${achievements} r set unconverted_flagged_at = ${now.toISOString()}::timestamptz, updated_at = now()
          from (
            select a.id, rule.years, rule.code, rule.name from ${achievements} a
            cross join lateral (
              select j.unconverted_years as years, j.code, j.name from jurisdictions j
              where j.unconverted_years is not null and (a.jurisdiction_path = j.path or a.jurisdiction_path like j.path || '/%')
              order by length(j.path) desc limit 1
            ) rule
            where a.status = 'published' and not a.converted and a.unconverted_flagged_at is null
              and a.published_at <= ${now.toISOString()}::timestamptz - make_interval(years => rule.years)
          ) due
          where r.id = due.id
          returning r.id, r.organization_id, r.title, r.confirmed_at, r.published_at, due.years as rule_years, due.code as rule_code, due.name as rule_name`,
    ),

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

