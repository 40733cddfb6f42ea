import type { ProfileReviewRow } from './profiles.repository.ts';
import type { ProfileReviewPolicy } from './profiles.policy.ts';

const actions = (p: ProfileReviewPolicy) => (['approve', 'reject'] as const).filter((a) => p[a]);

/** A profile in the administrators' review queue. */
export const presentProfileReview = (r: ProfileReviewRow, policy: ProfileReviewPolicy) => ({
  id: r.id,
  kind: r.kind as 'researcher' | 'broker' | 'expert',
  status: r.status as 'pending' | 'approved' | 'rejected',
  user: { id: r.userId, name: r.userName, login: r.userEmail ?? r.userPhone },
  organization: r.organizationId ? { id: r.organizationId, name: r.organizationName } : null,
  jurisdiction: r.jurisdictionCode ? { code: r.jurisdictionCode, name: r.jurisdictionName ?? r.jurisdictionCode } : null,
  title: r.data.title ?? null,
  fields: r.data.fields ?? [],
  bio: r.data.bio ?? null,
  certificateNo: r.data.certificateNo ?? null,
  reviewReason: r.reviewReason,
  reviewedAt: r.reviewedAt,
  updatedAt: r.updatedAt,
  allowedActions: actions(policy),
});

/** The holder's view of their own profile's review. */
export const presentProfileStatus = (r: ProfileReviewRow) => ({
  kind: r.kind as 'researcher' | 'broker' | 'expert',
  status: r.status as 'pending' | 'approved' | 'rejected',
  jurisdiction: r.jurisdictionCode ? { code: r.jurisdictionCode, name: r.jurisdictionName ?? r.jurisdictionCode } : null,
  reviewReason: r.reviewReason,
  reviewedAt: r.reviewedAt,
});

/** What the audit trail keeps of a profile's review state. */
export const snapshotReview = (r: { status: string; jurisdictionCode: string | null; reviewReason: string | null }) => ({
  status: r.status,
  jurisdictionCode: r.jurisdictionCode,
  reviewReason: r.reviewReason,
});
