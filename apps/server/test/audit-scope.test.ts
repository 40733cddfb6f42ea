import { describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';
import { uniqueCreditCode } from './factories.ts';

// A file of its own: the tampering tests in audit.test.ts break the chain on purpose.
const t = useTestApp();

describe('audit log scope', () => {
  it('an administrator reads the events of their subtree only; others are refused', async () => {
    const u = await t.factories.user();
    const apply = (jurisdictionCode: string) =>
      t.api('POST', '/api/organizations', { token: u.token, body: { name: `单位${jurisdictionCode}`, type: 'enterprise', creditCode: uniqueCreditCode(), jurisdictionCode } });
    const jz = (await apply('140700')).json();
    const wh = (await apply('371000')).json();
    const shanxi = await t.factories.admin('140000');
    const ids = ((await t.api('GET', '/api/audit?pageSize=100', { token: shanxi.token })).json().items as { entityId: string }[]).map((e) => e.entityId);
    expect(ids).toContain(jz.id);
    expect(ids).not.toContain(wh.id);
    expect((await t.api('GET', '/api/audit', { token: u.token })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/audit/verify', { token: u.token })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/audit')).statusCode).toBe(401);
    expect((await t.api('GET', '/api/audit/verify', { token: shanxi.token })).json()).toMatchObject({ ok: true });
  });

  it('filters by time', async () => {
    const admin = await t.factories.user({ platformAdmin: true });
    const future = encodeURIComponent(new Date(Date.now() + 3600_000).toISOString());
    expect((await t.api('GET', `/api/audit?from=${future}`, { token: admin.token })).json().total).toBe(0);
    expect((await t.api('GET', `/api/audit?to=${future}`, { token: admin.token })).json().total).toBeGreaterThan(0);
    const bad = await t.api('GET', '/api/audit?from=yesterday', { token: admin.token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('from');
  });
});
