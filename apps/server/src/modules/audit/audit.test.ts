import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../test/testApp.ts';
import { uniqueCreditCode } from '../../../test/factories.ts';
import { queryRows } from '../../db/client.ts';

const t = useTestApp();

type Event = { seq: number; action: string; entityType: string; entityId: string; actor: { id: string } | null; before: unknown; after: unknown; requestId: string; clientRequestId: string | null; ip: string; jurisdictionCode: string };

async function events(token: string, query = '') {
  return (await t.api('GET', `/api/audit?pageSize=100${query}`, { token })).json().items as Event[];
}

/** Tampering as a database superuser would: bypassing the append-only trigger. */
async function asSuperuser(statement: ReturnType<typeof sql>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
  });
}

describe('audit trail', () => {
  it('records every state change with actor, entity, before/after, request id and address', async () => {
    const admin = await t.factories.user({ platformAdmin: true });
    const u = await t.factories.user();
    const org = (
      await t.api('POST', '/api/organizations', {
        token: u.token,
        headers: { 'x-request-id': 'req-apply-0001' },
        body: { name: '审计测试企业', type: 'enterprise', creditCode: uniqueCreditCode(), jurisdictionCode: '140700' },
      })
    ).json();
    // An organisation is approved with its business licence on file (issue 12); set here without an event of its own.
    await queryRows(t.database.db, sql`update organizations set licence_sha256 = ${'0'.repeat(64)}, licence_file_name = '营业执照.pdf' where id = ${org.id}`);
    await t.api('POST', `/api/organizations/${org.id}/verify`, { token: admin.token, body: { decision: 'approve' } });
    const list = await events(admin.token, `&entityType=organization&entityId=${org.id}`);
    expect(list.map((e) => e.action)).toEqual(['organization.verify', 'organization.apply']);
    const [verify, applied] = list;
    expect(applied).toMatchObject({ actor: { id: u.id }, clientRequestId: 'req-apply-0001', jurisdictionCode: '140700', before: null });
    // The audit keeps the server's own request id; a client's header is kept beside it, never instead of it.
    expect(applied!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(applied!.requestId).not.toBe('req-apply-0001');
    expect(applied!.ip).toBeTruthy();
    expect(applied!.after).toMatchObject({ name: '审计测试企业', status: 'pending' });
    expect(verify).toMatchObject({ actor: { id: admin.id }, before: { status: 'pending' }, after: { status: 'verified' } });
    expect(verify!.seq).toBeGreaterThan(applied!.seq);
  });

  it('a refused change writes no event and changes nothing', async () => {
    const admin = await t.factories.user({ platformAdmin: true });
    const before = (await t.api('GET', '/api/audit/verify', { token: admin.token })).json().count;
    const u = await t.factories.user();
    await t.api('POST', '/api/organizations', { token: u.token, body: { name: 'x', type: 'enterprise', creditCode: uniqueCreditCode(), jurisdictionCode: '999999' } });
    expect((await t.api('GET', '/api/audit/verify', { token: admin.token })).json()).toEqual({ ok: true, count: before });
  });

  it('the chain verifies, and an edited or deleted past event is found', async () => {
    const admin = await t.factories.user({ platformAdmin: true });
    const u = await t.factories.user();
    for (let i = 0; i < 3; i++) {
      await t.api('PUT', '/api/me/profiles/researcher', { token: u.token, body: { fields: [`领域${i}`] } });
    }
    const ok = (await t.api('GET', '/api/audit/verify', { token: admin.token })).json();
    expect(ok.ok).toBe(true);
    expect(ok.count).toBeGreaterThanOrEqual(3);

    const mine = await events(admin.token, `&actorId=${u.id}`);
    const target = mine.at(-1)!; // the first of the three
    await expect(t.database.db.execute(sql`update audit_events set action = 'x' where seq = ${target.seq}`)).rejects.toThrow();

    await asSuperuser(sql`update audit_events set after = '{"kind":"researcher","fields":["篡改"]}'::jsonb where seq = ${target.seq}`);
    const edited = (await t.api('GET', '/api/audit/verify', { token: admin.token })).json();
    expect(edited).toMatchObject({ ok: false, firstBrokenSeq: target.seq, reason: 'content' });

    await asSuperuser(sql`delete from audit_events where seq = ${target.seq}`);
    const deleted = (await t.api('GET', '/api/audit/verify', { token: admin.token })).json();
    expect(deleted).toMatchObject({ ok: false, firstBrokenSeq: target.seq });
  });

  it('a removed last event is found through the chain head', async () => {
    const admin = await t.factories.user({ platformAdmin: true });
    const [{ seq: last }] = (await queryRows<{ seq: number }>(t.database.db, sql`select max(seq)::int as seq from audit_events`)) as [{ seq: number }];
    await asSuperuser(sql`delete from audit_events where seq = ${last}`);
    const res = (await t.api('GET', '/api/audit/verify', { token: admin.token })).json();
    expect(res.ok).toBe(false);
  });
});
