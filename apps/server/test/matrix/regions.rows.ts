import { all, type Row } from './types.ts';

/** GB/T 2260 names are public reference data (no one's records): anyone may read the tree, signed in or not. */
export const regionsRows: Row[] = [{ route: 'GET /api/regions', call: () => ({ method: 'GET', url: '/api/regions' }), expect: all(200) }];
