import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { notifications } from '../../db/schema/index.ts';
import { notificationRepository } from './notifications.repository.ts';

/**
 * Kinds of notice that ask the reader to do something (the bell counts them
 * apart from news) when the sender does not say: a request to answer, a
 * registration or proof to check, an offer or objection to handle, a payment
 * due, a review or inquiry to answer.
 */
const ACTION_KINDS = new Set([
  'access.requested',
  'achievement.entrust.proposed',
  'listing.registration',
  'listing.registration.proof',
  'listing.offer',
  'listing.objection',
  'listing.rejected',
  'deal.created',
  'deal.payment.due',
  'deal.payment.overdue',
  'matchInquiry.new',
  'matchReview.invited',
  'organization.rejected',
  // A message to the owner of a record is a question to answer.
  'conversation.message',
]);
const withCategory = (n: typeof notifications.$inferInsert) => ({ ...n, category: n.category ?? (ACTION_KINDS.has(n.kind) ? 'action' : 'news') });

/** Adds an in-app notification (to a person or to everyone of an organisation) once per dedupe key, in the caller's transaction. */
export function notify(db: Executor, n: typeof notifications.$inferInsert) {
  return notificationRepository.add(db, withCategory(n));
}

/** Many notifications at once (a nightly sweep's reminders), each once per dedupe key. */
export async function notifyMany(db: Executor, rows: (typeof notifications.$inferInsert)[]) {
  const all = rows.map(withCategory);
  for (let i = 0; i < all.length; i += 500) await notificationRepository.addMany(db, all.slice(i, i + 500));
}

/** Marks every unread notification of the person (and of their organisations) read, and audits how many. */
export async function markAllRead(db: Db, ctx: RequestContext & { actor: Actor }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await notificationRepository.markRead(tx, ctx.actor);
    await recordAudit(tx, ctx, { action: 'notification.readAll', entityType: 'user', entityId: ctx.actor.user.id, after: { marked: rows.length } });
    return rows.length;
  });
}
