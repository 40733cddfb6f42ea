import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../db/client.ts';
import { queryRows } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import type { Deps } from './types.ts';
import { containsPattern } from './text.ts';

/**
 * Persistent jobs (ARCHITECTURE habit 7). A job is a row: it survives
 * restarts, runs at or after `runAt`, is claimed by one worker with
 * FOR UPDATE SKIP LOCKED, and is retried with backoff when it fails.
 */
export type JobDefinition<P> = {
  name: string;
  version: number;
  payload: z.ZodType<P>;
  /**
   * Bulk work (matching pushes by the hundred after an import or the demo's seed) yields to every
   * other kind: the runner claims any other due job first, so a registration code or a notification
   * never waits behind a queue of pushes.
   */
  bulk?: boolean;
  /** What a person waits for at the screen (a registration code): claimed before any other due job. */
  urgent?: boolean;
  /** `heartbeat` extends the job's lease: a long job calls it now and then so no other worker takes it over. */
  /** `deps` are the app's (its in-memory indexes among them) when the runner was given them, as the server's is. */
  /** `final`: this is the last attempt — if it throws, the job fails for good (until an operator retries it). */
  run: (db: Db, payload: P, job: { id: string; runAt: Date; heartbeat: () => Promise<void>; deps?: Deps; final?: boolean }) => Promise<void>;
};

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

/** A job of any payload, for registries (the runner parses each payload with its own schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

/** Schedules a job; with a key, scheduling the same key again keeps the first. */
export async function scheduleJob<P>(db: Executor, def: JobDefinition<P>, opts: { payload: P; runAt?: Date; key?: string }) {
  await db
    .insert(jobs)
    .values({ name: def.name, version: def.version, key: opts.key, payload: def.payload.parse(opts.payload) as object, runAt: opts.runAt ?? new Date() })
    .onConflictDoNothing();
}

type JobRow = typeof jobs.$inferSelect;
const MAX_ATTEMPTS = 5;
const LEASE_MS = 5 * 60_000;

export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly defs = new Map<string, JobDefinition<unknown>>();
  /** `order by` for claims: urgent kinds first, bulk ones last, then the earliest due. */
  private readonly claimOrder;

  constructor(
    private readonly db: Db,
    definitions: AnyJob[],
    private readonly log: { error: (o: object, m: string) => void } = console,
    private readonly deps?: Deps,
    /** Runs before each pass claims jobs (the event dispatch makes its delivery jobs there). */
    private readonly beforeRun?: (db: Db) => Promise<unknown>,
  ) {
    for (const d of definitions) this.defs.set(d.name, d);
    const names = (pick: (d: AnyJob) => boolean | undefined) => sql.join(definitions.filter(pick).map((d) => sql`${d.name}`), sql`, `);
    const tier = (pick: (d: AnyJob) => boolean | undefined, rank: number) => (definitions.some(pick) ? sql`when name in (${names(pick)}) then ${sql.raw(String(rank))} ` : sql``);
    this.claimOrder = definitions.some((d) => d.urgent || d.bulk) ? sql`case ${tier((d) => d.urgent, 0)}${tier((d) => d.bulk, 2)}else 1 end, run_at` : sql`run_at`;
  }

  /** Claims the next due job (or one whose lease ran out), or nothing. */
  private async claim(now: Date): Promise<JobRow | undefined> {
    const [row] = await queryRows<Record<string, unknown>>(
      this.db,
      sql`update jobs set status = 'running', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
          where id = (select id from jobs
                      where (status = 'pending' and run_at <= ${now.toISOString()}::timestamptz)
                         or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz)
                      order by ${this.claimOrder} limit 1 for update skip locked)
          returning id, name, payload, run_at, attempts`,
    );
    if (!row) return undefined;
    return { id: row.id, name: row.name, payload: row.payload, runAt: new Date(row.run_at as string), attempts: row.attempts } as JobRow;
  }

  /** Runs every job due at `now` (once stopped, none more after the one running); returns how many ran. */
  async runDue(now = new Date()): Promise<number> {
    let n = 0;
    await this.beforeRun?.(this.db);
    let dispatchedAt = Date.now();
    // A long pass (hundreds of pushes) still turns new events into jobs every half second, so a
    // registration code raised meanwhile is claimed next, not after the pass.
    const next = async () => {
      if (this.stopped) return undefined;
      if (this.beforeRun && Date.now() - dispatchedAt > 500) {
        await this.beforeRun(this.db);
        dispatchedAt = Date.now();
      }
      return this.claim(now);
    };
    for (let job = await this.claim(now); job; job = await next()) {
      n++;
      const def = this.defs.get(job.name);
      const startedAt = Date.now();
      try {
        if (!def) throw new Error(`no job definition named ${job.name}`);
        const heartbeat = async () => {
          await this.db.update(jobs).set({ lockedUntil: new Date(Date.now() + LEASE_MS) }).where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
        };
        await def.run(this.db, def.payload.parse(job.payload), { id: job.id, runAt: job.runAt, heartbeat, deps: this.deps, final: job.attempts >= MAX_ATTEMPTS });
        await this.db.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedUntil: null }).where(eq(jobs.id, job.id));
        const ms = Date.now() - startedAt;
        // A job over two seconds holds up every other (one at a time): worth an operator's look.
        if (ms > 2000) this.log.error({ job: job.name, ms, payload: job.payload }, 'job slow');
      } catch (err) {
        this.log.error({ err, job: job.name }, 'job failed');
        const failed = job.attempts >= MAX_ATTEMPTS;
        await this.db
          .update(jobs)
          .set({
            status: failed ? 'failed' : 'pending',
            lastError: String((err as Error).stack ?? err).slice(0, 4000),
            runAt: new Date(Date.now() + 2 ** job.attempts * 30_000),
            lockedUntil: null,
          })
          .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
      }
    }
    return n;
  }

  start(intervalMs = 5000) {
    const tick = () => {
      this.running = this.runDue()
        .then(() => undefined)
        .catch((err) => this.log.error({ err }, 'job runner tick failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

export type JobFilter = { status?: 'failed' | 'retrying' | 'pending' | 'running' | 'done'; name?: string };

function jobWhere(f: JobFilter) {
  const parts = [sql`true`];
  // Retrying: waiting for another attempt after a failure.
  if (f.status === 'retrying') parts.push(sql`status = 'pending' and attempts > 0`);
  else if (f.status) parts.push(sql`status = ${f.status}`);
  if (f.name) parts.push(sql`name like ${containsPattern(f.name, 'start')}`);
  return sql.join(parts, sql` and `);
}

/** Jobs for the operators' view, newest first. */
export async function listJobs(db: Executor, f: JobFilter, page: { limit: number; offset: number }): Promise<{ rows: JobRow[]; total: number }> {
  const where = jobWhere(f);
  const rows = await db.select().from(jobs).where(where).orderBy(sql`created_at desc`).limit(page.limit).offset(page.offset);
  const [count] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from jobs where ${where}`);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Puts a failed job back in the queue for a fresh set of attempts; false when it is not failed. */
export async function retryJob(db: Executor, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: new Date(), lastError: null, lockedUntil: null, finishedAt: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'failed')))
    .returning();
  return row;
}

export async function jobById(db: Executor, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}
