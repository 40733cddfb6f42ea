import type { Row } from './types.ts';

/**
 * Issue 18: a jurisdiction's figures are its administrators' (and those above); the public page and the targets are open.
 * The flows between regions (counts and amounts only) are a jurisdiction's administrators' for the contracts touching it,
 * and platform administrators'; another jurisdiction's administrators are refused (problem+json).
 */
export const statisticsRows: Row[] = [
  {
    route: 'GET /api/stats',
    call: () => ({ method: 'GET', url: '/api/stats?jurisdiction=140700' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/public',
    call: () => ({ method: 'GET', url: '/api/stats/public?jurisdiction=140700' }),
    expect: { anonymous: 200, outsider: 200, member: 200, owner: 200, foreignAdmin: 200, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/records',
    call: () => ({ method: 'GET', url: '/api/stats/records?jurisdiction=140700&metric=contract' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/export.xlsx',
    call: () => ({ method: 'GET', url: '/api/stats/export.xlsx?jurisdiction=140700' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/public/export.xlsx',
    call: () => ({ method: 'GET', url: '/api/stats/public/export.xlsx?jurisdiction=140700' }),
    expect: { anonymous: 200, outsider: 200, member: 200, owner: 200, foreignAdmin: 200, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/records.xlsx',
    call: () => ({ method: 'GET', url: '/api/stats/records.xlsx?jurisdiction=140700&metric=contract' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/organizations',
    call: () => ({ method: 'GET', url: '/api/stats/organizations?jurisdiction=140700' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/flows',
    call: () => ({ method: 'GET', url: '/api/stats/flows?jurisdiction=140700' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/stats/flows',
    call: () => ({ method: 'GET', url: '/api/stats/flows?jurisdiction=371000' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 200, localAdmin: 403 },
  },
  {
    route: 'GET /api/stats/flows',
    call: () => ({ method: 'GET', url: '/api/stats/flows?jurisdiction=140000' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'GET /api/jurisdictions/:code/targets',
    call: () => ({ method: 'GET', url: '/api/jurisdictions/140700/targets' }),
    expect: { anonymous: 200, outsider: 200, member: 200, owner: 200, foreignAdmin: 200, localAdmin: 200 },
  },
  {
    route: 'PUT /api/jurisdictions/:code/targets',
    call: () => ({ method: 'PUT', url: '/api/jurisdictions/140700/targets', body: { year: 2026, targets: [{ key: 'achievementsPublished', value: 300 }] } }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
];
