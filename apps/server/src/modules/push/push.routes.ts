import type { App, Deps } from '../../platform/types.ts';

/** Routes of the push module. */
export function pushRoutes(_app: App, _deps: Deps) {}
