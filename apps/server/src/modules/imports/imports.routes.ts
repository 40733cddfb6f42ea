import type { App, Deps } from '../../platform/types.ts';

/** Routes of the Excel/CSV import of achievements and demands module. */
export function importRoutes(_app: App, _deps: Deps) {}
