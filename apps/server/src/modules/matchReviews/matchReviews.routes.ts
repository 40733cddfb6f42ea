import type { App, Deps } from '../../platform/types.ts';

/** Routes of the matchReviews module. */
export function matchReviewsRoutes(_app: App, _deps: Deps) {}
