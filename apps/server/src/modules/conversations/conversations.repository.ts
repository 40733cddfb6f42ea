import { and, asc, count, desc, eq, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { conversationMessages, conversations } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';

export type ConversationRow = typeof conversations.$inferSelect;
/** A conversation with the names it shows (conversations.service adds them from the organisations and accounts modules). */
export type ConversationWithNames = ConversationRow & { ownerOrganizationName: string; askerName: string; askerOrganizationName: string | null };
export type MessageWithAuthor = typeof conversationMessages.$inferSelect & { authorName: string };

const c = conversations;
const m = conversationMessages;
/** All SQL of the conversations (我要洽谈) module. */
export const conversationRepository = {
  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(c).where(eq(c.id, id));
    const [row] = opts.lock ? await q.for('update') : await q;
    return row;
  },

  ofAsker: async (db: Executor, recordType: string, recordId: string, askerUserId: string) => {
    const [row] = await db.select().from(c).where(and(eq(c.recordType, recordType), eq(c.recordId, recordId), eq(c.askerUserId, askerUserId)));
    return row;
  },

  /** A new thread, or nothing when the same person opened one on the same record at the same moment. */
  insert: async (db: Executor, row: typeof c.$inferInsert) => (await db.insert(c).values(row).onConflictDoNothing().returning())[0],

  update: async (db: Executor, id: string, set: Partial<typeof c.$inferInsert>) => {
    await db.update(c).set(set).where(eq(c.id, id));
  },

  addMessage: async (db: Executor, row: typeof m.$inferInsert) => (await db.insert(m).values(row).returning())[0]!,

  messages: (db: Executor, conversationId: string) => db.select().from(m).where(eq(m.conversationId, conversationId)).orderBy(asc(m.createdAt), asc(m.id)),

  /** How many messages this person wrote since a moment (the rate limit). */
  messagesSince: async (db: Executor, authorUserId: string, since: Date) =>
    (await db.select({ n: count() }).from(m).where(and(eq(m.authorUserId, authorUserId), gte(m.createdAt, since))))[0]?.n ?? 0,

  /** Threads the person opened, and threads about records of their organisations; newest activity first. */
  list: async (
    db: Executor,
    who: { userId: string; organizationIds: string[] },
    f: { side?: 'asker' | 'owner'; recordType?: string; recordId?: string },
    page: Page,
  ) => {
    const mine = eq(c.askerUserId, who.userId);
    const ours: SQL = who.organizationIds.length ? inArray(c.ownerOrganizationId, who.organizationIds) : sql`false`;
    const where = and(
      f.side === 'asker' ? mine : f.side === 'owner' ? ours : or(mine, ours),
      f.recordType ? eq(c.recordType, f.recordType) : undefined,
      f.recordId ? eq(c.recordId, f.recordId) : undefined,
    );
    const rows = await db.select().from(c).where(where).orderBy(desc(c.lastMessageAt), asc(c.id)).limit(page.pageSize).offset(offsetOf(page));
    const total = (await db.select({ n: count() }).from(c).where(where))[0]?.n ?? 0;
    return { rows, total };
  },
};
