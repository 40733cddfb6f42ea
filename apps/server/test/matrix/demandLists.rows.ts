import { demandListItems, demandLists } from '../../src/db/schema/index.ts';
import type { TestApp } from '../testApp.ts';
import type { World } from './types.ts';
import { adminRoute, all, type Row } from './types.ts';

/** A demand list of 晋中 (140700) holding the world's published demand. */
async function list(w: World, t: TestApp, status: 'draft' | 'published' = 'draft') {
  const [row] = await t.database.db
    .insert(demandLists)
    .values({ jurisdictionCode: '140700', title: '晋中市制造业技术需求清单', industry: 'C', status, createdBy: w.users.localAdmin.id, publishedAt: status === 'published' ? new Date() : null })
    .returning();
  await t.database.db.insert(demandListItems).values({ listId: row!.id, demandId: w.demands.published, position: 1 });
  return row!.id;
}

/** A route on a draft list of 140700: only its administrators see it at all. */
const draftRoute = (ok: number, anonymous = 401) => ({ anonymous, outsider: 404, member: 404, owner: 404, foreignAdmin: 404, localAdmin: ok });

export const demandListRows: Row[] = [
  { route: 'GET /api/demand-lists', call: () => ({ method: 'GET', url: '/api/demand-lists' }), expect: all(200) },
  { route: 'POST /api/demand-lists', call: () => ({ method: 'POST', url: '/api/demand-lists', body: { title: '晋中需求清单', jurisdictionCode: '140700' } }), expect: adminRoute(201) },
  { route: 'GET /api/demand-lists/:id', call: async (w, t) => ({ method: 'GET', url: `/api/demand-lists/${await list(w, t)}` }), expect: draftRoute(200, 404) },
  { route: 'PATCH /api/demand-lists/:id', call: async (w, t) => ({ method: 'PATCH', url: `/api/demand-lists/${await list(w, t, 'published')}`, body: { description: '2026 年第一批' } }), expect: adminRoute(200) },
  { route: 'PUT /api/demand-lists/:id/items', call: async (w, t) => ({ method: 'PUT', url: `/api/demand-lists/${await list(w, t)}/items`, body: { demandIds: [w.demands.published, w.demands.abstract] } }), expect: draftRoute(200) },
  { route: 'POST /api/demand-lists/:id/compile', call: async (w, t) => ({ method: 'POST', url: `/api/demand-lists/${await list(w, t)}/compile`, body: { industry: 'C' } }), expect: draftRoute(200) },
  { route: 'POST /api/demand-lists/:id/publish', call: async (w, t) => ({ method: 'POST', url: `/api/demand-lists/${await list(w, t)}/publish` }), expect: draftRoute(200) },
  { route: 'GET /api/demand-lists/:id/export.xlsx', call: async (w, t) => ({ method: 'GET', url: `/api/demand-lists/${await list(w, t, 'published')}/export.xlsx` }), expect: all(200) },
];
