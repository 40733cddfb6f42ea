import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../db/client.ts';
import { queryRows } from '../db/client.ts';
import { domainEvents } from '../db/schema/index.ts';
import { defineJob, type AnyJob } from './jobs.ts';
import type { Deps } from './types.ts';

/**
 * Domain events (docs/ARCHITECTURE.md, "modules react through events").
 *
 * A module announces what happened — `achievement.published`, `deal.signed` —
 * with `publish()` inside the transaction that made the change, so the event
 * exists exactly when the change does. Another module reacts by registering
 * a handler (`onEvent`) in the app's list (`src/events.ts`); the publisher never
 * imports it. The job runner dispatches each new event into one job per
 * handler (`event:<handler>`, keyed by event and handler), so delivery is at
 * least once, retried with backoff, survives restarts, and a handler that
 * keeps failing is left `failed` for an administrator to see and retry
 * (`/api/operations/jobs`). Handlers must be idempotent: the event id is a
 * natural key for what they write.
 *
 * Why the jobs table and not a queue library: pg-boss and graphile-worker
 * need a PostgreSQL server (LISTEN/NOTIFY, advisory locks, their own
 * schema) and do not run on PGlite, the embedded database `npm start` uses;
 * the jobs table already gives leases, FOR UPDATE SKIP LOCKED claiming,
 * retries and durability on both.
 */
export type EventDefinition<P> = { type: string; payload: z.ZodType<P> };

export function defineEvent<P>(type: string, payload: z.ZodType<P>): EventDefinition<P> {
  return { type, payload };
}

export type PublishedEvent<P> = { id: string; type: string; payload: P; occurredAt: Date; actorId: string | null; requestId: string | null };

/** Who caused an event, for the handlers and the record. */
export type EventMeta = { actorId?: string | null; requestId?: string | null };

/** Announces an event inside the caller's transaction; returns its id. */
export async function publish<P>(db: Executor, def: EventDefinition<P>, payload: P, meta: EventMeta = {}): Promise<string> {
  const [row] = await db
    .insert(domainEvents)
    .values({ type: def.type, payload: def.payload.parse(payload) as object, actorId: meta.actorId ?? null, requestId: meta.requestId ?? null })
    .returning({ id: domainEvents.id });
  return row!.id;
}

export type EventHandler<P = unknown> = {
  /** Stable and unique: it names the handler's jobs (`event:<name>`). */
  name: string;
  event: EventDefinition<P>;
  handle: (db: Db, event: PublishedEvent<P>, ctx: { deps?: Deps; heartbeat: () => Promise<void> }) => Promise<void>;
  /** Its deliveries are claimed before other jobs (see `JobDefinition.urgent`). */
  urgent?: boolean;
};

export function onEvent<P>(name: string, event: EventDefinition<P>, handle: EventHandler<P>['handle'], opts: { urgent?: boolean } = {}): EventHandler<P> {
  return { name, event, handle, ...opts };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEventHandler = EventHandler<any>;

const deliveryPayload = z.object({ eventId: z.uuid() });

/** A `domain_events` row as read back for a handler. */
type EventRow = { id: string; type: string; payload: unknown; occurred_at: string | Date; actor_id: string | null; request_id: string | null };

/** The event as its handler receives it, its payload parsed by the handler's own definition. */
const publishedOf = <P>(h: EventHandler<P>, row: EventRow): PublishedEvent<P> => ({
  id: row.id,
  type: row.type,
  payload: h.event.payload.parse(row.payload),
  occurredAt: new Date(row.occurred_at),
  actorId: row.actor_id,
  requestId: row.request_id,
});
export const DELIVERY_JOB_PREFIX = 'event:';

/** One job definition per handler: it loads the event and hands it over. */
export function deliveryJobs(handlers: AnyEventHandler[]): AnyJob[] {
  const names = new Set<string>();
  return handlers.map((h) => {
    if (names.has(h.name)) throw new Error(`two event handlers are named ${h.name}`);
    names.add(h.name);
    return defineJob({
      name: DELIVERY_JOB_PREFIX + h.name,
      version: 1,
      urgent: h.urgent,
      payload: deliveryPayload,
      run: async (db, { eventId }, job) => {
        const [row] = await queryRows<EventRow>(
          db,
          sql`select id, type, payload, occurred_at, actor_id, request_id from domain_events where id = ${eventId}`,
        );
        if (!row) throw new Error(`event ${eventId} does not exist`);
        await h.handle(
          db,
          publishedOf(h, row),
          { deps: job.deps, heartbeat: job.heartbeat },
        );
      },
    });
  });
}

/**
 * Read-your-writes for a module's own copy of another's facts: runs `handlers` now, in the order
 * the events happened, for the events of their types whose payload `field` equals `value` and
 * that they have not handled yet (not dispatched, or their delivery not done). A page opened the
 * moment after a change (a receipt confirmed, then 收益分配 clicked) then shows it instead of
 * waiting for the job runner. The delivery job still runs; handlers are idempotent.
 */
export async function catchUp(db: Db, handlers: AnyEventHandler[], field: string, value: string): Promise<number> {
  let n = 0;
  for (const h of handlers) {
    const rows = await queryRows<EventRow>(
      db,
      // Two narrow looks (the pending index of events, the due index of jobs), never a scan of the type's history.
      sql`select id, seq, type, payload, occurred_at, actor_id, request_id from (
            select e.* from domain_events e where e.dispatched_at is null and e.type = ${h.event.type} and e.payload->>${field} = ${value}
            union
            select e.* from jobs j join domain_events e on e.id = (j.payload->>'eventId')::uuid
             where j.status in ('pending', 'running') and j.name = ${DELIVERY_JOB_PREFIX + h.name} and e.payload->>${field} = ${value}
          ) pending order by seq`,
    );
    for (const row of rows) {
      await h.handle(db, publishedOf(h, row), { heartbeat: async () => {} });
      n++;
    }
  }
  return n;
}

/**
 * Turns events not dispatched yet into delivery jobs, one per handler of
 * their type, in one transaction; returns how many events it dispatched.
 * Events of a type nobody handles are marked dispatched all the same.
 */
export async function dispatchEvents(db: Db, handlers: AnyEventHandler[], limit = 500): Promise<number> {
  const byType = new Map<string, AnyEventHandler[]>();
  for (const h of handlers) byType.set(h.event.type, [...(byType.get(h.event.type) ?? []), h]);
  return db.transaction(async (tx) => {
    const events = await queryRows<{ id: string; type: string; occurred_at: string | Date }>(
      tx,
      sql`update domain_events set dispatched_at = now()
          where id in (select id from domain_events where dispatched_at is null order by seq limit ${limit} for update skip locked)
          returning id, type, occurred_at`,
    );
    // A delivery is due from the moment its event happened, so a runner pass
    // that began before the dispatch (its `now` taken first) still runs it.
    const rows = events.flatMap((e) =>
      (byType.get(e.type) ?? []).map(
        (h) =>
          sql`(${DELIVERY_JOB_PREFIX + h.name}, 1, ${`${e.id}:${h.name}`}, ${JSON.stringify({ eventId: e.id })}::jsonb, ${new Date(e.occurred_at).toISOString()}::timestamptz)`,
      ),
    );
    if (rows.length) await tx.execute(sql`insert into jobs (name, version, key, payload, run_at) values ${sql.join(rows, sql`, `)} on conflict (key) do nothing`);
    return events.length;
  });
}
