import { z } from 'zod';
import { accessDecisionBody, accessRequestBody, createDemandBody, demandQuery, reviewBody, updateDemandBody, withdrawBody } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { confirmRecord, decideAccess, listAccessRequests, listVersions, requestAccess, reviewRecord, submitRecord, withdrawRecord } from '../catalogue/catalogue.service.ts';
import { createDemand, demandKind, getDemand, searchDemands, updateDemand } from './demands.service.ts';

const tags = ['技术需求 Demands'];
const idParams = z.object({ id: z.uuid() });

export function demandRoutes(app: App, { db, indexes }: Deps) {
  const detail = (req: Parameters<typeof contextOf>[0], id: string) => getDemand(db, contextOf(req).actor, id);

  app.get('/api/demands', { config: { public: true }, schema: { tags, summary: '需求目录：中文全文检索、筛选、分面统计（scope=mine 我的需求，scope=review 审核队列）', querystring: demandQuery } }, async (req) =>
    searchDemands(db, contextOf(req).actor, req.query, indexes.demands),
  );

  app.post('/api/demands', { schema: { tags, summary: '发布技术需求（草稿）', body: createDemandBody } }, async (req, reply) =>
    reply.code(201).send(await createDemand(db, signedIn(req), req.body)),
  );

  app.get('/api/demands/:id', { config: { public: true }, schema: { tags, summary: '需求详情', params: idParams } }, async (req) => detail(req, req.params.id));

  app.patch('/api/demands/:id', { schema: { tags, summary: '修改需求（已发布的需求每次修改留存版本）', params: idParams, body: updateDemandBody } }, async (req) =>
    updateDemand(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/demands/:id/submit', { schema: { tags, summary: '提交审核', params: idParams } }, async (req) => {
    await submitRecord(db, demandKind, signedIn(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.post('/api/demands/:id/review', { schema: { tags, summary: '审核：通过发布或退回（辖区管理员）', params: idParams, body: reviewBody } }, async (req) => {
    await reviewRecord(db, demandKind, signedIn(req), req.params.id, req.body);
    return detail(req, req.params.id);
  });

  app.post('/api/demands/:id/withdraw', { schema: { tags, summary: '撤回', params: idParams, body: withdrawBody } }, async (req) => {
    await withdrawRecord(db, demandKind, signedIn(req), req.params.id, req.body?.reason);
    return detail(req, req.params.id);
  });

  app.post('/api/demands/:id/confirm', { schema: { tags, summary: '确认需求仍然有效', params: idParams } }, async (req) => {
    await confirmRecord(db, demandKind, signedIn(req), req.params.id);
    return detail(req, req.params.id);
  });

  app.get('/api/demands/:id/versions', { schema: { tags, summary: '已发布版本的历史', params: idParams } }, async (req) =>
    listVersions(db, demandKind, signedIn(req).actor, req.params.id),
  );

  app.get('/api/demands/:id/access-requests', { schema: { tags, summary: '查看申请', params: idParams } }, async (req) =>
    listAccessRequests(db, demandKind, signedIn(req).actor, req.params.id),
  );

  app.post('/api/demands/:id/access-requests', { schema: { tags, summary: '申请查看摘要公开需求的详细信息', params: idParams, body: accessRequestBody } }, async (req, reply) =>
    reply.code(201).send(await requestAccess(db, demandKind, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/demands/access-requests/:id/decision', { schema: { tags, summary: '同意或拒绝查看申请', params: idParams, body: accessDecisionBody } }, async (req) =>
    decideAccess(db, demandKind, signedIn(req), req.params.id, req.body),
  );
}
