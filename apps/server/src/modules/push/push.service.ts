import { randomBytes } from 'node:crypto';
import { normalizeLogin } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import type { Signed } from '../catalogue/catalogue.service.ts';
import { feedbackOf } from '../matching/matching.service.ts';
import { outboxPolicy, subscriptionPolicy } from './push.policy.ts';
import { presentOutboxMessage, presentPush, presentPushSettings, presentSubscription, snapshotSubscription } from './push.presenter.ts';
import { jurisdictionNames } from '../jurisdictions/jurisdictions.service.ts';
import { activeMembersOf, organizationNames } from '../organizations/organizations.service.ts';
import { userContacts, userNames } from '../accounts/accounts.service.ts';
import { pushRepository, type PushDetailRow, type PushRow, type SubscriptionRow } from './push.repository.ts';
import { hasCriteria, type CreateSubscriptionBody, type OutboxQuery, type PushSettingsBody, type UpdateSubscriptionBody } from './push.schemas.ts';

// ---- subscriptions

const auditSubscription = (s: SubscriptionRow) => ({ entityType: 'subscription', entityId: s.id });

/** Every region must be a known jurisdiction; the first unknown one is named. */
async function checkRegions(db: Executor, regions: string[]) {
  const known = await jurisdictionNames(db, regions);
  const i = regions.findIndex((c) => !known.has(c));
  if (i >= 0) throw badRequest(`regions.${i}`, 'err.jurisdiction.unknown');
}

/** Loads one of the actor's subscriptions; another's is not found. */
async function authorizeSubscription(db: Executor, actor: Actor, id: string, action: 'read' | 'update' | 'delete', opts: { lock?: boolean } = {}) {
  const row = await pushRepository.subscription(db, actor.user.id, id, opts);
  if (!row || !subscriptionPolicy(actor, row)[action]) throw notFound('subscription');
  return row;
}

export async function listSubscriptions(db: Db, actor: Actor) {
  const rows = await pushRepository.subscriptionsOf(db, actor.user.id);
  return { items: rows.map(presentSubscription), total: rows.length };
}

export async function createSubscription(db: Db, ctx: Signed, body: CreateSubscriptionBody) {
  return db.transaction(async (tx) => {
    await checkRegions(tx, body.regions);
    const row = await pushRepository.insertSubscription(tx, { ...body, userId: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...auditSubscription(row), action: 'subscription.create', after: snapshotSubscription(row) });
    return presentSubscription(row);
  });
}

export async function updateSubscription(db: Db, ctx: Signed, id: string, body: UpdateSubscriptionBody) {
  return db.transaction(async (tx) => {
    const row = await authorizeSubscription(tx, ctx.actor, id, 'update', { lock: true });
    if (!hasCriteria({ ...row, ...body })) throw badRequest('keywords', 'err.subscription.criteria');
    if (body.regions) await checkRegions(tx, body.regions);
    const after = await pushRepository.updateSubscription(tx, id, body);
    await recordAudit(tx, ctx, { ...auditSubscription(row), action: 'subscription.update', before: snapshotSubscription(row), after: snapshotSubscription(after) });
    return presentSubscription(after);
  });
}

/** Deletes a subscription; what it pushed stays in the person's list. */
export async function deleteSubscription(db: Db, ctx: Signed, id: string) {
  await db.transaction(async (tx) => {
    const row = await authorizeSubscription(tx, ctx.actor, id, 'delete', { lock: true });
    await pushRepository.deleteSubscription(tx, id);
    await recordAudit(tx, ctx, { ...auditSubscription(row), action: 'subscription.delete', before: snapshotSubscription(row) });
  });
}

// ---- pushed matches

/** Pushes with their records' organisations' names, one query for all. */
export async function withOrganizationNames(db: Executor, rows: PushRow[]): Promise<PushDetailRow[]> {
  const names = await organizationNames(db, rows.flatMap((r) => (r.organizationId ? [r.organizationId] : [])));
  return rows.map((r) => ({ ...r, organizationName: r.organizationId ? (names.get(r.organizationId) ?? null) : null }));
}

/** What others name of these pushes (the statistics' records behind a figure): to whom, which record for which; no authorisation here, the caller applies its own. */
export async function pushHeads(db: Executor, ids: string[]) {
  const rows = await pushRepository.heads(db, [...new Set(ids)]);
  const names = await userNames(db, rows.map((r) => r.userId));
  return new Map(rows.map((r) => [r.id, { ...r, recipient: names.get(r.userId) ?? '' }]));
}

export async function listPushes(db: Db, actor: Actor, page: Page) {
  const { rows: bare, total } = await pushRepository.pushesOf(db, actor.user.id, page);
  const rows = await withOrganizationNames(db, bare);
  const feedback = await feedbackOf(db, actor.user.id, rows.map((r) => ({ sourceId: r.push.sourceId, targetId: r.push.recordId })));
  return paged(rows.map((r) => presentPush(r, feedback.get(`${r.push.sourceId}:${r.push.recordId}`))), total, page);
}

// ---- settings and unsubscribe

export const DEFAULT_PUSH_SETTINGS = { email: true, sms: false, dailyLimit: 20, unsubscribedAt: null };

const newToken = () => randomBytes(24).toString('base64url');

/** A person's settings row, created with the defaults and a fresh unsubscribe token the first time it is needed. */
export async function ensurePushSettings(db: Executor, userId: string) {
  const existing = await pushRepository.settings(db, userId);
  if (existing) return existing;
  await pushRepository.createSettings(db, userId, newToken());
  return (await pushRepository.settings(db, userId))!;
}

/** The settings as they apply (the defaults until the person changes them; reading creates nothing). */
export async function getPushSettings(db: Db, actor: Actor) {
  return presentPushSettings((await pushRepository.settings(db, actor.user.id)) ?? DEFAULT_PUSH_SETTINGS);
}

/** Saves the settings; switching a channel on again ends an earlier unsubscribe. */
export async function savePushSettings(db: Db, ctx: Signed, body: PushSettingsBody) {
  return db.transaction(async (tx) => {
    const before = await ensurePushSettings(tx, ctx.actor.user.id);
    const resubscribe = body.email || body.sms;
    const after = await pushRepository.updateSettings(tx, ctx.actor.user.id, { ...body, ...(resubscribe ? { unsubscribedAt: null } : {}) });
    await recordAudit(tx, ctx, { action: 'pushSettings.update', entityType: 'user', entityId: ctx.actor.user.id, before: presentPushSettings(before), after: presentPushSettings(after) });
    return presentPushSettings(after);
  });
}

/** The link of an e-mail: stops e-mail and SMS for the token's owner, without signing in. */
export async function unsubscribe(db: Db, ctx: RequestContext, token: string) {
  await db.transaction(async (tx) => {
    const row = await pushRepository.settingsByToken(tx, token);
    if (!row) throw new AppError(404, 'not-found', 'problem.entityNotFound', 'err.unsubscribe.token');
    const after = await pushRepository.updateSettings(tx, row.userId, { email: false, sms: false, unsubscribedAt: row.unsubscribedAt ?? new Date() });
    await recordAudit(tx, ctx, { action: 'push.unsubscribe', entityType: 'user', entityId: row.userId, before: presentPushSettings(row), after: presentPushSettings(after) });
  });
}

// ---- outbox

/** Queues one e-mail or SMS once per dedupe key (in the caller's transaction): messages other modules ask for through events. */
export function queueMessage(db: Executor, m: { userId: string | null; channel: 'email' | 'sms'; address: string; kind: string; subject: string; body: string; dedupeKey: string }) {
  return pushRepository.insertOutbox(db, [m]);
}

/**
 * An e-mail to every active member of an organisation who has an address
 * (a review's outcome and the like), once per member and key.
 */
export async function emailMembers(db: Executor, organizationId: string, m: { kind: string; subject: string; body: string; dedupeKey: string }) {
  const rows = [];
  const members = await activeMembersOf(db, [organizationId]);
  const people = await userContacts(db, members.map((member) => member.userId));
  for (const member of members) {
    const c = people.get(member.userId);
    if (c?.email) rows.push({ userId: c.id, channel: 'email' as const, address: c.email, kind: m.kind, subject: m.subject, body: m.body, dedupeKey: `${m.dedupeKey}:${c.id}` });
  }
  return pushRepository.insertOutbox(db, rows);
}

/** The latest messages to one address (development and tests: see /api/dev/outbox). */
export async function messagesTo(db: Executor, address: string) {
  const rows = await pushRepository.outboxTo(db, normalizeLogin(address));
  return rows.map((m) => ({ kind: m.kind, subject: m.subject, body: m.body, createdAt: m.createdAt }));
}

export async function listOutbox(db: Db, actor: Actor, q: OutboxQuery) {
  if (!outboxPolicy(actor).read) throw forbidden();
  const page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await pushRepository.outbox(db, q.status, page);
  return paged(rows.map(presentOutboxMessage), total, page);
}

/** A sender reports a message sent, or failed with the error; a sent message stays sent. */
export async function reportOutbox(db: Db, ctx: Signed, id: string, outcome: { sent: true } | { sent: false; error: string }) {
  if (!outboxPolicy(ctx.actor).report) throw forbidden();
  return db.transaction(async (tx) => {
    const row = await pushRepository.outboxMessage(tx, id);
    if (!row) throw notFound('outboxMessage');
    if (row.status === 'sent') throw invalidState('err.outbox.sent');
    const after = await pushRepository.updateOutbox(
      tx,
      id,
      outcome.sent ? { status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, lastError: null } : { status: 'failed', attempts: row.attempts + 1, lastError: outcome.error },
    );
    await recordAudit(tx, ctx, {
      action: after.status === 'sent' ? 'outbox.sent' : 'outbox.failed',
      entityType: 'outboxMessage',
      entityId: id,
      before: { status: row.status, attempts: row.attempts },
      after: { status: after.status, attempts: after.attempts, error: after.lastError },
    });
    return presentOutboxMessage(after);
  });
}
