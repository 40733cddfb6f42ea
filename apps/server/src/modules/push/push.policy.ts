import type { Actor } from '../../platform/actor.ts';

/** A subscription is its subscriber's own: nobody else sees or changes it (others get 404). */
export const subscriptionPolicy = (actor: Actor, s: { userId: string }) => {
  const own = s.userId === actor.user.id;
  return { read: own, update: own, delete: own };
};

/** The e-mail/SMS outbox is the platform administrator's: a real sender reads it and reports back. */
export const outboxPolicy = (actor: Actor) => ({
  read: actor.user.isPlatformAdmin,
  report: actor.user.isPlatformAdmin,
});
