import type { Actor } from '../../platform/actor.ts';

/** Background jobs span every jurisdiction: only platform administrators see and retry them. */
export const operationsPolicy = (actor: Actor | null) => ({
  readJobs: !!actor?.user.isPlatformAdmin,
  retryJob: !!actor?.user.isPlatformAdmin,
});
