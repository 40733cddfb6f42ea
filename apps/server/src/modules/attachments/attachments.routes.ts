import type { App, Deps } from '../../platform/types.ts';

/** Routes of the attachments of catalogue records module. */
export function attachmentRoutes(_app: App, _deps: Deps) {}
