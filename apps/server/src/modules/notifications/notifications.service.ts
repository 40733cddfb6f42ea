import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { notifications } from '../../db/schema/index.ts';
import { notificationRepository } from './notifications.repository.ts';

/** Adds an in-app notification (to a person or to everyone of an organisation) once per dedupe key, in the caller's transaction. */
export function notify(db: Executor, n: typeof notifications.$inferInsert) {
  return notificationRepository.add(db, n);
}

/** Many notifications at once (a nightly sweep's reminders), each once per dedupe key. */
export async function notifyMany(db: Executor, rows: (typeof notifications.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await notificationRepository.addMany(db, rows.slice(i, i + 500));
}

/** Marks every unread notification of the person (and of their organisations) read, and audits how many. */
export async function markAllRead(db: Db, ctx: RequestContext & { actor: Actor }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await notificationRepository.markRead(tx, ctx.actor);
    await recordAudit(tx, ctx, { action: 'notification.readAll', entityType: 'user', entityId: ctx.actor.user.id, after: { marked: rows.length } });
    return rows.length;
  });
}
