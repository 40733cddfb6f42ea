import type { App, Deps } from '../../platform/types.ts';

/** Routes of the demand lists (需求清单) module. */
export function demandListRoutes(_app: App, _deps: Deps) {}
