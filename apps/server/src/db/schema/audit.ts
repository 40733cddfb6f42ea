import { pgTable, text, timestamp, uuid, bigint, jsonb, index, integer } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Each event stores the hash of the previous one; `seq`
 * is assigned under the lock on `audit_head`, so the chain has one order.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    organizationId: uuid('organization_id'),
    jurisdictionCode: text('jurisdiction_code'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** The X-Request-Id a client sent, kept beside the server's own request id (never instead of it). */
    clientRequestId: text('client_request_id'),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_actor_idx').on(t.actorId),
    index('audit_at_idx').on(t.at),
    index('audit_jurisdiction_idx').on(t.jurisdictionCode),
  ],
);

/** One row: the last sequence number and hash of the chain. Locked FOR UPDATE by every writer. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
