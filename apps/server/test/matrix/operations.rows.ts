import { randomUUID } from 'node:crypto';
import { signedIn, type Row } from './types.ts';

/** Background jobs are the platform administrators' alone; no jurisdiction administrator sees them. */
export const operationsRows: Row[] = [
  { route: 'GET /api/operations/jobs', call: () => ({ method: 'GET', url: '/api/operations/jobs?status=failed' }), expect: signedIn(403) },
  { route: 'POST /api/operations/jobs/:id/retry', call: () => ({ method: 'POST', url: `/api/operations/jobs/${randomUUID()}/retry` }), expect: signedIn(403) },
];
