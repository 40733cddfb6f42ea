import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Page } from '../../platform/pagination.ts';
import { userNames } from '../accounts/accounts.service.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { achievementHeads } from '../achievements/achievements.service.ts';
import { demandHeads } from '../demands/demands.service.ts';
import { matchReviewRepository as repo, type InquiryListRow, type InquiryRow, type RecordSummary, type RecordType, type ReviewExpertRow } from './matchReviews.repository.ts';

/** Code-point order, as PostgreSQL's C collation sorts names. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function inquiriesWithNames(db: Executor, rows: InquiryRow[]): Promise<InquiryListRow[]> {
  const people = await userNames(db, rows.map((i) => i.requestedBy));
  const orgs = await organizationNames(db, rows.flatMap((i) => (i.organizationId ? [i.organizationId] : [])));
  return rows.map((i) => ({ ...i, requesterName: people.get(i.requestedBy) ?? '', organizationName: i.organizationId ? (orgs.get(i.organizationId) ?? null) : null }));
}

/**
 * The module's reads with the names they show: people from the accounts
 * module, organisations from the organisations module, one query per kind
 * of name for a whole list (never one per row).
 */
export const named = {
  /** Achievements or demands by id from their modules, with their organisation's name (any status: the caller applies the record policy). */
  records: async (db: Executor, type: RecordType, ids: string[]): Promise<RecordSummary[]> => {
    const rows = await (type === 'achievement' ? achievementHeads : demandHeads)(db, ids);
    const orgs = await organizationNames(db, rows.map((r) => r.organizationId));
    return rows.map((r) => ({
      id: r.id,
      type,
      title: r.title,
      status: r.status,
      confidentiality: r.confidentiality,
      organizationId: r.organizationId,
      organizationName: orgs.get(r.organizationId) ?? '',
      jurisdictionCode: r.jurisdictionCode,
      jurisdictionPath: r.jurisdictionPath,
    }));
  },

  /** A review with its requester's name. */
  review: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const review = await repo.review(db, id, opts);
    if (!review) return undefined;
    const people = await userNames(db, [review.requestedBy]);
    return { ...review, requesterName: people.get(review.requestedBy) ?? '' };
  },

  /** Reviews of a pair, newest first, with the requester's name. */
  reviewsOfPair: async (db: Executor, demandId: string, achievementId: string) => {
    const rows = await repo.reviewsOfPair(db, demandId, achievementId);
    const people = await userNames(db, rows.map((r) => r.requestedBy));
    return rows.map((review) => ({ review, requesterName: people.get(review.requestedBy) ?? '' }));
  },

  /** The experts of these reviews, with their names, in the order they were invited (by name when invited together). */
  expertsOf: async (db: Executor, reviewIds: string[]): Promise<ReviewExpertRow[]> => {
    const rows = await repo.expertsOf(db, reviewIds);
    const people = await userNames(db, rows.map((e) => e.expertUserId));
    return rows
      .map((e) => ({ ...e, name: people.get(e.expertUserId) ?? '' }))
      .sort((a, b) => a.invitedAt.getTime() - b.invitedAt.getTime() || byCodePoint(a.name, b.name));
  },

  /** A person's invitations as an expert, newest first, with the review and its requester's name. */
  invitationsOf: async (db: Executor, userId: string) => {
    const rows = await repo.invitationsOf(db, userId);
    const people = await userNames(db, rows.map((r) => r.review.requestedBy));
    return rows.map((r) => ({ ...r, requesterName: people.get(r.review.requestedBy) ?? '' }));
  },

  /** An inquiry with the inquirer's and their organisation's names. */
  inquiry: async (db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<InquiryListRow | undefined> => {
    const row = await repo.inquiry(db, id, opts);
    return row ? (await inquiriesWithNames(db, [row]))[0] : undefined;
  },

  /** The inquiries a person sees, with names (matchReviewRepository.inquiries). */
  inquiries: async (db: Executor, actor: Actor, brokerPath: string | null, f: { status?: string }, page: Page) => {
    const { rows, total } = await repo.inquiries(db, actor, brokerPath, f, page);
    return { rows: await inquiriesWithNames(db, rows), total };
  },
};
