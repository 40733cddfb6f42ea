import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';

type OrgLike = { id: string; status: string; jurisdictionPath: string };

/** Who may do what with an organisation (ARCHITECTURE habit 3). */
export function organizationPolicy(actor: Actor | null, org: OrgLike) {
  const membership = membershipIn(actor, org.id);
  const owner = membership?.role === 'owner';
  const admin = administers(actor, org.jurisdictionPath);
  return {
    read: org.status === 'verified' || !!membership || admin,
    readPrivate: !!membership || admin,
    update: owner || admin,
    verify: admin,
    viewMembers: !!membership || admin,
    invite: owner,
    removeMember: owner,
  };
}

export type OrganizationPolicy = ReturnType<typeof organizationPolicy>;

/** The actions the UI should offer now: permissions narrowed by the organisation's state. */
export function organizationActions(p: OrganizationPolicy, org: OrgLike): string[] {
  const now: Record<string, boolean> = {
    update: p.update,
    verify: p.verify && org.status === 'pending',
    viewMembers: p.viewMembers,
    invite: p.invite,
    removeMember: p.removeMember,
  };
  return Object.keys(now).filter((k) => now[k]);
}
