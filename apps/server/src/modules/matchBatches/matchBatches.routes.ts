import type { App, Deps } from '../../platform/types.ts';

/** Routes of the matchBatches module. */
export function matchBatchesRoutes(_app: App, _deps: Deps) {}
