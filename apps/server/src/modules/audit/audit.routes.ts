import { auditQuery } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { forbidden } from '../../platform/errors.ts';
import { paged } from '../../platform/pagination.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { auditRepository } from './audit.repository.ts';
import { auditPolicy } from './audit.policy.ts';

const tags = ['审计 Audit'];

export function auditRoutes(app: App, { db }: Deps) {
  app.get('/api/audit', { schema: { tags, summary: '审计日志（管理员，限本辖区）', querystring: auditQuery } }, async (req) => {
    const { actor } = signedIn(req);
    if (!auditPolicy(actor).read) throw forbidden();
    const { page, pageSize, ...filter } = req.query;
    const { rows, total } = await auditRepository.list(db, actor, filter, { page, pageSize });
    return paged(
      rows.map(({ e, actorName }) => ({
        seq: e.seq,
        at: e.at,
        actor: e.actorId ? { id: e.actorId, name: actorName } : null,
        organizationId: e.organizationId,
        jurisdictionCode: e.jurisdictionCode,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
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
  });

  app.get('/api/audit/verify', { schema: { tags, summary: '校验审计哈希链' } }, async (req) => {
    if (!auditPolicy(signedIn(req).actor).verify) throw forbidden();
    return verifyAuditChain(db);
  });
}
