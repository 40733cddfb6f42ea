import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { storedFiles } from '../../db/schema/index.ts';

export type StoredFileRow = typeof storedFiles.$inferSelect;
const f = storedFiles;

/** All SQL of the storage module: the ledger of kept files. */
export const storageRepository = {
  insert: async (db: Executor, row: typeof f.$inferInsert) => (await db.insert(f).values(row).returning())[0]!,

  /** Bytes the organisation (or the person, for files no organisation keeps) keeps. */
  used: async (db: Executor, owner: { organizationId: string } | { userId: string }) => {
    const mine = 'organizationId' in owner ? eq(f.organizationId, owner.organizationId) : and(isNull(f.organizationId), eq(f.userId, owner.userId));
    const [row] = await db.select({ n: sql<string>`coalesce(sum(${f.size}), 0)` }).from(f).where(mine);
    return Number(row?.n ?? 0);
  },

  /** The files a person keeps in their own name (no organisation keeps them), newest first. */
  keptBy: (db: Executor, userId: string) =>
    db.select().from(f).where(and(isNull(f.organizationId), eq(f.userId, userId))).orderBy(desc(f.createdAt), desc(f.id)),

  /** The file of an attachment, import or licence is no longer kept for it. */
  release: (db: Executor, kind: string, ref: string) => db.delete(f).where(and(eq(f.kind, kind), eq(f.ref, ref))).returning(),

  expireAt: (db: Executor, kind: string, ref: string, at: Date) => db.update(f).set({ expiresAt: at }).where(and(eq(f.kind, kind), eq(f.ref, ref))),

  /** Rows whose time is up (import files after their grace period). */
  deleteExpired: (db: Executor, now: Date) => db.delete(f).where(and(isNotNull(f.expiresAt), lt(f.expiresAt, now))).returning(),

  /** Every content hash some row still names. */
  referenced: async (db: Executor) => new Set((await db.selectDistinct({ sha256: f.sha256 }).from(f)).map((r) => r.sha256)),

  byRef: async (db: Executor, kind: string, ref: string) => (await db.select().from(f).where(and(eq(f.kind, kind), eq(f.ref, ref))))[0],
};
