import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { announcements } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';

export type AnnouncementRow = typeof announcements.$inferSelect;

const shown = isNull(announcements.withdrawnAt);

/** All SQL of 通知公告. */
export const announcementRepository = {
  insert: async (db: Executor, values: typeof announcements.$inferInsert) => (await db.insert(announcements).values(values).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<AnnouncementRow | undefined> => {
    const q = db.select().from(announcements).where(eq(announcements.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  update: async (db: Executor, id: string, set: Partial<typeof announcements.$inferInsert>) =>
    (await db.update(announcements).set({ ...set, updatedAt: new Date() }).where(eq(announcements.id, id)).returning())[0]!,

  /** Notices still shown: pinned first, then newest. */
  list: async (db: Executor, page: Page) => {
    const [rows, [total]] = await Promise.all([
      db.select().from(announcements).where(shown).orderBy(desc(announcements.pinned), desc(announcements.publishedAt), desc(announcements.id)).limit(page.pageSize).offset(offsetOf(page)),
      db.select({ n: count() }).from(announcements).where(and(shown)),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
