import type { Row } from './types.ts';
import { all } from './types.ts';

const matches = (path: 'demands' | 'achievements', suffix: string): Row => ({
  route: `GET /api/${path}/:id/matches${suffix}`,
  call: (w) => ({ method: 'GET', url: `/api/${path}/${w[path].published}/matches${suffix}` }),
  // A published public record's matches are public like the record itself (secret matches are anonymised per caller).
  expect: all(200),
});

/** Rows of the matching module's routes. */
export const matchingRows: Row[] = [
  ...(['demands', 'achievements'] as const).flatMap((p) => ['', '/organizations', '/experts'].map((s) => matches(p, s))),
  {
    route: 'POST /api/match-feedback',
    call: (w) => ({ method: 'POST', url: '/api/match-feedback', body: { sourceType: 'demand', sourceId: w.demands.published, targetId: w.achievements.published, verdict: 'interested' } }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'GET /api/match-feedback',
    call: () => ({ method: 'GET', url: '/api/match-feedback' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 200, localAdmin: 200 },
  },
];
