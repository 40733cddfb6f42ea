import type { MemberRole, OrganizationStatus, OrganizationType } from '@kzt/shared';

export type ActorMembership = {
  organizationId: string;
  organizationName: string;
  organizationType: OrganizationType;
  organizationStatus: OrganizationStatus;
  jurisdictionPath: string;
  role: MemberRole;
};

export type Actor = {
  /** `verified`: the person proved holding their e-mail or phone with a one-time code (absent = not proven). */
  user: { id: string; name: string; email: string | null; phone: string | null; isPlatformAdmin: boolean; verified?: boolean };
  memberships: ActorMembership[];
  /** Jurisdictions this person administers, with their paths (e.g. `140000/140700`). */
  adminOf: { code: string; name: string; path: string }[];
  session: { tokenHash: string; via: 'cookie' | 'bearer' };
};

/** True when `path` is `ancestor` or lies below it in the jurisdiction tree. */
export function pathWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** An administrator acts in the subtree of the jurisdictions they administer; a platform administrator everywhere. */
export function administers(actor: Actor | null, jurisdictionPath: string): boolean {
  if (!actor) return false;
  if (actor.user.isPlatformAdmin) return true;
  return actor.adminOf.some((j) => pathWithin(jurisdictionPath, j.path));
}

export function isAnyAdmin(actor: Actor | null): boolean {
  return !!actor && (actor.user.isPlatformAdmin || actor.adminOf.length > 0);
}

export function membershipIn(actor: Actor | null, organizationId: string): ActorMembership | undefined {
  return actor?.memberships.find((m) => m.organizationId === organizationId);
}
