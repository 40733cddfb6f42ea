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
});
