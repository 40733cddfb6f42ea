import type { Executor } from '../../db/client.ts';
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
