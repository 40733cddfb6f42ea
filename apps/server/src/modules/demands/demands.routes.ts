import { z } from 'zod';
import { createDemandBody, demandDetailDto, demandPageDto, demandQuery, updateDemandBody } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { recordLifecycleRoutes } from '../catalogue/catalogue.routes.ts';
import { createDemand, demandCommands, demandKind, getDemand, searchDemands, updateDemand } from './demands.service.ts';

const tags = ['技术需求 Demands'];
const idParams = z.object({ id: z.uuid() });

export function demandRoutes(app: App, { db, indexes }: Deps) {
  const detail = (req: Parameters<typeof contextOf>[0], id: string) => getDemand(db, contextOf(req).actor, id);

  app.get('/api/demands', { config: { public: true }, schema: { tags, summary: '需求目录：中文全文检索、筛选、分面统计（scope=mine 我的需求，scope=review 审核队列）', querystring: demandQuery, response: { 200: demandPageDto } } }, async (req) =>
    searchDemands(db, contextOf(req).actor, req.query, indexes.demands),
  );

  app.post('/api/demands', { schema: { tags, summary: '发布技术需求（草稿）', body: createDemandBody, response: { 201: demandDetailDto } } }, async (req, reply) =>
    reply.code(201).send(await createDemand(db, signedIn(req), req.body)),
  );

  app.get('/api/demands/:id', { config: { public: true }, schema: { tags, summary: '需求详情', params: idParams, response: { 200: demandDetailDto } } }, async (req) => detail(req, req.params.id));

  app.patch('/api/demands/:id', { schema: { tags, summary: '修改需求（已发布的需求每次修改留存版本）', params: idParams, body: updateDemandBody, response: { 200: demandDetailDto } } }, async (req) =>
    updateDemand(db, signedIn(req), req.params.id, req.body),
  );

  recordLifecycleRoutes(app, db, { path: 'demands', kind: demandKind, commands: demandCommands, tags, noun: '需求', dto: demandDetailDto, detail: (actor, id) => getDemand(db, actor, id) });
}
