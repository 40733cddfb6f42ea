import { z } from 'zod';
import {
  createJurisdictionBody,
  grantAdminBody,
  jurisdictionAdminDto,
  jurisdictionAdminListDto,
  jurisdictionCodeSchema,
  jurisdictionDto,
  jurisdictionListDto,
  jurisdictionRulesBody,
  jurisdictionRulesDto,
} from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { allowed } from '../../platform/policy.ts';
import { jurisdictionRepository } from './jurisdictions.repository.ts';
import { presentJurisdiction } from './jurisdictions.presenter.ts';
import { jurisdictionPolicy } from './jurisdictions.policy.ts';
import { createJurisdiction, grantAdmin, listAdmins, revokeAdmin, setJurisdictionRules } from './jurisdictions.service.ts';

const tags = ['行政区划 Jurisdictions'];
const codeParams = z.object({ code: jurisdictionCodeSchema });

export function jurisdictionRoutes(app: App, { db }: Deps) {
  app.get('/api/jurisdictions', { config: { public: true }, schema: { tags, summary: '行政区划树（按路径排序的扁平列表）', response: { 200: jurisdictionListDto } } }, async (req) => {
    const rows = await jurisdictionRepository.all(db);
    const actor = contextOf(req).actor;
    return {
      items: rows.map((j) => ({ ...presentJurisdiction(j), allowedActions: allowed(jurisdictionPolicy(actor, j)) })),
      total: rows.length,
    };
  });

  app.post('/api/jurisdictions', { schema: { tags, summary: '新增下级行政区划（上级区划管理员）', body: createJurisdictionBody, response: { 201: jurisdictionDto } } }, async (req, reply) => {
    const row = await createJurisdiction(db, signedIn(req), req.body);
    return reply.code(201).send(presentJurisdiction(row));
  });

  app.get('/api/jurisdictions/:code/admins', { schema: { tags, summary: '区划管理员列表', params: codeParams, response: { 200: jurisdictionAdminListDto } } }, async (req) => {
    const items = await listAdmins(db, signedIn(req).actor, req.params.code);
    return { items, total: items.length };
  });

  app.post(
    '/api/jurisdictions/:code/admins',
    { schema: { tags, summary: '任命区划管理员', params: codeParams, body: grantAdminBody, response: { 201: jurisdictionAdminDto } } },
    async (req, reply) => reply.code(201).send(await grantAdmin(db, signedIn(req), req.params.code, req.body.login)),
  );

  app.delete(
    '/api/jurisdictions/:code/admins/:userId',
    { schema: { tags, summary: '撤销区划管理员', params: codeParams.extend({ userId: z.uuid() }), response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeAdmin(db, signedIn(req), req.params.code, req.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/jurisdictions/:code/rules',
    {
      schema: {
        tags,
        summary: '设置本区划的地方规则：成果发布满几年未转化即提示公开交易（如陕西 2 年；null 为无此规则，下级区划继承最近的上级规则；平台管理员）',
        params: codeParams,
        body: jurisdictionRulesBody,
        response: { 200: jurisdictionRulesDto },
      },
    },
    async (req) => setJurisdictionRules(db, signedIn(req), req.params.code, req.body),
  );
}
