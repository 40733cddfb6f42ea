import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEvents, jurisdictions, organizations, users } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { withinJurisdiction } from '../../db/scope.ts';
import { containsPattern } from '../../platform/text.ts';

export type AuditFilter = { entityType?: string; entityId?: string; actorId?: string; action?: string; jurisdictionCode?: string; from?: string; to?: string };

/** Platform administrators see every event; a jurisdiction administrator sees the events of their subtree. */
function auditVisibleTo(actor: Actor): SQL | undefined {
  if (actor.user.isPlatformAdmin) return undefined;
  const subtrees = actor.adminOf.map((j) => withinJurisdiction(jurisdictions.path, [j.path]));
  return subtrees.length ? or(...subtrees) : eq(auditEvents.seq, -1);
}

/**
 * The name of an audited object as a person knows it (a title, a name), read
 * when the log is shown. The log is the platform's read model of every
 * module's changes, so this one read-only lookup reaches their tables; no
 * module's data is changed from here.
 */
const entityName = sql<string | null>`case ${auditEvents.entityType}
  when 'achievement' then (select x.title from achievements x where x.id::text = ${auditEvents.entityId})
  when 'demand' then (select x.title from demands x where x.id::text = ${auditEvents.entityId})
  when 'listing' then (select x.title from listings x where x.id::text = ${auditEvents.entityId})
  when 'deal' then (select l.title from deals x join listings l on l.id = x.listing_id where x.id::text = ${auditEvents.entityId})
  when 'organization' then (select x.name from organizations x where x.id::text = ${auditEvents.entityId})
  when 'user' then (select x.name from users x where x.id::text = ${auditEvents.entityId})
  when 'jurisdiction' then (select x.name from jurisdictions x where x.code = ${auditEvents.entityId})
  when 'demandList' then (select x.title from demand_lists x where x.id::text = ${auditEvents.entityId})
  when 'contract' then (select x.title from contracts x where x.id::text = ${auditEvents.entityId})
  when 'match' then (select concat_ws(' ↔ ',
      (select d.title from demands d where d.id in (x.source_id, x.target_id)),
      (select a.title from achievements a where a.id in (x.source_id, x.target_id)))
    from match_feedback x where x.id::text = ${auditEvents.entityId})
  when 'matchReview' then (select concat_ws(' ↔ ',
      (select d.title from demands d where d.id = x.demand_id),
      (select a.title from achievements a where a.id = x.achievement_id))
    from match_reviews x where x.id::text = ${auditEvents.entityId})
  when 'matchBatch' then (select l.title from match_batches x join demand_lists l on l.id = x.demand_list_id where x.id::text = ${auditEvents.entityId})
  else null end`;

/**
 * Whether an audited contract has a page yet: null when it is gone (a
 * discarded import's row), '' when it is visible, else the import whose
 * hidden row it still is (its page opens once the import ends).
 */
const entityImport = sql<string | null>`case ${auditEvents.entityType}
  when 'contract' then (select case when x.status = 'importing' then coalesce(x.import_id::text, '') else '' end from contracts x where x.id::text = ${auditEvents.entityId})
  else '' end`;

export const auditRepository = {
  list: async (db: Executor, actor: Actor, f: AuditFilter, page: Page, regionPath?: string) => {
    const where = and(
      auditVisibleTo(actor),
      f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
      f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined,
      f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
      f.action ? eq(auditEvents.action, f.action) : undefined,
      regionPath ? withinJurisdiction(jurisdictions.path, [regionPath]) : undefined,
      f.from ? gte(auditEvents.at, new Date(f.from)) : undefined,
      f.to ? lte(auditEvents.at, new Date(f.to)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ e: auditEvents, actorName: users.name, jurisdictionName: jurisdictions.name, organizationName: organizations.name, entityName, entityImport })
        .from(auditEvents)
        .leftJoin(jurisdictions, eq(jurisdictions.code, auditEvents.jurisdictionCode))
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .leftJoin(organizations, eq(organizations.id, auditEvents.organizationId))
        .where(where)
        .orderBy(desc(auditEvents.seq))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      db.select({ n: count() }).from(auditEvents).leftJoin(jurisdictions, eq(jurisdictions.code, auditEvents.jurisdictionCode)).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },

  /** People who acted in the events the reader may see, by name, e-mail or phone, for the log's person filter. */
  people: (db: Executor, actor: Actor, q: string, limit = 20) => {
    const like = containsPattern(q);
    return db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(
        and(
          q ? or(ilike(users.name, like), ilike(users.email, like), ilike(sql`coalesce(${users.phone}, '')`, like)) : undefined,
          sql`exists (select 1 from ${auditEvents} left join ${jurisdictions} on ${jurisdictions.code} = ${auditEvents.jurisdictionCode}
                      where ${auditEvents.actorId} = ${users.id} ${auditVisibleTo(actor) ? sql`and ${auditVisibleTo(actor)}` : sql``})`,
        ),
      )
      .orderBy(users.name)
      .limit(limit);
  },
};
