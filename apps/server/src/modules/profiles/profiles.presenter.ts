import type { Actor } from '../../platform/actor.ts';
import { presentUser } from '../accounts/accounts.presenter.ts';
import type { ProfileJurisdictionRow, ProfileRow } from './profiles.repository.ts';
import type { ProfileReviewPolicy } from './profiles.policy.ts';

/** A profile with what its review shows: the holder, the linked organisation and the jurisdiction with its path. */
export type ProfileReviewRow = ProfileJurisdictionRow & {
  userName: string;
  userEmail: string | null;
  userPhone: string | null;
  organizationName: string | null;
};

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
export const presentProfileStatus = (r: ProfileJurisdictionRow) => ({
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

export const presentProfile = (p: ProfileRow) => ({
  kind: p.kind,
  organizationId: p.organizationId,
  title: p.data.title ?? null,
  fields: p.data.fields ?? [],
  bio: p.data.bio ?? null,
  certificateNo: p.data.certificateNo ?? null,
  /** Broker and expert profiles: pending until an administrator of jurisdictionCode approves them (then approved, or rejected with reviewReason). */
  status: p.status,
  jurisdictionCode: p.jurisdictionCode,
  reviewReason: p.reviewReason,
  reviewedAt: p.reviewedAt,
  updatedAt: p.updatedAt,
});

export function presentMe(
  actor: Actor,
  extra: {
    profiles: (ProfileRow)[];
    invitations: { id: string; organizationId: string; organizationName: string; role: string; createdAt: Date }[];
    allowedActions: string[];
  },
) {
  const roles = new Set<string>();
  if (actor.user.isPlatformAdmin) roles.add('platform_admin');
  if (actor.adminOf.length > 0) roles.add('jurisdiction_admin');
  for (const m of actor.memberships) {
    roles.add(m.role === 'owner' ? 'org_owner' : 'org_member');
    roles.add(m.organizationType);
  }
  for (const p of extra.profiles) if (p.status === 'approved') roles.add(p.kind);
  return {
    user: presentUser(actor.user),
    organizations: actor.memberships.map((m) => ({
      id: m.organizationId,
      name: m.organizationName,
      type: m.organizationType,
      status: m.organizationStatus,
      role: m.role,
      jurisdictionCode: m.jurisdictionPath.split('/').at(-1)!,
    })),
    adminOf: actor.adminOf.map((j) => ({ code: j.code, name: j.name })),
    roles: [...roles],
    profiles: extra.profiles.map(presentProfile),
    invitations: extra.invitations,
    allowedActions: extra.allowedActions,
  };
}
