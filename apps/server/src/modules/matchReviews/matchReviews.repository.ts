import type { Confidentiality, StoredRecordStatus } from '@kzt/shared';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  matchInquiries,
  matchReviewExperts,
  matchReviews,
} from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';

export type RecordType = 'achievement' | 'demand';

/** What this module needs of an achievement or a demand: enough for the record policy, its title and its organisation. */
export type RecordSummary = {
  id: string;
  type: RecordType;
  title: string;
  status: StoredRecordStatus;
  confidentiality: Confidentiality;
  organizationId: string;
  organizationName: string;
  jurisdictionCode: string;
  jurisdictionPath: string;
};

export type ReviewRow = typeof matchReviews.$inferSelect;
export type ReviewExpertRow = typeof matchReviewExperts.$inferSelect & { name: string };
export type InquiryRow = typeof matchInquiries.$inferSelect;
export type InquiryListRow = InquiryRow & { requesterName: string; organizationName: string | null };

/**
 * The one place that decides which inquiries a person sees: the platform
 * administrator all of them, administrators and approved brokers those about
 * records in their subtrees, everyone their own.
 */
function visibleInquiries(actor: Actor, brokerPath: string | null): SQL {
  if (actor.user.isPlatformAdmin) return sql`true`;
  const roots = [...actor.adminOf.map((j) => j.path), ...(brokerPath ? [brokerPath] : [])];
  return sql`(${matchInquiries.requestedBy} = ${actor.user.id} or ${withinJurisdiction(matchInquiries.jurisdictionPath, roots)})`;
}

/** All SQL of the expert confirmation (专家论证) and inquiry module. */
export const matchReviewRepository = {
  // ---- reviews

  insertReview: async (db: Executor, row: typeof matchReviews.$inferInsert) => (await db.insert(matchReviews).values(row).returning())[0]!,

  insertExperts: (db: Executor, reviewId: string, userIds: string[]) => db.insert(matchReviewExperts).values(userIds.map((expertUserId) => ({ reviewId, expertUserId }))),

  review: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(matchReviews).where(eq(matchReviews.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  updateReview: async (db: Executor, id: string, set: Partial<typeof matchReviews.$inferInsert>) =>
    (await db.update(matchReviews).set(set).where(eq(matchReviews.id, id)).returning())[0]!,

  /** Reviews of a pair, newest first. */
  reviewsOfPair: (db: Executor, demandId: string, achievementId: string) =>
    db
      .select()
      .from(matchReviews)
      .where(and(eq(matchReviews.demandId, demandId), eq(matchReviews.achievementId, achievementId)))
      .orderBy(desc(matchReviews.createdAt), asc(matchReviews.id)),

  /** The experts of these reviews, in the order they were invited. */
  expertsOf: async (db: Executor, reviewIds: string[]) =>
    reviewIds.length ? db.select().from(matchReviewExperts).where(inArray(matchReviewExperts.reviewId, reviewIds)).orderBy(asc(matchReviewExperts.invitedAt)) : [],

  invitation: async (db: Executor, reviewId: string, userId: string, opts: { lock?: boolean } = {}) => {
    const q = db
      .select()
      .from(matchReviewExperts)
      .where(and(eq(matchReviewExperts.reviewId, reviewId), eq(matchReviewExperts.expertUserId, userId)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  updateInvitation: async (db: Executor, reviewId: string, userId: string, set: Partial<typeof matchReviewExperts.$inferInsert>) =>
    (
      await db
        .update(matchReviewExperts)
        .set(set)
        .where(and(eq(matchReviewExperts.reviewId, reviewId), eq(matchReviewExperts.expertUserId, userId)))
        .returning()
    )[0]!,

  /** A person's invitations as an expert, newest first, with the review. */
  invitationsOf: (db: Executor, userId: string) =>
    db
      .select({ invitation: matchReviewExperts, review: matchReviews })
      .from(matchReviewExperts)
      .innerJoin(matchReviews, eq(matchReviews.id, matchReviewExperts.reviewId))
      .where(eq(matchReviewExperts.expertUserId, userId))
      .orderBy(desc(matchReviewExperts.invitedAt), asc(matchReviews.id)),

  /**
   * Per pair, over every review of it: experts asked (those who declined left
   * out), opinions given, their average score and the recommendations.
   */
  summaries: (db: Executor, demandIds: string[], achievementIds: string[]) =>
    db
      .select({
        demandId: matchReviews.demandId,
        achievementId: matchReviews.achievementId,
        count: sql<number>`(count(*) filter (where ${matchReviewExperts.status} <> 'declined'))::int`,
        submitted: sql<number>`(count(*) filter (where ${matchReviewExperts.status} = 'submitted'))::int`,
        averageScore: sql<string | null>`(avg(${matchReviewExperts.score}) filter (where ${matchReviewExperts.status} = 'submitted'))::text`,
        recommend: sql<number>`(count(*) filter (where ${matchReviewExperts.status} = 'submitted' and ${matchReviewExperts.opinion} = 'recommend'))::int`,
        notRecommend: sql<number>`(count(*) filter (where ${matchReviewExperts.status} = 'submitted' and ${matchReviewExperts.opinion} = 'not_recommend'))::int`,
      })
      .from(matchReviews)
      .innerJoin(matchReviewExperts, eq(matchReviewExperts.reviewId, matchReviews.id))
      .where(and(inArray(matchReviews.demandId, demandIds), inArray(matchReviews.achievementId, achievementIds)))
      .groupBy(matchReviews.demandId, matchReviews.achievementId),

  // ---- inquiries

  /** Inserts an inquiry unless this person already asked about this pair; returns the new row, or nothing. */
  insertInquiry: async (db: Executor, row: typeof matchInquiries.$inferInsert) => (await db.insert(matchInquiries).values(row).onConflictDoNothing().returning())[0],

  inquiryOf: async (db: Executor, sourceId: string, targetId: string, userId: string) =>
    (
      await db
        .select()
        .from(matchInquiries)
        .where(and(eq(matchInquiries.sourceId, sourceId), eq(matchInquiries.targetId, targetId), eq(matchInquiries.requestedBy, userId)))
    )[0],

  inquiry: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(matchInquiries).where(eq(matchInquiries.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  updateInquiry: async (db: Executor, id: string, set: Partial<typeof matchInquiries.$inferInsert>) =>
    (await db.update(matchInquiries).set(set).where(eq(matchInquiries.id, id)).returning())[0]!,

  /** The inquiries a person sees (visibleInquiries), open ones first, newest first. */
  inquiries: async (db: Executor, actor: Actor, brokerPath: string | null, f: { status?: string }, page: Page) => {
    const where = and(visibleInquiries(actor, brokerPath), f.status ? eq(matchInquiries.status, f.status) : undefined);
    const rows = await db
      .select({ i: matchInquiries, total: sql<number>`(count(*) over ())::int` })
      .from(matchInquiries)
      .where(where)
      .orderBy(sql`case when ${matchInquiries.status} = 'open' then 0 else 1 end`, desc(matchInquiries.createdAt), asc(matchInquiries.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    const total = rows.length
      ? rows[0]!.total
      : page.page > 1
        ? ((await db.select({ n: sql<number>`count(*)::int` }).from(matchInquiries).where(where))[0]?.n ?? 0)
        : 0;
    return { rows: rows.map((r) => r.i), total };
  },
};
