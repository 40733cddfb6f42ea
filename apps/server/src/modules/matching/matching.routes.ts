import type { App, Deps } from '../../platform/types.ts';

/** Routes of the matching module. */
export function matchingRoutes(_app: App, _deps: Deps) {}
