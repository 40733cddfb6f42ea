import type { Row } from './types.ts';

/** Issue 12: the local rule on unconverted achievements (platform administrators only) and the audit log's person filter (administrators). */
export const noticesRows: Row[] = [
  {
    route: 'PUT /api/jurisdictions/:code/rules',
    call: () => ({ method: 'PUT', url: '/api/jurisdictions/140700/rules', body: { unconvertedYears: 2 } }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'GET /api/audit/people',
    call: () => ({ method: 'GET', url: '/api/audit/people?q=%E6%B5%8B' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 200, localAdmin: 200 },
  },
];
