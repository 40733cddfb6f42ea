import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';

const t = useTestApp();

describe('jurisdictions', () => {
  it('lists the seeded tree with GB/T 2260 codes', async () => {
    const res = (await t.api('GET', '/api/jurisdictions')).json();
    const byCode = Object.fromEntries(res.items.map((j: { code: string }) => [j.code, j]));
    expect(byCode['140700']).toMatchObject({ name: '晋中市', parentCode: '140000', level: 'city', path: '140000/140700' });
    expect(byCode['210100']).toMatchObject({ name: '沈阳市', parentCode: '210000' });
    expect(byCode['371000']).toMatchObject({ name: '威海市', parentCode: '370000' });
    expect(byCode['610000']).toMatchObject({ name: '陕西省', level: 'province' });
  });

  it('a city administrator adds a county; others cannot; codes must fit', async () => {
    const jz = await t.factories.admin('140700');
    const wh = await t.factories.admin('371000');
    const body = { code: '140721', name: '榆社县', parentCode: '140700' };
    expect((await t.api('POST', '/api/jurisdictions', { token: wh.token, body })).statusCode).toBe(403);
    const plain = await t.factories.user();
    expect((await t.api('POST', '/api/jurisdictions', { token: plain.token, body })).statusCode).toBe(403);
    const created = await t.api('POST', '/api/jurisdictions', { token: jz.token, body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ level: 'county', path: '140000/140700/140721' });
    expect((await t.api('POST', '/api/jurisdictions', { token: jz.token, body })).statusCode).toBe(409);
    const wrongPrefix = await t.api('POST', '/api/jurisdictions', { token: jz.token, body: { code: '150721', name: '错', parentCode: '140700' } });
    expect(wrongPrefix.statusCode).toBe(400);
    expect(wrongPrefix.json().errors[0]).toMatchObject({ path: 'code' });
    const unknownParent = await t.api('POST', '/api/jurisdictions', { token: jz.token, body: { code: '990101', name: '无', parentCode: '990100' } });
    expect(unknownParent.json().errors[0]).toEqual({ path: 'parentCode', message: '行政区划不存在' });
    // The city administrator now administers the county too.
    const ctyAdmins = await t.api('GET', '/api/jurisdictions/140721/admins', { token: jz.token });
    expect(ctyAdmins.statusCode).toBe(200);
  });

  it('only platform administrators add provinces', async () => {
    const shanxi = await t.factories.admin('140000');
    const body = { code: '150000', name: '内蒙古自治区' };
    expect((await t.api('POST', '/api/jurisdictions', { token: shanxi.token, body })).statusCode).toBe(403);
    const root = await t.factories.user({ platformAdmin: true });
    expect((await t.api('POST', '/api/jurisdictions', { token: root.token, body })).statusCode).toBe(201);
  });

  it('administrators appoint and remove administrators in their subtree; the new one acts there', async () => {
    const shanxi = await t.factories.admin('140000');
    const person = await t.factories.user();
    const granted = await t.api('POST', '/api/jurisdictions/140700/admins', { token: shanxi.token, body: { login: person.email } });
    expect(granted.statusCode).toBe(201);
    expect((await t.api('POST', '/api/jurisdictions/140700/admins', { token: shanxi.token, body: { login: person.email } })).statusCode).toBe(409);
    expect((await t.api('GET', '/api/me', { token: person.token })).json().adminOf).toEqual([{ code: '140700', name: '晋中市' }]);
    const weihai = await t.factories.admin('371000');
    expect((await t.api('POST', '/api/jurisdictions/140700/admins', { token: weihai.token, body: { login: person.email } })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/jurisdictions/140700/admins/${person.id}`, { token: weihai.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/jurisdictions/140700/admins/${person.id}`, { token: shanxi.token })).statusCode).toBe(204);
    expect((await t.api('GET', '/api/me', { token: person.token })).json().adminOf).toEqual([]);
    const unknown = await t.api('POST', '/api/jurisdictions/140700/admins', { token: shanxi.token, body: { login: 'nobody@nowhere.cn' } });
    expect(unknown.json().errors).toEqual([{ path: 'login', message: '找不到该账号' }]);
  });
});
