import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { freshDatabase } from '../../test/database.ts';
import { defineJob, JobRunner, scheduleJob } from './jobs.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => database.close());

const quiet = { error: () => {} };

describe('persistent jobs', () => {
  it('run when due, once per key, and not before', async () => {
    const seen: string[] = [];
    const job = defineJob({ name: 'test.echo', version: 1, payload: z.object({ word: z.string() }), run: async (_db, p) => void seen.push(p.word) });
    const runner = new JobRunner(database.db, [job], quiet);
    const later = new Date(Date.now() + 3600_000);
    await scheduleJob(database.db, job, { payload: { word: 'now' }, key: 'k1' });
    await scheduleJob(database.db, job, { payload: { word: 'again' }, key: 'k1' });
    await scheduleJob(database.db, job, { payload: { word: 'later' }, runAt: later });
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual(['now']);
    // A new runner (a restart) finds the pending job in the database when its time comes.
    const afterRestart = new JobRunner(database.db, [job], quiet);
    expect(await afterRestart.runDue(new Date(later.getTime() + 1000))).toBe(1);
    expect(seen).toEqual(['now', 'later']);
  });

  it('retry a failing job with backoff and give up after five attempts', async () => {
    let calls = 0;
    const job = defineJob({ name: 'test.fail', version: 1, payload: z.object({}), run: async () => {
      calls++;
      throw new Error('boom');
    } });
    const runner = new JobRunner(database.db, [job], quiet);
    await scheduleJob(database.db, job, { payload: {}, key: 'fail-1' });
    for (let i = 0; i < 6; i++) await runner.runDue(new Date(Date.now() + 10 * 86400_000));
    expect(calls).toBe(5);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.key, 'fail-1'));
    expect(row).toMatchObject({ status: 'failed', attempts: 5 });
    expect(row!.lastError).toContain('boom');
  });

  it('lets a long job extend its lease', async () => {
    let leaseAfterHeartbeat: Date | null = null;
    const job = defineJob({ name: 'test.long', version: 1, payload: z.object({}), run: async (db, _p, j) => {
      await db.update(jobs).set({ lockedUntil: new Date(Date.now() + 1000) }).where(eq(jobs.id, j.id));
      await j.heartbeat();
      leaseAfterHeartbeat = (await db.select().from(jobs).where(eq(jobs.id, j.id)))[0]!.lockedUntil;
    } });
    await scheduleJob(database.db, job, { payload: {}, key: 'long-1' });
    await new JobRunner(database.db, [job], quiet).runDue();
    expect(leaseAfterHeartbeat!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('picks up a job whose worker died (its lease ran out)', async () => {
    const seen: number[] = [];
    const job = defineJob({ name: 'test.lease', version: 1, payload: z.object({ n: z.number() }), run: async (_db, p) => void seen.push(p.n) });
    await scheduleJob(database.db, job, { payload: { n: 7 }, key: 'lease-1' });
    await database.db.update(jobs).set({ status: 'running', lockedUntil: new Date(Date.now() - 1000) }).where(eq(jobs.key, 'lease-1'));
    await new JobRunner(database.db, [job], quiet).runDue();
    expect(seen).toEqual([7]);
  });

  it('claims other kinds before bulk work due earlier, and a stopped runner claims nothing more', async () => {
    const seen: string[] = [];
    const push = defineJob({ name: 'test.bulk', version: 1, bulk: true, payload: z.object({ n: z.number() }), run: async (_db, p) => void seen.push(`push ${p.n}`) });
    const code = defineJob({ name: 'test.code', version: 1, payload: z.object({}), run: async () => void seen.push('code') });
    const count = defineJob({ name: 'test.count', version: 1, payload: z.object({}), run: async () => void seen.push('count') });
    const urgent = defineJob({ name: 'test.urgent', version: 1, urgent: true, payload: z.object({}), run: async () => void seen.push('urgent') });
    const runner = new JobRunner(database.db, [push, code, count, urgent], quiet);
    const earlier = new Date(Date.now() - 60_000);
    for (let n = 1; n <= 3; n++) await scheduleJob(database.db, push, { payload: { n }, runAt: earlier, key: `bulk-${n}` });
    await scheduleJob(database.db, count, { payload: {}, runAt: earlier, key: 'count-1' });
    await scheduleJob(database.db, code, { payload: {}, key: 'code-1' });
    await scheduleJob(database.db, urgent, { payload: {}, key: 'urgent-1' });
    expect(await runner.runDue()).toBe(6);
    // What a person waits for comes first, bulk pushes queued a minute before it last; the rest by due time.
    expect(seen.slice(0, 3)).toEqual(['urgent', 'count', 'code']);
    expect(seen.slice(3).sort()).toEqual(['push 1', 'push 2', 'push 3']);

    // Stopping ends the pass after the job in hand (a SIGTERM does not wait for a queue to drain).
    const stopping = defineJob({ name: 'test.stopping', version: 1, payload: z.object({ n: z.number() }), run: async (_db, p) => {
      seen.push(`stop ${p.n}`);
      if (p.n === 1) await stopper.stop();
    } });
    const stopper = new JobRunner(database.db, [stopping], quiet);
    for (let n = 1; n <= 3; n++) await scheduleJob(database.db, stopping, { payload: { n }, runAt: new Date(Date.now() - 60_000 + n), key: `stopping-${n}` });
    expect(await stopper.runDue()).toBe(1);
    expect(seen.filter((s) => s.startsWith('stop'))).toEqual(['stop 1']);
    await database.db.delete(jobs).where(eq(jobs.name, 'test.stopping'));
  });
});
