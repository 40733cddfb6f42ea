import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.ts';
import { auditEvents, auditHead } from '../db/schema/index.ts';
import { asJson, canonicalJson } from './canonical.ts';
import type { RequestContext } from './context.ts';

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  organizationId?: string | null;
  jurisdictionCode?: string | null;
  before?: unknown;
  after?: unknown;
};

type ChainedFields = {
  seq: number;
  at: string;
  actorId: string | null;
  organizationId: string | null;
  jurisdictionCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  /** A client's own X-Request-Id; chained only when present, so events recorded before it existed keep their hashes. */
  clientRequestId?: string | null;
  ip: string | null;
  prevHash: string;
};

export function auditHash(e: ChainedFields): string {
  const { clientRequestId, ...rest } = e;
  return createHash('sha256').update(canonicalJson(clientRequestId ? { ...rest, clientRequestId } : rest)).digest('hex');
}

/**
 * Appends one event to the hash chain. Must run inside the transaction that
 * makes the change; the head row lock gives every event one place in the chain.
 */
export async function recordAudit(tx: Tx, ctx: RequestContext, input: AuditInput): Promise<number> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: migrations not applied');
  const fields: ChainedFields = {
    seq: head.seq + 1,
    at: (ctx.now ?? new Date()).toISOString(),
    actorId: ctx.actor?.user.id ?? null,
    organizationId: input.organizationId ?? null,
    jurisdictionCode: input.jurisdictionCode ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: asJson(input.before),
    after: asJson(input.after),
    requestId: ctx.requestId,
    clientRequestId: ctx.clientRequestId ?? null,
    ip: ctx.ip,
    prevHash: head.hash,
  };
  const hash = auditHash(fields);
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  // The event and the new head in one statement: every audited change pays this, the busiest (bids) many times a second.
  await tx.execute(sql`with event as (
      insert into audit_events (seq, at, actor_id, organization_id, jurisdiction_code, action, entity_type, entity_id, before, after, request_id, client_request_id, ip, prev_hash, hash)
      values (${fields.seq}, ${fields.at}::timestamptz, ${fields.actorId}, ${fields.organizationId}, ${fields.jurisdictionCode}, ${fields.action}, ${fields.entityType},
              ${fields.entityId}, ${json(fields.before)}::jsonb, ${json(fields.after)}::jsonb, ${fields.requestId}, ${fields.clientRequestId ?? null}, ${fields.ip}, ${fields.prevHash}, ${hash})
    )
    update audit_head set seq = ${fields.seq}, hash = ${hash} where id = 1`);
  return fields.seq;
}

export type StoredEvent = typeof auditEvents.$inferSelect;

/** The events of one audited object (a listing's price record), in chain order. */
export async function auditEventsOf(db: Executor, entityType: string, entityId: string): Promise<StoredEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.seq));
}

/** The hash an event stored in the chain should have, recomputed from its columns. */
export function storedEventHash(r: StoredEvent): string {
  return auditHash({
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    organizationId: r.organizationId,
    jurisdictionCode: r.jurisdictionCode,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
    clientRequestId: r.clientRequestId,
    ip: r.ip,
    prevHash: r.prevHash,
  });
}

/**
 * Verifies some events of the chain (e.g. one listing's) without walking all
 * of it: each event's content must give its stored hash, and it must be
 * linked in — the event before it carries the hash it names as previous,
 * the event after it (or the chain's head) names its hash. Changing,
 * removing or inserting any of them breaks one of these; the whole chain is
 * checked by verifyAuditChain.
 */
export async function verifyEvents(db: Executor, events: StoredEvent[]): Promise<ChainVerification> {
  if (!events.length) return { ok: true, count: 0 };
  const own = new Set(events.map((e) => e.seq));
  const around = [...new Set(events.flatMap((e) => [e.seq - 1, e.seq + 1]))].filter((s) => s >= 1 && !own.has(s));
  const neighbours = around.length ? await db.select().from(auditEvents).where(inArray(auditEvents.seq, around)) : [];
  const bySeq = new Map([...events, ...neighbours].map((e) => [e.seq, e]));
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  let count = 0;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (storedEventHash(e) !== e.hash) return { ok: false, count, firstBrokenSeq: e.seq, reason: 'content' };
    const prev = bySeq.get(e.seq - 1);
    if (e.seq === 1 ? e.prevHash !== 'GENESIS' : !prev || prev.hash !== e.prevHash) return { ok: false, count, firstBrokenSeq: e.seq, reason: 'link' };
    const next = bySeq.get(e.seq + 1);
    if (next ? next.prevHash !== e.hash : !head || head.seq !== e.seq || head.hash !== e.hash) return { ok: false, count, firstBrokenSeq: e.seq, reason: 'link' };
    count++;
  }
  return { ok: true, count };
}

export type ChainVerification = { ok: boolean; count: number; firstBrokenSeq?: number; reason?: string };

/** Walks the whole chain in order, in pages, and reports the first event whose link or content does not match. */
export async function verifyAuditChain(db: Executor): Promise<ChainVerification> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  let prevHash = 'GENESIS';
  let expectedSeq = 1;
  let count = 0;
  const pageSize = 2000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} >= ${expectedSeq}`)
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, count, firstBrokenSeq: expectedSeq, reason: 'missing' };
      if (r.prevHash !== prevHash) return { ok: false, count, firstBrokenSeq: r.seq, reason: 'link' };
      if (storedEventHash(r) !== r.hash) return { ok: false, count, firstBrokenSeq: r.seq, reason: 'content' };
      prevHash = r.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize) break;
  }
  if (!head || head.seq !== count || head.hash !== prevHash) {
    return { ok: false, count, firstBrokenSeq: count + 1, reason: 'truncated' };
  }
  return { ok: true, count };
}
