import type { Actor } from '../../platform/actor.ts';
import type { UserRow } from './accounts.repository.ts';
import type { profiles } from '../../db/schema/index.ts';

export const presentUser = (u: Pick<UserRow, 'id' | 'name' | 'email' | 'phone' | 'isPlatformAdmin'> & { verifiedAt?: Date | null; verified?: boolean }) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  phone: u.phone,
  isPlatformAdmin: u.isPlatformAdmin,
  verified: u.verified ?? !!u.verifiedAt,
});

export const presentProfile = (p: typeof profiles.$inferSelect) => ({
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
    profiles: (typeof profiles.$inferSelect)[];
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
