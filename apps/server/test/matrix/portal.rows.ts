import type { TestApp } from '../testApp.ts';
import type { World } from './types.ts';
import { adminRoute, all, signedIn, type Row } from './types.ts';

/** A notice of 晋中 (140700), posted by its administrator. */
async function notice(w: World, t: TestApp) {
  const res = await t.api('POST', '/api/announcements', { token: w.users.localAdmin.token, body: { title: '晋中市科技局通知', body: '内容', jurisdictionCode: '140700' } });
  return res.json().id as string;
}

/** A notice route only 晋中's administrators may use; others are refused (403), the anonymous asked to sign in. */
const noticeAdmin = (ok: number) => ({ ...adminRoute(ok) });

export const portalRows: Row[] = [
  { route: 'GET /api/home', call: () => ({ method: 'GET', url: '/api/home' }), expect: all(200) },
  { route: 'GET /api/search', call: () => ({ method: 'GET', url: '/api/search?q=钢材' }), expect: all(200) },
  { route: 'GET /api/me/workbench', call: () => ({ method: 'GET', url: '/api/me/workbench' }), expect: signedIn(200) },
  { route: 'GET /api/announcements', call: () => ({ method: 'GET', url: '/api/announcements' }), expect: all(200) },
  { route: 'GET /api/announcements/:id', call: async (w, t) => ({ method: 'GET', url: `/api/announcements/${await notice(w, t)}` }), expect: all(200) },
  // The foreign administrator may post, but not for 晋中: refused at the field.
  { route: 'POST /api/announcements', call: () => ({ method: 'POST', url: '/api/announcements', body: { title: '通知', body: '内容', jurisdictionCode: '140700' } }), expect: { ...adminRoute(201), foreignAdmin: 400 } },
  { route: 'PATCH /api/announcements/:id', call: async (w, t) => ({ method: 'PATCH', url: `/api/announcements/${await notice(w, t)}`, body: { title: '更正' } }), expect: noticeAdmin(200) },
  { route: 'DELETE /api/announcements/:id', call: async (w, t) => ({ method: 'DELETE', url: `/api/announcements/${await notice(w, t)}` }), expect: noticeAdmin(204) },
];
