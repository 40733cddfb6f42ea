import type { ConversationQuery, OpenConversationBody } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { authorizeRecord, type BaseRow, type RecordKind } from '../catalogue/catalogue.service.ts';
import { achievementKind } from '../achievements/achievements.service.ts';
import { demandKind } from '../demands/demands.service.ts';
import { userNames } from '../accounts/accounts.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { conversationPolicy } from './conversations.policy.ts';
import { presentConversation, presentMessage, snapshotMessage } from './conversations.presenter.ts';
import { conversationRepository as repo, type ConversationRow, type ConversationWithNames } from './conversations.repository.ts';

type Signed = RequestContext & { actor: Actor };

/** At most this many messages per person in this many minutes, over all threads (a person types; a script floods). */
export const CONVERSATION_RATE = { max: 10, minutes: 10 };

const LABEL = { achievement: '科技成果', demand: '技术需求' } as const;
const clock = (ctx: RequestContext) => ctx.now ?? new Date();
const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const audit = (c: Pick<ConversationWithNames, 'id' | 'ownerOrganizationId' | 'jurisdictionCode'>) => ({
  entityType: 'conversation',
  entityId: c.id,
  organizationId: c.ownerOrganizationId,
  jurisdictionCode: c.jurisdictionCode,
});

/** Conversations with the names they show: the owner's and the asker's organisation and the asker, one query each for a whole page. */
async function withNames(db: Executor, rows: ConversationRow[]): Promise<ConversationWithNames[]> {
  const orgs = await organizationNames(db, rows.flatMap((c) => (c.askerOrganizationId ? [c.ownerOrganizationId, c.askerOrganizationId] : [c.ownerOrganizationId])));
  const people = await userNames(db, rows.map((c) => c.askerUserId));
  return rows.map((c) => ({
    ...c,
    ownerOrganizationName: orgs.get(c.ownerOrganizationId) ?? '',
    askerName: people.get(c.askerUserId) ?? '',
    askerOrganizationName: c.askerOrganizationId ? (orgs.get(c.askerOrganizationId) ?? null) : null,
  }));
}

/** One conversation with its names, or undefined. */
const named = {
  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const row = await repo.byId(db, id, opts);
    return row ? (await withNames(db, [row]))[0] : undefined;
  },
  ofAsker: async (db: Executor, recordType: string, recordId: string, askerUserId: string) => {
    const row = await repo.ofAsker(db, recordType, recordId, askerUserId);
    return row ? (await withNames(db, [row]))[0] : undefined;
  },
};

async function checkRate(tx: Tx, ctx: Signed) {
  const since = new Date(clock(ctx).getTime() - CONVERSATION_RATE.minutes * 60_000);
  if ((await repo.messagesSince(tx, ctx.actor.user.id, since)) >= CONVERSATION_RATE.max) {
    await recordAudit(tx, ctx, { action: 'conversation.throttle', entityType: 'user', entityId: ctx.actor.user.id, after: { ...CONVERSATION_RATE } });
    throw new AppError(429, 'too-many-messages', 'problem.tooManyRequests', 'err.conversation.rate', { ...CONVERSATION_RATE });
  }
}

/** Tells the other side of a thread that a message arrived, in the same transaction. */
async function tellOtherSide(tx: Tx, c: ConversationWithNames, side: 'asker' | 'owner', messageId: string, body: string) {
  const what = `${LABEL[c.recordType as 'achievement' | 'demand']}「${c.recordTitle}」`;
  const link = `/messages/${c.id}`;
  if (side === 'asker') {
    const who = c.askerOrganizationName ? `${c.askerOrganizationName}（${c.askerName}）` : c.askerName;
    await notify(tx, { organizationId: c.ownerOrganizationId, kind: 'conversation.message', dedupeKey: `conversation.message:${messageId}`, title: `${who}就${what}发来洽谈`, body: excerpt(body), link });
  } else {
    await notify(tx, { userId: c.askerUserId, kind: 'conversation.answer', dedupeKey: `conversation.message:${messageId}`, title: `${c.ownerOrganizationName}答复了您关于${what}的洽谈`, body: excerpt(body), link });
  }
}

async function thread(tx: Tx | Db, actor: Actor, c: ConversationWithNames) {
  const policy = conversationPolicy(actor, c);
  const messages = await repo.messages(tx, c.id);
  const authors = await userNames(tx, messages.map((m) => m.authorUserId));
  return { ...presentConversation(c, policy), messages: messages.map((m) => presentMessage({ ...m, authorName: authors.get(m.authorUserId) ?? '' }, actor.user.id)) };
}

/**
 * 我要洽谈: a person who can see a published achievement or demand writes to
 * the organisation that owns it. The first message opens the thread (one per
 * record and person); writing again on the same record adds to it
 * (`created: false`). The owner organisation is notified.
 */
export async function openConversation(db: Db, ctx: Signed, body: OpenConversationBody) {
  const kind = (body.recordType === 'achievement' ? achievementKind : demandKind) as unknown as RecordKind<BaseRow>;
  return db.transaction(async (tx) => {
    // 404 for a record the caller may not see (secret, unpublished, another's draft): nothing tells it exists.
    const { row } = await authorizeRecord(tx, kind, ctx.actor, body.recordId, 'read');
    if (membershipIn(ctx.actor, row.organizationId)) throw invalidState('err.conversation.ownRecord');
    if (row.status !== 'published') throw invalidState('err.conversation.notPublished');
    if (body.organizationId && !membershipIn(ctx.actor, body.organizationId)) throw badRequest('organizationId', 'err.conversation.notMember');
    await checkRate(tx, ctx);
    const now = clock(ctx);
    let c = await named.ofAsker(tx, body.recordType, row.id, ctx.actor.user.id);
    let created = false;
    if (!c) {
      const inserted = await repo.insert(tx, {
        recordType: body.recordType,
        recordId: row.id,
        recordTitle: row.title,
        ownerOrganizationId: row.organizationId,
        jurisdictionCode: row.jurisdictionCode,
        askerUserId: ctx.actor.user.id,
        askerOrganizationId: body.organizationId ?? null,
        lastSide: 'asker',
        lastMessageAt: now,
        askerReadAt: now,
        createdAt: now,
      });
      c = (await named.byId(tx, inserted?.id ?? (await named.ofAsker(tx, body.recordType, row.id, ctx.actor.user.id))!.id))!;
      created = !!inserted;
      if (created) await recordAudit(tx, ctx, { ...audit(c), action: 'conversation.open', after: snapshotMessage(c, 'asker', body.message) });
    }
    const message = await repo.addMessage(tx, { conversationId: c.id, authorUserId: ctx.actor.user.id, side: 'asker', body: body.message, createdAt: now });
    if (!created) {
      await repo.update(tx, c.id, { lastSide: 'asker', lastMessageAt: now, askerReadAt: now });
      await recordAudit(tx, ctx, { ...audit(c), action: 'conversation.message', after: snapshotMessage(c, 'asker', body.message) });
    }
    await tellOtherSide(tx, c, 'asker', message.id, body.message);
    return { created, conversation: await thread(tx, ctx.actor, (await named.byId(tx, c.id))!) };
  });
}

/** A message in an existing thread: the asker follows up, or the owner organisation answers. */
export async function replyToConversation(db: Db, ctx: Signed, id: string, message: string) {
  return db.transaction(async (tx) => {
    const c = await named.byId(tx, id, { lock: true });
    if (!c) throw notFound('conversation');
    const policy = conversationPolicy(ctx.actor, c);
    if (!policy.read) throw notFound('conversation');
    if (!policy.reply) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.conversation.ownerRole');
    await checkRate(tx, ctx);
    const now = clock(ctx);
    const side = policy.side;
    const m = await repo.addMessage(tx, { conversationId: c.id, authorUserId: ctx.actor.user.id, side, body: message, createdAt: now });
    await repo.update(tx, c.id, { lastSide: side, lastMessageAt: now, ...(side === 'asker' ? { askerReadAt: now } : { ownerReadAt: now }) });
    await recordAudit(tx, ctx, { ...audit(c), action: side === 'owner' ? 'conversation.answer' : 'conversation.message', after: snapshotMessage(c, side, message) });
    await tellOtherSide(tx, c, side, m.id, message);
    return thread(tx, ctx.actor, (await named.byId(tx, c.id))!);
  });
}

/** One thread with its messages; opening it marks it read for the caller's side. */
export async function getConversation(db: Db, actor: Actor, id: string) {
  const c = await named.byId(db, id);
  if (!c) throw notFound('conversation');
  const policy = conversationPolicy(actor, c);
  if (!policy.read) throw notFound('conversation');
  const now = new Date();
  await repo.update(db, c.id, policy.side === 'asker' ? { askerReadAt: now } : { ownerReadAt: now });
  return thread(db, actor, { ...c, ...(policy.side === 'asker' ? { askerReadAt: now } : { ownerReadAt: now }) });
}

/** My conversations: those I opened and those about my organisations' records, newest activity first. */
export async function listConversations(db: Db, actor: Actor, q: ConversationQuery) {
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows: bare, total } = await repo.list(db, { userId: actor.user.id, organizationIds: actor.memberships.map((m) => m.organizationId) }, q, page);
  const rows = await withNames(db, bare);
  return paged(
    rows.map((c) => presentConversation(c, conversationPolicy(actor, c))),
    total,
    page,
  );
}
