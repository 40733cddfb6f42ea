import { demandListItems, demandLists, matchBatchResults, matchBatches } from '../../src/db/schema/index.ts';
import type { TestApp } from '../testApp.ts';
import { adminRoute, type Row, type World } from './types.ts';

/** A published demand list of 晋中 (140700) holding the world's published demand. */
async function list(w: World, t: TestApp) {
  const [row] = await t.database.db
    .insert(demandLists)
    .values({ jurisdictionCode: '140700', title: '晋中市技术需求清单', status: 'published', createdBy: w.users.localAdmin.id, publishedAt: new Date() })
    .returning();
  await t.database.db.insert(demandListItems).values({ listId: row!.id, demandId: w.demands.published, position: 1 });
  return row!.id;
}

/** A finished batch of that list, with one demand's matches. */
async function batch(w: World, t: TestApp) {
  const [row] = await t.database.db
    .insert(matchBatches)
    .values({ demandListId: await list(w, t), requestedBy: w.users.localAdmin.id, top: 5, status: 'done', total: 1, done: 1, finishedAt: new Date() })
    .returning();
  await t.database.db.insert(matchBatchResults).values({
    batchId: row!.id,
    demandId: w.demands.published,
    position: 1,
    title: '液压阀体铸件气孔缺陷在线检测',
    matches: [{ achievementId: w.achievements.published, title: '铸件缺陷检测系统', organization: '太行理工大学', score: 80, reasons: [{ kind: 'terms', text: '共同关键词：铸件', terms: ['铸件'] }] }],
  });
  return row!.id;
}

/** Batches are the list's administrators' own: others do not see them. */
const batchRoute = (ok: number) => ({ anonymous: 401, outsider: 404, member: 404, owner: 404, foreignAdmin: 404, localAdmin: ok });

/** Rows of the matchBatches module's routes. */
export const matchBatchesRows: Row[] = [
  { route: 'POST /api/demand-lists/:id/match-batches', call: async (w, t) => ({ method: 'POST', url: `/api/demand-lists/${await list(w, t)}/match-batches`, body: { top: 5 } }), expect: adminRoute(201) },
  { route: 'GET /api/match-batches', call: async (w, t) => ({ method: 'GET', url: `/api/match-batches?demandListId=${await list(w, t)}` }), expect: adminRoute(200) },
  { route: 'GET /api/match-batches/:id', call: async (w, t) => ({ method: 'GET', url: `/api/match-batches/${await batch(w, t)}` }), expect: batchRoute(200) },
  { route: 'GET /api/match-batches/:id/export.xlsx', call: async (w, t) => ({ method: 'GET', url: `/api/match-batches/${await batch(w, t)}/export.xlsx` }), expect: batchRoute(200) },
];
