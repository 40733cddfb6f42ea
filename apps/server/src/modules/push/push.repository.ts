import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  matchPushes,
  matchSubscriptions,
  outboxMessages,
  pushSettings,
} from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import type { PushRecordType } from './push.schemas.ts';
import { achievementHeadsTable } from '../achievements/achievements.service.ts';
import { demandHeadsTable } from '../demands/demands.service.ts';

export type SubscriptionRow = typeof matchSubscriptions.$inferSelect;
export type PushSettingsRow = typeof pushSettings.$inferSelect;
export type OutboxRow = typeof outboxMessages.$inferSelect;
export type PushInsert = typeof matchPushes.$inferInsert;

// ---- a pushed match with what the list and the digest show of it

// The records' heads come from their modules as subqueries (achievements.service `achievementHeadsTable`): a list is filtered and paged by them in one query.
const ra = achievementHeadsTable('record_a');
const rd = demandHeadsTable('record_d');
const sa = achievementHeadsTable('source_a');
const sd = demandHeadsTable('source_d');

/** The pushed record is still published and not secret: only then is it shown. */
const recordVisible = sql<boolean>`(coalesce(${ra.status}, ${rd.status}) = 'published' and coalesce(${ra.confidentiality}, ${rd.confidentiality}) <> 'secret')`;

const pushColumns = {
  push: matchPushes,
  visible: recordVisible,
  recordTitle: sql<string | null>`coalesce(${ra.title}, ${rd.title})`,
  recordConfidentiality: sql<string | null>`coalesce(${ra.confidentiality}, ${rd.confidentiality})`,
  organizationId: sql<string | null>`coalesce(${ra.organizationId}, ${rd.organizationId})`,
  /** The caller's own record's title, or the subscription's name (null when it is gone). */
  sourceTitle: sql<string | null>`coalesce(${sa.title}, ${sd.title}, ${matchSubscriptions.name})`,
  total: sql<number>`(count(*) over ())::int`,
};

/** Pushes with their record and source (the organisation's name and the person's own feedback on the pair come from their modules). */
const pushesWithDetails = (db: Executor) =>
  db
    .select(pushColumns)
    .from(matchPushes)
    .leftJoin(ra, and(eq(matchPushes.recordType, 'achievement'), eq(ra.id, matchPushes.recordId)))
    .leftJoin(rd, and(eq(matchPushes.recordType, 'demand'), eq(rd.id, matchPushes.recordId)))
    .leftJoin(sa, and(eq(matchPushes.sourceType, 'achievement'), eq(sa.id, matchPushes.sourceId)))
    .leftJoin(sd, and(eq(matchPushes.sourceType, 'demand'), eq(sd.id, matchPushes.sourceId)))
    .leftJoin(matchSubscriptions, and(eq(matchPushes.sourceType, 'subscription'), eq(matchSubscriptions.id, matchPushes.sourceId)));

export type PushRow = Awaited<ReturnType<typeof pushesWithDetails>>[number];
/** A push with its record's organisation's name (push.service `withOrganizationNames`). */
export type PushDetailRow = PushRow & { organizationName: string | null };

/** All SQL of the push module (it reads records and members to decide and show pushes). */
export const pushRepository = {
  /** These pushes: to whom, and which record was pushed for which. */
  heads: async (db: Executor, ids: string[]) =>
    ids.length ? db.select({ id: matchPushes.id, userId: matchPushes.userId, sourceType: matchPushes.sourceType, sourceId: matchPushes.sourceId, recordType: matchPushes.recordType, recordId: matchPushes.recordId }).from(matchPushes).where(inArray(matchPushes.id, ids)) : [],

  // ---- subscriptions

  subscriptionsOf: (db: Executor, userId: string) =>
    db.select().from(matchSubscriptions).where(eq(matchSubscriptions.userId, userId)).orderBy(desc(matchSubscriptions.createdAt), asc(matchSubscriptions.id)),

  /** A subscription of this person (another's is not found). */
  subscription: async (db: Executor, userId: string, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(matchSubscriptions).where(and(eq(matchSubscriptions.id, id), eq(matchSubscriptions.userId, userId)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  insertSubscription: async (db: Executor, row: typeof matchSubscriptions.$inferInsert) => (await db.insert(matchSubscriptions).values(row).returning())[0]!,

  updateSubscription: async (db: Executor, id: string, set: Partial<typeof matchSubscriptions.$inferInsert>) =>
    (await db.update(matchSubscriptions).set({ ...set, updatedAt: new Date() }).where(eq(matchSubscriptions.id, id)).returning())[0]!,

  deleteSubscription: (db: Executor, id: string) => db.delete(matchSubscriptions).where(eq(matchSubscriptions.id, id)),

  /**
   * Active subscriptions of active people, for records of `recordType`, whose
   * industries and regions a record fits: no industries or the record's among
   * them; no regions or one of them on the record's jurisdiction path (the
   * path is the chain of codes from the root, so a region's subtree holds the
   * record exactly when its code is on the path). Keywords are checked by the caller.
   */
  fittingSubscriptions: (db: Executor, recordType: PushRecordType, industry: string, pathCodes: string[]) =>
    db
      .select({ s: matchSubscriptions })
      .from(matchSubscriptions)
      .where(
        and(
          eq(matchSubscriptions.active, true),
          eq(matchSubscriptions.recordType, recordType),
          sql`(cardinality(${matchSubscriptions.industries}) = 0 or ${industry} = any(${matchSubscriptions.industries}))`,
          sql`(cardinality(${matchSubscriptions.regions}) = 0 or ${matchSubscriptions.regions} && array[${sql.join(pathCodes.map((c) => sql`${c}`), sql`, `)}]::text[])`,
        ),
      )
      .then((rows) => rows.map((r) => r.s)),

  // ---- pushes

  /** Inserts the pushes not made before (one per person, source and record); returns the new ones. */
  insertPushes: async (db: Executor, rows: PushInsert[]) => {
    const out: (typeof matchPushes.$inferSelect)[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      out.push(...(await db.insert(matchPushes).values(rows.slice(i, i + 500)).onConflictDoNothing().returning()));
    }
    return out;
  },

  /** Who has been pushed these records already (for whatever reason), as `userId:recordId`. */
  pushedPairs: async (db: Executor, recordIds: string[]) => {
    if (!recordIds.length) return new Set<string>();
    const rows = await db.select({ userId: matchPushes.userId, recordId: matchPushes.recordId }).from(matchPushes).where(inArray(matchPushes.recordId, recordIds));
    return new Set(rows.map((r) => `${r.userId}:${r.recordId}`));
  },

  /** A person's pushes of records still published and not secret, newest first. */
  pushesOf: async (db: Executor, userId: string, page: Page) => {
    const where = and(eq(matchPushes.userId, userId), recordVisible);
    const rows = await pushesWithDetails(db).where(where).orderBy(desc(matchPushes.createdAt), desc(matchPushes.id)).limit(page.pageSize).offset(offsetOf(page));
    const total = rows.length ? rows[0]!.total : page.page > 1 ? ((await pushesWithDetails(db).where(where).limit(1))[0]?.total ?? 0) : 0;
    return { rows, total };
  },

  /** People with pushes the digest has not yet covered. */
  undigestedUsers: async (db: Executor) =>
    (await db.selectDistinct({ userId: matchPushes.userId }).from(matchPushes).where(isNull(matchPushes.digestedAt)).orderBy(matchPushes.userId)).map((r) => r.userId),

  /** A person's pushes not yet digested, newest first, visible or not (the digest marks them all). */
  undigestedOf: async (db: Executor, userId: string) =>
    pushesWithDetails(db)
      .where(and(eq(matchPushes.userId, userId), isNull(matchPushes.digestedAt)))
      .orderBy(desc(matchPushes.createdAt), desc(matchPushes.id)),

  markDigested: async (db: Executor, ids: string[], at: Date) => {
    if (ids.length) await db.update(matchPushes).set({ digestedAt: at }).where(and(inArray(matchPushes.id, ids), isNull(matchPushes.digestedAt)));
  },

  // ---- settings

  settings: async (db: Executor, userId: string) => (await db.select().from(pushSettings).where(eq(pushSettings.userId, userId)))[0],

  /** Creates the person's settings with the defaults unless they exist. */
  createSettings: (db: Executor, userId: string, unsubscribeToken: string) => db.insert(pushSettings).values({ userId, unsubscribeToken }).onConflictDoNothing(),

  updateSettings: async (db: Executor, userId: string, set: Partial<typeof pushSettings.$inferInsert>) =>
    (await db.update(pushSettings).set({ ...set, updatedAt: new Date() }).where(eq(pushSettings.userId, userId)).returning())[0]!,

  settingsByToken: async (db: Executor, token: string) => (await db.select().from(pushSettings).where(eq(pushSettings.unsubscribeToken, token)).for('update'))[0],

  // ---- outbox

  /** Messages of one status: pending and failed ones oldest first (the order a sender works in), sent ones newest first. */
  outbox: async (db: Executor, status: string, page: Page) => {
    const rows = await db
      .select({ m: outboxMessages, total: sql<number>`(count(*) over ())::int` })
      .from(outboxMessages)
      .where(eq(outboxMessages.status, status))
      .orderBy(status === 'sent' ? desc(outboxMessages.sentAt) : asc(outboxMessages.createdAt), asc(outboxMessages.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    const total = rows.length
      ? rows[0]!.total
      : page.page > 1
        ? ((await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages).where(eq(outboxMessages.status, status)))[0]?.n ?? 0)
        : 0;
    return { rows: rows.map((r) => r.m), total };
  },

  outboxMessage: async (db: Executor, id: string) => (await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).for('update'))[0],

  updateOutbox: async (db: Executor, id: string, set: Partial<typeof outboxMessages.$inferInsert>) =>
    (await db.update(outboxMessages).set(set).where(eq(outboxMessages.id, id)).returning())[0]!,

  /** Adds messages, each once per dedupe key; returns the ones added. */
  outboxTo: (db: Executor, address: string) =>
    db.select().from(outboxMessages).where(eq(outboxMessages.address, address)).orderBy(desc(outboxMessages.createdAt)).limit(20),

  insertOutbox: async (db: Executor, rows: (typeof outboxMessages.$inferInsert)[]) =>
    rows.length ? db.insert(outboxMessages).values(rows).onConflictDoNothing().returning() : [],
};
