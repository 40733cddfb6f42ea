// The worker thread of imports.parse.ts. Worker threads do not inherit the
// TypeScript loader the main thread runs under, so this plain module sets it up.
import { register } from 'tsx/esm/api';

register();
await import('./imports.worker.ts');
