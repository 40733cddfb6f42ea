import { auditActionLabel, auditEntityLabel, auditEntityLink, auditPageDto, auditVerificationDto, auditPeopleDto, auditPeopleQuery, auditQuery } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';
import { paged } from '../../platform/pagination.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { resolveJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { auditRepository } from './audit.repository.ts';
import { auditPolicy } from './audit.policy.ts';

const tags = ['审计 Audit'];

export function auditRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: '审计日志（管理员，限本辖区）：操作名称、对象名称与链接、人员和区划名称按 Accept-Language 给出；可按操作、人员、区划（含下级）、时间筛选',
        querystring: auditQuery,
        response: { 200: auditPageDto },
      },
    },
    async (req) => {
      const { actor } = signedIn(req);
      if (!auditPolicy(actor).read) throw forbidden();
      const lang = contextOf(req).lang;
      const { page, pageSize, ...filter } = req.query;
      let regionPath: string | undefined;
      if (filter.jurisdictionCode) {
        const j = await resolveJurisdiction(db, filter.jurisdictionCode);
        if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
        regionPath = j.path;
      }
      const { rows, total } = await auditRepository.list(db, actor, filter, { page, pageSize }, regionPath);
      return paged(
        rows.map(({ e, actorName, jurisdictionName, organizationName, entityName, entityImport }) => ({
          seq: e.seq,
          at: e.at,
          actor: e.actorId ? { id: e.actorId, name: actorName } : null,
          organizationId: e.organizationId,
          organization: e.organizationId ? { id: e.organizationId, name: organizationName } : null,
          jurisdictionCode: e.jurisdictionCode,
          jurisdiction: e.jurisdictionCode ? { code: e.jurisdictionCode, name: jurisdictionName } : null,
          action: e.action,
          actionLabel: auditActionLabel(e.action, lang),
          entityType: e.entityType,
          entityId: e.entityId,
          entity: { type: e.entityType, typeLabel: auditEntityLabel(e.entityType, lang), id: e.entityId, name: entityName, link: auditEntityLink(e.entityType, e.entityId, entityImport) },
          before: e.before,
          after: e.after,
          requestId: e.requestId,
          clientRequestId: e.clientRequestId,
          ip: e.ip,
          hash: e.hash,
        })),
        total,
        { page, pageSize },
      );
    },
  );

  app.get(
    '/api/audit/people',
    { schema: { tags, summary: '审计日志的人员筛选：按姓名、邮箱或手机号查找在本辖区日志中出现过的人（管理员）', querystring: auditPeopleQuery, response: { 200: auditPeopleDto } } },
    async (req) => {
      const { actor } = signedIn(req);
      if (!auditPolicy(actor).read) throw forbidden();
      return { items: await auditRepository.people(db, actor, req.query.q) };
    },
  );

  app.get('/api/audit/verify', { schema: { tags, summary: '校验审计哈希链', response: { 200: auditVerificationDto } } }, async (req) => {
    if (!auditPolicy(signedIn(req).actor).verify) throw forbidden();
    return verifyAuditChain(db);
  });
}
