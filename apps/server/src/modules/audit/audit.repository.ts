import { and, count, desc, eq, gte, lte, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEvents, jurisdictions, users } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { pathWithinSql } from '../organizations/organizations.repository.ts';

export type AuditFilter = { entityType?: string; entityId?: string; actorId?: string; action?: string; from?: string; to?: string };

/** Platform administrators see every event; a jurisdiction administrator sees the events of their subtree. */
function auditVisibleTo(actor: Actor): SQL | undefined {
  if (actor.user.isPlatformAdmin) return undefined;
  const subtrees = actor.adminOf.map((j) => pathWithinSql(jurisdictions.path, j.path));
  return subtrees.length ? or(...subtrees) : eq(auditEvents.seq, -1);
}

export const auditRepository = {
  list: async (db: Executor, actor: Actor, f: AuditFilter, page: Page) => {
    const where = and(
      auditVisibleTo(actor),
      f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
      f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined,
      f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
      f.action ? eq(auditEvents.action, f.action) : undefined,
      f.from ? gte(auditEvents.at, new Date(f.from)) : undefined,
      f.to ? lte(auditEvents.at, new Date(f.to)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ e: auditEvents, actorName: users.name })
        .from(auditEvents)
        .leftJoin(jurisdictions, eq(jurisdictions.code, auditEvents.jurisdictionCode))
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(where)
        .orderBy(desc(auditEvents.seq))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      db.select({ n: count() }).from(auditEvents).leftJoin(jurisdictions, eq(jurisdictions.code, auditEvents.jurisdictionCode)).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
