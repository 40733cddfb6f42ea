import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';

const t = useTestApp();

describe('registration point staff', () => {
  it('are set by user id by the jurisdiction’s administrators, shown by name to them, and an unknown id is refused at its place', async () => {
    const admin = await t.factories.admin('140700');
    const a = await t.factories.user();
    const b = await t.factories.user();
    const code = String(10 + Math.floor(Math.random() * 80));
    const created = await t.api('POST', '/api/jurisdictions/140700/registration-points', { token: admin.token, body: { code, name: '人员测试登记点', staffUserIds: [a.id] } });
    expect(created.statusCode).toBe(201);
    const point = created.json();
    expect(point.staff).toEqual([{ id: a.id, name: expect.any(String) }]);
    const url = `/api/jurisdictions/140700/registration-points/${point.id}/staff`;

    const set = await t.api('PUT', url, { token: admin.token, body: { staffUserIds: [b.id, a.id] } });
    expect(set.statusCode).toBe(200);
    expect(set.json().staffUserIds).toEqual([b.id, a.id]);
    const listed = (await t.api('GET', '/api/jurisdictions/140700/registration-points', { token: admin.token })).json().items.find((p: { id: string }) => p.id === point.id);
    expect(listed.staff.map((s: { id: string }) => s.id)).toEqual([b.id, a.id]);
    expect(listed.staff.every((s: { name: string }) => s.name.length > 0)).toBe(true);
    // The public list names no one.
    const anonymous = (await t.api('GET', '/api/jurisdictions/140700/registration-points')).json().items.find((p: { id: string }) => p.id === point.id);
    expect(anonymous.staff.every((s: { name: string }) => s.name === '')).toBe(true);

    const unknown = await t.api('PUT', url, { token: admin.token, body: { staffUserIds: [a.id, '00000000-0000-4000-8000-000000000009'] } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'staffUserIds.1', message: expect.stringContaining('00000000-0000-4000-8000-000000000009') });
    const malformed = await t.api('PUT', url, { token: admin.token, body: { staffUserIds: ['张三'] } });
    expect(malformed.json().errors[0]).toMatchObject({ path: 'staffUserIds.0', message: expect.stringContaining('用户 ID') });
    // Nothing stored by the refusals.
    expect((await t.api('GET', '/api/jurisdictions/140700/registration-points')).json().items.find((p: { id: string }) => p.id === point.id).staffUserIds).toEqual([b.id, a.id]);

    const weihai = await t.factories.admin('371000');
    expect((await t.api('PUT', url, { token: weihai.token, body: { staffUserIds: [] } })).statusCode).toBe(403);
    expect((await t.api('PUT', url, { token: a.token, body: { staffUserIds: [] } })).statusCode).toBe(403);
    // A point of another jurisdiction is not found through this one.
    const other = await t.factories.admin('140000');
    expect((await t.api('PUT', `/api/jurisdictions/140100/registration-points/${point.id}/staff`, { token: other.token, body: { staffUserIds: [] } })).statusCode).toBe(404);
  });
});
