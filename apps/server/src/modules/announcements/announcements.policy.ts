import { administers, isAnyAdmin, type Actor } from '../../platform/actor.ts';

/**
 * Who may do what with a notice: everyone reads a shown one; an
 * administrator of its jurisdiction (a platform administrator for a
 * platform-wide one) changes or withdraws it.
 */
export function announcementPolicy(actor: Actor | null, a: { jurisdictionPath: string | null; withdrawnAt: Date | null }) {
  const manage = !!actor && (a.jurisdictionPath === null ? actor.user.isPlatformAdmin : administers(actor, a.jurisdictionPath));
  return { read: a.withdrawnAt === null || manage, update: manage && a.withdrawnAt === null, withdraw: manage && a.withdrawnAt === null };
}
export type AnnouncementPolicy = ReturnType<typeof announcementPolicy>;

/** Any administrator may post a notice (for their own jurisdictions; the platform's for a platform administrator). */
export const mayPostAnnouncement = (actor: Actor | null) => isAnyAdmin(actor);
