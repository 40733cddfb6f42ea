import type { Actor } from '../../platform/actor.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import type { InquiryListRow, InquiryRow, RecordSummary, RecordType, ReviewExpertRow, ReviewRow } from './matchReviews.repository.ts';
import { inquiryActions, reviewActions, type InquiryPolicy, type ReviewPolicy } from './matchReviews.policy.ts';

/** One expert of a review and what they said. */
export const presentExpert = (e: ReviewExpertRow) => ({
  user: { id: e.expertUserId, name: e.name },
  status: e.status,
  score: e.score,
  opinion: e.opinion,
  comment: e.comment,
  invitedAt: e.invitedAt,
  submittedAt: e.submittedAt,
});

/** A review as the requesting side sees it: every expert's opinion (an invited expert sees only their own). */
export function presentReview(r: ReviewRow, requesterName: string, experts: ReviewExpertRow[], policy: ReviewPolicy, viewerId: string) {
  const shown = policy.readOpinions ? experts : experts.filter((e) => e.expertUserId === viewerId);
  return {
    id: r.id,
    demandId: r.demandId,
    achievementId: r.achievementId,
    requestedBy: { id: r.requestedBy, name: requesterName },
    note: policy.readNote ? r.note : null,
    status: r.status,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    experts: shown.map(presentExpert),
    allowedActions: reviewActions(policy),
  };
}

const recordRef = (r: RecordSummary) => ({ id: r.id, title: r.title, organization: { id: r.organizationId, name: r.organizationName } });

/** An expert's invitation: the pair to assess, the requester's note and the expert's own answer. */
export function presentInvitation(
  row: { invitation: { status: string; score: number | null; opinion: string | null; comment: string | null; invitedAt: Date; submittedAt: Date | null }; review: ReviewRow; requesterName: string },
  demand: RecordSummary,
  achievement: RecordSummary,
  policy: ReviewPolicy,
) {
  const i = row.invitation;
  return {
    id: row.review.id,
    status: row.review.status,
    note: row.review.note,
    requestedBy: { id: row.review.requestedBy, name: row.requesterName },
    createdAt: row.review.createdAt,
    demand: recordRef(demand),
    achievement: recordRef(achievement),
    invitation: { status: i.status, score: i.score, opinion: i.opinion, comment: i.comment, invitedAt: i.invitedAt, submittedAt: i.submittedAt },
    allowedActions: reviewActions(policy),
  };
}

/**
 * A record named in an inquiry: its title only for those who may read the
 * record, so the inquirer never learns a secret record's title.
 */
function inquiryRecord(actor: Actor, type: RecordType, id: string, r: RecordSummary | undefined) {
  return { type, id, title: r && recordPolicy(actor, r).read ? r.title : null };
}

/** An inquiry about a secret matching record. */
export function presentInquiry(
  actor: Actor,
  i: InquiryRow & Partial<Pick<InquiryListRow, 'requesterName' | 'organizationName'>>,
  records: { source?: RecordSummary; target?: RecordSummary },
  policy: InquiryPolicy,
) {
  return {
    id: i.id,
    source: inquiryRecord(actor, i.sourceType as RecordType, i.sourceId, records.source),
    target: inquiryRecord(actor, i.targetType as RecordType, i.targetId, records.target),
    requestedBy: { id: i.requestedBy, name: i.requesterName ?? null },
    organization: i.organizationId ? { id: i.organizationId, name: i.organizationName ?? null } : null,
    message: i.message,
    status: i.status,
    answer: i.answer,
    createdAt: i.createdAt,
    handledAt: i.handledAt,
    allowedActions: inquiryActions(policy),
  };
}

/** What the audit trail keeps of an inquiry (no titles). */
export const snapshotInquiry = (i: InquiryRow) => ({
  sourceType: i.sourceType,
  sourceId: i.sourceId,
  targetType: i.targetType,
  targetId: i.targetId,
  status: i.status,
  message: i.message,
  answer: i.answer,
});
