import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { matchFeedback } from '../../db/schema/index.ts';
import { queryRows } from '../../db/client.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';
import { achievementHeadsQuery } from '../achievements/achievements.service.ts';
import { demandHeadsQuery } from '../demands/demands.service.ts';

export type FeedbackRow = typeof matchFeedback.$inferSelect;

export const matchingRepository = {
  /** These verdicts: on which pair, by whom. */
  feedbackHeads: async (db: Executor, ids: string[]) =>
    ids.length ? db.select({ id: matchFeedback.id, userId: matchFeedback.userId, sourceType: matchFeedback.sourceType, sourceId: matchFeedback.sourceId, targetType: matchFeedback.targetType, targetId: matchFeedback.targetId, verdict: matchFeedback.verdict }).from(matchFeedback).where(inArray(matchFeedback.id, ids)) : [],

  /** Every verdict given on the matches of one record. */
  feedbackForSource: (db: Executor, sourceId: string) => db.select().from(matchFeedback).where(eq(matchFeedback.sourceId, sourceId)),

  /** One person's verdicts on these source → target pairs. */
  feedbackOfUser: async (db: Executor, userId: string, sourceIds: string[], targetIds: string[]) =>
    sourceIds.length && targetIds.length
      ? db
          .select({ sourceId: matchFeedback.sourceId, targetId: matchFeedback.targetId, verdict: matchFeedback.verdict, reasonCode: matchFeedback.reasonCode, reason: matchFeedback.reason })
          .from(matchFeedback)
          .where(and(eq(matchFeedback.userId, userId), inArray(matchFeedback.sourceId, sourceIds), inArray(matchFeedback.targetId, targetIds)))
      : [],

  /** Verdicts on these records as proposed matches, whoever gave them. */
  feedbackCounts: async (db: Executor, targetIds: string[]) => {
    if (!targetIds.length) return new Map<string, { interested: number; notRelevant: number }>();
    const rows = await db
      .select({ targetId: matchFeedback.targetId, verdict: matchFeedback.verdict, n: count() })
      .from(matchFeedback)
      .where(inArray(matchFeedback.targetId, targetIds))
      .groupBy(matchFeedback.targetId, matchFeedback.verdict);
    const out = new Map<string, { interested: number; notRelevant: number }>();
    for (const r of rows) {
      const c = out.get(r.targetId) ?? { interested: 0, notRelevant: 0 };
      if (r.verdict === 'interested') c.interested = r.n;
      else c.notRelevant = r.n;
      out.set(r.targetId, c);
    }
    return out;
  },

  upsertFeedback: async (db: Executor, row: typeof matchFeedback.$inferInsert) =>
    (
      await db
        .insert(matchFeedback)
        .values(row)
        .onConflictDoUpdate({
          target: [matchFeedback.sourceId, matchFeedback.targetId, matchFeedback.userId],
          set: { verdict: row.verdict, reasonCode: row.reasonCode ?? null, reason: row.reason ?? null, organizationId: row.organizationId, updatedAt: new Date() },
        })
        .returning()
    )[0]!,

  /**
   * Verdicts with both records' titles (the records' heads from their modules), newest first; `paths` limits them to
   * sources in those jurisdiction subtrees (null: everywhere).
   */
  listFeedback: async (db: Executor, paths: string[] | null, f: Page & { verdict?: string }) => {
    const within = (col: SQL) => (paths ? withinJurisdiction(col, paths) : sql`true`);
    const where = sql`${f.verdict ? sql`f.verdict = ${f.verdict}` : sql`true`} and ${within(sql`src.jurisdiction_path`)}`;
    const base = sql`
      from match_feedback f
      join (${achievementHeadsQuery()} union all ${demandHeadsQuery()}) src on src.id = f.source_id
      join (${achievementHeadsQuery()} union all ${demandHeadsQuery()}) tgt on tgt.id = f.target_id
      where ${where}`;
    const [rows, total] = await Promise.all([
      queryRows<Record<string, unknown>>(
        db,
        sql`select f.id, f.source_type, f.source_id, src.title as source_title, src.jurisdiction_path as source_path, src.confidentiality as source_confidentiality, src.organization_id as source_organization_id, f.target_type, f.target_id, tgt.title as target_title, tgt.jurisdiction_path as target_path, tgt.confidentiality as target_confidentiality, tgt.organization_id as target_organization_id, f.verdict, f.reason_code, f.reason, f.user_id, f.organization_id, f.updated_at
            ${base} order by f.updated_at desc, f.id limit ${f.pageSize} offset ${offsetOf(f)}`,
      ),
      queryRows<{ n: number }>(db, sql`select count(*)::int as n ${base}`),
    ]);
    return { rows, total: Number(total[0]!.n) };
  },
};
