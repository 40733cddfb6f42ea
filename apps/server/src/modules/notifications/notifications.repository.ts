import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';

/** A person's notifications: their own and their organisations'. */
const mine = (actor: Actor) => {
  const orgIds = actor.memberships.map((m) => m.organizationId);
  return or(eq(notifications.userId, actor.user.id), orgIds.length ? inArray(notifications.organizationId, orgIds) : sql`false`)!;
};

export const notificationRepository = {
  addMany: (db: Executor, rows: (typeof notifications.$inferInsert)[]) => (rows.length ? db.insert(notifications).values(rows).onConflictDoNothing() : Promise.resolve()),

  add: async (db: Executor, row: typeof notifications.$inferInsert) =>
    (await db.insert(notifications).values(row).onConflictDoNothing().returning({ id: notifications.id })).length > 0,

  list: async (db: Executor, actor: Actor, unread: boolean, page: Page, category?: string) => {
    const where = and(mine(actor), unread ? isNull(notifications.readAt) : undefined, category ? eq(notifications.category, category) : undefined);
    const [rows, [total], counts] = await Promise.all([
      db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(page.pageSize).offset(offsetOf(page)),
      db.select({ n: count() }).from(notifications).where(where),
      db.select({ category: notifications.category, n: count() }).from(notifications).where(and(mine(actor), isNull(notifications.readAt))).groupBy(notifications.category),
    ]);
    const unreadOf = (c: string) => counts.find((x) => x.category === c)?.n ?? 0;
    return { rows, total: total?.n ?? 0, unreadAction: unreadOf('action'), unreadNews: unreadOf('news') };
  },
  /** Marks one notification (idempotent) or all unread ones as read; returns the rows it touched. */
  markRead: (db: Executor, actor: Actor, id?: string) =>
    db
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(mine(actor), id ? eq(notifications.id, id) : isNull(notifications.readAt)))
      .returning({ id: notifications.id }),
};
