import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { useTestApp } from '../../test/testApp.ts';
import { defineEvent, deliveryJobs, onEvent, publish, type AnyEventHandler } from './events.ts';
import { JobRunner } from './jobs.ts';
import { dispatchAll } from '../events.ts';

const t = useTestApp();
const quiet = { error: () => {} };

const thingHappened = defineEvent('test.thingHappened', z.object({ thingId: z.string(), amountFen: z.number().int() }));
const unrelated = defineEvent('test.unrelated', z.object({}));

function runnerFor(handlers: AnyEventHandler[]) {
  return new JobRunner(t.database.db, deliveryJobs(handlers), quiet, undefined, (db) => dispatchAll(db, handlers));
}

describe('domain events', () => {
  it('exist only when the change that announced them commits', async () => {
    const seen: string[] = [];
    const handler = onEvent('test.recordRollback', thingHappened, async (_db, e) => void seen.push(e.payload.thingId));
    await t.database.db
      .transaction(async (tx) => {
        await publish(tx, thingHappened, { thingId: 'rolled-back', amountFen: 1 });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await t.database.db.transaction((tx) => publish(tx, thingHappened, { thingId: 'committed', amountFen: 2 }));
    await runnerFor([handler]).runDue();
    expect(seen).toEqual(['committed']);
  });

  it('reach every handler of their type once, with who caused them, and no handler of another type', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const other: string[] = [];
    const handlers = [
      onEvent('test.a', thingHappened, async (_db, e) => void a.push(`${e.payload.thingId}:${e.requestId}`)),
      onEvent('test.b', thingHappened, async (_db, e) => void b.push(e.payload.thingId)),
      onEvent('test.other', unrelated, async () => void other.push('x')),
    ];
    await publish(t.database.db, thingHappened, { thingId: 'T1', amountFen: 100 }, { requestId: 'req-1' });
    const runner = runnerFor(handlers);
    await runner.runDue();
    await runner.runDue();
    expect(a).toEqual(['T1:req-1']);
    expect(b).toEqual(['T1']);
    expect(other).toEqual([]);
  });

  it('refuse a payload that does not fit the event', async () => {
    await expect(publish(t.database.db, thingHappened, { thingId: 'T2', amountFen: 1.5 })).rejects.toThrow();
  });

  it('retry a failing handler with backoff, then leave it failed for an operator to see and retry', async () => {
    let calls = 0;
    let healthy = false;
    const handler = onEvent('test.flaky', thingHappened, async () => {
      calls++;
      if (!healthy) throw new Error('downstream unavailable');
    });
    await publish(t.database.db, thingHappened, { thingId: 'T3', amountFen: 3 });
    const runner = runnerFor([handler]);
    let at = Date.now();
    for (let i = 0; i < 5; i++) {
      await runner.runDue(new Date(at));
      at += 3600_000;
    }
    expect(calls).toBe(5);
    const [job] = await queryRows<{ id: string; status: string; last_error: string }>(t.database.db, sql`select id, status, last_error from jobs where name = 'event:test.flaky'`);
    expect(job!.status).toBe('failed');
    expect(job!.last_error).toContain('downstream unavailable');

    const admin = await t.factories.user({ platformAdmin: true });
    const cityAdmin = await t.factories.admin('140700');
    const list = await t.api('GET', '/api/operations/jobs?status=failed&name=event:', { token: admin.token });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((j: { id: string }) => j.id)).toContain(job!.id);
    expect((await t.api('GET', '/api/operations/jobs', { token: cityAdmin.token })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/operations/jobs/${job!.id}/retry`, { token: cityAdmin.token })).statusCode).toBe(403);

    healthy = true;
    const retried = await t.api('POST', `/api/operations/jobs/${job!.id}/retry`, { token: admin.token });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await runner.runDue();
    expect(calls).toBe(6);
    const [after] = await queryRows<{ status: string }>(t.database.db, sql`select status from jobs where id = ${job!.id}`);
    expect(after!.status).toBe('done');
    // A job that is not failed is not run again by hand.
    const again = await t.api('POST', `/api/operations/jobs/${job!.id}/retry`, { token: admin.token });
    expect(again.statusCode).toBe(409);
    const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where entity_id = ${job!.id}`);
    expect(audit.map((r) => r.action)).toEqual(['job.retried']);
  });

  it('are delivered after a restart when the server stopped between the change and the delivery', async () => {
    const seen: string[] = [];
    const handler = onEvent('test.durable', thingHappened, async (_db, e) => void seen.push(e.payload.thingId));
    await publish(t.database.db, thingHappened, { thingId: 'T4', amountFen: 4 });
    // The first runner dispatches the event into its job and stops before running it.
    await dispatchAll(t.database.db, [handler]);
    const afterRestart = runnerFor([handler]);
    await afterRestart.runDue();
    expect(seen).toEqual(['T4']);
  });
});
