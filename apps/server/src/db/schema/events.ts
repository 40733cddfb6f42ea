import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The domain-event outbox (platform/events.ts): a module announces what
 * happened in the same transaction as the change; the job runner hands each
 * event to every handler registered for its type as a job of its own.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Publication order. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    actorId: uuid('actor_id'),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the runner made the handlers' delivery jobs; null until then. */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [index('domain_events_type_idx').on(t.type, t.occurredAt), index('domain_events_pending_idx').on(t.seq).where(sql`dispatched_at is null`)],
);
